import Foundation
import LogModel

/// Cuts a byte stream into blocks of whole lines, carrying the partial last line of each read
/// into the next block, and remembering directive lines for formats that have them.
struct BlockReader {
    /// Lines longer than this are rejected as `.tooLong`.
    static let maxLineLength = 64 * 1024

    var stream: any ByteStream
    let source: Int
    var carry: [UInt8] = []
    var sequence = 0
    var ended = false
    /// Content bytes taken from the stream so far.
    var contentRead: Int64 = 0
    /// Set once the format is known; enables directive tracking.
    var directivePrefix: UInt8?
    var directives: [[UInt8]] = []
    /// Bytes of an overlong line still to be skipped.
    var skippingLongLine = false

    init(stream: any ByteStream, source: Int) {
        self.stream = stream
        self.source = source
    }

    /// Fills `block` with the next whole lines. Returns false when the stream had nothing left.
    mutating func fill(_ block: Block) throws(InputError) -> Bool {
        guard !ended else { return false }
        let capacity = block.bytes.count
        var count = carry.count
        if !carry.isEmpty {
            carry.withUnsafeBytes { block.bytes.copyMemory(from: $0) }
            carry.removeAll(keepingCapacity: true)
        }
        while count < capacity {
            let n = try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: block.bytes[count...]))
            contentRead += Int64(n)
            if n == 0 {
                ended = true
                break
            }
            if skippingLongLine {
                // Drop the rest of an overlong line up to its newline.
                let region = UnsafeMutableRawBufferPointer(rebasing: block.bytes[count..<(count + n)])
                guard let nl = memchr(region.baseAddress!, Int32(ASCII.newline), n) else { continue }
                let after = region.baseAddress!.distance(to: nl) + 1
                skippingLongLine = false
                let remaining = n - after
                if remaining > 0 { memmove(block.bytes.baseAddress! + count, nl + 1, remaining) }
                count += remaining
                continue
            }
            count += n
        }
        block.source = source
        block.sequence = sequence
        block.preamble = directives
        sequence += 1
        if ended {
            block.count = count
            block.isLast = true
            if let prefix = directivePrefix { noteDirectives(in: block, prefix: prefix) }
            return count > 0 || sequence == 1
        }
        // Keep whole lines; carry the partial last line over to the next block.
        let base = block.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var last = count - 1
        while last >= 0, base[last] != ASCII.newline { last -= 1 }
        if last >= 0 {
            let end = last + 1
            carry.append(contentsOf: UnsafeBufferPointer(start: base + end, count: count - end))
            block.count = end
        } else {
            // One line fills the whole block: keep a marker longer than the limit so the worker
            // rejects it as too long on the right line number, and skip the rest of it.
            block.count = Self.maxLineLength + 2
            base[Self.maxLineLength + 1] = ASCII.newline
            skippingLongLine = true
        }
        block.isLast = false
        if let prefix = directivePrefix { noteDirectives(in: block, prefix: prefix) }
        return true
    }

    /// Records directive lines of `block` (lines starting with `prefix`) for later blocks.
    mutating func noteDirectives(in block: Block, prefix: UInt8) {
        Self.noteDirectives(in: block.lines, prefix: prefix, into: &directives)
    }

    /// Appends the directive lines of `lines` (lines starting with `prefix`) to `directives`,
    /// keeping the last 16.
    static func noteDirectives(in lines: UnsafeRawBufferPointer, prefix: UInt8, into directives: inout [[UInt8]]) {
        guard let start = lines.baseAddress else { return }
        let base = start.assumingMemoryBound(to: UInt8.self)
        let count = lines.count
        var i = 0
        while i < count {
            guard let hit = memchr(base + i, Int32(prefix), count - i) else { break }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var end = at
            while end < count, base[end] != ASCII.newline { end += 1 }
            if at == 0 || base[at - 1] == ASCII.newline {
                var line = Array(UnsafeBufferPointer(start: base + at, count: end - at))
                if line.last == ASCII.carriageReturn { line.removeLast() }
                directives.append(line)
                if directives.count > 16 { directives.removeFirst() }
            }
            i = end + 1
        }
    }
}
