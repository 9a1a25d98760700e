import Foundation
import LogModel
import Synchronization

/// Splits raw bytes into lines without copying.
enum LineCursor {
    /// Calls `body` with each line of `bytes` (without `\n` or a trailing `\r`) until it returns
    /// false. A last line without a newline is included.
    @inline(__always)
    static func forEachLine(in bytes: UnsafeRawBufferPointer, _ body: (ByteView) -> Bool) {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let end = base + bytes.count
        var start = base
        while start < end {
            // Safe because `start < end` and memchr reads at most `end - start` bytes.
            let found = memchr(start, Int32(ASCII.newline), end - start)
            let lineEnd = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
            var stop = lineEnd
            if stop > start, stop[-1] == ASCII.carriageReturn { stop -= 1 }
            if !body(ByteView(start: start, count: stop - start)) { return }
            start = lineEnd + 1
        }
    }
}

/// Per-worker counts, merged into the `ScanReport` after the scan.
struct WorkerStats {
    struct SourceCounts {
        var lines = 0
        var parsed = 0
        var rejected = 0
        var ignored = 0
        var nulPadded = 0
    }

    struct BlockKey: Hashable {
        var source: Int
        var sequence: Int
    }

    struct PendingSample {
        var source: Int
        var sequence: Int
        /// 1-based line number within the block.
        var line: Int
        var reason: LineRejection
        var text: String
    }

    var perSource: [Int: SourceCounts] = [:]
    var blockLines: [BlockKey: Int] = [:]
    var rejections: [LineRejection: Int] = [:]
    var samples: [PendingSample] = []
    var samplesPerReason: [LineRejection: Int] = [:]
}

/// One worker thread's loop: take a block, parse its lines, feed the sink.
struct ScanWorker<Sink: HitSink> {
    var sink: Sink
    let shared: SharedScanState
    let delivery: OrderedDelivery<Sink.BlockOutput>
    let progress: ScanProgress
    var stats = WorkerStats()
    var parsers: [Int: any LogParser] = [:]
    /// Takes the client from this parsed field when it has an address (`LogScanner.clientField`).
    var clientField: ClientField?

    init(sink: Sink, shared: SharedScanState, delivery: OrderedDelivery<Sink.BlockOutput>, progress: ScanProgress, clientField: String? = nil) {
        self.sink = sink
        self.shared = shared
        self.delivery = delivery
        self.progress = progress
        self.clientField = clientField.map { ClientField(name: $0) }
    }

    mutating func run() {
        while let block = shared.queue.pop() {
            var parser = parsers[block.format] ?? shared.format(at: block.format).makeParser()
            parsers[block.format] = nil
            var hit = Hit()
            // Directives from earlier blocks set up stateful parsers (W3C `#Fields:`).
            for directive in block.preamble {
                directive.withUnsafeBufferPointer { _ = try? parser.parse($0, into: &hit) }
            }
            let counts = parse(block, with: &parser)
            if let field = clientField, field.missing {
                shared.noteMissingClientField(field.name, source: block.source)
                clientField!.missing = false
            }
            parsers[block.format] = parser
            stats.blockLines[.init(source: block.source, sequence: block.sequence)] = counts.lines
            stats.perSource[block.source, default: .init()].lines += counts.lines
            stats.perSource[block.source, default: .init()].parsed += counts.parsed
            stats.perSource[block.source, default: .init()].rejected += counts.rejected
            stats.perSource[block.source, default: .init()].ignored += counts.ignored
            stats.perSource[block.source, default: .init()].nulPadded += counts.nulPadded
            progress.lines.add(Int64(counts.lines), ordering: .relaxed)
            let output = sink.finishBlock()
            let source = block.source
            let sequence = block.sequence
            block.recycle()
            shared.pool.push(block)
            delivery.deliver(output, source: source, sequence: sequence)
        }
    }

