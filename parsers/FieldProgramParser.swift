import Glibc
import LogModel

/// Reads lines with a compiled `FieldProgram`: the hot loop behind every Apache and nginx
/// text format.
///
/// Per line it walks the steps once, finding each field's end by its following literal (or
/// closing quote), and decodes escapes into scratch space only for fields that contain them.
public struct FieldProgramParser: LogParser {
    let compiled: CompiledProgram
    let extras: ExtraFieldTable
    var timestamps = TimestampParser()
    var scratch = ScratchBuffer()

    public init(program: FieldProgram) {
        compiled = CompiledProgram(program)
        extras = ExtraFieldTable(names: program.extraNames)
    }

    public mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        if line.isEmpty { return false }
        hit = Hit()
        hit.extras = extras.fields
        if compiled.hasExtras { extras.clear() }
        scratch.reset()
        let n = line.count
        var i = try matchLiteral(compiled.prefix, in: line, at: 0, isLastStep: false)
        let steps = compiled.steps
        for s in 0..<steps.count {
            let step = steps[s]
            let isLast = s == steps.count - 1
            // The line may end after this field when only optional fields follow.
            let mayEnd = isLast || s + 1 >= compiled.optionalFrom
            let literal = compiled.literal(of: step)
            var start = i
            var end: Int
            var escaped = false
            if step.code == .timeBracketed {
                guard i < n else { throw .truncated }
                guard line[i] == ASCII.openBracket else { throw .badTimestamp }
                start = i + 1
                // `[dd/Mon/yyyy:HH:MM:SS +zzzz]` is 26 characters inside; look there first.
                let close: Int
                if start + 26 < n, line[start + 26] == ASCII.closeBracket {
                    close = start + 26
                } else {
                    guard let found = line.firstIndex(of: ASCII.closeBracket, from: start) else { throw .badTimestamp }
                    close = found
                }
                end = close
                i = close + 1
            } else if step.quoted {
                end = -1
                let base = line.baseAddress!
                var k = i
                // Find the closing quote with memchr; a backslash before it means escapes to skip
                // (and decode later). Safe because every memchr range lies inside the line.
                while k < n, let found = memchr(base + k, Int32(ASCII.quote), n - k) {
                    let q = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if let slash = memchr(base + k, Int32(ASCII.backslash), q - k) {
                        escaped = true
                        k = base.distance(to: slash.assumingMemoryBound(to: UInt8.self)) + 2
                        continue
                    }
                    if Self.literalMatches(literal, in: line, at: q, lineMayEnd: mayEnd) {
                        end = q
                        break
                    }
                    k = q + 1
                }
                if end < 0 {
                    // A final quoted field cut short by the end of the line (seen in real logs
                    // when a user agent is truncated) keeps what was written.
                    guard isLast && literal.count == 1 else { throw .unterminatedQuote }
                    end = n
                }
                i = end
            } else if literal.isEmpty {
                // The last field: a number, address or host ends at a space, so trailing fields
                // the format does not name (columns some servers append) are tolerated.
                end = n
                if compiled.numericSlots.contains(step.code) {
                    var k = i
                    while k < n, line[k] != ASCII.space { k += 1 }
                    end = k
                }
                i = n
            } else {
                let terminator = literal[0]
                var k = i
                while k < n, line[k] != terminator { k += 1 }
                guard k < n else { throw .truncated }
                end = k
                i = k
            }
            var lineEnded = false
            if i < n || !literal.isEmpty {
                do throws(LineRejection) {
                    i = try matchLiteral(literal, in: line, at: i, isLastStep: isLast)
                } catch {
                    // A line that stops right after a quoted field, before optional trailing
                    // headers, is complete enough: keep what it has.
                    guard error == .truncated, step.quoted, s + 1 >= compiled.optionalFrom else { throw error }
                    lineEnded = true
                }
            }
            var value = line.slice(start, end - start)
            if escaped {
                value = try unescape(value)
            }
            try assign(value, to: step, in: &hit)
            if lineEnded { break }
        }
        return true
    }

    /// Matches `literal` at `i` and returns the index after it. A final step's literal may be
    /// cut off by the end of the line only where the field itself was cut off.
    @inline(__always)
    func matchLiteral(_ literal: ByteView, in line: ByteView, at i: Int, isLastStep: Bool) throws(LineRejection) -> Int {
        var k = i
        for b in literal {
            guard k < line.count else {
                if isLastStep && k == line.count && b == ASCII.quote && literal.count == 1 { return k }
                throw .truncated
            }
            guard line[k] == b else { throw .literalMismatch }
            k += 1
        }
        return k
    }

    /// True when `literal` (which starts with the quote at `k`) matches at `k`, or the line ends
    /// inside it where `lineMayEnd`.
    @inline(__always)
    static func literalMatches(_ literal: ByteView, in line: ByteView, at k: Int, lineMayEnd: Bool) -> Bool {
        var j = 1
        while j < literal.count {
            guard k + j < line.count else { return lineMayEnd }
            if line[k + j] != literal[j] { return false }
            j += 1
        }
        return true
    }

    mutating func unescape(_ value: ByteView) throws(LineRejection) -> ByteView {
        if compiled.jsonEscapes {
            var ok = true
            let decoded = try scratch.append(maxCount: value.count) { out in
                guard let count = ByteDecoding.unescapeJSON(value, into: out) else {
                    ok = false
                    return 0
                }
                return count
            }
            return ok ? decoded : value
        }
        guard compiled.backslashEscapes else { return value }
        return try scratch.append(maxCount: value.count) { ByteDecoding.unescapeBackslashes(value, into: $0) }
    }

    @inline(__always)
    mutating func assign(_ v: ByteView, to step: CompiledProgram.Step, in hit: inout Hit) throws(LineRejection) {
        switch step.code {
        case .client: hit.client = v
        case .user: hit.user = v
        case .timeBracketed, .timeCommon: try timestamps.parseCommonLog(v, into: &hit)
        case .timeISO: try timestamps.parseISO8601(v, into: &hit)
        case .timeEpochSeconds: try TimestampParser.parseEpochSeconds(v, into: &hit)
        case .timeEpochMillis, .timeEpochMicros:
            guard let n = NumberParsing.integer(v) else { throw .badTimestamp }
            hit.time = step.code == .timeEpochMillis ? n * 1000 : n
            hit.utcOffsetSeconds = 0
        case .timePattern:
            guard let pattern = compiled.pattern else { throw .badTimestamp }
            try pattern.parse(v, into: &hit)
        case .request: try RequestLine.parse(v, into: &hit)
        case .method: hit.method = v
        case .decodedPath:
            hit.path = v
            hit.pathIsDecoded = true
        case .requestTarget:
            if !v.isDash { RequestLine.splitTarget(v, into: &hit) }
        case .decodedPathAndQuery:
            RequestLine.splitTarget(v, into: &hit)
            hit.pathIsDecoded = true
        case .query:
            if v.isDash { break }
            hit.query = !v.isEmpty && v[0] == ASCII.question ? v.slice(1, v.count - 1) : v
        case .protocolVersion: hit.protocolVersion = v
        case .status:
            guard v.count == 3, let s = NumberParsing.integer(v), s >= 100, s <= 599 else { throw .badStatus }
            hit.status = Int32(s)
        case .bytes:
            if v.isDash {
                hit.bytes = 0
            } else {
                guard let b = NumberParsing.integer(v) else { throw .badNumber }
                hit.bytes = b
            }
        case .host: hit.host = v
        case .referrer: hit.referrer = v
        case .userAgent: hit.userAgent = v
        case .duration:
            if v.isDash { break }
            guard let d = NumberParsing.decimal(v, scale: step.argument) else { throw .badNumber }
            hit.durationMicros = d
        case .extra: extras.values[Int(step.argument)] = v
        case .skip: break
        }
    }
}

