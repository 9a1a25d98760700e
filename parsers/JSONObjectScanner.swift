import LogModel

/// The kind of a scalar JSON value handed to a `JSONLeafVisitor`.
public enum JSONLeafKind: Sendable, Equatable {
    /// A string without escapes; the value is its bytes between the quotes.
    case string
    /// A string with backslash escapes; the value is the raw text between the quotes, to be
    /// decoded with `ByteDecoding.unescapeJSON`.
    case escapedString
    /// A number, as written (`200`, `0.001335486`, `-1e3`).
    case number
    /// `true` or `false`, as written.
    case bool
    /// `null`.
    case null
}

/// Receives the scalar leaves of a JSON object from `JSONObjectScanner`.
public protocol JSONLeafVisitor {
    /// Called once per scalar leaf, in document order.
    ///
    /// - Parameters:
    ///   - path: the dotted key path (`request.headers.User-Agent`), valid during the call.
    ///   - value: the value's bytes inside the line (see `JSONLeafKind`), valid until the next line.
    ///   - kind: what the value is.
    mutating func visitLeaf(path: ByteView, value: ByteView, kind: JSONLeafKind) throws(LineRejection)
}

/// A byte-level scanner for one JSON object per line: validates the syntax and hands every scalar
/// leaf to a visitor with its dotted key path.
///
/// Nested objects extend the path with `.` and their key. An array whose first element is a
/// scalar counts as one leaf with that element's value under the array's path (`"User-Agent":
/// ["curl/8.0"]` → `…User-Agent` = `curl/8.0`); other elements, arrays of objects and objects
/// inside arrays are validated and skipped. Keys with escapes are decoded into the path.
/// No Foundation, no allocation: the path is built in a caller-owned buffer.
public struct JSONObjectScanner {
    /// Objects and arrays nest at most this deep; deeper lines are rejected.
    public static let maxDepth = 32

    let path: UnsafeMutableBufferPointer<UInt8>
    var line: ByteView = .none
    var i = 0
    var pathLength = 0

    /// A scanner that builds key paths in `pathBuffer`, which must be at least as long as the
    /// longest line scanned (a path is never longer than the keys it is made of).
    public init(pathBuffer: UnsafeMutableBufferPointer<UInt8>) {
        path = pathBuffer
    }

    /// Scans `line`, which must hold exactly one JSON object (surrounding whitespace allowed).
    ///
    /// - Throws: `.badJSON` when the line is not one complete, valid JSON object (truncated,
    ///   trailing text, bad literal, nesting deeper than `maxDepth`); `.tooLong` when a key path
    ///   does not fit the path buffer; whatever `visitor` throws.
    /// - Complexity: O(line length), no allocation.
    public mutating func scan<V: JSONLeafVisitor>(_ line: ByteView, visitor: inout V) throws(LineRejection) {
        self.line = line
        i = 0
        pathLength = 0
        skipWhitespace()
        guard i < line.count, line[i] == UInt8(ascii: "{") else { throw .badJSON }
        try scanObject(depth: 1, emit: true, &visitor)
        skipWhitespace()
        guard i == line.count else { throw .badJSON }
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while i < line.count {
            switch line[i] {
            case ASCII.space, ASCII.tab, ASCII.newline, ASCII.carriageReturn: i += 1
            default: return
            }
        }
    }

    /// At `{`: reads members up to and including the closing `}`.
    mutating func scanObject<V: JSONLeafVisitor>(depth: Int, emit: Bool, _ visitor: inout V) throws(LineRejection) {
        i += 1
        skipWhitespace()
        guard i < line.count else { throw .badJSON }
        if line[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            guard i < line.count, line[i] == ASCII.quote else { throw .badJSON }
            let keyStart = i + 1
            let escaped = try scanString()
            let keyEnd = i - 1
            skipWhitespace()
            guard i < line.count, line[i] == ASCII.colon else { throw .badJSON }
            i += 1
            skipWhitespace()
            if emit {
                let saved = pathLength
                try appendKey(line.slice(keyStart, keyEnd - keyStart), escaped: escaped)
                try scanValue(depth: depth, emit: true, &visitor)
                pathLength = saved
            } else {
                try scanValue(depth: depth, emit: false, &visitor)
            }
            skipWhitespace()
            guard i < line.count else { throw .badJSON }
            switch line[i] {
            case ASCII.comma:
                i += 1
                skipWhitespace()
            case UInt8(ascii: "}"):
                i += 1
                return
            default:
                throw .badJSON
            }
        }
    }

