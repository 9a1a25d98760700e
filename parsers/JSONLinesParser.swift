import LogModel

/// Memory a `JSONLinesParser` owns: key path, mapped values and extras. Allocated once per
/// parser and freed with it.
final class JSONLinesParserStorage {
    let path: UnsafeMutableBufferPointer<UInt8>
    let mappedValues: UnsafeMutableBufferPointer<ByteView>
    let extras: ExtraFieldTable
    /// For each extras slot, the key table entry whose name it holds (-1: none yet).
    let extraEntries: UnsafeMutableBufferPointer<Int32>

    init(pathCapacity: Int, mappedKeys: Int, extrasCapacity: Int) {
        path = .allocate(capacity: pathCapacity)
        mappedValues = .allocate(capacity: max(mappedKeys, 1))
        mappedValues.initialize(repeating: .none)
        extras = ExtraFieldTable(capacity: extrasCapacity)
        extraEntries = .allocate(capacity: extrasCapacity)
        extraEntries.initialize(repeating: -1)
    }

    deinit {
        path.deallocate()
        mappedValues.deallocate()
        extraEntries.deallocate()
    }
}

/// Parses JSON lines by a `JSONLinesFormat` mapping; see there for the rules.
struct JSONLinesParser: LogParser, JSONLeafVisitor {
    /// Longest key path kept; longer lines are rejected as `.tooLong`.
    static let pathCapacity = 128 * 1024
    /// Extras kept per line; later leaves are dropped.
    static let extrasPerLine = 256
    /// Distinct extra key names kept per parser; later new names are dropped.
    static let extraNameLimit = 2048

    struct CompiledRule {
        var field: JSONLinesFormat.Field
        /// Index of the rule's key among the mapped keys.
        var key: Int
    }

    /// `Hit` slots, as bits of the "already filled" mask.
    enum Slot {
        static let client: UInt32 = 1 << 0
        static let user: UInt32 = 1 << 1
        static let time: UInt32 = 1 << 2
        static let method: UInt32 = 1 << 3
        static let path: UInt32 = 1 << 4
        static let query: UInt32 = 1 << 5
        static let protocolVersion: UInt32 = 1 << 6
        static let status: UInt32 = 1 << 7
        static let bytes: UInt32 = 1 << 8
        static let referrer: UInt32 = 1 << 9
        static let userAgent: UInt32 = 1 << 10
        static let host: UInt32 = 1 << 11
        static let duration: UInt32 = 1 << 12
    }

    let rules: [CompiledRule]
    /// The mapped keys that feed a time rule (bit per key).
    let timeKeys: UInt64
    let storage: JSONLinesParserStorage
    let mappedValues: UnsafeMutableBufferPointer<ByteView>
    let extraNames: UnsafeMutableBufferPointer<String>
    let extraValues: UnsafeMutableBufferPointer<ByteView>
    let extraEntries: UnsafeMutableBufferPointer<Int32>
    var table: JSONKeyTable
    let pathBuffer: UnsafeMutableBufferPointer<UInt8>
    var timestamps = TimestampParser()
    /// Decoded strings (values with escapes) of the current line.
    var scratch: ScratchBuffer
    /// Bit per mapped key: present on the current line.
    var present: UInt64 = 0
    var extraCount = 0
    var scratchUsed = false

    init(rules: [JSONLinesFormat.Rule]) {
        var keys: [String] = []
        var compiled: [CompiledRule] = []
        var timeKeys: UInt64 = 0
        for rule in rules {
            let key: Int
            if let known = keys.firstIndex(of: rule.key) {
                key = known
            } else {
                guard keys.count < JSONLinesFormat.maxMappedKeys else { continue }
                key = keys.count
                keys.append(rule.key)
            }
            compiled.append(CompiledRule(field: rule.field, key: key))
            if case .time = rule.field { timeKeys |= 1 << UInt64(key) }
        }
        self.rules = compiled
        self.timeKeys = timeKeys
        table = JSONKeyTable(limit: keys.count + Self.extraNameLimit)
        for (index, key) in keys.enumerated() { table.define(Array(key.utf8), role: Int32(index)) }
        storage = JSONLinesParserStorage(
            pathCapacity: Self.pathCapacity, mappedKeys: keys.count, extrasCapacity: Self.extrasPerLine)
        scratch = ScratchBuffer(capacity: Self.pathCapacity)
        mappedValues = storage.mappedValues
        extraNames = storage.extras.names
        extraValues = storage.extras.values
        extraEntries = storage.extraEntries
        pathBuffer = storage.path
    }

    mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        if Self.isBlank(line) { return false }
        hit = Hit()
        if scratchUsed {
            scratch.reset()
            scratchUsed = false
        }
        present = 0
        extraCount = 0
        table.startLine()
        var scanner = JSONObjectScanner(pathBuffer: pathBuffer)
        try scanner.scan(line, visitor: &self)
        try applyRules(to: &hit)
        hit.extras = storage.extras.fields(count: extraCount)
        return true
    }

    /// True when `line` holds only spaces, tabs and line terminators.
    static func isBlank(_ line: ByteView) -> Bool {
        for b in line where b != ASCII.space && b != ASCII.tab && b != ASCII.carriageReturn && b != ASCII.newline {
            return false
        }
        return true
    }

    mutating func visitLeaf(path: ByteView, value: ByteView, kind: JSONLeafKind) throws(LineRejection) {
        if kind == .null { return }
        guard let entry = table.lookup(path) else { return }
        let role = table.entries[Int(entry)].role
        let decoded = kind == .escapedString ? try unescape(value) : value
        if role >= 0 {
            mappedValues[Int(role)] = decoded
            present |= 1 << UInt64(role)
            return
        }
        let k = extraCount
        guard k < extraValues.count else { return }
        if extraEntries[k] != entry {
            extraNames[k] = table.names[Int(entry)]
            extraEntries[k] = entry
        }
        extraValues[k] = decoded
        extraCount = k + 1
    }

    /// Decodes a JSON string with escapes into the scratch buffer.
    mutating func unescape(_ raw: ByteView) throws(LineRejection) -> ByteView {
        scratchUsed = true
        var valid = true
        let decoded = try scratch.append(maxCount: raw.count) { out in
            guard let written = ByteDecoding.unescapeJSON(raw, into: out) else {
                valid = false
                return 0
            }
            return written
        }
        guard valid else { throw .badJSON }
        return decoded
    }

    /// Fills `hit` from the mapped values, rule by rule; a slot keeps the first value it gets.
    mutating func applyRules(to hit: inout Hit) throws(LineRejection) {
        var filled: UInt32 = 0
        for rule in rules {
            guard present & (1 << UInt64(rule.key)) != 0 else { continue }
            let v = mappedValues[rule.key]
            if v.isEmpty { continue }
            switch rule.field {
            case .client:
                Self.fill(&hit.client, v, Slot.client, &filled)
            case .user:
                Self.fill(&hit.user, v, Slot.user, &filled)
            case .method:
                Self.fill(&hit.method, v, Slot.method, &filled)
            case .protocolVersion:
                Self.fill(&hit.protocolVersion, v, Slot.protocolVersion, &filled)
            case .referrer:
                Self.fill(&hit.referrer, v, Slot.referrer, &filled)
            case .userAgent:
                Self.fill(&hit.userAgent, v, Slot.userAgent, &filled)
            case .host:
                Self.fill(&hit.host, v, Slot.host, &filled)
            case .path:
                if filled & Slot.path == 0 {
                    hit.path = v
                    hit.pathIsDecoded = false
                    filled |= Slot.path
                }
            case .decodedPath:
                if filled & Slot.path == 0 {
                    hit.path = v
                    hit.pathIsDecoded = true
                    filled |= Slot.path
                }
            case .query:
                if filled & Slot.query == 0 {
                    hit.query = v[0] == ASCII.question ? v.slice(1, v.count - 1) : v
                    filled |= Slot.query
                }
            case .requestLine:
                if filled & (Slot.method | Slot.path) == Slot.method | Slot.path || v.isDash { continue }
                var request = Hit()
                try RequestLine.parse(v, into: &request)
                Self.fill(&hit.method, request.method, Slot.method, &filled)
                Self.takeTarget(request, into: &hit, &filled)
                Self.fill(&hit.protocolVersion, request.protocolVersion, Slot.protocolVersion, &filled)
            case .target:
                if filled & Slot.path != 0 || v.isDash { continue }
                var request = Hit()
                RequestLine.splitTarget(v, into: &request)
                Self.takeTarget(request, into: &hit, &filled)
            case .status:
                if filled & Slot.status != 0 || v.isDash { continue }
                guard v.count == 3, let code = NumberParsing.integer(v), code >= 100, code <= 599 else {
                    throw .badStatus
                }
                hit.status = Int32(code)
                filled |= Slot.status
            case .bytes:
                if filled & Slot.bytes != 0 || v.isDash { continue }
                guard let n = NumberParsing.integer(v) else { throw .badNumber }
                hit.bytes = n
                filled |= Slot.bytes
            case .duration(let unit):
                if filled & Slot.duration != 0 || v.isDash { continue }
                guard let micros = Self.durationMicros(v, unit) else { throw .badNumber }
                hit.durationMicros = micros
                filled |= Slot.duration
            case .time(let syntax):
                if filled & Slot.time != 0 || v.isDash { continue }
                try parseTime(v, syntax, into: &hit)
                filled |= Slot.time
            }
        }
        if timeKeys != 0, filled & Slot.time == 0 {
            throw present & timeKeys != 0 ? .badTimestamp : .badJSON
        }
    }

    @inline(__always)
    static func fill(_ slot: inout ByteView, _ v: ByteView, _ bit: UInt32, _ filled: inout UInt32) {
        guard filled & bit == 0, !v.isEmpty else { return }
        slot = v
        filled |= bit
    }

    /// Takes path, query (and host of an absolute URL) split from a target.
    static func takeTarget(_ request: Hit, into hit: inout Hit, _ filled: inout UInt32) {
        guard filled & Slot.path == 0, !request.path.isEmpty || !request.query.isEmpty else { return }
        hit.path = request.path
        hit.pathIsDecoded = false
        filled |= Slot.path
        if filled & Slot.query == 0 {
            hit.query = request.query
            filled |= Slot.query
        }
        fill(&hit.host, request.host, Slot.host, &filled)
    }

    mutating func parseTime(
        _ v: ByteView, _ syntax: JSONLinesFormat.TimeSyntax, into hit: inout Hit
    ) throws(LineRejection) {
        switch syntax {
        case .iso8601:
            try timestamps.parseISO8601(v, into: &hit)
        case .commonLog:
            try timestamps.parseCommonLog(Self.unbracketed(v), into: &hit)
        case .epochSeconds:
            try TimestampParser.parseEpochSeconds(v, into: &hit)
        case .epochMilliseconds:
            try Self.parseEpoch(v, decimals: 3, into: &hit)
        case .auto:
            if v.count >= 19, v[4] == ASCII.dash {
                try timestamps.parseISO8601(v, into: &hit)
            } else if v.count >= 20, v[0] == ASCII.openBracket || v[2] == ASCII.slash {
                try timestamps.parseCommonLog(Self.unbracketed(v), into: &hit)
            } else {
                var digits = 0
                while digits < v.count, ASCII.digit(v[digits]) < 10 { digits += 1 }
                switch digits {
                case 1...11: try TimestampParser.parseEpochSeconds(v, into: &hit)
                case 12...14: try Self.parseEpoch(v, decimals: 3, into: &hit)
                case 15...17: try Self.parseEpoch(v, decimals: 0, into: &hit)
                case 18...19: try Self.parseEpoch(v, decimals: -3, into: &hit)
                default: throw .badTimestamp
                }
            }
        }
    }

    static func unbracketed(_ v: ByteView) -> ByteView {
        guard v.count >= 2, v[0] == ASCII.openBracket, v[v.count - 1] == ASCII.closeBracket else { return v }
        return v.slice(1, v.count - 2)
    }

    /// An epoch number whose value × 10^`decimals` is microseconds.
    static func parseEpoch(_ v: ByteView, decimals: Int, into hit: inout Hit) throws(LineRejection) {
        guard let micros = fixedPoint(v, decimals: decimals), micros < TimestampParser.latestEpochSeconds * 1_000_000
        else { throw .badTimestamp }
        hit.time = micros
        hit.utcOffsetSeconds = 0
    }

    static func durationMicros(_ v: ByteView, _ unit: JSONLinesFormat.DurationUnit) -> Int64? {
        switch unit {
        case .seconds: return fixedPoint(v, decimals: 6)
        case .milliseconds: return fixedPoint(v, decimals: 3)
        case .microseconds: return fixedPoint(v, decimals: 0)
        case .nanoseconds: return fixedPoint(v, decimals: -3)
        case .secondsOrNanoseconds:
            for b in v where b == ASCII.dot || b | 0x20 == UInt8(ascii: "e") { return fixedPoint(v, decimals: 6) }
            return fixedPoint(v, decimals: -3)
        }
    }

    /// A non-negative JSON number (`12`, `0.001335486`, `1.5e-3`) times 10^`decimals`, truncated
    /// toward zero; `nil` when `v` is not such a number or the result overflows.
    static func fixedPoint(_ v: ByteView, decimals: Int) -> Int64? {
        let n = v.count
        var i = 0
        var mantissa: Int64 = 0
        var significant = 0
        var exponent = decimals
        var sawDigit = false
        while i < n, ASCII.digit(v[i]) < 10 {
            if significant < 18 {
                mantissa = mantissa * 10 + Int64(ASCII.digit(v[i]))
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
            }
            sawDigit = true
            i += 1
        }
        if i < n, v[i] == ASCII.dot {
            i += 1
            while i < n, ASCII.digit(v[i]) < 10 {
                if significant < 18 {
                    mantissa = mantissa * 10 + Int64(ASCII.digit(v[i]))
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                }
                sawDigit = true
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, v[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negative = false
            if i < n, v[i] == ASCII.plus || v[i] == ASCII.dash {
                negative = v[i] == ASCII.dash
                i += 1
            }
            var e = 0
            let start = i
            while i < n, ASCII.digit(v[i]) < 10, i - start < 4 {
                e = e * 10 + Int(ASCII.digit(v[i]))
                i += 1
            }
            guard i > start else { return nil }
            exponent += negative ? -e : e
        }
        guard i == n else { return nil }
        if mantissa == 0 { return 0 }
        if exponent >= 0 {
            for _ in 0..<exponent {
                let (m, overflow) = mantissa.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                mantissa = m
            }
            return mantissa
        }
        if exponent < -18 { return 0 }
        var divisor: Int64 = 1
        for _ in 0..<(-exponent) { divisor *= 10 }
        return mantissa / divisor
    }
}