/// A `FieldProgram` flattened into trivial values for the hot loop (no reference counting
/// per step).
final class CompiledProgram: @unchecked Sendable {
    enum Code: UInt8 {
        case client, user, timeBracketed, timeCommon, timeISO, timeEpochSeconds, timeEpochMillis
        case timeEpochMicros, timePattern, request, method, decodedPath, requestTarget, decodedPathAndQuery, query
        case protocolVersion, status, bytes, host, referrer, userAgent, duration, extra, skip
    }

    struct Step {
        var code: Code
        var quoted: Bool
        var literalStart: Int32
        var literalCount: Int32
        /// The extra index for `.extra`, microseconds per unit for `.duration`.
        var argument: Int64
    }

    let stepStorage: UnsafeMutableBufferPointer<Step>
    let literalStorage: UnsafeMutableBufferPointer<UInt8>
    let prefixCount: Int
    let pattern: StrftimePattern?
    let hasExtras: Bool
    /// Slots whose values never contain a space.
    let numericSlots: Set<Code> = [
        .status, .bytes, .duration, .timeEpochSeconds, .timeEpochMillis, .timeEpochMicros, .client, .host,
    ]
    /// Steps from this index on are request headers and extras a line may lack at its end
    /// (a missing user agent): GoAccess accepts such lines, and so do we.
    let optionalFrom: Int
    let backslashEscapes: Bool
    let jsonEscapes: Bool

