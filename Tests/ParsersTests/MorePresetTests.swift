import LogModel
import Testing

@testable import Parsers

@Suite struct MorePresetTests {
    /// The example record of the S3 "Server access log format" documentation.
    @Test func s3DocumentationRecord() throws {
        let line = #"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be DOC-EXAMPLE-BUCKET1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be 3E57427F3EXAMPLE REST.GET.VERSIONING - "GET /DOC-EXAMPLE-BUCKET1?versioning HTTP/1.1" 200 - 113 - 7 - "-" "S3Console/0.4" - s9lzHYrFp76ZVxRcpX9+5cjAnEH2ROuNkd2BHfIa6UkFVdtjf5mKR3/eTPFvsiP/XV/VLi31234= SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com TLSV1.2 arn:aws:s3:us-west-1:123456789012:accesspoint/example-AP Yes"#
        let hit = try #require(parseLine(S3Format(), line).value ?? nil)
        #expect(hit.time == 1_549_411_238_000_000)
        #expect(hit.client == "192.0.2.3")
        #expect(hit.method == "GET")
        #expect(hit.path == "/DOC-EXAMPLE-BUCKET1")
        #expect(hit.query == "versioning")
        #expect(hit.status == 200)
        #expect(hit.bytes == 113)
        #expect(hit.durationMicros == 7000)
        #expect(hit.userAgent == "S3Console/0.4")
        #expect(hit.host == "DOC-EXAMPLE-BUCKET1.s3.us-west-1.amazonaws.com")
        #expect(hit.extras["operation"] == "REST.GET.VERSIONING")
        #expect(hit.extras["bucket"] == "DOC-EXAMPLE-BUCKET1")
    }

    /// Older S3 records end after the user agent.
    @Test func s3RecordWithoutLaterColumns() throws {
        let line = #"owner bucket [10/Feb/2012:16:42:07 -0500] 1.2.3.4 requester REQ WEBSITE.GET.OBJECT index "GET /index HTTP/1.1" 200 - 368 368 10 9 "-" "curl/7""#
        let hit = try #require(parseLine(S3Format(), line).value ?? nil)
        #expect(hit.userAgent == "curl/7")
        #expect(hit.host == "")
    }

    @Test func vhostCombinedWithoutPort() throws {
        let line = #"www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:42:07 -0500] "GET / HTTP/1.0" 301 368 "-" "Mozilla/5.0""#
        let hit = try #require(parseLine(ApacheFormat.vhostCombinedNoPort, line).value ?? nil)
        #expect(hit.host == "www.example.com")
        #expect(hit.user == "theuser")
        #expect(hit.bytes == 368)
        // vhost_common reads the same line, ignoring the trailing referrer and user agent.
        #expect(parseLine(ApacheFormat.vhostCommon, line).value??.bytes == 368)
    }

    @Test func genericJSONKeyNames() throws {
        let line = #"{"ip": "1.2.3.4","host": "www.example.org","path": "/index.php?x=1","status": "200","referrer": "http://example.com/","user_agent": "Mozilla/5.0","length": 192,"generation_time_milli": 1.5,"date": "2013-10-10T16:52:00+02:00"}"#
        let hit = try #require(parseLine(JSONLinesFormat.generic, line).value ?? nil)
        #expect(hit.client == "1.2.3.4")
        #expect(hit.time == 1_381_416_720_000_000)
        #expect(hit.path == "/index.php")
        #expect(hit.query == "x=1")
        #expect(hit.status == 200)
        #expect(hit.bytes == 192)
        #expect(hit.durationMicros == 1500)
        #expect(hit.host == "www.example.org")
    }

    @Test(arguments: ["alb", "elb", "s3", "caddy", "traefik", "nginx-json", "json", "w3c", "cloudfront", "combined", "nginx"])
    func everyPresetIsReachableByName(name: String) throws {
        #expect(try FormatCatalog.format(named: name).name.isEmpty == false)
    }
}
