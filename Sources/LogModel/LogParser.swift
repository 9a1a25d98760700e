/// The role of a log parser: turn one line of bytes into a `Hit`.
///
/// A parser instance belongs to one worker thread. It may keep state between lines (the
/// current `#Fields:` header of a W3C log), which is why `parse` is mutating.
public protocol LogParser {
    /// Parses `line` (without its line terminator) into `hit`.
    ///
    /// - Returns: `true` when `hit` now holds a request, `false` for lines that carry no
    ///   request (comments, `#Fields:` directives, blank lines).
    /// - Throws: `LineRejection` saying why the line is not a valid entry of this format.
    /// - Complexity: O(line length), no allocation on the common path.
    mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool
}

/// A log format: a name and a factory for parsers, shared by all workers.
public protocol LogFormat: Sendable {
    /// The name shown to users (`combined`, `nginx`, `w3c`, `alb`, …).
    var name: String { get }
    /// First byte of directive lines (`#` for W3C and CloudFront) that change how later lines
    /// are read. The reader hands a block's worker the directives seen before the block, so
    /// blocks can be parsed in parallel. `nil` for formats without directives.
    var directivePrefix: UInt8? { get }
    /// A fresh parser for one worker.
    func makeParser() -> any LogParser
}

extension LogFormat {
    public var directivePrefix: UInt8? { nil }
}
