import Foundation
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// `clientele parse` output: one JSON object per line with a fixed key set.
@Suite struct ParseOutputTests {
    static func render(_ text: [UInt8], format: any LogFormat = ApacheFormat.combined, anonymizeIP: Bool = false) throws -> [[String: Any]] {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("in.log")
        try Data(text).write(to: url)
        let scanner = LogScanner(sources: [LogSource(path: url.path, size: 0)], format: .fixed(format), workers: 2)
        let output = Collected<UInt8>()
        _ = scanner.run(makeSink: { HitJSONLinesSink(anonymizeIP: anonymizeIP) }) { output.append(contentsOf: $0) }
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

    /// `parse --anonymize-ip` writes the address the store keeps with `ingest --anonymize-ip`
    /// (the Spark job keys cookie-less visitors by it).
    @Test func anonymizedAddresses() throws {
        let lines = ["192.0.2.77", "2001:DB8:0A0B:12::5", "-"].map {
            #"\#($0) - - [01/Nov/2026:10:00:00 +0000] "GET /a HTTP/1.1" 200 5 "-" "Mozilla/5.0""#
        }
        let objects = try Self.render(Array((lines.joined(separator: "\n") + "\n").utf8), anonymizeIP: true)
        #expect(objects.count == 3)
        #expect(objects[0]["ip"] as? String == "192.0.2.0")
        #expect(objects[1]["ip"] as? String == "2001:db8:a0b::")
        #expect(objects[2]["ip"] is NSNull)
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

/// `clientele parse --classify`: the per-line decisions the Spark job reads.
@Suite struct ParseClassifyTests {
    static func render(_ lines: [String]) throws -> [[String: Any]] {
        let url = Fixtures.temporaryDirectory().appendingPathComponent("in.log")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let scanner = LogScanner(sources: [LogSource(path: url.path, size: 0)], format: .fixed(ApacheFormat.combined), workers: 1)
        let output = Collected<UInt8>()
        let classifier = HitClassifier(profile: .generic, customerParameters: ["cid"])
        _ = scanner.run(makeSink: { HitJSONLinesSink(classifier: classifier) }) { output.append(contentsOf: $0) }
        return try output.all.split(separator: 10).map {
            try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
        }
    }

    @Test func botsAssetsPagesAndTraffic() throws {
        let objects = try Self.render([
            #"1.2.3.4 - - [01/Nov/2026:10:00:00 +0000] "GET /robots.txt HTTP/1.1" 200 5 "-" "Googlebot/2.1 (+http://www.google.com/bot.html)""#,
            #"1.2.3.4 - - [01/Nov/2026:10:00:01 +0000] "GET /style.css HTTP/1.1" 200 5 "https://Shop.example/x" "Mozilla/5.0""#,
            #"1.2.3.4 - - [01/Nov/2026:10:00:02 +0000] "GET /product/SKU-1?utm_source=news&utm_medium=email&cid=C7 HTTP/1.1" 200 5 "https://shop.example/" "Mozilla/5.0""#,
        ])
        #expect(objects.count == 3)
        let bot = try #require(objects[0]["c"] as? [String: Any])
        #expect(bot["bot"] as? String != nil)
        let asset = try #require(objects[1]["c"] as? [String: Any])
        #expect(asset["bot"] is NSNull)
        #expect(asset["path_class"] as? String == "subresource")
        #expect(asset["ref_host"] as? String == "shop.example")
        let page = try #require(objects[2]["c"] as? [String: Any])
        #expect(page["ts"] as? Int == 1_793_527_202_000_000)
        #expect(page["path_class"] as? String == "page")
        #expect(page["kind"] as? String == "product")
        #expect(page["item"] as? String == "SKU-1")
        #expect(page["url_customer"] as? String == "C7")
        #expect(page["tagged"] as? Bool == true)
        let traffic = try #require(page["traffic"] as? [Any])
        #expect(traffic[1] as? String == "news" && traffic[2] as? String == "email")
        #expect(page["traffic_internal"] != nil)
    }
}
