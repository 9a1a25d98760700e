import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

@Suite struct GzipInputTests {
    static func lines(_ range: Range<Int>) -> Data {
        Data(range.map { combinedLine($0) + "\n" }.joined().utf8)
    }

    func write(_ data: Data, _ name: String) throws -> String {
        let url = Fixtures.temporaryDirectory().appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    @Test func multiMemberGzipIsReadWhole() throws {
        // `cat a.gz b.gz > c.gz` and gzip's own multi-member output look the same.
        var data = GzipTestWriter.member(Self.lines(0..<500))
        data += GzipTestWriter.member(Self.lines(500..<1200))
        data += GzipTestWriter.member(Self.lines(1200..<1201))
        let (paths, report) = scan([try write(data, "multi.log.gz")])
        #expect(paths.count == 1201)
        #expect(paths.last == "/p1200-xxxxxxxxxx")
        #expect(report.warnings.isEmpty)
    }

    @Test func gzipIsDetectedByContentNotName() throws {
        let (paths, _) = scan([try write(GzipTestWriter.member(Self.lines(0..<10)), "access.log.1")])
        #expect(paths.count == 10)
    }

    /// A file cut off mid-stream keeps every whole line inflated before the cut and says so.
    @Test(arguments: [0.3, 0.6, 0.95])
    func truncatedGzipKeepsWhatWasRead(fraction: Double) throws {
        let full = GzipTestWriter.member(Self.lines(0..<20_000))
        let cut = full.prefix(Int(Double(full.count) * fraction))
        let (paths, report) = scan([try write(cut, "cut.log.gz")])
        #expect(paths.count > 0)
        #expect(paths.count < 20_000)
        // What was kept is exactly the first lines, in order.
        #expect(paths == (0..<paths.count).map { "/p\($0)-xxxxxxxxxx" })
        #expect(report.warnings.count == 1)
        #expect(report.warnings[0].contains("cut.log.gz: gzip data is truncated"))
        // At most the one partial line at the cut is rejected.
        #expect(report.rejected <= 1)
    }

    @Test func corruptGzipDataIsAWarning() throws {
        var data = GzipTestWriter.member(Self.lines(0..<5000))
        let middle = data.count / 2
        for i in middle..<(middle + 64) { data[i] ^= 0x5A }
        let (_, report) = scan([try write(data, "corrupt.log.gz")])
        #expect(report.warnings.contains { $0.contains("corrupt.log.gz: corrupt gzip data") })
    }

    @Test func zeroPaddingAfterTheLastMemberIsIgnoredQuietly() throws {
        var data = GzipTestWriter.member(Self.lines(0..<10))
        data += Data(repeating: 0, count: 512)
        let (paths, report) = scan([try write(data, "padded.log.gz")])
        #expect(paths.count == 10)
        #expect(report.warnings.isEmpty)
    }

    @Test func garbageAfterTheLastMemberIsReported() throws {
        var data = GzipTestWriter.member(Self.lines(0..<10))
        data += Data("not gzip".utf8)
        let (paths, report) = scan([try write(data, "tail.log.gz")])
        #expect(paths.count == 10)
        #expect(report.warnings.count == 1)
    }
}

@Suite struct RotatedSetTests {
    @Test func rotatedSetsAreOrderedOldestFirst() {
        let given = [
            "/logs/access.log", "/logs/access.log.1", "/logs/access.log.2.gz", "/logs/access.log.10.gz",
            "/logs/access.log-20261101.gz", "/logs/access.log-20261031.gz", "/logs/error.log", "/logs/error.log.1",
            "/logs/access.log-2026-10-30.gz",
        ]
        #expect(
            InputExpander.orderRotatedSets(given) == [
                "/logs/access.log-2026-10-30.gz", "/logs/access.log-20261031.gz", "/logs/access.log-20261101.gz",
                "/logs/access.log.10.gz", "/logs/access.log.2.gz", "/logs/access.log.1", "/logs/access.log",
                "/logs/error.log.1", "/logs/error.log",
            ])
    }

    @Test func directoriesAndGlobsExpandToTheRotatedOrder() throws {
        let dir = Fixtures.temporaryDirectory()
        for name in ["access.log", "access.log.1", "access.log.2.gz", ".hidden.log"] {
            try Data().write(to: dir.appendingPathComponent(name))
        }
        let fromDirectory = try InputExpander.expand([dir.path]).map { URL(fileURLWithPath: $0.path!).lastPathComponent }
        #expect(fromDirectory == ["access.log.2.gz", "access.log.1", "access.log"])
        let fromGlob = try InputExpander.expand([dir.path + "/access.log*"]).map { URL(fileURLWithPath: $0.path!).lastPathComponent }
        #expect(fromGlob == ["access.log.2.gz", "access.log.1", "access.log"])
        #expect(throws: InputExpander.Failure.self) { try InputExpander.expand([dir.path + "/nothing*"]) }
        #expect(throws: InputExpander.Failure.self) { try InputExpander.expand([dir.path + "/missing.log"]) }
    }

    /// The same lines split over a rotated set read in input order give the same sequence as
    /// the single file.
    @Test func rotatedGzipSetReadsLikeOneFile() throws {
        let dir = Fixtures.temporaryDirectory()
        let all = (0..<3000).map { combinedLine($0) + "\n" }
        try Data(all[0..<1000].joined().utf8).write(to: dir.appendingPathComponent("access.log.2"))
        try GzipTestWriter.member(Data(all[1000..<2000].joined().utf8)).write(to: dir.appendingPathComponent("access.log.1.gz"))
        try Data(all[2000..<3000].joined().utf8).write(to: dir.appendingPathComponent("access.log"))
        let sources = try InputExpander.expand([dir.path]).map { $0.path! }
        let (paths, _) = scan(sources)
        #expect(paths == (0..<3000).map { "/p\($0)-xxxxxxxxxx" })
    }
}
