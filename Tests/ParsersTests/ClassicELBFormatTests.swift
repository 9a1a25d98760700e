import Foundation
import LogModel
import Parsers
import Testing

/// Lines in the shape of the Classic Load Balancer guide's example entries.
enum ELBDocLines {
    static let http =
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.38.0" - -"#
    static let https =
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000086 0.001048 0.001337 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.38.0" DHE-RSA-AES128-SHA TLSv1.2"#
    static let tcp =
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001069 0.000028 0.000041 - - 82 305 "- - - " "-" - -"#
    static let ssl =
        #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.001065 0.000015 0.000023 - - 57 502 "- - - " "-" ECDHE-ECDSA-AES128-GCM-SHA256 TLSv1.2"#

    /// A documented line with `column` (0-based, before the request) replaced.
    static func replacing(column: Int, in line: String = http, with value: String) -> String {
        precondition(column < 11)
        var fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        fields[column] = value
        return fields.joined(separator: " ")
    }
}

struct ELBDocExample: Sendable, CustomTestStringConvertible {
    var name: String
    var line: String
    var status: Int32
    var bytes: Int64
    var method: String
    var host: String
    var userAgent: String
    var durationMicros: Int64
    var sslCipher: String
    var testDescription: String { name }

    static let all: [ELBDocExample] = [
        .init(
            name: "HTTP", line: ELBDocLines.http, status: 200, bytes: 29, method: "GET", host: "www.example.com",
            userAgent: "curl/7.38.0", durationMicros: 73 + 1048 + 57, sslCipher: "-"),
        .init(
            name: "HTTPS", line: ELBDocLines.https, status: 200, bytes: 57, method: "GET", host: "www.example.com",
            userAgent: "curl/7.38.0", durationMicros: 86 + 1048 + 1337, sslCipher: "DHE-RSA-AES128-SHA"),
        .init(
            name: "TCP", line: ELBDocLines.tcp, status: 0, bytes: 305, method: "", host: "", userAgent: "-",
            durationMicros: 1069 + 28 + 41, sslCipher: "-"),
        .init(
            name: "SSL", line: ELBDocLines.ssl, status: 0, bytes: 502, method: "", host: "", userAgent: "-",
            durationMicros: 1065 + 15 + 23, sslCipher: "ECDHE-ECDSA-AES128-GCM-SHA256"),
    ]
}

@Suite struct ClassicELBFormatTests {
    @Test func nameIsElb() {
        #expect(ClassicELBFormat().name == "elb")
    }

    @Test(arguments: ELBDocExample.all)
    func documentedExampleEntries(_ example: ELBDocExample) throws {
        var check = LineCheck(ClassicELBFormat())
        let hit = try #require(try check.parse(example.line).get())
        // 2015-05-13 is day 16568 since 1970-01-01; 16568 × 86400 + 23:39:43 (85183 s) = 1431560383 s.
        #expect(hit.time == 1_431_560_383_945_958)
        #expect(hit.client == "192.168.131.39")
        #expect(hit.status == example.status)
        #expect(hit.bytes == example.bytes)
        #expect(hit.method == example.method)
        #expect(hit.host == example.host)
        #expect(hit.path == (example.method.isEmpty ? "" : "/"))
        #expect(hit.userAgent == example.userAgent)
        #expect(hit.durationMicros == example.durationMicros)
        #expect(hit.extras["ssl_cipher"] == example.sslCipher)
        #expect(hit.extras["elb"] == "my-loadbalancer")
        #expect(hit.extras["backend"] == "10.0.0.1:80")
        #expect(hit.extras["client_port"] == "2817")
    }

    @Test func extrasUseTheDocumentedNames() throws {
        var check = LineCheck(ClassicELBFormat())
        let hit = try #require(try check.parse(ELBDocLines.https).get())
        let expected: [String] = [
            "elb", "client_port", "backend", "request_processing_time", "backend_processing_time",
            "response_processing_time", "backend_status_code", "received_bytes", "ssl_cipher", "ssl_protocol",
        ]
        #expect(hit.extraNames == expected)
        #expect(hit.extras["backend_status_code"] == "200")
        #expect(hit.extras["received_bytes"] == "0")
        #expect(hit.extras["ssl_protocol"] == "TLSv1.2")
        #expect(hit.extras["response_processing_time"] == "0.001337")
    }

    @Test func tcpListenerRecordHasNoRequest() throws {
        var check = LineCheck(ClassicELBFormat())
        let hit = try #require(try check.parse(ELBDocLines.tcp).get())
        #expect(hit.status == 0)
        #expect(hit.path == "")
        #expect(hit.query == "")
        #expect(hit.protocolVersion == "")
        #expect(hit.extras["backend_status_code"] == "-")
        #expect(hit.extras["received_bytes"] == "82")
    }