    init(_ program: FieldProgram) {
        var literals = program.prefix
        var steps: [Step] = []
        var pattern: StrftimePattern? = nil
        for step in program.steps {
            var argument: Int64 = 0
            let code: Code
            switch step.slot {
            case .client: code = .client
            case .user: code = .user
            case .time(.bracketedCommonLog): code = .timeBracketed
            case .time(.commonLog): code = .timeCommon
            case .time(.iso8601): code = .timeISO
            case .time(.epochSeconds): code = .timeEpochSeconds
            case .time(.epochMillis): code = .timeEpochMillis
            case .time(.epochMicros): code = .timeEpochMicros
            case .time(.pattern(let p)):
                code = .timePattern
                pattern = p
            case .request: code = .request
            case .method: code = .method
            case .decodedPath: code = .decodedPath
            case .requestTarget: code = .requestTarget
            case .decodedPathAndQuery: code = .decodedPathAndQuery
            case .query: code = .query
            case .protocolVersion: code = .protocolVersion
            case .status: code = .status
            case .bytes: code = .bytes
            case .host: code = .host
            case .referrer: code = .referrer
            case .userAgent: code = .userAgent
            case .duration(let micros):
                code = .duration
                argument = micros
            case .extra(let index):
                code = .extra
                argument = Int64(index)
            case .skip: code = .skip
            }
            steps.append(
                Step(
                    code: code, quoted: step.quoted, literalStart: Int32(literals.count),
                    literalCount: Int32(step.literal.count), argument: argument))
            literals += step.literal
        }
        stepStorage = .allocate(capacity: steps.count)
        _ = stepStorage.initialize(from: steps)
        literalStorage = .allocate(capacity: max(literals.count, 1))
        _ = literalStorage.initialize(from: literals)
        prefixCount = program.prefix.count
        self.pattern = pattern
        hasExtras = !program.extraNames.isEmpty
        var optional = steps.count
        while optional > 0, [.referrer, .userAgent, .host, .extra, .skip].contains(steps[optional - 1].code) { optional -= 1 }
        optionalFrom = optional
        backslashEscapes = program.backslashEscapes
        jsonEscapes = program.jsonEscapes
    }

    deinit {
        stepStorage.deallocate()
        literalStorage.deallocate()
    }

    var steps: UnsafeBufferPointer<Step> { UnsafeBufferPointer(stepStorage) }

    var prefix: ByteView { ByteView(start: literalStorage.baseAddress, count: prefixCount) }

    @inlinable
    func literal(of step: Step) -> ByteView {
        // Safe because every step's literal range was laid out inside `literalStorage` at init.
        ByteView(start: literalStorage.baseAddress! + Int(step.literalStart), count: Int(step.literalCount))
    }
}
