import LogModel
import Testing

@testable import Parsers

@Suite struct ApacheFormatTests {
    /// The httpd "Log Files" documentation's common and combined examples.
    @Test func documentationCommonLine() throws {
        let line = #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326"#
        let hit = try #require(parseLine(ApacheFormat.common, line).value ?? nil)
        #expect(hit.client == "127.0.0.1")
        #expect(hit.user == "frank")
        #expect(hit.time == 971_211_336_000_000)  // 2000-10-10T20:55:36Z
        #expect(hit.utcOffsetSeconds == -7 * 3600)
        #expect(hit.method == "GET")
        #expect(hit.path == "/apache_pb.gif")
        #expect(hit.protocolVersion == "HTTP/1.0")
        #expect(hit.status == 200)
        #expect(hit.bytes == 2326)
        #expect(hit.extras == ["remote_logname": "-"])
    }

    @Test func documentationCombinedLine() throws {
        let line = #"127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)""#
        let hit = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        #expect(hit.referrer == "http://www.example.com/start.html")
        #expect(hit.userAgent == "Mozilla/4.08 [en] (Win98; I ;Nav)")
    }

    @Test func escapedQuotesAndHexEscapesAreDecoded() throws {
        let line = #"10.0.0.1 - - [17/May/2015:10:05:03 +0000] "GET /a?q=\"x\" HTTP/1.1" 200 5 "http://r.example/\xE2\x9C\x93" "Agent \"quoted\" \\ end""#
        let hit = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        #expect(hit.time == 1_431_857_103_000_000)
        #expect(hit.query == #"q="x""#)
        #expect(hit.referrer == "http://r.example/✓")
        #expect(hit.userAgent == #"Agent "quoted" \ end"#)
    }

    @Test func ipv6ClientAndUnicodePath() throws {
        let line = #"2001:db8::1 - - [01/Nov/2026:23:59:59 +0100] "GET /caf%C3%A9/ü HTTP/2.0" 304 - "-" "curl/8.0""#
        let hit = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        #expect(hit.client == "2001:db8::1")
        #expect(hit.time == 1_793_573_999_000_000)
        #expect(hit.path == "/caf%C3%A9/ü")
        #expect(hit.bytes == 0)
        #expect(hit.status == 304)
    }

    /// A real log (line 8899 of a public Apache sample) ends a user agent without its quote.
    @Test func finalQuotedFieldCutShortIsKept() throws {
        let line = #"1.2.3.4 - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 200 1 "-" "Mozilla/5.0 (compatible"#
        let hit = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        #expect(hit.userAgent == "Mozilla/5.0 (compatible")
    }

    @Test func trailingFieldsAreTolerated() throws {
        let line = #"TestHost - TestUser [13/Apr/2016:07:14:19 -0700] "POST testpath?param1=test1 HTTP/0.0" 123 12 "testReferer" "testUserAgent" 23 "testRouter" "http://127.0.0.1/testService" 1ms"#
        let hit = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        #expect(hit.status == 123)
        #expect(hit.userAgent == "testUserAgent")
        #expect(hit.path == "testpath")
        #expect(hit.query == "param1=test1")
    }

