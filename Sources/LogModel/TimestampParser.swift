/// Byte-level parsers for the timestamp syntaxes of access logs, each caching the day so the
/// calendar arithmetic runs once per distinct date, not once per line.
public struct TimestampParser {
    @usableFromInline var cachedDateKey: UInt64 = .max
    @usableFromInline var cachedDateTail: UInt32 = .max
    @usableFromInline var cachedDayMicros: Int64 = 0
    /// The last whole timestamp text read by `parseCommonLog` and its result: consecutive
    /// lines usually share the second.
    @usableFromInline let lastText = OwnedBytes(capacity: 40)
    @usableFromInline var lastTextCount = -1
    @usableFromInline var lastTime: Int64 = 0
    @usableFromInline var lastOffset: Int32 = 0

    public init() {}

    /// Years a log timestamp may have; others are rejected as `.badTimestamp` so that one
    /// garbage date cannot stretch per-day tables over millennia.
    public static let plausibleYears = 1970...2199
    /// 2200-01-01T00:00:00Z in seconds.
    public static let latestEpochSeconds: Int64 = 7_258_118_400

    /// Parses Apache/nginx `%t` / `$time_local` text, `10/Oct/2000:13:55:36 -0700` (no brackets),
    /// optionally with a fraction after the seconds. Sets `hit.time` and `hit.utcOffsetSeconds`.
    ///
    /// - Complexity: O(1); the day is computed once per distinct date.
    @inlinable
    public mutating func parseCommonLog(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        if v.count == lastTextCount, memcmpBytes(lastText.bytes.baseAddress!, v.baseAddress!, v.count) {
            hit.time = lastTime
            hit.utcOffsetSeconds = lastOffset
            return
        }
        try parseCommonLogText(v, into: &hit)
        if v.count <= lastText.bytes.count {
            lastText.bytes.baseAddress!.update(from: v.baseAddress!, count: v.count)
            lastTextCount = v.count
            lastTime = hit.time
            lastOffset = hit.utcOffsetSeconds
        }
    }

    @inlinable
    mutating func parseCommonLogText(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        // dd/Mon/yyyy:HH:MM:SS
        guard v.count >= 20, v[2] == ASCII.slash, v[6] == ASCII.slash, v[11] == ASCII.colon else {
            throw .badTimestamp
        }
        // The 11 bytes "dd/Mon/yyyy" are the cache key: 8 bytes + 3 bytes, compared exactly.
        let key = Self.load8(v, 0)
        let tail = UInt32(v[8]) << 16 | UInt32(v[9]) << 8 | UInt32(v[10])
        if key != cachedDateKey || tail != cachedDateTail {
            let day = try Self.number(v, 0, 2)
            let month = CivilTime.month(v[3], v[4], v[5])
            let year = try Self.number(v, 7, 4)
            guard month != 0, day >= 1, day <= 31, Self.plausibleYears.contains(year) else { throw .badTimestamp }
            cachedDayMicros = Int64(CivilTime.days(year: year, month: month, day: day)) * 86_400_000_000
            cachedDateKey = key
            cachedDateTail = tail
        }
        var i = 12
        let seconds = try Self.clock(v, &i)
        var micros = cachedDayMicros + seconds * 1_000_000
        micros += Self.fraction(v, &i)
        var offset: Int32 = 0
        if i < v.count, v[i] == ASCII.space {
            i += 1
            offset = try Self.zoneOffset(v, &i)
        }
        hit.time = micros - Int64(offset) * 1_000_000
        hit.utcOffsetSeconds = offset
    }

    /// Parses ISO-8601 / RFC 3339 date-times: `2018-07-02T22:23:00.186641Z`, `2026-11-01T13:05:09+01:00`,
    /// or a date and a time separated by a space. Without a zone the time is taken as UTC.
    @inlinable
    public mutating func parseISO8601(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        guard v.count >= 19, v[4] == ASCII.dash, v[7] == ASCII.dash,
            v[10] == UInt8(ascii: "T") || v[10] == ASCII.space || v[10] == UInt8(ascii: "t")
        else { throw .badTimestamp }
        try setDate(v, 0)
        var i = 11
        let seconds = try Self.clock(v, &i)
        var micros = cachedDayMicros + seconds * 1_000_000
        micros += Self.fraction(v, &i)
        var offset: Int32 = 0
        if i < v.count {
            offset = try Self.zoneOffset(v, &i)
        }
        hit.time = micros - Int64(offset) * 1_000_000
        hit.utcOffsetSeconds = offset
    }

    /// Parses a W3C/CloudFront `date` column (`2019-12-04`) and `time` column (`21:02:31`, optional
    /// fraction), both UTC by the W3C definition.
    @inlinable
    public mutating func parseDateAndTime(date: ByteView, time: ByteView, into hit: inout Hit) throws(LineRejection) {
        guard date.count == 10, date[4] == ASCII.dash, date[7] == ASCII.dash, time.count >= 8 else {
            throw .badTimestamp
        }
        try setDate(date, 0)
        var i = 0
        let seconds = try Self.clock(time, &i)
        hit.time = cachedDayMicros + seconds * 1_000_000 + Self.fraction(time, &i)
        hit.utcOffsetSeconds = 0
    }

