import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// Collects one field of each hit (the path unless told) per block; blocks arrive in input
/// order through `deliver`.
struct PathSink: HitSink {
    var field: (Hit) -> String = { $0.path.string }
    var values: [String] = []
    mutating func consume(_ hit: Hit, source: Int) { values.append(field(hit)) }
    mutating func finishBlock() -> [String] {
        defer { values = [] }
        return values
    }
}

/// Thread-safe accumulator for delivered blocks.
final class Collected<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(contentsOf more: [T]) { lock.withLock { items += more } }
    var all: [T] { lock.withLock { items } }
}

func scan(_ paths: [String], blockSize: Int = 1 << 20, workers: Int = 2, format: FormatChoice = .fixed(ApacheFormat.combined))
    -> (paths: [String], report: ScanReport)
{
    var scanner = LogScanner(sources: paths.map { LogSource(path: $0, size: 0) }, format: format, workers: workers)
    scanner.blockSize = blockSize
    let collected = Collected<String>()
    let (_, report) = scanner.run(makeSink: { PathSink() }) { collected.append(contentsOf: $0) }
    return (collected.all, report)
}

func combinedLine(_ i: Int, pathLength: Int = 10) -> String {
    let path = "/p\(i)-" + String(repeating: "x", count: pathLength)
    return #"10.0.\#(i % 250).\#(i % 7) - - [01/Nov/2026:10:\#(String(format: "%02d", i / 60 % 60)):\#(String(format: "%02d", i % 60)) +0000] "GET \#(path) HTTP/1.1" 200 \#(i) "-" "agent \#(i % 13)""#
}

@Suite struct LogScannerTests {
    /// Block boundaries fall inside lines, CRLF pairs and at the missing final newline; every
    /// line must come out once, in order, whatever the block size.
    @Test(arguments: [131_072, 131_073, 200_003, 1 << 20])
    func blockBoundariesLoseNothing(blockSize: Int) throws {
        var rng = SystemRandomNumberGenerator()
        var lines: [String] = []
        for i in 0..<12_000 { lines.append(combinedLine(i, pathLength: Int.random(in: 0...200, using: &rng))) }
        let text = lines.enumerated().map { $0.offset % 3 == 0 ? $0.element + "\r\n" : $0.element + "\n" }.joined()
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("access.log")
        try Data(text.dropLast(1).utf8).write(to: file)  // no final newline
        let (paths, report) = scan([file.path], blockSize: blockSize)
        // The oracle: split the bytes the plain way (Swift's String treats CRLF as one character).
        let expected = text.utf8.split(separator: 10).map { line in
            String(decoding: line, as: UTF8.self).split(separator: " ")[6].description
        }
        #expect(paths.count == expected.count)
        #expect(paths.firstIndex { !expected.contains($0) } == nil)
        #expect(paths == expected, "first difference at \(Array(zip(paths, expected)).firstIndex { $0.0 != $0.1 } ?? -1)")
        #expect(report.lines == 12_000)
        #expect(report.parsed == 12_000)
    }