    /// The per-line loop. No allocation unless a line is rejected and kept as a sample.
    mutating func parse(_ block: Block, with parser: inout any LogParser) -> WorkerStats.SourceCounts {
        var counts = WorkerStats.SourceCounts()
        var hit = Hit()
        let source = block.source
        LineCursor.forEachLine(in: block.lines) { line in
            counts.lines += 1
            var line = line
            if !line.isEmpty && line[0] == 0 {
                // NUL padding left by copytruncate rotation, possibly glued to a real line:
                // drop the padding and read what follows it.
                counts.nulPadded += 1
                var start = 0
                while start < line.count, line[start] == 0 { start += 1 }
                if start == line.count { return true }
                line = line.slice(start, line.count - start)
            }
            do throws(LineRejection) {
                if line.count > BlockReader.maxLineLength { throw .tooLong }
                if try parser.parse(line, into: &hit) {
                    counts.parsed += 1
                    if clientField != nil { clientField!.apply(to: &hit) }
                    sink.consume(hit, source: source)
                } else {
                    counts.ignored += 1
                }
            } catch {
                counts.rejected += 1
                reject(line, reason: Self.refine(error, line), block: block, lineNumber: counts.lines)
            }
            return true
        }
        return counts
    }

    /// A line with control bytes is binary garbage whatever the parser tripped over.
    static func refine(_ reason: LineRejection, _ line: ByteView) -> LineRejection {
        if reason == .tooLong { return reason }
        for b in line where b < 0x20 && b != ASCII.tab { return .binary }
        return reason
    }

    mutating func reject(_ line: ByteView, reason: LineRejection, block: Block, lineNumber: Int) {
        stats.rejections[reason, default: 0] += 1
        guard stats.samplesPerReason[reason, default: 0] < 20 else { return }
        stats.samplesPerReason[reason, default: 0] += 1
        let shown = ByteView(start: line.baseAddress, count: min(line.count, 160))
        let text = String(decoding: shown, as: UTF8.self).map { $0.isASCII && $0.asciiValue! < 0x20 ? "?" : $0 }
        stats.samples.append(
            .init(source: block.source, sequence: block.sequence, line: lineNumber, reason: reason, text: String(text)))
    }
}

/// Type-erased view of `OrderedDelivery` for readers, which only report source ends.
class OrderedDeliveryBase: @unchecked Sendable {
    func sourceFinished(_ source: Int, blocks: Int) {}
}

/// Hands block outputs to a callback in input order, whatever order workers finish in.
final class OrderedDelivery<Output>: OrderedDeliveryBase, @unchecked Sendable {
    private let lock = NSLock()
    private let callback: (Output) -> Void
    private var waiting: [WorkerStats.BlockKey: Output] = [:]
    private var blockCounts: [Int: Int] = [:]
    private var current = WorkerStats.BlockKey(source: 0, sequence: 0)

    init(deliver: @escaping (Output) -> Void) {
        callback = deliver
    }

    func deliver(_ output: Output, source: Int, sequence: Int) {
        lock.withLock {
            waiting[.init(source: source, sequence: sequence)] = output
            flush()
        }
    }

    override func sourceFinished(_ source: Int, blocks: Int) {
        lock.withLock {
            blockCounts[source] = blocks
            flush()
        }
    }

    /// Emits every output that is next in order. Called with the lock held.
    private func flush() {
        while true {
            if let total = blockCounts[current.source], current.sequence >= total {
                current = .init(source: current.source + 1, sequence: 0)
                continue
            }
            guard let output = waiting.removeValue(forKey: current) else { return }
            callback(output)
            current.sequence += 1
        }
    }
}

/// `--client-field`: a parsed field (such as `http_x_forwarded_for` behind a load balancer) whose
/// first address, when it has one, is the hit's client instead of the connecting address.
struct ClientField {
    let name: String
    /// The field's position among the line's extras, resolved once per distinct field list.
    private var names: UnsafePointer<String>? = nil
    private var index: Int? = nil
    /// Set when a line's format had no such field.
    var missing = false

    init(name: String) { self.name = name }

    mutating func apply(to hit: inout Hit) {
        if hit.extras.names.baseAddress != names || names == nil {
            names = hit.extras.names.baseAddress
            index = hit.extras.index(of: name)
        }
        guard let index else {
            missing = true
            return
        }
        guard let address = Self.firstAddress(in: hit.extras.values[index]) else { return }
        hit.client = address
    }

    /// The first entry of a comma-separated address list, trimmed; `nil` when it is empty, `-`
    /// or `unknown` (what proxies write when they have none).
    static func firstAddress(in list: ByteView) -> ByteView? {
        var start = 0
        while start < list.count, list[start] == ASCII.space { start += 1 }
        var end = start
        while end < list.count, list[end] != UInt8(ascii: ",") { end += 1 }
        while end > start, list[end - 1] == ASCII.space { end -= 1 }
        guard end > start else { return nil }
        let first = list.slice(start, end - start)
        if first.isDash || first.equalsIgnoringCase("unknown") { return nil }
        return first
    }
}
