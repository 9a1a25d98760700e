import LogModel

/// The W3C extended log file format, as written by Microsoft IIS and other servers and
/// services (IIS Advanced Logging, Incapsula): `#` directives, a `#Fields:` header naming the
/// columns, then one space-separated request per line (values may be `"`-quoted).
///
/// Columns are read by name from the current `#Fields:` header, which may change mid-file:
/// `date`+`time` (UTC; `#Date:` supplies the date when there is no `date` column) → `Hit.time`,
/// `c-ip` → `client`, `cs-username` → `user`, `cs-method` → `method`, `cs-uri-stem` → `path`
/// (raw, percent-encoded), `cs-uri-query` → `query`, `cs-version` → `protocolVersion`,
/// `sc-status` → `status`, `sc-bytes` → `bytes`, `cs(User-Agent)` → `userAgent`, `cs(Referer)` →
/// `referrer`, `cs-host`/`cs(Host)` → `host`, `time-taken` (milliseconds) → `durationMicros`.
/// Fallbacks used only when the standard column is absent: `date-local`/`time-local` and
/// `TimeTakenMS` (IIS Advanced Logging), `cs-uri` (path and query, and the host when written
/// as `host/path`), `cs(Referrer)` (Incapsula). Every other column — and any losing duplicate —
/// goes to `Hit.extras` under its name as written in the header (`s-ip`, `sc-substatus`,
/// `sc-win32-status`, `cs(Cookie)`, …).
public struct W3CFormat: LogFormat {
    /// The W3C format as IIS writes it (`W3CDialect.w3c`).
    public init() {}

    /// `w3c`.
    public var name: String { "w3c" }

    /// `#`: `#Fields:` and `#Date:` lines change how later lines are read.
    public var directivePrefix: UInt8? { ASCII.hash }

    /// A fresh `W3CParser` with the `.w3c` dialect.
    public func makeParser() -> any LogParser { W3CParser(dialect: .w3c) }
}

/// The ways W3C-style column logs differ between writers; `W3CParser` is one engine configured
/// by a dialect (`.w3c` for IIS and friends, `.cloudFront` for AWS CloudFront).
public struct W3CDialect: Sendable, Equatable {
    /// How the values of a data line are separated.
    public enum Separator: Sendable, Equatable {
        /// Runs of spaces or tabs separate values; a value may be wrapped in `"` (with `""` for a
        /// quote inside). Leading and trailing white space is ignored.
        case whitespace
        /// Exactly one tab separates two values; no quoting; an empty value between two tabs is
        /// a column. A trailing tab adds an empty column, which is ignored like any extra column.
        case tab
    }

    /// How the writer escaped header values (`cs(User-Agent)`, `cs(Referer)`, `cs(Cookie)`).
    public enum ValueEscaping: Sendable, Equatable {
        /// IIS: spaces written as `+` in unquoted values; `+` is decoded to a space.
        case plusForSpace
        /// CloudFront: percent-encoding (`%20`), decoded once (`%2520` becomes `%20`).
        case percentEncoding
    }

    /// How values are separated.
    public var separator: Separator
    /// How header values are escaped.
    public var valueEscaping: ValueEscaping
    /// Microseconds per unit of `time-taken`: 1 000 for IIS milliseconds, 1 000 000 for seconds.
    public var timeTakenMicrosPerUnit: Int64
    /// True when an `sc-status` of `000` is a documented "no response" (CloudFront: the viewer
    /// closed the connection first) and is kept as status 0 instead of rejected.
    public var zeroStatusMeansNoResponse: Bool

    /// A dialect; see the properties for what each part means.
    public init(
        separator: Separator, valueEscaping: ValueEscaping, timeTakenMicrosPerUnit: Int64,
        zeroStatusMeansNoResponse: Bool
    ) {
        self.separator = separator
        self.valueEscaping = valueEscaping
        self.timeTakenMicrosPerUnit = timeTakenMicrosPerUnit
        self.zeroStatusMeansNoResponse = zeroStatusMeansNoResponse
    }

