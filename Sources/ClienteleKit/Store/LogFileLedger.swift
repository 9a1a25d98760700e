import Foundation
import GRDB
import LogModel

/// Remembers which log content the store has read, so that nothing is counted twice.
///
/// A file is known by its *content*, not its name: the FNV-1a hash of its first 4 KiB after
/// inflation (or of all of it, when shorter). `access.log` renamed to `access.log.1` and later
/// gzip'd to `access.log.2.gz` is the same content, so it is recognised; a log that has grown
/// is read from where the last run stopped (`content_bytes`). A plain file modified in the last
/// `settleSeconds` is read up to its last newline: an unfinished last line of a log being
/// written is left for the next run. A file left alone longer is complete, so a last line
/// without a newline is read too.
package enum LogFileLedger {
    /// Bytes of content that identify a file.
    package static let headLength = 4096
    /// A plain file not modified for this long is no longer being written.
    package static let settleSeconds: Int64 = 10

    /// What is known of one source before it is read.
    package struct Entry: Sendable {
        /// Row id in `log_files`, `nil` for content never seen.
        package var id: Int64?
        package var headHash: String
        package var headLength: Int
        /// Content bytes already read by earlier runs.
        package var alreadyRead: Int64
        /// Where to stop (a plain file's last newline + 1), `nil` for the end.
        package var end: Int64?
        /// Total content length when cheaply known (plain files).
        package var plainSize: Int64?
    }

    /// Reads `source`'s head and looks it up.
    /// - Parameter modified: the file's modification time, nanoseconds since 1970.
    /// - Throws: `InputError` when the file cannot be read.
    package static func lookup(_ source: LogSource, modified: Int64, in db: Database) throws -> Entry {
        var stream = try ByteStreamOpener.open(LogSource(path: source.path ?? "-", size: source.size))
        var head = [UInt8](repeating: 0, count: headLength)
        var got = 0
        while got < headLength {
            let n = try head.withUnsafeMutableBytes { try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[got...])) }
            if n == 0 { break }
            got += n
        }
        head.removeLast(headLength - got)
        let isPlain = !(stream is GzipByteStream)
        var end: Int64? = nil
        var plainSize: Int64? = nil
        if isPlain, let path = source.path {
            let size = source.size
            plainSize = size
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            end = now - modified > settleSeconds * 1_000_000_000 ? size : try lastNewlineEnd(path: path, size: size)
        }
        var entry = Entry(id: nil, headHash: hash(head[...]), headLength: got, alreadyRead: 0, end: end, plainSize: plainSize)
        // Exact match on a full head first, then earlier short files that this one may have grown from.
        let candidates = try Row.fetchAll(
            db, sql: "SELECT id, head_hash, head_length, content_bytes FROM log_files WHERE head_length <= ? ORDER BY head_length DESC",
            arguments: [got])
        for row in candidates {
            let length: Int = row["head_length"]
            let stored: String = row["head_hash"]
            if length == got ? stored == entry.headHash : stored == hash(head[0..<length]) {
                entry.id = row["id"]
                entry.alreadyRead = row["content_bytes"]
                if length < got { entry.headLength = got }
                break
            }
        }
        return entry
    }

    /// Offset just past the last `\n` of a plain file (0 when it has none).
    static func lastNewlineEnd(path: String, size: Int64) throws -> Int64 {
        guard size > 0 else { return 0 }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw InputError("\(path): cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var end = size
        while end > 0 {
            let start = max(0, end - Int64(buffer.count))
            let count = Int(end - start)
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(start)) }
            guard n == count else { throw InputError("\(path): read failed") }
            if let i = buffer[0..<count].lastIndex(of: UInt8(ascii: "\n")) { return start + Int64(i) + 1 }
            end = start
        }
        return 0
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs and machines.
    package static func hash(_ bytes: ArraySlice<UInt8>) -> String {
        let hex = String(FNV1a.hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
