import Foundation
import LogModel
import Parsers
import Testing

/// Lines in the shape of the AWS ALB guide's "Example log entries".
enum ALBDocLines {
    static let http =
        #"http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80" "200" "-" "-""#
    static let https =
        #"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" "10.0.0.1:80" "200" "-" "-""#
    static let h2 =
        #"h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-" "10.0.0.66:9000" "200" "-" "-""#
    static let ws =
        #"ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 "GET http://10.0.0.30:80/ HTTP/1.1" "-" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.1.192:8010" "101" "-" "-""#
    static let wss =
        #"wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 "GET https://10.0.0.30:443/ HTTP/1.1" "-" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.171:8010" "101" "-" "-""#
    static let lambdaOK =
        #"http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "-" "-" "-" "-" "-""#
    static let lambdaFailed =
        #"http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "LambdaInvalidResponse" "-" "-" "-" "-""#

    /// A documented line with `field` (0-based column) replaced.
    static func replacing(column: Int, in line: String = https, with value: String) -> String {
        var fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        // The request and user agent hold spaces; rebuild by column only for columns before them.
        precondition(column < 12)
        fields[column] = value
        return fields.joined(separator: " ")
    }
}

struct ALBDocExample: Sendable, CustomTestStringConvertible {
    var line: String
    var type: String
    var time: Int64
    var client: String
    var status: Int32
    var bytes: Int64
    var host: String
    var protocolVersion: String
    var userAgent: String
    var durationMicros: Int64
    var testDescription: String { type }
}

// 2018-07-02 is day 17714 since 1970-01-01; 17714 × 86400 + 22:23:00 (80580 s) = 1530570180 s.
// 2018-11-30 is day 17865; 17865 × 86400 + 80580 = 1543616580 s.
extension ALBDocExample {
    static let all: [ALBDocExample] = [
        .init(
            line: ALBDocLines.http, type: "http", time: 1_530_570_180_186_641, client: "192.168.131.39", status: 200,
            bytes: 366, host: "www.example.com", protocolVersion: "HTTP/1.1", userAgent: "curl/7.46.0",
            durationMicros: 1000),
        .init(
            line: ALBDocLines.https, type: "https", time: 1_530_570_180_186_641, client: "192.168.131.39", status: 200,
            bytes: 57, host: "www.example.com", protocolVersion: "HTTP/1.1", userAgent: "curl/7.46.0",
            durationMicros: 86_000 + 48_000 + 37_000),
        .init(
            line: ALBDocLines.h2, type: "h2", time: 1_530_570_180_186_641, client: "10.0.1.252", status: 200,
            bytes: 257,
            host: "10.0.2.105", protocolVersion: "HTTP/2.0", userAgent: "curl/7.46.0", durationMicros: 2000),
        .init(
            line: ALBDocLines.ws, type: "ws", time: 1_530_570_180_186_641, client: "10.0.0.140", status: 101,
            bytes: 587,
            host: "10.0.0.30", protocolVersion: "HTTP/1.1", userAgent: "-", durationMicros: 4000),
        .init(
            line: ALBDocLines.wss, type: "wss", time: 1_530_570_180_186_641, client: "10.0.0.140", status: 101,
            bytes: 786, host: "10.0.0.30", protocolVersion: "HTTP/1.1", userAgent: "-", durationMicros: 1000),
        .init(
            line: ALBDocLines.lambdaOK, type: "http", time: 1_543_616_580_186_641, client: "192.168.131.39",
            status: 200, bytes: 366, host: "www.example.com", protocolVersion: "HTTP/1.1", userAgent: "curl/7.46.0",
            durationMicros: 1000),
        .init(
            line: ALBDocLines.lambdaFailed, type: "http", time: 1_543_616_580_186_641, client: "192.168.131.39",
            status: 502, bytes: 366, host: "www.example.com", protocolVersion: "HTTP/1.1",
            userAgent: "curl/7.46.0", durationMicros: 1000),
    ]
}

@Suite struct ALBFormatTests {
    @Test func nameIsAlb() {
        #expect(ALBFormat().name == "alb")
    }

