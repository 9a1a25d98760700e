import Foundation
import Testing

@testable import ClienteleKit

/// The overview's general counts, status codes and per-day figures must equal GoAccess 1.7's
/// on the same file. `fixtures/goaccess/goaccess-1.7.json` is GoAccess's own output (reduced by
/// `fixtures/scripts/extract_goaccess.py`); when `goaccess` is installed the test also runs it.
@Suite struct GoAccessAgreementTests {
    struct Expected: Decodable, Equatable {
        var totalRequests: Int
        var validRequests: Int
        var failedRequests: Int
        var uniqueVisitors: Int
        var bandwidth: Int64
        var statusCodes: [String: Int]
        var days: [String: [Int64]]
    }

    static func decode(_ data: Data) throws -> Expected {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(Expected.self, from: data)
    }

    static func ours(_ path: String) -> Expected {
        let scanner = LogScanner(sources: [LogSource(path: path, size: 0)], format: .auto, workers: 2)
        let (sinks, scan) = scanner.run(makeSink: { OverviewSink() })
        let r = OverviewBuilder.build(sinks: sinks, scan: scan)
        return Expected(
            totalRequests: r.general.totalRequests, validRequests: r.general.validRequests,
            failedRequests: r.general.failedRequests, uniqueVisitors: r.general.uniqueVisitors,
            bandwidth: r.general.bandwidth,
            statusCodes: Dictionary(uniqueKeysWithValues: r.statusCodes.map { (String($0.status), $0.hits) }),
            days: Dictionary(uniqueKeysWithValues: r.hitsPerDay.map { ($0.date, [Int64($0.hits), Int64($0.visitors), $0.bytes]) }))
    }

    @Test func matchesRecordedGoAccessOutput() throws {
        let expected = try Self.decode(Data(contentsOf: Fixtures.root.appendingPathComponent("goaccess/goaccess-1.7.json")))
        let actual = Self.ours(Fixtures.path("goaccess/access.log"))
        #expect(actual.totalRequests == expected.totalRequests)
        #expect(actual.validRequests == expected.validRequests)
        #expect(actual.failedRequests == expected.failedRequests)
        #expect(actual.uniqueVisitors == expected.uniqueVisitors)
        #expect(actual.bandwidth == expected.bandwidth)
        #expect(actual.statusCodes == expected.statusCodes)
        #expect(actual.days == expected.days)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/goaccess")))
    func matchesGoAccessRunNow() throws {
        let log = Fixtures.path("goaccess/access.log")
        let out = Fixtures.temporaryDirectory().appendingPathComponent("goaccess.json")
        let goaccess = Process()
        goaccess.executableURL = URL(fileURLWithPath: "/usr/bin/goaccess")
        goaccess.arguments = [log, "--log-format=COMBINED", "-o", out.path]
        goaccess.standardError = FileHandle.nullDevice
        goaccess.standardOutput = FileHandle.nullDevice
        try goaccess.run()
        goaccess.waitUntilExit()
        let extract = Process()
        extract.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        extract.arguments = ["python3", Fixtures.path("scripts/extract_goaccess.py"), out.path]
        let pipe = Pipe()
        extract.standardOutput = pipe
        try extract.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        extract.waitUntilExit()
        #expect(Self.ours(log) == (try Self.decode(data)))
    }
}
