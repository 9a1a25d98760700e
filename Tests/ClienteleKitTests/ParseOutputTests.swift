import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// `clientele parse` output: one JSON object per line with a fixed key set.
@Suite struct ParseOutputTests {
    static func render(_ text: [UInt8], format: any LogFormat = ApacheFormat.combined) throws -> [[String: Any]] {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("in.log")
        try Data(text).write(to: url)
        let scanner = LogScanner(sources: [LogSource(path: url.path, size: 0)], format: .fixed(format), workers: 2)
        let output = Collected<UInt8>()
        _ = scanner.run(makeSink: { HitJSONLinesSink() }) { output.append(contentsOf: $0) }
        return try output.all.split(separator: 10).map {
            try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
        }
    }

    static let keys: Set<String> = [
        "ip", "time", "method", "path", "query", "protocol", "status", "bytes", "referrer", "user_agent", "user",
        "host", "duration_ms", "fields",
    ]

    @Test func everyLineHasTheContractKeys() throws {
        let line = #"2001:db8::1 - alice [01/Nov/2026:23:59:59 +0100] "GET /caf%C3%A9/x?utm_source=news&a=%20 HTTP/2.0" 200 512 "https://www.google.com/" "Mozilla/5.0""#
        let objects = try Self.render(Array((line + "\n").utf8))
        let o = try #require(objects.first)
        #expect(Set(o.keys) == Self.keys)
        #expect(o["ip"] as? String == "2001:db8::1")
        #expect(o["time"] as? String == "2026-11-01T22:59:59Z")
        #expect(o["path"] as? String == "/café/x")
        #expect(o["query"] as? String == "utm_source=news&a=%20")
        #expect(o["protocol"] as? String == "HTTP/2.0")
        #expect(o["status"] as? Int == 200)
        #expect(o["bytes"] as? Int == 512)
        #expect(o["user"] as? String == "alice")
        #expect(o["host"] is NSNull)
        #expect(o["duration_ms"] is NSNull)
    }

    @Test func invalidUTF8AndControlCharactersStayValidJSON() throws {
        var bytes = Array(#"1.2.3.4 - - [01/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "bad "#.utf8)
        bytes += [0xFF, 0xFE, 0x09, 0x41]
        bytes += Array("\"\n".utf8)
        let o = try #require(try Self.render(bytes).first)
        #expect(o["user_agent"] as? String == "bad \u{FFFD}\u{FFFD}\tA")
        #expect(o["referrer"] is NSNull)
    }

    @Test func durationAndExtraFields() throws {
        let format = try NginxFormat(logFormat: #"$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time "$http_cookie" $arg_cid"#)
        let line = #"1.1.1.1 [01/Nov/2026:10:00:00 +0000] "GET /x?cid=7 HTTP/1.1" 200 9 0.0425 "vid=abc; uid=c-9" 7"#
        let o = try #require(try Self.render(Array((line + "\n").utf8), format: format).first)
        #expect(o["duration_ms"] as? Double == 42.5)
        let fields = try #require(o["fields"] as? [String: Any])
        #expect(fields["cookie_vid"] as? String == "abc")
        #expect(fields["cookie_uid"] as? String == "c-9")
        #expect(fields["arg_cid"] as? String == "7")
        #expect(fields["http_cookie"] as? String == "vid=abc; uid=c-9")
    }

    @Test func binaryGarbageIsRejectedAsBinary() throws {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("bin.log")
        var bytes = Array((combinedLine(1) + "\n").utf8)
        bytes += [0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0xFC, 0x03, 0x03, 0x0A]
        bytes += Array((combinedLine(2) + "\n").utf8)
        try Data(bytes).write(to: url)
        let (paths, report) = scan([url.path])
        #expect(paths.count == 2)
        #expect(report.rejectedByReason == ["binary": 1])
        #expect(report.samples.first?.line == 2)
    }
}