    @Test(arguments: ALBDocExample.all)
    func documentedExampleEntries(_ example: ALBDocExample) throws {
        var check = LineCheck(ALBFormat())
        let hit = try #require(try check.parse(example.line).get())
        #expect(hit.extras["type"] == example.type)
        #expect(hit.time == example.time)
        #expect(hit.utcOffsetSeconds == 0)
        #expect(hit.client == example.client)
        #expect(hit.status == example.status)
        #expect(hit.bytes == example.bytes)
        #expect(hit.method == "GET")
        #expect(hit.host == example.host)
        #expect(hit.path == "/")
        #expect(hit.query == "")
        #expect(hit.protocolVersion == example.protocolVersion)
        #expect(hit.userAgent == example.userAgent)
        #expect(hit.durationMicros == example.durationMicros)
        #expect(hit.user == "")
        #expect(hit.referrer == "")
    }

    @Test func everyOtherColumnIsAnExtraByItsDocumentedName() throws {
        var check = LineCheck(ALBFormat())
        let hit = try #require(try check.parse(ALBDocLines.https).get())
        let expected: [String] = [
            "type", "elb", "client_port", "target", "request_processing_time", "target_processing_time",
            "response_processing_time", "target_status_code", "received_bytes", "ssl_cipher", "ssl_protocol",
            "target_group_arn", "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
            "request_creation_time", "actions_executed", "redirect_url", "error_reason", "target_port_list",
            "target_status_code_list", "classification", "classification_reason",
        ]
        #expect(hit.extraNames == expected)
        #expect(hit.extras["elb"] == "app/my-loadbalancer/50dc6c495c0c9188")
        #expect(hit.extras["client_port"] == "2817")
        #expect(hit.extras["target"] == "10.0.0.1:80")
        #expect(hit.extras["request_processing_time"] == "0.086")
        #expect(hit.extras["target_status_code"] == "200")
        #expect(hit.extras["received_bytes"] == "0")
        #expect(hit.extras["ssl_cipher"] == "ECDHE-RSA-AES128-GCM-SHA256")
        #expect(hit.extras["ssl_protocol"] == "TLSv1.2")
        #expect(hit.extras["trace_id"] == "Root=1-58337281-1d84f3d73c47ec4e58577259")
        #expect(hit.extras["domain_name"] == "www.example.com")
        #expect(
            hit.extras["chosen_cert_arn"]
                == "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012")
        #expect(hit.extras["matched_rule_priority"] == "1")
        #expect(hit.extras["request_creation_time"] == "2018-07-02T22:22:48.364000Z")
        #expect(hit.extras["actions_executed"] == "authenticate,forward")
        #expect(hit.extras["target_port_list"] == "10.0.0.1:80")
        #expect(hit.extras["classification"] == "-")
    }

    @Test func lambdaErrorReasonAndMissingTargetStatus() throws {
        var check = LineCheck(ALBFormat())
        let hit = try #require(try check.parse(ALBDocLines.lambdaFailed).get())
        #expect(hit.status == 502)
        #expect(hit.extras["target"] == "-")
        #expect(hit.extras["target_status_code"] == "-")
        #expect(hit.extras["error_reason"] == "LambdaInvalidResponse")
    }

    @Test func connTraceIdAndUnknownTrailingFieldsAreKept() throws {
        var check = LineCheck(ALBFormat())
        // The documented example ends at classification_reason (column 29).
        let line = ALBDocLines.https + #" TID_1234abcd "www.example.com" "/rewritten?x=1" "-""#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.extras["classification_reason"] == "-")
        #expect(hit.extras["conn_trace_id"] == "TID_1234abcd")
        #expect(hit.extras["field_31"] == "www.example.com")
        #expect(hit.extras["field_32"] == "/rewritten?x=1")
        #expect(hit.extras["field_33"] == "-")
        #expect(hit.status == 200)
    }

    @Test func manyUnknownTrailingFieldsAreTolerated() throws {
        var check = LineCheck(ALBFormat())
        let line = ALBDocLines.https + " TID_1" + String(repeating: " x", count: 40)
        let hit = try #require(try check.parse(line).get())
        #expect(hit.extras["field_46"] == "x")
        #expect(hit.extras["field_47"] == nil)
    }

    @Test(arguments: [
        ("[2001:db8::1]:443", "2001:db8::1", "443"),
        ("2001:db8:85a3::8a2e:370:7334:40112", "2001:db8:85a3::8a2e:370:7334", "40112"),
        ("2001:db8:0:0:0:0:0:1:8443", "2001:db8:0:0:0:0:0:1", "8443"),
        ("2001:db8::1", "2001:db8::1", ""),
        ("[2001:db8::1]", "2001:db8::1", ""),
        ("203.0.113.10", "203.0.113.10", ""),
        ("203.0.113.10:51234", "203.0.113.10", "51234"),
    ])
    func ipv6AndBareClients(_ field: String, _ address: String, _ port: String) throws {
        var check = LineCheck(ALBFormat())
        let hit = try #require(try check.parse(ALBDocLines.replacing(column: 3, with: field)).get())
        #expect(hit.client == address)
        #expect(hit.extras["client_port"] == port)
    }

    @Test func absoluteURLWithQuerySplitsIntoHostPathQuery() throws {
        var check = LineCheck(ALBFormat())
        let line = ALBDocLines.https.replacingOccurrences(
            of: "GET https://www.example.com:443/ HTTP/1.1",
            with: "POST https://shop.example.com:443/checkout/complete?order=A-1001&utm_source=mail HTTP/2.0")
        let hit = try #require(try check.parse(line).get())
        #expect(hit.method == "POST")
        #expect(hit.host == "shop.example.com")
        #expect(hit.path == "/checkout/complete")
        #expect(hit.query == "order=A-1001&utm_source=mail")
        #expect(hit.protocolVersion == "HTTP/2.0")
        #expect(!hit.pathIsDecoded)
    }

    @Test func minusOneProcessingTimesAreLeftOutOfTheDuration() throws {
        var check = LineCheck(ALBFormat())
        var line = ALBDocLines.replacing(column: 6, with: "-1")
        line = ALBDocLines.replacing(column: 7, in: line, with: "-1")
        #expect(try check.parse(line).get()?.durationMicros == 86_000)
        line = ALBDocLines.replacing(column: 5, in: line, with: "-1")
        #expect(try check.parse(line).get()?.durationMicros == -1)
    }

    @Test func dashStatusIsAConnectionRecordWithStatusZero() throws {
        var check = LineCheck(ALBFormat())
        var line = ALBDocLines.replacing(column: 8, with: "-")
        line = line.replacingOccurrences(of: "\"GET https://www.example.com:443/ HTTP/1.1\"", with: "\"- - - \"")
        let hit = try #require(try check.parse(line).get())
        #expect(hit.status == 0)
        #expect(hit.method == "")
        #expect(hit.path == "")
        #expect(hit.host == "")
        #expect(hit.protocolVersion == "")
        #expect(hit.bytes == 57)
    }

    @Test func unicodeUserAgentIsKeptAsBytes() throws {
        var check = LineCheck(ALBFormat())
        let line = ALBDocLines.https.replacingOccurrences(of: "\"curl/7.46.0\"", with: "\"Café-Bot/1.0 (日本語; 🚀)\"")
        let hit = try #require(try check.parse(line).get())
        #expect(hit.userAgent == "Café-Bot/1.0 (日本語; 🚀)")
        #expect(hit.extras["ssl_cipher"] == "ECDHE-RSA-AES128-GCM-SHA256")
    }

    @Test func quoteInsideAQuotedFieldDoesNotEndIt() throws {
        var check = LineCheck(ALBFormat())
        let line = ALBDocLines.https.replacingOccurrences(
            of: "\"curl/7.46.0\"", with: #""Mozilla/5.0 "Edge"/1 x\x22y""#)
        let hit = try #require(try check.parse(line).get())
        #expect(hit.userAgent == #"Mozilla/5.0 "Edge"/1 x\x22y"#)
        #expect(hit.extras["ssl_protocol"] == "TLSv1.2")
    }

    @Test(arguments: ["", "   ", "# comment line", "\r"])
    func blankAndCommentLinesCarryNoRequest(_ line: String) throws {
        var check = LineCheck(ALBFormat())
        #expect(try check.parse(line).get() == nil)
    }

    @Test func carriageReturnAtTheEndIsIgnored() throws {
        var check = LineCheck(ALBFormat())
        let hit = try #require(try check.parse(ALBDocLines.http + "\r").get())
        #expect(hit.extras["classification_reason"] == "-")
    }

    static let rejections: [(String, LineRejection)] = [
        // Ends after ssl_cipher: the 16 columns through ssl_protocol are mandatory.
        (String(ALBDocLines.https.prefix(upTo: ALBDocLines.https.range(of: " TLSv1.2")!.lowerBound)), .truncated),
        ("http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188", .truncated),
        (
            #"http 2018-07-02T22:23:00.186641Z app/lb/1 1.2.3.4:1 - 0.0 0.0 0.0 200 200 1 2 "GET / HTTP/1.1"#,
            .unterminatedQuote
        ),
        (ALBDocLines.replacing(column: 8, with: "999"), .badStatus),
        (ALBDocLines.replacing(column: 8, with: "20"), .badStatus),
        (ALBDocLines.replacing(column: 8, with: "OK!"), .badStatus),
        (ALBDocLines.replacing(column: 11, with: "57B"), .badNumber),
        (ALBDocLines.replacing(column: 5, with: "fast"), .badNumber),
        (ALBDocLines.replacing(column: 1, with: "2018-13-02T22:23:00.186641Z"), .badTimestamp),
        (ALBDocLines.replacing(column: 1, with: "yesterday"), .badTimestamp),
        (
            ALBDocLines.https.replacingOccurrences(
                of: "GET https://www.example.com:443/ HTTP/1.1", with: "GET "),
            .badRequest
        ),
    ]

    @Test(arguments: rejections)
    func rejectsBadLines(_ line: String, _ reason: LineRejection) {
        var check = LineCheck(ALBFormat())
        #expect(check.rejection(line) == reason)
    }

    @Test func requestWithoutSpaceIsKeptAsThePath() throws {
        var check = LineCheck(ALBFormat())
        let line = ALBDocLines.replacing(column: 8, with: "400").replacingOccurrences(
            of: "GET https://www.example.com:443/ HTTP/1.1", with: #"\x16\x03\x01"#)
        let hit = try #require(try check.parse(line).get())
        #expect(hit.method == "")
        #expect(hit.path == #"\x16\x03\x01"#)
        #expect(hit.status == 400)
    }

    @Test func fixtureFile() throws {
        var check = LineCheck(ALBFormat())
        let hits = try LineCheck.fixtureLines("alb_shop.log").map { try #require(try check.parse($0).get()) }
        #expect(hits.count == 5)
        #expect(hits.map(\.status) == [200, 200, 302, 301, 502])
        let totalBytes: Int64 = 15320 + 2048 + 0 + 366 + 272
        #expect(hits.map(\.bytes).reduce(0, +) == totalBytes)
        // 2026-03-14 is day 20526; 20526 × 86400 + 09:26:53 (34013 s) = 1773480413 s.
        #expect(hits[0].time == 1_773_480_413_589_793)
        #expect(hits[0].path == "/products/espresso-machine")
        #expect(hits[0].query == "utm_source=newsletter&utm_medium=email")
        #expect(hits[0].extras["conn_trace_id"] == "TID_1a2b3c4d5e6f")
        #expect(hits[1].client == "2001:db8:85a3::8a2e:370:7334")
        #expect(hits[1].time == 1_773_480_414_100_200)
        #expect(hits[2].client == "2001:db8::42")
        #expect(hits[2].method == "POST")
        #expect(hits[2].query == "order=A-1001")
        #expect(hits[2].time == 1_773_480_415_000_001)
        #expect(hits[3].durationMicros == -1)
        #expect(hits[3].extras["redirect_url"] == "https://shop.example.com:443/")
        #expect(hits[4].durationMicros == 0)
        #expect(hits[4].extras["error_reason"] == "TargetConnectionError")
        #expect(hits[4].extras["field_32"] == "/api/stock?sku=EM-100")
    }
}
