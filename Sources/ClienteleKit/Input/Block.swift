import Foundation

/// A run of whole lines read from one source, handed from a reader to a worker.
///
/// Blocks are recycled through a `BlockPool`, so the reading path allocates a fixed number of
/// buffers whatever the size of the logs.
final class Block: @unchecked Sendable {
    /// The buffer; `bytes[0..<count]` holds whole lines (the last one may lack its newline only
    /// at the end of a stream).
    let bytes: UnsafeMutableRawBufferPointer
    var count = 0
    /// Index of the source in the scan's source list.
    var source = 0
    /// Position of this block within its source, from 0.
    var sequence = 0
    /// True for the last block of its source.
    var isLast = false
    /// Index of the source's format in the scan's format table.
    var format = 0
    /// Directive lines (`#Fields: …`) that came before this block in its source, oldest first.
    var preamble: [[UInt8]] = []

    /// A range of a mapped file read in place instead of `bytes` (see `MappedFile`).
    private var mapped: (file: MappedFile, range: Range<Int>)?

    init(capacity: Int) {
        bytes = .allocate(byteCount: capacity, alignment: 64)
    }

    deinit { bytes.deallocate() }

    /// The block's whole lines: the mapped range, or `bytes[0..<count]`.
    var lines: UnsafeRawBufferPointer {
        if let mapped { return UnsafeRawBufferPointer(rebasing: mapped.file.content[mapped.range]) }
        return UnsafeRawBufferPointer(rebasing: bytes[0..<count])
    }

    /// Makes the block read `range` of `file` in place.
    func map(_ file: MappedFile, _ range: Range<Int>) {
        mapped = (file, range)
    }

    /// Drops the mapped pages of a parsed block from memory before the block is reused.
    func recycle() {
        guard let mapped else { return }
        mapped.file.release(mapped.range)
        self.mapped = nil
    }
}

/// A bounded first-in first-out queue between threads.
final class BlockingQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds `item`, waiting while the queue is full.
    func push(_ item: Element) {
        condition.lock()
        while items.count - head >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    /// Takes the oldest item, waiting while the queue is empty; `nil` once closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.count == head && !closed { condition.wait() }
        guard items.count > head else { return nil }
        let item = items[head]
        head += 1
        if head > 1024 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
        condition.broadcast()
        return item
    }

    /// Wakes every waiting `pop` once the queue is drained.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
