import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// Every `LineRejection` reason, produced by a concrete bad line read through the scanner, so
/// the reason shows up in the report with its file and line number.
@Suite struct RejectionReasonTests {
    static let ok = #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 "-" "UA""#

    static let cases: [(LineRejection, String, [UInt8])] = [
        (.binary, "combined", [0x16, 0x03, 0x01, 0x00, 0xFF, 0x20, 0x41]),
        (.tooLong, "combined", Array((ok + String(repeating: "x", count: 70_000)).utf8)),
        (.truncated, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200"#.utf8)),
        (.unterminatedQuote, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1 200 5"#.utf8)),
        (.literalMismatch, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.1 200 5 "-" "UA""#.utf8)),
        (.badTimestamp, "combined", Array(#"1.2.3.4 - - [10/Foo/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5 "-" "UA""#.utf8)),
        (.badRequest, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET " 200 5 "-" "UA""#.utf8)),
        (.badStatus, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 2000 5 "-" "UA""#.utf8)),
        (.badNumber, "combined", Array(#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 5k "-" "UA""#.utf8)),
        (.badJSON, "nginx-json", Array(#"{"remote_addr":"1.2.3.4","msec":"1431857103.250","status":"#.utf8)),
        (.missingFieldsHeader, "w3c", Array("2026-11-01 10:00:00 1.2.3.4 GET / 200".utf8)),
        (.missingColumns, "w3c", Array("#Fields: date time c-ip cs-method cs-uri-stem sc-status\n2026-11-01 10:00:00 1.2.3.4 GET".utf8)),
    ]

    @Test func everyReasonIsCovered() {
        #expect(Set(Self.cases.map(\.0)) == Set(LineRejection.allCases))
    }

    @Test(arguments: cases.indices)
    func reasonIsReportedWithItsLine(index: Int) throws {
        let (reason, formatName, badLine) = Self.cases[index]
        let url = Fixtures.temporaryDirectory().appendingPathComponent("bad.log")
        var bytes = badLine + [10]
        let okLine = formatName == "combined" ? Self.ok : nil
        if let okLine { bytes = Array((okLine + "\n").utf8) + bytes }
        try Data(bytes).write(to: url)
        let format = try FormatCatalog.format(named: formatName)
        let scanner = LogScanner(sources: [LogSource(path: url.path, size: 0)], format: .fixed(format), workers: 1)
        let (_, report) = scanner.run(makeSink: { PathSink() })
        #expect(report.rejectedByReason == [reason.name: 1])
        let sample = try #require(report.samples.first)
        #expect(sample.reason == reason.name)
        #expect(sample.line == report.lines)
        #expect(sample.file == url.path)
    }
}