    /// W3C extended as IIS writes it: space-separated, optional `"` quoting, `+` for spaces in
    /// header values, `time-taken` in milliseconds.
    public static let w3c = W3CDialect(
        separator: .whitespace, valueEscaping: .plusForSpace, timeTakenMicrosPerUnit: 1_000,
        zeroStatusMeansNoResponse: false)
}

/// Where one column of a `#Fields:` header goes. Resolved once per header, so the per-line loop
/// is a `switch` over a small array.
enum W3CSlot: Equatable {
    case date
    case time
    case client
    case user
    case method
    /// `cs-uri-stem`: the path, raw.
    case path
    /// `cs-uri` when there is no `cs-uri-stem`: `/path?query`, `host/path?query` (Incapsula) or
    /// an absolute URL. `setsQuery` is false when a `cs-uri-query` column supplies the query.
    case uri(setsQuery: Bool)
    case query
    case protocolVersion
    case status
    case bytes
    case userAgent
    case referrer
    case host
    /// Time taken as a decimal number of `microsPerUnit` microseconds.
    case duration(microsPerUnit: Int64)
    /// A value kept in `Hit.extras` at this position.
    case extra(Int)
}

/// One resolved column: where its value goes and whether the dialect's value escaping applies.
struct W3CColumn: Equatable {
    var slot: W3CSlot
    /// True for `cs(User-Agent)`, `cs(Referer)` and `cs(Cookie)`.
    var unescapes: Bool
}

/// The compiled form of a `#Fields:` header.
struct W3CHeader {
    /// The field names as written, in column order.
    var names: [String]
    var columns: [W3CColumn]
    var extraNames: [String]

    /// Maps each field name to a `Hit` field, or to an extra when it is not a standard column or
    /// when a better column for the same `Hit` field is present (`x-host-header` beats `cs(Host)`,
    /// `cs-uri-stem` beats `cs-uri`, `date` beats `date-local`; otherwise the first column wins).
    init(names: [String], dialect: W3CDialect) {
        self.names = names
        let lowered = names.map { $0.lowercased() }
        let candidates = lowered.map { Self.candidate($0, dialect: dialect) }
        var winner: [Kind: (index: Int, priority: Int)] = [:]
        for (index, candidate) in candidates.enumerated() {
            guard let (kind, priority, _) = candidate else { continue }
            if let best = winner[kind], best.priority >= priority { continue }
            winner[kind] = (index, priority)
        }
        var columns: [W3CColumn] = []
        var extraNames: [String] = []
        columns.reserveCapacity(names.count)
        for (index, name) in lowered.enumerated() {
            let unescapes =
                name == "cs(user-agent)" || name == "cs(referer)" || name == "cs(referrer)"
                || name == "cs(cookie)"
            if let (kind, _, slot) = candidates[index], winner[kind]?.index == index {
                var slot = slot
                if case .uri = slot { slot = .uri(setsQuery: winner[.query] == nil) }
                columns.append(W3CColumn(slot: slot, unescapes: unescapes))
            } else {
                columns.append(W3CColumn(slot: .extra(extraNames.count), unescapes: unescapes))
                extraNames.append(names[index])
            }
        }
        self.columns = columns
        self.extraNames = extraNames
    }

    /// The `Hit` fields a column can claim.
    enum Kind: Hashable {
        case date, time, client, user, method, path, query, protocolVersion, status, bytes
        case userAgent, referrer, host, duration
    }