    @Test func overlongLinesAreRejectedOnTheirLineNumbers() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("long.log")
        var text = ""
        for i in 0..<10 { text += combinedLine(i) + "\n" }
        text += combinedLine(10, pathLength: 100_000) + "\n"  // line 11: over 64 KiB
        for i in 11..<20 { text += combinedLine(i) + "\n" }
        text += combinedLine(20, pathLength: 3_000_000) + "\n"  // line 21: longer than a block
        for i in 21..<30 { text += combinedLine(i) + "\n" }
        try Data(text.utf8).write(to: file)
        let (paths, report) = scan([file.path], blockSize: 131_072)
        #expect(paths.count == 28)
        #expect(report.lines == 30)
        #expect(report.rejectedByReason == ["too_long": 2])
        #expect(report.samples.map(\.line) == [11, 21])
        #expect(paths.last == "/p29-xxxxxxxxxx")
    }

    /// A file that starts with overlong lines is still recognised (from the lines after them),
    /// plain or gzip'd, and the overlong lines are rejected as too long.
    @Test(arguments: [false, true])
    func leadingOverlongLinesDoNotHideTheFormat(gzip: Bool) throws {
        let dir = Fixtures.temporaryDirectory()
        var text = combinedLine(0, pathLength: 3_000_000) + "\n" + combinedLine(1, pathLength: 70_000) + "\n"
        for i in 2..<6 { text += combinedLine(i) + "\n" }
        let file = dir.appendingPathComponent(gzip ? "long.log.gz" : "long.log")
        try (gzip ? GzipTestWriter.member(Data(text.utf8)) : Data(text.utf8)).write(to: file)
        let (paths, report) = scan([file.path], blockSize: 131_072, format: .auto)
        #expect(paths == (2..<6).map { "/p\($0)-xxxxxxxxxx" })
        #expect(report.sources.first?.format == "combined")
        #expect(report.rejectedByReason == ["too_long": 2])
        #expect(report.samples.map(\.line) == [1, 2])
    }

    /// A log that starts with a few hundred lines of garbage is still recognised; they are
    /// rejected on their line numbers.
    @Test func aGarbageHeadDoesNotHideTheFormat() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("garbage-head.log")
        var text = ""
        for i in 0..<300 { text += "garbage line \(i) ;;; %%% ###\n" }
        for i in 0..<20 { text += combinedLine(i) + "\n" }
        try Data(text.utf8).write(to: file)
        let (paths, report) = scan([file.path], blockSize: 131_072, format: .auto)
        #expect(paths.count == 20)
        #expect(report.sources.first?.format == "combined")
        #expect(report.rejected == 300)
        #expect(report.samples.first?.line == 1)
    }

    /// `--client-field`: the first address of the named field is the client; a line without
    /// one keeps the connecting address.
    @Test func clientFieldGivesTheFirstForwardedAddress() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("lb.log")
        let forwarded = ["198.51.100.7, 10.0.0.1", "-", "unknown", " 203.0.113.9 ", "2001:db8::5,10.0.0.1", ""]
        let text = forwarded.enumerated().map { i, xff in
            #"10.0.0.1 - - [01/Nov/2026:10:00:0\#(i) +0000] "GET /p\#(i) HTTP/1.1" 200 5 "-" "agent" "\#(xff)""#
        }.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: file)
        let format = try FormatCatalog.format(logFormat: #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for""#)
        var scanner = LogScanner(sources: [LogSource(path: file.path, size: 0)], format: .fixed(format), workers: 2)
        scanner.clientField = "http_x_forwarded_for"
        let collected = Collected<String>()
        let (_, report) = scanner.run(makeSink: { PathSink(field: { $0.client.string }) }) { collected.append(contentsOf: $0) }
        #expect(report.parsed == 6)
        #expect(collected.all == ["198.51.100.7", "10.0.0.1", "10.0.0.1", "203.0.113.9", "2001:db8::5", "10.0.0.1"])
        #expect(report.warnings.isEmpty)

        // A format without the field (the sniffed `combined` ignores trailing fields) keeps the
        // connecting addresses and says so once.
        var sniffing = LogScanner(sources: [LogSource(path: file.path, size: 0)], format: .auto, workers: 2)
        sniffing.clientField = "http_x_forwarded_for"
        let (_, plain) = sniffing.run(makeSink: { PathSink(field: { $0.client.string }) })
        #expect(plain.parsed == 6)
        #expect(plain.warnings == ["\(file.path): its format (combined) has no field 'http_x_forwarded_for'; clients are the connecting addresses (name the field with --log-format)"])
    }

    @Test func rejectedLinesAreNamedByFileAndLineAcrossBlocks() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("mixed.log")
        var lines = (0..<20_000).map { combinedLine($0, pathLength: 30) }
        let badAt = [1, 777, 9_999, 15_001, 20_000]  // 1-based line numbers
        for n in badAt { lines[n - 1] = "garbage \(n)" }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
        let (_, report) = scan([file.path], blockSize: 131_072)
        #expect(report.rejected == 5)
        #expect(report.samples.map(\.line) == badAt)
        #expect(report.samples.allSatisfy { $0.file == file.path })
        #expect(report.samples.first?.text == "garbage 1")
    }

    @Test func nulPaddingIsSkippedAndReported() throws {
        let dir = Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("padded.log")
        var data = Data(repeating: 0, count: 5000)
        data.append(Data((combinedLine(1) + "\n" + combinedLine(2) + "\n").utf8))
        try data.write(to: file)
        data = Data(repeating: 0, count: 300)
        data.append(Data("\n".utf8))
        try data.append(Data(contentsOf: file))
        try data.write(to: file)
        let (paths, report) = scan([file.path])
        // The padding glued to the first line is dropped and the line is kept; a line of
        // padding alone is skipped.
        #expect(paths == ["/p1-xxxxxxxxxx", "/p2-xxxxxxxxxx"])
        #expect(report.nulPadded == 2)
        #expect(report.rejected == 0)
        #expect(report.summaryLines().contains { $0.contains("NUL") })
    }

    @Test func filesAreReadInTheGivenOrder() throws {
        let dir = Fixtures.temporaryDirectory()
        var files: [String] = []
        for f in 0..<5 {
            let url = dir.appendingPathComponent("part\(f).log")
            try Data(((0..<300).map { combinedLine(f * 1000 + $0) }.joined(separator: "\n") + "\n").utf8).write(to: url)
            files.append(url.path)
        }
        let (paths, _) = scan(files, workers: 3)
        #expect(paths == (0..<5).flatMap { f in (0..<300).map { "/p\(f * 1000 + $0)-xxxxxxxxxx" } })
    }

    @Test func sniffsEachFileFormat() throws {
        let dir = Fixtures.temporaryDirectory()
        let common = dir.appendingPathComponent("common.log")
        try Data(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 200 5"#.utf8 + [10]).write(to: common)
        let w3c = dir.appendingPathComponent("u_ex261101.log")
        try Data("#Software: IIS\n#Fields: date time c-ip cs-method cs-uri-stem sc-status\n2026-11-01 10:00:00 1.2.3.4 GET /b 200\n".utf8).write(to: w3c)
        let (paths, report) = scan([common.path, w3c.path], format: .auto)
        #expect(paths == ["/a", "/b"])
        #expect(report.sources.map(\.format) == ["common", "w3c"])
    }

    @Test func unreadableAndUnrecognisedInputsAreWarnings() throws {
        let dir = Fixtures.temporaryDirectory()
        let junk = dir.appendingPathComponent("junk.txt")
        try Data("hello\nworld\n".utf8).write(to: junk)
        let (paths, report) = scan([dir.appendingPathComponent("missing.log").path, junk.path], format: .auto)
        #expect(paths.isEmpty)
        #expect(report.warnings.count == 2)
        #expect(report.warnings[0].contains("missing.log: cannot open"))
        #expect(report.warnings[1].contains("could not recognise"))
    }
}