    /// Parses seconds since the epoch with an optional fraction (`1646861401.5241024`, nginx `$msec`).
    @inlinable
    public static func parseEpochSeconds(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        var i = 0
        var secs: Int64 = 0
        while i < v.count, ASCII.digit(v[i]) < 10 {
            secs = secs &* 10 &+ Int64(ASCII.digit(v[i]))
            i += 1
        }
        guard i > 0, i <= 12, secs < Self.latestEpochSeconds else { throw .badTimestamp }
        let frac = fraction(v, &i)
        guard i == v.count else { throw .badTimestamp }
        hit.time = secs * 1_000_000 + frac
        hit.utcOffsetSeconds = 0
    }

    @inlinable
    mutating func setDate(_ v: ByteView, _ at: Int) throws(LineRejection) {
        let key = Self.load8(v, at)
        let tail = UInt32(v[at + 8]) << 8 | UInt32(v[at + 9])
        if key != cachedDateKey || tail != cachedDateTail {
            let year = try Self.number(v, at, 4)
            let month = try Self.number(v, at + 5, 2)
            let day = try Self.number(v, at + 8, 2)
            guard month >= 1, month <= 12, day >= 1, day <= 31, Self.plausibleYears.contains(year) else {
                throw .badTimestamp
            }
            cachedDayMicros = Int64(CivilTime.days(year: year, month: month, day: day)) * 86_400_000_000
            cachedDateKey = key
            cachedDateTail = tail
        }
    }

    @inlinable
    static func load8(_ v: ByteView, _ at: Int) -> UInt64 {
        // Safe because callers checked that `at + 8 <= v.count`.
        UnsafeRawPointer(v.baseAddress! + at).loadUnaligned(as: UInt64.self)
    }

    @inlinable
    static func number(_ v: ByteView, _ at: Int, _ width: Int) throws(LineRejection) -> Int {
        var n = 0
        for i in at..<(at + width) {
            let d = ASCII.digit(v[i])
            guard d < 10 else { throw .badTimestamp }
            n = n * 10 + Int(d)
        }
        return n
    }

    /// `HH:MM:SS` at `i` → seconds of day; advances `i` past it.
    @inlinable
    static func clock(_ v: ByteView, _ i: inout Int) throws(LineRejection) -> Int64 {
        guard i + 8 <= v.count, v[i + 2] == ASCII.colon, v[i + 5] == ASCII.colon else { throw .badTimestamp }
        let h1 = ASCII.digit(v[i]), h2 = ASCII.digit(v[i + 1])
        let m1 = ASCII.digit(v[i + 3]), m2 = ASCII.digit(v[i + 4])
        let s1 = ASCII.digit(v[i + 6]), s2 = ASCII.digit(v[i + 7])
        guard (h1 | h2 | m1 | m2 | s1 | s2) & 0xF0 == 0, h2 < 10, m2 < 10, s2 < 10 else { throw .badTimestamp }
        let h = Int64(h1) * 10 + Int64(h2)
        let m = Int64(m1) * 10 + Int64(m2)
        let s = Int64(s1) * 10 + Int64(s2)
        guard h < 24, m < 60, s < 61 else { throw .badTimestamp }
        i += 8
        return h * 3600 + m * 60 + s
    }

    /// Optional `.fff…` or `,fff…` at `i` → microseconds; advances `i` past it.
    @inlinable
    static func fraction(_ v: ByteView, _ i: inout Int) -> Int64 {
        guard i < v.count, v[i] == ASCII.dot || v[i] == ASCII.comma else { return 0 }
        i += 1
        var micros: Int64 = 0
        var scale: Int64 = 100_000
        while i < v.count, ASCII.digit(v[i]) < 10 {
            micros += Int64(ASCII.digit(v[i])) * scale
            scale /= 10
            i += 1
        }
        return micros
    }

    /// `Z`, `+HHMM`, `-HHMM`, `+HH:MM` or `+HH` at `i` → seconds east of UTC.
    @inlinable
    static func zoneOffset(_ v: ByteView, _ i: inout Int) throws(LineRejection) -> Int32 {
        guard i < v.count else { throw .badTimestamp }
        let sign = v[i]
        if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
            i += 1
            return 0
        }
        guard sign == ASCII.plus || sign == ASCII.dash, i + 3 <= v.count else { throw .badTimestamp }
        let h = try number(v, i + 1, 2)
        i += 3
        var m = 0
        if i < v.count, v[i] == ASCII.colon { i += 1 }
        if i + 2 <= v.count, ASCII.digit(v[i]) < 10 {
            m = try number(v, i, 2)
            i += 2
        }
        guard h <= 18, m < 60 else { throw .badTimestamp }
        let seconds = Int32(h * 3600 + m * 60)
        return sign == ASCII.dash ? -seconds : seconds
    }
}
