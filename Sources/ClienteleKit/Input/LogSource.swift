import Foundation

/// One input to read: a file (plain or gzip, detected by content) or standard input.
package struct LogSource: Sendable, Hashable {
    /// The file path, or `nil` for standard input.
    package let path: String?
    /// File size in bytes (compressed size for `.gz`); 0 for standard input.
    package let size: Int64
    /// Content bytes (after inflation) to skip before the first line: what an earlier ingest
    /// already read. Must fall on a line start.
    package var skipBytes: Int64 = 0
    /// Content offset at which to stop reading (`nil`: the end), so that an unfinished last
    /// line of a live log is left for the next run.
    package var endBytes: Int64? = nil

    /// A file input. - Parameter size: its size, for progress and ETA.
    package init(path: String, size: Int64) {
        self.path = path
        self.size = size
    }

    /// Standard input (`-` on the command line).
    package static let standardInput = LogSource(stdin: ())

    private init(stdin: Void) {
        path = nil
        size = 0
    }

    /// The name used in messages: the path as given, or `(stdin)`.
    package var displayName: String { path ?? "(stdin)" }
}