    /// At `[`: reads elements up to and including the closing `]`; the first element is a leaf
    /// when it is a scalar and `emit` is set.
    mutating func scanArray<V: JSONLeafVisitor>(depth: Int, emit: Bool, _ visitor: inout V) throws(LineRejection) {
        i += 1
        skipWhitespace()
        guard i < line.count else { throw .badJSON }
        if line[i] == ASCII.closeBracket {
            i += 1
            return
        }
        var first = emit
        while true {
            guard i < line.count else { throw .badJSON }
            let scalar = line[i] != UInt8(ascii: "{") && line[i] != ASCII.openBracket
            try scanValue(depth: depth, emit: first && scalar, &visitor)
            first = false
            skipWhitespace()
            guard i < line.count else { throw .badJSON }
            switch line[i] {
            case ASCII.comma:
                i += 1
                skipWhitespace()
            case ASCII.closeBracket:
                i += 1
                return
            default:
                throw .badJSON
            }
        }
    }

    /// Reads one value at `i`; scalars go to the visitor under the current path when `emit`.
    mutating func scanValue<V: JSONLeafVisitor>(depth: Int, emit: Bool, _ visitor: inout V) throws(LineRejection) {
        guard i < line.count else { throw .badJSON }
        let start = i
        let kind: JSONLeafKind
        switch line[i] {
        case ASCII.quote:
            let escaped = try scanString()
            guard emit else { return }
            // Safe because `scanString` stopped after the closing quote, so `start + 1 <= i - 1`.
            try visitor.visitLeaf(
                path: currentPath, value: line.slice(start + 1, i - 1 - (start + 1)),
                kind: escaped ? .escapedString : .string)
            return
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { throw .badJSON }
            if emit { try appendByte(ASCII.dot) }
            try scanObject(depth: depth + 1, emit: emit, &visitor)
            return
        case ASCII.openBracket:
            guard depth < Self.maxDepth else { throw .badJSON }
            try scanArray(depth: depth + 1, emit: emit, &visitor)
            return
        case UInt8(ascii: "t"):
            try expectLiteral("true")
            kind = .bool
        case UInt8(ascii: "f"):
            try expectLiteral("false")
            kind = .bool
        case UInt8(ascii: "n"):
            try expectLiteral("null")
            kind = .null
        case ASCII.dash, UInt8(ascii: "0")...UInt8(ascii: "9"):
            try scanNumber()
            kind = .number
        default:
            throw .badJSON
        }
        if emit { try visitor.visitLeaf(path: currentPath, value: line.slice(start, i - start), kind: kind) }
    }

    /// At an opening quote: moves `i` past the closing quote.
    ///
    /// - Returns: whether the string holds a backslash escape.
    @inline(__always)
    mutating func scanString() throws(LineRejection) -> Bool {
        var j = i + 1
        var escaped = false
        let count = line.count
        while true {
            j = ByteSearch.firstIndex(of: ASCII.quote, or: ASCII.backslash, in: line, from: j)
            guard j < count else { throw .badJSON }
            if line[j] == ASCII.quote {
                i = j + 1
                return escaped
            }
            escaped = true
            j += 2
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` at `i`.
    mutating func scanNumber() throws(LineRejection) {
        let count = line.count
        if line[i] == ASCII.dash { i += 1 }
        guard i < count, ASCII.digit(line[i]) < 10 else { throw .badJSON }
        if line[i] == UInt8(ascii: "0") {
            i += 1
        } else {
            while i < count, ASCII.digit(line[i]) < 10 { i += 1 }
        }
        if i < count, line[i] == ASCII.dot {
            i += 1
            guard i < count, ASCII.digit(line[i]) < 10 else { throw .badJSON }
            while i < count, ASCII.digit(line[i]) < 10 { i += 1 }
        }
        if i < count, line[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < count, line[i] == ASCII.plus || line[i] == ASCII.dash { i += 1 }
            guard i < count, ASCII.digit(line[i]) < 10 else { throw .badJSON }
            while i < count, ASCII.digit(line[i]) < 10 { i += 1 }
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(LineRejection) {
        let n = literal.utf8CodeUnitCount
        guard i + n <= line.count, line.slice(i, n).equals(literal) else { throw .badJSON }
        i += n
    }

    var currentPath: ByteView {
        ByteView(start: path.baseAddress, count: pathLength)
    }

    mutating func appendByte(_ b: UInt8) throws(LineRejection) {
        guard pathLength < path.count else { throw .tooLong }
        path[pathLength] = b
        pathLength += 1
    }

    /// Appends a key (decoding its escapes) to the path.
    mutating func appendKey(_ key: ByteView, escaped: Bool) throws(LineRejection) {
        guard path.count - pathLength >= key.count else { throw .tooLong }
        // Safe because `pathLength + key.count <= path.count` was checked above.
        let free = UnsafeMutableBufferPointer(rebasing: path[pathLength..<(pathLength + key.count)])
        if escaped {
            guard let written = ByteDecoding.unescapeJSON(key, into: free) else { throw .badJSON }
            pathLength += written
        } else if key.count > 0 {
            // Safe because `free` holds exactly `key.count` bytes and `key` is a non-empty view.
            free.baseAddress!.update(from: key.baseAddress!, count: key.count)
            pathLength += key.count
        }
    }
}