    /// (kind, priority, slot) for a standard column name (lowercased); nil for an extra.
    static func candidate(_ lowercased: String, dialect: W3CDialect) -> (Kind, Int, W3CSlot)? {
        switch lowercased {
        case "date": (.date, 2, .date)
        case "date-local": (.date, 1, .date)
        case "time": (.time, 2, .time)
        case "time-local": (.time, 1, .time)
        case "c-ip": (.client, 1, .client)
        case "cs-username": (.user, 1, .user)
        case "cs-method": (.method, 1, .method)
        case "cs-uri-stem": (.path, 2, .path)
        case "cs-uri": (.path, 1, .uri(setsQuery: true))
        case "cs-uri-query": (.query, 1, .query)
        case "cs-version", "cs-protocol-version": (.protocolVersion, 1, .protocolVersion)
        case "sc-status": (.status, 1, .status)
        case "sc-bytes": (.bytes, 1, .bytes)
        case "cs(user-agent)": (.userAgent, 1, .userAgent)
        case "cs(referer)": (.referrer, 2, .referrer)
        case "cs(referrer)": (.referrer, 1, .referrer)  // Incapsula's spelling
        case "x-host-header": (.host, 3, .host)
        case "cs-host", "cs(host)": (.host, 2, .host)
        case "time-taken": (.duration, 2, .duration(microsPerUnit: dialect.timeTakenMicrosPerUnit))
        case "timetakenms": (.duration, 1, .duration(microsPerUnit: 1_000))  // IIS Advanced Logging
        default: nil
        }
    }
}

/// Reads W3C-style column logs (W3C extended / IIS, and CloudFront through its dialect) line by
/// line, keeping the current `#Fields:` header and `#Date:` between lines.
///
/// Lines: blank → `false`; `#Fields: a b c` → new header, `false`; `#Date: 2026-11-01 00:00:00`
/// → date for lines without a `date` column, `false`; other `#` lines → `false`; data → `true`.
/// Values of `-` mean "no value": empty `query`, `host`, `protocolVersion` and extras, `-1`
/// bytes and duration, status 0. `path` stays percent-encoded (`pathIsDecoded` is false) and
/// `query` raw; `cs(User-Agent)`, `cs(Referer)` and `cs(Cookie)` are unescaped per the dialect
/// into the parser's scratch space.
///
/// Throws `.missingFieldsHeader` for data before any `#Fields:`, `.missingColumns` for fewer
/// values than the header names (extra trailing values are ignored), `.unterminatedQuote`,
/// `.badTimestamp` (missing or malformed date/time), `.badStatus` (not 100…599), `.badNumber`
/// (`sc-bytes`, `time-taken`).
///
/// Give each worker its own parser (`LogFormat.makeParser()`): copies of one share scratch space.
///
/// - Complexity: O(line length) per line with no allocation; a `#Fields:` line allocates the
///   column map and the extras table (reused when the header repeats unchanged).
public struct W3CParser: LogParser {
    /// The dialect this parser reads.
    public let dialect: W3CDialect

    var header: W3CHeader?
    /// Copied out of `header` so the line loop does not go through an optional.
    var columns: [W3CColumn] = []
    var extraTable = ExtraFieldTable(names: [])
    var timestamps = TimestampParser()
    var scratch = ScratchBuffer()
    /// `YYYY-MM-DD` of the last `#Date:` directive, owned so it outlives the directive line.
    let directiveDateBytes = OwnedBytes(capacity: 10)
    var hasDirectiveDate = false

    /// A parser for `dialect`, with no header yet.
    public init(dialect: W3CDialect = .w3c) {
        self.dialect = dialect
    }

    /// The field names of the current `#Fields:` header, as written; empty before any.
    public var fieldNames: [String] { header?.names ?? [] }