    @Test(arguments: [
        (#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200"#, LineRejection.truncated),
        (#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 2x0 5"#, .badStatus),
        (#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 12k"#, .badNumber),
        (#"1.2.3.4 - - [10/Foo/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 5"#, .badTimestamp),
        (#"1.2.3.4 - - [10/Oct/2000:25:55:36 -0700] "GET / HTTP/1.0" 200 5"#, .badTimestamp),
        (#"1.2.3.4 - - 10/Oct/2000:13:55:36 -0700 "GET / HTTP/1.0" 200 5"#, .badTimestamp),
        (#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.0 200 5"#, .literalMismatch),
        (#"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0 200 5"#, .unterminatedQuote),
    ])
    func rejections(line: String, reason: LineRejection) {
        #expect(parseLine(ApacheFormat.common, line).rejection == reason)
    }

    @Test func handshakeBytesAreKeptAsTheRequestPath() throws {
        let line = #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "\x16\x03\x01" 400 5"#
        let hit = try #require(parseLine(ApacheFormat.common, line).value ?? nil)
        #expect(hit.method == "")
        #expect(hit.path == "\u{16}\u{03}\u{01}")
        #expect(hit.status == 400)
    }

    @Test func blankLineIsNotAHit() {
        #expect(parseLine(ApacheFormat.common, "").value == .some(nil))
    }

    @Test func customFormatWithEveryCommonDirective() throws {
        let format = try ApacheFormat(
            logFormat: #"%v:%p %a %l %u [%{%Y-%m-%d %H:%M:%S %z}t] "%m %U%q %H" %>s %B %D "%{Referer}i" "%{User-Agent}i" "%{X-Forwarded-For}i" %{uid}C %{UNIQUE_ID}e %X"#)
        let line = #"shop.example:443 203.0.113.9 - alice [2026-03-05 08:00:00 +0530] "GET /café?utm_source=x HTTP/1.1" 200 512 1500 "-" "UA" "198.51.100.7" c-42 abc123 +"#
        let hit = try #require(parseLine(format, line).value ?? nil)
        #expect(hit.host == "shop.example")
        #expect(hit.client == "203.0.113.9")
        #expect(hit.user == "alice")
        #expect(hit.time == 1_772_677_800_000_000)
        #expect(hit.method == "GET")
        #expect(hit.path == "/café")
        #expect(hit.query == "utm_source=x")
        #expect(hit.protocolVersion == "HTTP/1.1")
        #expect(hit.status == 200)
        #expect(hit.bytes == 512)
        #expect(hit.durationMicros == 1500)
        #expect(hit.extras["server_port"] == "443")
        #expect(hit.extras["http_x_forwarded_for"] == "198.51.100.7")
        #expect(hit.extras["cookie_uid"] == "c-42")
        #expect(hit.extras["env_UNIQUE_ID"] == "abc123")
        #expect(hit.extras["connection_status"] == "+")
    }

    @Test func durationUnitsAndEpochTimes() throws {
        let seconds = try ApacheFormat(logFormat: #"%h %{sec}t "%r" %s %b %T"#)
        let hit = try #require(parseLine(seconds, #"1.1.1.1 1431857103 "GET / HTTP/1.1" 200 10 2"#).value ?? nil)
        #expect(hit.time == 1_431_857_103_000_000)
        #expect(hit.durationMicros == 2_000_000)
        let millis = try ApacheFormat(logFormat: #"%h %{msec}t "%r" %s %b %{ms}T"#)
        let hit2 = try #require(parseLine(millis, #"1.1.1.1 1431857103250 "GET / HTTP/1.1" 200 10 35"#).value ?? nil)
        #expect(hit2.time == 1_431_857_103_250_000)
        #expect(hit2.durationMicros == 35_000)
    }

    @Test func formatErrorsNameTheProblem() {
        #expect(throws: FormatError.self) { try ApacheFormat(logFormat: "%h %Z") }
        #expect(throws: FormatError.self) { try ApacheFormat(logFormat: "%h %{Referer") }
        #expect(throws: FormatError.self) { try ApacheFormat(logFormat: "%{%Q}t") }
    }

    @Test func httpdConfEscapesAreUnderstood() throws {
        let format = try ApacheFormat(logFormat: #"%h %l %u %t \"%r\" %>s %b"#)
        #expect(format.program == ApacheFormat.common.program)
    }

    @Test func presetsReadTheirOwnShapes() throws {
        let vhost = #"www.example.com:80 1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 10 "-" "UA""#
        let hit = try #require(parseLine(ApacheFormat.vhostCombined, vhost).value ?? nil)
        #expect(hit.host == "www.example.com")
        #expect(hit.extras["server_port"] == "80")
        let vc = #"www.example.com 1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 10"#
        #expect(parseLine(ApacheFormat.vhostCommon, vc).value??.host == "www.example.com")
    }
}

@Suite struct FormatSniffingTests {
    static let common = #"1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.1" 200 10"#
    static let combined = common + #" "-" "UA""#
    static let vhostCombined = "www.example.com:80 " + combined

    @Test(arguments: [(common, "common"), (combined, "combined"), (vhostCombined, "vhost_combined")])
    func picksTheMostSpecificFormatThatReadsTheLines(line: String, expected: String) throws {
        var bytes = Array((line + "\n" + line).utf8)
        let name = bytes.withUnsafeMutableBufferPointer { b -> String? in
            let all = UnsafeBufferPointer(b)
            let half = (all.count - 1) / 2
            return FormatCatalog.sniff([all.slice(0, half), all.slice(half + 1, half)])?.format.name
        }
        #expect(name == expected)
    }
}
