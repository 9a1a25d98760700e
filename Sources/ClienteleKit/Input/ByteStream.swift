import Foundation

/// A source of bytes read front to back: a plain file, standard input, or inflated gzip.
package protocol ByteStream {
    /// Reads up to `buffer.count` bytes into `buffer`. Returns 0 at the end of the stream.
    /// Problems that end the stream early (a truncated gzip) are reported in `warnings`, not thrown.
    /// - Throws: `InputError` when the underlying file cannot be read at all.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int
    /// How many bytes of the underlying file have been consumed (for progress).
    var consumedBytes: Int64 { get }
    /// Warnings about damaged input, each naming what was kept.
    var warnings: [String] { get }
}

/// An input that could not be read; the message names the file and the system's reason.
package struct InputError: Error, Sendable, CustomStringConvertible {
    package let description: String
    package init(_ description: String) { self.description = description }
}

/// Reads a file descriptor with read(2), optionally starting with bytes already read (used
/// when sniffing for the gzip magic number).
package struct FileByteStream: ByteStream {
    let owner: DescriptorOwner
    var descriptor: Int32 { owner.descriptor }
    let name: String
    var pending: [UInt8]
    package private(set) var consumedBytes: Int64 = 0
    package var warnings: [String] { [] }

    package init(descriptor: Int32, name: String, pending: [UInt8] = []) {
        owner = DescriptorOwner(descriptor)
        self.name = name
        self.pending = pending
    }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        if !pending.isEmpty {
            let n = min(pending.count, buffer.count)
            pending.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            pending.removeFirst(n)
            consumedBytes += Int64(n)
            return n
        }
        while true {
            let n = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if n >= 0 {
                consumedBytes += Int64(n)
                return n
            }
            if errno == EINTR { continue }
            throw InputError("\(name): read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Opens sources as byte streams, detecting gzip by its magic number (not the file name).
package enum ByteStreamOpener {
    /// Opens `source`. The returned stream inflates gzip (multi-member, concatenated) when the
    /// content starts with the gzip magic number.
    /// - Throws: `InputError` when the file cannot be opened.
    package static func open(_ source: LogSource) throws(InputError) -> any ByteStream {
        let descriptor: Int32
        if let path = source.path {
            descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw InputError("\(path): cannot open: \(String(cString: strerror(errno)))")
            }
            _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        } else {
            descriptor = 0
        }
        var head = [UInt8](repeating: 0, count: 2)
        var got = 0
        while got < 2 {
            let n = head.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + got, 2 - got) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        head.removeLast(2 - got)
        let plain = FileByteStream(descriptor: descriptor, name: source.displayName, pending: head)
        let stream: any ByteStream
        if head == [0x1F, 0x8B] {
            stream = GzipByteStream(input: plain, name: source.displayName)
        } else {
            stream = plain
        }
        if source.skipBytes == 0 && source.endBytes == nil { return stream }
        return RangedByteStream(base: stream, skip: source.skipBytes, end: source.endBytes)
    }
}

/// Reads a content range of another stream: drops the first `skip` bytes and stops at `end`.
/// Used by incremental ingest to resume a file where the last run stopped.
package struct RangedByteStream: ByteStream {
    var base: any ByteStream
    var toSkip: Int64
    let end: Int64?
    /// Content offset of the next byte handed out.
    package private(set) var offset: Int64 = 0

    package init(base: any ByteStream, skip: Int64, end: Int64?) {
        self.base = base
        toSkip = skip
        self.end = end
    }

    package var consumedBytes: Int64 { base.consumedBytes }
    package var warnings: [String] { base.warnings }

    package mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        while toSkip > 0 {
            let n = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(buffer.count), toSkip))]))
            if n == 0 { return 0 }
            toSkip -= Int64(n)
            offset += Int64(n)
        }
        var room = buffer.count
        if let end { room = Int(min(Int64(room), max(0, end - offset))) }
        if room == 0 { return 0 }
        let n = try base.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<room]))
        offset += Int64(n)
        return n
    }
}

/// Closes a file descriptor when the last stream copy using it goes away (never standard input).
final class DescriptorOwner {
    let descriptor: Int32

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        if descriptor > 2 { Glibc.close(descriptor) }
    }
}
