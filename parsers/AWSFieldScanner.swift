import LogModel

/// A cursor over the fields of an AWS load balancer access log line (ALB, Classic ELB).
///
/// Fields are separated by spaces (a run of spaces counts as one separator). A field that
/// starts with `"` runs to the next `"` that is followed by a space or the end of the line, so
/// a stray quote inside a value (AWS writes `\x22`, older writers did not) does not split it.
/// The quotes are not part of the returned value; `-` is returned as written.
public struct AWSFieldScanner {
    /// The line being scanned.
    public let line: ByteView
    /// Offset of the next unread byte.
    public private(set) var position: Int = 0

    /// A scanner at the start of `line`.
    public init(_ line: ByteView) {
        self.line = line
    }

    /// Reads the next field.
    ///
    /// - Returns: the field's bytes (inside the quotes for a quoted field), or `nil` at the end
    ///   of the line.
    /// - Throws: `.unterminatedQuote` when a quoted field has no closing quote.
    /// - Complexity: O(field length), no allocation.
    public mutating func next() throws(LineRejection) -> ByteView? {
        let count = line.count
        var i = position
        while i < count, line[i] == ASCII.space { i += 1 }
        guard i < count else {
            position = i
            return nil
        }
        if line[i] == ASCII.quote {
            let start = i + 1
            var j = start
            while true {
                j = ByteSearch.firstIndex(of: ASCII.quote, or: ASCII.quote, in: line, from: j)
                guard j < count else { throw .unterminatedQuote }
                if j + 1 == count || line[j + 1] == ASCII.space {
                    position = j + 1
                    return line.slice(start, j - start)
                }
                j += 1
            }
        }
        let start = i
        i = ByteSearch.firstIndex(of: ASCII.space, or: ASCII.space, in: line, from: i)
        position = i
        return line.slice(start, i - start)
    }
}
