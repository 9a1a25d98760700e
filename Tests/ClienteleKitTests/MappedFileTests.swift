import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// Settled plain files are read in place from a memory mapping; these tests hold that path to
/// the read(2) path's results and check the SIGBUS guard against truncation.
@Suite struct MappedFileTests {
    /// Writes `text` to a new file and dates it `age` seconds back.
    func file(_ text: String, age: TimeInterval) throws -> String {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("access.log").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-age)], ofItemAtPath: path)
        return path
    }

    /// About 5 MiB of combined lines with CRLF endings, an overlong line, garbage and no final
    /// newline, so that block cuts fall everywhere.
    func awkwardLog() -> String {
        var lines: [String] = []
        for i in 0..<30_000 {
            lines.append(combinedLine(i, pathLength: i % 211))
            if i == 7_777 { lines.append("x" + String(repeating: "y", count: 3 << 20)) }  // longer than a block
            if i % 5_000 == 0 { lines.append("\u{01}garbage line") }
        }
        return lines.enumerated().map { $0.offset % 4 == 0 ? $0.element + "\r\n" : $0.element + "\n" }.joined().dropLast(1).description
    }

    @Test func onlySettledLargePlainFilesAreMapped() throws {
        let text = awkwardLog()
        #expect(text.utf8.count > Int(MappedFile.minimumSize))
        #expect(MappedFile.map(LogSource(path: try file(text, age: 3600), size: 0)) != nil)
        #expect(MappedFile.map(LogSource(path: try file(text, age: 0), size: 0)) == nil, "a file being written is read, not mapped")
        #expect(MappedFile.map(LogSource(path: try file("short\n", age: 3600), size: 0)) == nil)
    }

    /// The same bytes scanned in place and through read(2) give the same paths, counts and
    /// rejections, line numbers included, at several block sizes.
    @Test(arguments: [131_072, 1 << 20])
    func mappedScanEqualsReadScan(blockSize: Int) throws {
        let text = awkwardLog()
        let mapped = scan([try file(text, age: 3600)], blockSize: blockSize)
        let read = scan([try file(text, age: 0)], blockSize: blockSize)
        #expect(mapped.paths.count == 30_000)
        #expect(mapped.paths == read.paths)
        #expect(mapped.report.lines == read.report.lines)
        #expect(mapped.report.parsed == read.report.parsed)
        #expect(mapped.report.rejectedByReason == read.report.rejectedByReason)
        #expect(mapped.report.rejectedByReason["too_long"] == 1)
        #expect(mapped.report.samples.map(\.line) == read.report.samples.map(\.line))
        #expect(mapped.report.sources[0].contentEnd == Int64(text.utf8.count))
    }

    /// A resumed range (what ingest asks for a grown file) reads only the new lines.
    @Test func mappedRangeStartsAtTheSkippedOffset() throws {
        let text = awkwardLog()
        let path = try file(text, age: 3600)
        let bytes = Array(text.utf8)
        let lineStart = bytes[(bytes.count / 2)...].firstIndex(of: 10)! + 1
        var source = LogSource(path: path, size: Int64(bytes.count))
        source.skipBytes = Int64(lineStart)
        #expect(MappedFile.map(source) != nil)
        let scanner = LogScanner(sources: [source], format: .fixed(ApacheFormat.combined), workers: 2)
        let collected = Collected<String>()
        _ = scanner.run(makeSink: { PathSink() }) { collected.append(contentsOf: $0) }
        let expected = bytes[lineStart...].split(separator: 10).compactMap { line -> String? in
            let fields = String(decoding: line, as: UTF8.self).split(separator: " ")
            return fields.count > 6 && fields[0].hasPrefix("10.") ? fields[6].description : nil
        }
        #expect(collected.all == expected)
    }

    /// A file truncated while mapped: reading past its new end gives NUL bytes instead of
    /// killing the process with SIGBUS, and the truncation is reported.
    @Test func truncationWhileMappedReadsZerosAndIsReported() throws {
        let text = awkwardLog()
        let path = try file(text, age: 3600)
        let mapped = try #require(MappedFile.map(LogSource(path: path, size: 0)))
        #expect(truncate(path, 4096) == 0)
        let tail = mapped.content[mapped.content.count - 10]  // past the new end: SIGBUS without the guard
        #expect(tail == 0)
        #expect(mapped.content[0] == UInt8(ascii: "1"))
        #expect(mapped.wasTruncated)
    }
}

/// A symbolic link to a log is read whole: its size is the target's, not the link's.
@Suite struct SymlinkedInputTests {
    @Test func symlinkedLogIsReadToTheEnd() throws {
        let dir = Fixtures.temporaryDirectory()
        let target = dir.appendingPathComponent("real-access.log")
        let text = (0..<2_000).map { combinedLine($0) + "\n" }.joined()
        try Data(text.utf8).write(to: target)
        let link = dir.appendingPathComponent("access.log")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let sources = try InputExpander.expand([link.path])
        #expect(sources.first?.size == Int64(text.utf8.count))
    }
}
