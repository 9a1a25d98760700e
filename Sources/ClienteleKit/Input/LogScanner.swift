import Foundation
import LogModel
import Parsers
import Synchronization

/// What a scan does with hits. Each worker thread owns one sink; sinks are merged by the caller.
package protocol HitSink {
    /// What a sink hands back after each block (e.g. rendered output); `Void` for aggregators.
    associatedtype BlockOutput
    /// Takes one parsed hit; `source` is the index of its input.
    mutating func consume(_ hit: Hit, source: Int)
    /// Called after the last hit of each block.
    mutating func finishBlock() -> BlockOutput
}

/// How the scanner picks a format.
package enum FormatChoice: Sendable {
    /// Sniff each source's first lines (`--format auto`).
    case auto
    /// Use this format for every source.
    case fixed(any LogFormat)
}

/// Reads sources in parallel and feeds every line to a parser and every hit to a sink.
///
/// Reader threads (one per source being read, up to the number of cores) inflate or read
/// files into 1 MiB blocks of whole lines; worker threads (one per core) parse blocks and feed
/// their own sink, with no lock on the per-line path. Line numbers for rejected lines are fixed
/// up after the scan from per-block line counts.
package struct LogScanner {
    package var sources: [LogSource]
    package var format: FormatChoice
    package var workers: Int
    package var readers: Int
    package var blockSize = 1 << 20
    package var showProgress = false
    /// A parsed field (`http_x_forwarded_for`) whose first address replaces the client address
    /// of each hit that has one; `nil`: the client is the connecting address.
    package var clientField: String? = nil

    package init(sources: [LogSource], format: FormatChoice, workers: Int? = nil) {
        self.sources = sources
        self.format = format
        let cores = ProcessInfo.processInfo.activeProcessorCount
        self.workers = max(1, workers ?? cores)
        readers = max(1, min(cores, sources.count))
    }

    /// Scans every source.
    /// - Parameters:
    ///   - makeSink: creates one sink per worker.
    ///   - deliver: receives each block's output in input order (source by source, block by
    ///     block), on whichever thread finished the block that completed the order.
    /// - Returns: the workers' sinks (merge them) and the scan report.
    package func run<Sink: HitSink>(
        makeSink: () -> Sink, deliver: @escaping (Sink.BlockOutput) -> Void = { _ in }
    ) -> (sinks: [Sink], report: ScanReport) {
        let progress = ScanProgress(totalBytes: sources.reduce(0) { $0 + $1.size })
        if showProgress { progress.startPrinting() }
        // A block must hold a whole line of the maximum length plus the too-long marker.
        let size = max(blockSize, 2 * BlockReader.maxLineLength)
        let shared = SharedScanState(sources: sources, format: format, blocks: workers * 3 + readers * 2, blockSize: size)
        let delivery = OrderedDelivery<Sink.BlockOutput>(deliver: deliver)
        let group = DispatchGroup()
        let nextSource = Atomic<Int>(0)
        for _ in 0..<readers {
            group.enter()
            let thread = Thread { [shared, sources] in
                while true {
                    let index = nextSource.add(1, ordering: .relaxed).oldValue
                    guard index < sources.count else { break }
                    shared.read(sourceIndex: index, progress: progress, delivery: delivery)
                }
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        let results = WorkerResults<Sink>(count: workers)
        for w in 0..<workers {
            group.enter()
            let sink = UncheckedBox(makeSink())
            let thread = Thread { [shared, clientField] in
                // Readers (gzip inflation above all) are the serial head of the pipeline: when
                // workers and readers outnumber the cores, let the readers run first.
                // On Linux, PRIO_PROCESS with id 0 sets the nice value of the calling thread only.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 5)
                var worker = ScanWorker(sink: sink.value, shared: shared, delivery: delivery, progress: progress, clientField: clientField)
                worker.run()
                results.store(w, sink: worker.sink, stats: worker.stats)
                group.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        // Close the queue once every reader is done, so workers drain and stop.
        let readersDone = DispatchGroup()
        readersDone.enter()
        Thread { [shared] in
            shared.waitForReaders(count: sources.count)
            shared.queue.close()
            readersDone.leave()
        }.start()
        group.wait()
        readersDone.wait()
        progress.stop(wasPrinting: showProgress)
        return (results.sinks, shared.report(merging: results.stats))
    }
}

/// A value moved into a thread closure. Safe because each box is handed to exactly one thread.
struct UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// Sinks and statistics collected from finished workers.
final class WorkerResults<Sink>: @unchecked Sendable {
    private let lock = NSLock()
    private var sinkSlots: [Sink?]
    private(set) var stats: [WorkerStats] = []

    init(count: Int) {
        sinkSlots = Array(repeating: nil, count: count)
    }

    func store(_ index: Int, sink: Sink, stats: WorkerStats) {
        lock.withLock {
            sinkSlots[index] = sink
            self.stats.append(stats)
        }
    }

    var sinks: [Sink] { lock.withLock { sinkSlots.compactMap { $0 } } }
}

/// State shared by readers and workers: the block queue and pool, formats, reader outcomes.
final class SharedScanState: @unchecked Sendable {
    let sources: [LogSource]
    let choice: FormatChoice
    let queue: BlockingQueue<Block>
    let pool: BlockingQueue<Block>
    private let lock = NSCondition()
    private var formats: [any LogFormat] = []
    private var missingClientField: Set<Int> = []
    private var sourceFormats: [String]
    private var warnings: [String] = []
    private var finishedReaders = 0
    private var contentEnds: [Int: Int64] = [:]
    private let blockSize: Int
    /// Files read in place, kept until the report so a truncation can be reported.
    private var mappedFiles: [(source: Int, file: MappedFile)] = []

    init(sources: [LogSource], format: FormatChoice, blocks: Int, blockSize: Int) {
        self.sources = sources
        choice = format
        queue = BlockingQueue(capacity: blocks)
        pool = BlockingQueue(capacity: blocks)
        sourceFormats = Array(repeating: "-", count: sources.count)
        self.blockSize = blockSize
        if case .fixed(let f) = format { formats = [f] }
        for _ in 0..<blocks { pool.push(Block(capacity: blockSize)) }
    }

    /// The format at `index` in the table (workers call this once per format they meet).
    func format(at index: Int) -> any LogFormat {
        lock.withLock { formats[index] }
    }

    private func register(_ format: any LogFormat, for source: Int) -> Int {
        lock.withLock {
            sourceFormats[source] = format.name
            if let i = formats.firstIndex(where: { $0.name == format.name }) { return i }
            formats.append(format)
            return formats.count - 1
        }
    }

    private func warn(_ message: String) {
        lock.withLock { warnings.append(message) }
    }

    /// Warns once per source that its format has no field `name` (`--client-field`), so its
    /// clients stay the connecting addresses.
    func noteMissingClientField(_ name: String, source: Int) {
        lock.withLock {
            guard missingClientField.insert(source).inserted else { return }
            warnings.append("\(sources[source].displayName): its format (\(sourceFormats[source])) has no field '\(name)'; clients are the connecting addresses (name the field with --log-format)")
        }
    }

    /// Reads one source into blocks and queues them.
    func read(sourceIndex: Int, progress: ScanProgress, delivery: OrderedDeliveryBase) {
        defer {
            lock.withLock {
                finishedReaders += 1
                lock.broadcast()
            }
        }
        let source = sources[sourceIndex]
        if let file = MappedFile.map(source) {
            readMapped(file, sourceIndex: sourceIndex, progress: progress, delivery: delivery)
            return
        }
        let stream: any ByteStream
        do throws(InputError) {
            stream = try ByteStreamOpener.open(source)
        } catch {
            warn(error.description)
            delivery.sourceFinished(sourceIndex, blocks: 0)
            return
        }
        var reader = BlockReader(stream: stream, source: sourceIndex)
        var formatIndex = -1
        var consumed: Int64 = 0
        var blocks = 0
        while true {
            guard let block = pool.pop() else { break }
            let filled: Bool
            do throws(InputError) {
                filled = try reader.fill(block)
            } catch {
                warn(error.description)
                pool.push(block)
                break
            }
            guard filled else {
                pool.push(block)
                break
            }
            if formatIndex < 0 && !Self.holdsOnlyOverlongLines(block) {
                guard let chosen = chooseFormat(for: block, source: source) else {
                    pool.push(block)
                    break
                }
                formatIndex = register(chosen, for: sourceIndex)
                reader.directivePrefix = chosen.directivePrefix
                if let prefix = chosen.directivePrefix { reader.noteDirectives(in: block, prefix: prefix) }
            }
            block.format = formatIndex >= 0 ? formatIndex : anyFormatIndex()
            let now = reader.stream.consumedBytes
            progress.consumedBytes.add(now - consumed, ordering: .relaxed)
            consumed = now
            blocks += 1
            let isLast = block.isLast
            queue.push(block)
            if isLast { break }
        }
        for message in reader.stream.warnings { warn(message) }
        if reader.ended {
            lock.withLock { contentEnds[sourceIndex] = source.skipBytes + reader.contentRead }
        }
        delivery.sourceFinished(sourceIndex, blocks: blocks)
    }

    /// Reads a mapped file as blocks that point into the mapping: no copy, whole lines per
    /// block (an overlong line is one block of its own; the worker rejects it as too long).
    private func readMapped(_ file: MappedFile, sourceIndex: Int, progress: ScanProgress, delivery: OrderedDeliveryBase) {
        lock.withLock { mappedFiles.append((sourceIndex, file)) }
        let source = sources[sourceIndex]
        let content = file.content
        let base = content.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var position = 0
        var sequence = 0
        var formatIndex = -1
        var directivePrefix: UInt8?
        var directives: [[UInt8]] = []
        while position < content.count {
            guard let block = pool.pop() else { break }
            var cut = min(content.count, position + blockSize)
            if cut < content.count {
                var last = cut - 1
                while last >= position, base[last] != ASCII.newline { last -= 1 }
                if last >= position {
                    cut = last + 1
                } else if let newline = memchr(base + cut, Int32(ASCII.newline), content.count - cut) {
                    cut = base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
                } else {
                    cut = content.count
                }
            }
            block.map(file, position..<cut)
            block.source = sourceIndex
            block.sequence = sequence
            block.preamble = directives
            block.isLast = cut == content.count
            if formatIndex < 0 && !Self.holdsOnlyOverlongLines(block) {
                guard let chosen = chooseFormat(for: block, source: source) else {
                    block.recycle()
                    pool.push(block)
                    break
                }
                formatIndex = register(chosen, for: sourceIndex)
                directivePrefix = chosen.directivePrefix
            }
            block.format = formatIndex >= 0 ? formatIndex : anyFormatIndex()
            if let prefix = directivePrefix { BlockReader.noteDirectives(in: block.lines, prefix: prefix, into: &directives) }
            progress.consumedBytes.add(Int64(cut - position), ordering: .relaxed)
            position = cut
            sequence += 1
            queue.push(block)
        }
        if position == content.count {
            lock.withLock { contentEnds[sourceIndex] = file.startOffset + Int64(content.count) }
        }
        delivery.sourceFinished(sourceIndex, blocks: sequence)
    }

    /// Whether every line of the block is longer than `BlockReader.maxLineLength` (an overlong
    /// line is a block of its own). Such a block at the head of a file says nothing of its format
    /// and needs none (workers reject its lines as too long before parsing), so the format is
    /// sniffed from the blocks after it.
    static func holdsOnlyOverlongLines(_ block: Block) -> Bool {
        var only = true
        LineCursor.forEachLine(in: block.lines) { line in
            if line.count <= BlockReader.maxLineLength { only = false }
            return only
        }
        return only
    }

    /// A format index for blocks of overlong lines only (any format serves them).
    private func anyFormatIndex() -> Int {
        lock.withLock {
            if formats.isEmpty { formats.append(FormatCatalog.presets[0]) }
            return 0
        }
    }

    /// The configured format, or the one sniffed from the block's first lines.
    private func chooseFormat(for block: Block, source: LogSource) -> (any LogFormat)? {
        if case .fixed(let f) = choice { return f }
        // The first lines, directives included (W3C formats are recognised by their header);
        // when none of them reads, the first few thousand (a log can start with a run of garbage).
        for limit in [80, 5_000] {
            var lines: [ByteView] = []
            LineCursor.forEachLine(in: block.lines) { line in
                lines.append(line)
                return lines.count < limit
            }
            if let sniffed = FormatCatalog.sniff(lines), sniffed.matched > 0 { return sniffed.format }
            if lines.count < limit { break }
        }
        warn("\(source.displayName): could not recognise the log format from its first lines; skipped (name one with --format or --log-format)")
        return nil
    }

    func waitForReaders(count: Int) {
        lock.lock()
        while finishedReaders < count { lock.wait() }
        lock.unlock()
    }

    /// Merges worker statistics into the report, resolving rejected lines' numbers.
    func report(merging stats: [WorkerStats]) -> ScanReport {
        var report = ScanReport()
        report.sources = sources.indices.map { ScanReport.SourceSummary(name: sources[$0].displayName, format: sourceFormats[$0]) }
        lock.withLock {
            for (i, end) in contentEnds { report.sources[i].contentEnd = end }
        }
        var blockLines: [[Int: Int]] = Array(repeating: [:], count: sources.count)
        var reasonCounts: [LineRejection: Int] = [:]
        var pending: [WorkerStats.PendingSample] = []
        for s in stats {
            for (i, c) in s.perSource where i < sources.count {
                report.sources[i].lines += c.lines
                report.sources[i].parsed += c.parsed
                report.sources[i].rejected += c.rejected
                report.sources[i].ignored += c.ignored
                report.sources[i].nulPadded += c.nulPadded
            }
            for (key, lines) in s.blockLines { blockLines[key.source][key.sequence] = lines }
            for (reason, count) in s.rejections { reasonCounts[reason, default: 0] += count }
            pending += s.samples
        }
        // First line number of each block = lines in the blocks before it.
        var firstLine: [[Int: Int]] = Array(repeating: [:], count: sources.count)
        for (source, counts) in blockLines.enumerated() {
            var running = 0
            for sequence in counts.keys.sorted() {
                firstLine[source][sequence] = running
                running += counts[sequence]!
            }
        }
        pending.sort { ($0.source, $0.sequence, $0.line) < ($1.source, $1.sequence, $1.line) }
        var perReason: [LineRejection: Int] = [:]
        for p in pending where perReason[p.reason, default: 0] < 20 {
            perReason[p.reason, default: 0] += 1
            report.samples.append(
                ScanReport.Sample(
                    file: sources[p.source].displayName, line: (firstLine[p.source][p.sequence] ?? 0) + p.line,
                    reason: p.reason.name, text: p.text))
        }
        for reason in LineRejection.allCases {
            if let count = reasonCounts[reason] { report.rejectedByReason[reason.name] = count }
        }
        report.warnings = lock.withLock {
            for (source, file) in mappedFiles where file.wasTruncated {
                warnings.append("\(sources[source].displayName): the file was truncated while being read (log rotation?); the lost part was skipped")
            }
            mappedFiles = []
            return warnings
        }
        return report
    }
}
