import LogModel
import Testing

@testable import Parsers

@Suite struct NginxFormatTests {
    @Test func combinedPresetMatchesApacheCombined() throws {
        let line = #"192.0.2.1 - - [01/Nov/2026:23:59:59 +0100] "GET /x HTTP/1.1" 200 0 "-" "curl/8""#
        var apache = try #require(parseLine(ApacheFormat.combined, line).value ?? nil)
        // Apache's %l is kept as remote_logname; nginx writes a literal '-'.
        apache.extras = [:]
        apache.extraNames = []
        #expect(parseLine(NginxFormat.combined, line).value == apache)
    }

    @Test func customFormatAsWrittenInNginxConf() throws {
        let format = try NginxFormat(
            logFormat: """
                '$remote_addr - $remote_user [$time_local] "$request" '
                    '$status $body_bytes_sent "$http_referer" "$http_user_agent" '
                    '$request_time $upstream_response_time "$http_x_forwarded_for" $cookie_vid $arg_cid $host'
                """)
        let line = #"2001:db8::7 - bob [05/Mar/2026:08:00:00 +0530] "GET /p?cid=9 HTTP/2.0" 404 153 "https://www.google.com/" "Mozilla/5.0" 0.042 0.040 "10.1.1.1, 10.2.2.2" v-123 9 shop.example"#
        let hit = try #require(parseLine(format, line).value ?? nil)
        #expect(hit.client == "2001:db8::7")
        #expect(hit.user == "bob")
        #expect(hit.time == 1_772_677_800_000_000)
        #expect(hit.status == 404)
        #expect(hit.bytes == 153)
        #expect(hit.durationMicros == 42_000)
        #expect(hit.host == "shop.example")
        #expect(hit.extras["upstream_response_time"] == "0.040")
        #expect(hit.extras["http_x_forwarded_for"] == "10.1.1.1, 10.2.2.2")
        #expect(hit.extras["cookie_vid"] == "v-123")
        #expect(hit.extras["arg_cid"] == "9")
    }

    @Test func defaultEscapingDecodesHexBytes() throws {
        let format = try NginxFormat(logFormat: #"$remote_addr [$time_iso8601] "$request" $status $bytes_sent "$http_user_agent""#)
        let line = #"1.1.1.1 [2026-11-01T23:59:59+01:00] "GET / HTTP/1.1" 200 99 "caf\xC3\xA9 \x22q\x22""#
        let hit = try #require(parseLine(format, line).value ?? nil)
        #expect(hit.time == 1_793_573_999_000_000)
        #expect(hit.userAgent == #"café "q""#)
        #expect(hit.bytes == 99)
    }

    @Test func jsonEscapedFormat() throws {
        let format = try NginxFormat(
            logFormat: #"escape=json '{"ip":"$remote_addr","t":"$msec","req":"$request_uri","m":"$request_method","s":"$status","ua":"$http_user_agent"}'"#)
        #expect(format.program.jsonEscapes)
        let line = #"{"ip":"1.1.1.1","t":"1431857103.250","req":"/a%20b?x=1","m":"GET","s":"200","ua":"say \"hi\" \u00e9"}"#
        let hit = try #require(parseLine(format, line).value ?? nil)
        #expect(hit.time == 1_431_857_103_250_000)
        #expect(hit.path == "/a%20b")
        #expect(hit.query == "x=1")
        #expect(hit.userAgent == #"say "hi" é"#)
    }

    @Test func rejectsFormatsWithoutVariables() {
        #expect(throws: FormatError.self) { try NginxFormat(logFormat: "plain text") }
        #expect(throws: FormatError.self) { try NginxFormat(logFormat: "escape=xml $status") }
    }
}