    @Test func olderLinesEndingAtTheRequestAreAccepted() throws {
        var check = LineCheck(ClassicELBFormat())
        let line =
            #"2014-02-15T23:39:43.945958Z my-test-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/index.html?a=1 HTTP/1.1""#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.path == "/index.html")
        #expect(hit.query == "a=1")
        #expect(hit.userAgent == "")
        #expect(hit.extras["ssl_cipher"] == nil)
    }

    @Test func unknownTrailingFieldsAreKept() throws {
        var check = LineCheck(ClassicELBFormat())
        let hit = try #require(try check.parse(ELBDocLines.https + " extra-1 \"extra 2\"").get())
        #expect(hit.extras["field_16"] == "extra-1")
        #expect(hit.extras["field_17"] == "extra 2")
    }

    @Test func backendFailureWithMinusOneTimes() throws {
        var check = LineCheck(ClassicELBFormat())
        let line =
            #"2026-03-14T09:30:04.000000Z shop-classic 203.0.113.99:52000 - -1 -1 -1 504 0 300 0 "POST http://shop.example.com:80/cart/add HTTP/1.1" "Mozilla/5.0" - -"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.status == 504)
        #expect(hit.durationMicros == -1)
        #expect(hit.method == "POST")
        #expect(hit.path == "/cart/add")
        #expect(hit.extras["backend"] == "-")
    }

    @Test(arguments: [
        ("[2001:db8::7]:2817", "2001:db8::7"),
        ("2001:db8:1:2:3:4:5:6:2817", "2001:db8:1:2:3:4:5:6"),
        ("2001:db8::7:2817", "2001:db8::7"),
    ])
    func ipv6Clients(_ field: String, _ address: String) throws {
        var check = LineCheck(ClassicELBFormat())
        let hit = try #require(try check.parse(ELBDocLines.replacing(column: 2, with: field)).get())
        #expect(hit.client == address)
        #expect(hit.extras["client_port"] == "2817")
    }

    @Test func escapedAndUnicodeUserAgent() throws {
        var check = LineCheck(ClassicELBFormat())
        let line = ELBDocLines.http.replacingOccurrences(
            of: "\"curl/7.38.0\"", with: #""Mozilla/5.0 (Linux; Android 14; Pixel 8) Ünïcödé \x22x\x22""#)
        let hit = try #require(try check.parse(line).get())
        #expect(hit.userAgent == #"Mozilla/5.0 (Linux; Android 14; Pixel 8) Ünïcödé \x22x\x22"#)
    }

    static let rejections: [(String, LineRejection)] = [
        (
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048"#,
            .truncated
        ),
        (
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29"#,
            .truncated
        ),
        (
            #"2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80 0.000073 0.001048 0.000057 200 200 0 29 "GET http://www.example.com:80/ HTTP/1.1"#,
            .unterminatedQuote
        ),
        (ELBDocLines.replacing(column: 7, with: "600"), .badStatus),
        (ELBDocLines.replacing(column: 7, with: "099"), .badStatus),
        (ELBDocLines.replacing(column: 10, with: "-29"), .badNumber),
        (ELBDocLines.replacing(column: 6, with: "0.0x"), .badNumber),
        (ELBDocLines.replacing(column: 0, with: "2015-05-13 23:39"), .badTimestamp),
        (ELBDocLines.replacing(column: 0, with: "13/May/2015:23:39:43"), .badTimestamp),
        (
            ELBDocLines.http.replacingOccurrences(
                of: "GET http://www.example.com:80/ HTTP/1.1", with: "GET "),
            .badRequest
        ),
    ]

    @Test(arguments: rejections)
    func rejectsBadLines(_ line: String, _ reason: LineRejection) {
        var check = LineCheck(ClassicELBFormat())
        #expect(check.rejection(line) == reason)
    }

    @Test func fixtureFile() throws {
        var check = LineCheck(ClassicELBFormat())
        let hits = try LineCheck.fixtureLines("elb_shop.log").map { try #require(try check.parse($0).get()) }
        #expect(hits.count == 5)
        #expect(hits.map(\.status) == [200, 304, 0, 0, 504])
        let totalBytes: Int64 = 8421 + 0 + 2048 + 1400 + 0
        #expect(hits.map(\.bytes).reduce(0, +) == totalBytes)
        // 2026-03-14 is day 20526; 20526 × 86400 + 09:30:00 (34200 s) = 1773480600 s.
        #expect(hits[0].time == 1_773_480_600_123_456)
        #expect(hits[0].query == "utm_source=google&gclid=abc123")
        #expect(hits[0].durationMicros == 71 + 25_004 + 60)
        #expect(hits[1].host == "shop.example.com")
        #expect(hits[1].path == "/static/app.css")
        #expect(hits[2].method == "")
        #expect(hits[3].extras["ssl_protocol"] == "TLSv1.2")
        #expect(hits[4].time == 1_773_480_604_000_000)
        #expect(hits[4].durationMicros == -1)
    }
}