    /// Parses one line; see the type's documentation for what each kind of line does.
    public mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        var start = 0
        var end = line.count
        let tabs = dialect.separator == .tab
        // A CRLF file leaves its CR; white space around the line means nothing, except that
        // a tab-separated line keeps trailing tabs (they delimit empty columns).
        while end > 0 {
            let b = line[end - 1]
            guard b == ASCII.carriageReturn || (!tabs && (b == ASCII.space || b == ASCII.tab)) else { break }
            end -= 1
        }
        while start < end, line[start] == ASCII.space || line[start] == ASCII.tab { start += 1 }
        if start == end { return false }
        if line[start] == ASCII.hash {
            // Safe because `start < end <= line.count`.
            readDirective(line.slice(start, end - start))
            return false
        }
        guard header != nil else { throw .missingFieldsHeader }
        // Safe because `start <= end <= line.count`.
        try readRecord(line.slice(start, end - start), into: &hit)
        return true
    }

    // MARK: - Data lines

    /// Reads the values of a data line (already trimmed, non-empty) by the current header.
    mutating func readRecord(_ line: ByteView, into hit: inout Hit) throws(LineRejection) {
        hit = Hit()
        scratch.reset()
        let values = extraTable.values
        let end = line.count
        let tabs = dialect.separator == .tab
        var date: ByteView = .none
        var time: ByteView = .none
        var i = 0
        for k in 0..<columns.count {
            let column = columns[k]
            var value: ByteView
            var quoted = false
            if tabs {
                // `i == end + 1` marks that the previous value ended the line.
                guard i <= end else { throw .missingColumns }
                let j = line.w3cIndex(of: ASCII.tab, or: ASCII.tab, from: i, to: end)
                // Safe because `i <= j <= end == line.count`.
                value = line.slice(i, j - i)
                i = j + 1
            } else {
                while i < end, line[i] == ASCII.space || line[i] == ASCII.tab { i += 1 }
                guard i < end else { throw .missingColumns }
                if line[i] == ASCII.quote {
                    quoted = true
                    var doubled = false
                    var j = i + 1
                    // The closing quote is a `"` followed by white space or the end of the line;
                    // `""` is a quote inside the value; any other `"` is kept as written.
                    while true {
                        j = line.w3cIndex(of: ASCII.quote, or: ASCII.quote, from: j, to: end)
                        guard j < end else { throw .unterminatedQuote }
                        if j + 1 == end || line[j + 1] == ASCII.space || line[j + 1] == ASCII.tab { break }
                        if line[j + 1] == ASCII.quote {
                            doubled = true
                            j += 2
                        } else {
                            j += 1
                        }
                    }
                    // Safe because `i < j < end == line.count`.
                    value = line.slice(i + 1, j - i - 1)
                    if doubled { value = try undoubleQuotes(value) }
                    i = j + 1
                } else {
                    let j = line.w3cIndex(of: ASCII.space, or: ASCII.tab, from: i, to: end)
                    // Safe because `i < j <= end == line.count`.
                    value = line.slice(i, j - i)
                    i = j
                }
            }
            if column.unescapes { value = try unescape(value, quoted: quoted) }

            switch column.slot {
            case .date: date = value
            case .time: time = value
            case .client: hit.client = value
            case .user: hit.user = value
            case .method: hit.method = value
            case .path: hit.path = value
            case .uri(let setsQuery): Self.splitURI(value, setsQuery: setsQuery, into: &hit)
            case .query: hit.query = value.isDash ? .none : value
            case .protocolVersion: hit.protocolVersion = value.isDash ? .none : value
            case .status: hit.status = try status(value)
            case .bytes:
                if !(value.isEmpty || value.isDash) {
                    guard let n = NumberParsing.integer(value) else { throw .badNumber }
                    hit.bytes = n
                }
            case .userAgent: hit.userAgent = value
            case .referrer: hit.referrer = value
            case .host: hit.host = value.isDash ? .none : value
            case .duration(let microsPerUnit):
                if !(value.isEmpty || value.isDash) {
                    guard let n = NumberParsing.decimal(value, scale: microsPerUnit) else { throw .badNumber }
                    hit.durationMicros = n
                }
            case .extra(let slot):
                // Safe because extra slots are numbered 0..<extraNames.count, the table's size.
                values[slot] = value.isDash ? .none : value
            }
        }
        if date.isEmpty, hasDirectiveDate {
            // Safe because the buffer holds the 10 bytes written by the last `#Date:`.
            date = ByteView(start: directiveDateBytes.bytes.baseAddress, count: 10)
        }
        guard !time.isEmpty, !date.isEmpty else { throw .badTimestamp }
        try timestamps.parseDateAndTime(date: date, time: time, into: &hit)
        hit.extras = extraTable.fields
    }

    /// The status: 100…599, or 0 for `-`/empty (and `000` when the dialect documents it).
    func status(_ v: ByteView) throws(LineRejection) -> Int32 {
        if v.isEmpty || v.isDash { return 0 }
        guard v.count == 3 else { throw .badStatus }
        let a = v[0] &- ASCII.zero
        let b = v[1] &- ASCII.zero
        let c = v[2] &- ASCII.zero
        guard a < 10, b < 10, c < 10 else { throw .badStatus }
        let n = Int32(a) * 100 + Int32(b) * 10 + Int32(c)
        if n == 0, dialect.zeroStatusMeansNoResponse { return 0 }
        guard n >= 100, n <= 599 else { throw .badStatus }
        return n
    }

    /// Undoes the dialect's escaping of a header value, into scratch space when it changes.
    mutating func unescape(_ v: ByteView, quoted: Bool) throws(LineRejection) -> ByteView {
        switch dialect.valueEscaping {
        case .plusForSpace:
            // A quoted value was written with real spaces, so a `+` in it is a plus.
            guard !quoted, v.w3cIndex(of: ASCII.plus, or: ASCII.plus, from: 0, to: v.count) < v.count else {
                return v
            }
            return try scratch.append(maxCount: v.count) { out in
                for k in 0..<v.count { out[k] = v[k] == ASCII.plus ? ASCII.space : v[k] }
                return v.count
            }
        case .percentEncoding:
            guard v.w3cIndex(of: ASCII.percent, or: ASCII.percent, from: 0, to: v.count) < v.count else {
                return v
            }
            // Decoding never grows the value, so `v.count` bytes of room suffice.
            return try scratch.append(maxCount: v.count) { out in ByteDecoding.percentDecode(v, into: out) }
        }
    }

    /// `a""b` → `a"b`, into scratch space.
    mutating func undoubleQuotes(_ v: ByteView) throws(LineRejection) -> ByteView {
        try scratch.append(maxCount: v.count) { out in
            var o = 0
            var k = 0
            while k < v.count {
                out[o] = v[k]
                o += 1
                k += v[k] == ASCII.quote && k + 1 < v.count && v[k + 1] == ASCII.quote ? 2 : 1
            }
            return o
        }
    }

    /// Splits a `cs-uri` value into path and query, moving a leading host (`host/path` as
    /// Incapsula writes it, or `scheme://host/path`) into `hit.host` when no host column set one.
    static func splitURI(_ v: ByteView, setsQuery: Bool, into hit: inout Hit) {
        if v.isEmpty || v.isDash { return }
        var pathStart = 0
        if v[0] != ASCII.slash {
            var authorityStart = 0
            if let colon = v.firstIndex(of: ASCII.colon, from: 0), colon + 2 < v.count,
                v[colon + 1] == ASCII.slash, v[colon + 2] == ASCII.slash
            {
                authorityStart = colon + 3
            }
            var k = authorityStart
            while k < v.count, v[k] != ASCII.slash, v[k] != ASCII.question { k += 1 }
            // Safe because `authorityStart <= k <= v.count`.
            if hit.host.isEmpty { hit.host = v.slice(authorityStart, k - authorityStart) }
            pathStart = k
        }
        var q = pathStart
        while q < v.count, v[q] != ASCII.question { q += 1 }
        // Safe because `pathStart <= q <= v.count`.
        hit.path = v.slice(pathStart, q - pathStart)
        if setsQuery, q + 1 < v.count {
            // Safe because `q + 1 < v.count`.
            hit.query = v.slice(q + 1, v.count - q - 1)
        }
    }

    // MARK: - Directives

    /// Handles a line starting with `#`: `#Fields:` and `#Date:` change state, others are ignored.
    mutating func readDirective(_ line: ByteView) {
        if Self.hasPrefix(line, "#fields:") {
            // Safe because the prefix (8 bytes) was matched inside `line`.
            readFields(line.slice(8, line.count - 8))
        } else if Self.hasPrefix(line, "#date:") {
            // Safe because the prefix (6 bytes) was matched inside `line`.
            readDate(line.slice(6, line.count - 6).trimmingSpaces)
        }
    }

    /// Compiles a new header unless it repeats the current one (IIS repeats it on every restart).
    mutating func readFields(_ v: ByteView) {
        var names: [String] = []
        var i = 0
        while i < v.count {
            while i < v.count, v[i] == ASCII.space || v[i] == ASCII.tab { i += 1 }
            var j = i
            while j < v.count, v[j] != ASCII.space, v[j] != ASCII.tab { j += 1 }
            // Safe because `i <= j <= v.count`.
            if j > i { names.append(v.slice(i, j - i).string) }
            i = j
        }
        if let header, header.names == names { return }
        let compiled = W3CHeader(names: names, dialect: dialect)
        header = compiled
        columns = compiled.columns
        extraTable = ExtraFieldTable(names: compiled.extraNames)
    }

    /// Keeps the date of `#Date: <date> <time>`; accepts `2026-11-01`, `01-Nov-2026` (the W3C
    /// draft's example) and `01/Nov/2026` (Incapsula). Anything else forgets the date.
    mutating func readDate(_ v: ByteView) {
        hasDirectiveDate = false
        let out = directiveDateBytes.bytes
        func digits(_ at: Int, _ count: Int) -> Bool {
            for k in at..<(at + count) where ASCII.digit(v[k]) >= 10 { return false }
            return true
        }
        if v.count >= 10, v[4] == ASCII.dash, v[7] == ASCII.dash, digits(0, 4), digits(5, 2), digits(8, 2) {
            for k in 0..<10 { out[k] = v[k] }
        } else if v.count >= 11, v[2] == ASCII.dash || v[2] == ASCII.slash, v[6] == v[2], digits(0, 2),
            digits(7, 4)
        {
            let month = CivilTime.month(v[3], v[4], v[5])
            guard month != 0 else { return }
            for k in 0..<4 { out[k] = v[7 + k] }
            out[4] = ASCII.dash
            out[5] = ASCII.zero + UInt8(month / 10)
            out[6] = ASCII.zero + UInt8(month % 10)
            out[7] = ASCII.dash
            out[8] = v[0]
            out[9] = v[1]
        } else {
            return
        }
        hasDirectiveDate = true
    }

    /// Case-insensitive ASCII prefix test against a lowercase literal.
    static func hasPrefix(_ v: ByteView, _ lowercasePrefix: StaticString) -> Bool {
        let n = lowercasePrefix.utf8CodeUnitCount
        guard v.count >= n else { return false }
        let p = lowercasePrefix.utf8Start
        for k in 0..<n where ASCII.lowercased(v[k]) != p[k] { return false }
        return true
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The index of the first byte in `from..<to` equal to `a` or `b`, or `to` when there is
    /// none. Tests eight bytes per step (SWAR), so long values (user agents) cost little.
    ///
    /// - Precondition: `0 <= from`, `to <= count`.
    @inline(__always)
    func w3cIndex(of a: UInt8, or b: UInt8, from: Int, to end: Int) -> Int {
        guard let base = baseAddress else { return end }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let pa = ones &* UInt64(a)
        let pb = ones &* UInt64(b)
        var i = from
        while i &+ 8 <= end {
            // Safe because `i + 8 <= end <= count`: the eight bytes lie inside the buffer.
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let xa = w ^ pa
            let xb = w ^ pb
            // A zero byte of `xa`/`xb` is a match; the lowest flagged byte is always a true one.
            let found = (((xa &- ones) & ~xa) | ((xb &- ones) & ~xb)) & highs
            if found != 0 { return i &+ found.trailingZeroBitCount &>> 3 }
            i &+= 8
        }
        while i < end, base[i] != a, base[i] != b { i &+= 1 }
        return i
    }
}
