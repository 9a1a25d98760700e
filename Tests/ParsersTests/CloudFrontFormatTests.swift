import Foundation
import LogModel
import Parsers
import Testing

/// Joins values with tabs, as CloudFront writes a record.
private func tabbed(_ values: [String]) -> String { values.joined(separator: "\t") }

/// A short CloudFront header for focused tests.
private let shortHeader =
    "#Fields: date time c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) time-taken\n"

/// A record for `shortHeader` with the given user agent, referrer, cookie, status and time-taken.
private func shortRecord(
    ua: String = "curl/8.4.0", referrer: String = "-", cookie: String = "-", status: String = "200",
    timeTaken: String = "0.010", query: String = "-", stem: String = "/"
) -> String {
    tabbed([
        "2026-11-01", "13:05:09", "203.0.113.50", "GET", "d1a2b3c4example.cloudfront.net", stem, status, referrer, ua,
        query, cookie, timeTaken,
    ])
}

@Suite("CloudFront standard logs")
struct CloudFrontFormatTests {
    @Test func formatIdentity() {
        let format = CloudFrontFormat()
        #expect(format.name == "cloudfront")
        #expect(format.directivePrefix == UInt8(ascii: "#"))
    }

    /// `fixtures/formats/cloudfront_standard.log`: the 33 columns of the CloudFront standard log
    /// reference, three records (a page, an asset with a stray trailing tab and a double-encoded
    /// user agent, a connection closed by the viewer).
    @Test func documentationShapedFixture() throws {
        let lines = w3cRun(CloudFrontFormat(), try W3CTestFiles.fixture("cloudfront_standard.log"))
        #expect(lines.count == 5)
        #expect(lines[0] == .none)
        #expect(lines[1] == .none)
        // 2026-11-01: 56 × 365 + 14 leap days (1972…2024) + 304 days (Jan…Oct) = 20758.
        let day: Int64 = 20758

        let page = try #require(lines[2].hit)
        #expect(page.time == w3cMicros(day: day, 13, 5, 9))
        #expect(page.client == "203.0.113.50")
        #expect(page.method == "GET")
        #expect(page.path == "/products/blue-mug")
        #expect(page.pathIsDecoded == false)
        #expect(page.query == "utm_source=google&utm_medium=cpc&gclid=abc123")
        #expect(page.status == 200)
        #expect(page.bytes == 48213)
        #expect(page.referrer == "https://www.google.com/")
        #expect(page.userAgent == "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15")
        #expect(page.host == "shop.example.com")
        #expect(page.protocolVersion == "HTTP/2.0")
        #expect(page.durationMicros == 153_000)
        #expect(page.user == "")
        #expect(page.extras["cs(Cookie)"] == "vid=7f3a; cart=2")
        #expect(page.extras["cs(Host)"] == "d1a2b3c4example.cloudfront.net")
        #expect(page.extras["x-edge-location"] == "FRA56-P1")
        #expect(page.extras["x-edge-result-type"] == "Miss")
        #expect(page.extras["cs-protocol"] == "https")
        #expect(page.extras["c-port"] == "52114")
        #expect(page.extras["time-to-first-byte"] == "0.149")
        #expect(page.extras["sc-content-len"] == "48000")
        #expect(page.extras["x-forwarded-for"] == "")
        #expect(page.extras.count == 33 - 13)  // 13 columns map onto Hit fields

        let asset = try #require(lines[3].hit)
        #expect(asset.client == "2001:db8::7")
        #expect(asset.path == "/static/app%20v2.js")
        #expect(asset.status == 304)
        #expect(asset.userAgent == "Mozilla/5.0%20(X11;%20Linux%20x86_64)")
        #expect(asset.referrer == "https://shop.example.com/products/blue-mug")
        #expect(asset.query == "")
        #expect(asset.durationMicros == 2_000)
        #expect(asset.extras["sc-range-end"] == "")

        let closed = try #require(lines[4].hit)
        #expect(closed.status == 0)
        #expect(closed.bytes == 0)
        #expect(closed.durationMicros == 12_500_000)
        #expect(closed.host == "d1a2b3c4example.cloudfront.net")
        #expect(closed.protocolVersion == "HTTP/1.1")
        #expect(closed.extras["x-forwarded-for"] == "198.51.100.9")
        #expect(closed.extras["x-edge-detailed-result-type"] == "ClientCommError")
    }

    /// Header values are percent-decoded exactly once; the path and query stay raw.
    @Test(arguments: [
        ("ua", "Mozilla/5.0%20(Windows%20NT%2010.0)", "Mozilla/5.0 (Windows NT 10.0)"),
        ("ua", "Mozilla/5.0%2520(Windows)", "Mozilla/5.0%20(Windows)"),
        ("ua", "Slackbot%201.0%20(+https://api.slack.com/robots)", "Slackbot 1.0 (+https://api.slack.com/robots)"),
        ("ua", "bad%escape%2", "bad%escape%2"),
        ("referrer", "https://www.example.com/a%20b", "https://www.example.com/a b"),
        ("cookie", "session%3Dabc", "session=abc"),
        ("query", "q=blue%20mug&x=%2526", "q=blue%20mug&x=%2526"),
        ("stem", "/a%20b/%253D", "/a%20b/%253D"),
    ])
    func percentDecodingOnce(field: String, raw: String, expected: String) throws {
        let record =
            switch field {
            case "ua": shortRecord(ua: raw)
            case "referrer": shortRecord(referrer: raw)
            case "cookie": shortRecord(cookie: raw)
            case "query": shortRecord(query: raw)
            default: shortRecord(stem: raw)
            }
        let hit = try #require(w3cRun(CloudFrontFormat(), shortHeader + record + "\n")[1].hit)
        let value: String? =
            switch field {
            case "ua": hit.userAgent
            case "referrer": hit.referrer
            case "cookie": hit.extras["cs(Cookie)"]
            case "query": hit.query
            default: hit.path
            }
        #expect(value == expected)
    }

    @Test(arguments: [
        ("0.001", 1_000 as Int64),
        ("0.102", 102_000),
        ("0.000", 0),
        ("1.5", 1_500_000),
        ("12", 12_000_000),
        ("-", -1),
    ])
    func timeTakenIsSeconds(raw: String, micros: Int64) throws {
        let hit = try #require(w3cRun(CloudFrontFormat(), shortHeader + shortRecord(timeTaken: raw) + "\n")[1].hit)
        #expect(hit.durationMicros == micros)
    }

    @Test func strayTrailingTabAndUnknownTrailingColumns() throws {
        let lines = w3cRun(
            CloudFrontFormat(),
            shortHeader + shortRecord() + "\t\n" + shortRecord() + "\tnew-column\tanother\t\n")
        #expect(lines[1].hit?.status == 200)
        #expect(lines[2].hit?.status == 200)
        #expect(lines[2].hit?.durationMicros == 10_000)
    }

    @Test func emptyValueBetweenTabsIsAColumn() throws {
        // Older CloudFront logs leave the referrer empty instead of writing `-`.
        let hit = try #require(
            w3cRun(CloudFrontFormat(), shortHeader + shortRecord(ua: "Mozilla/5.0 (iPhone)", referrer: "") + "\n")[1]
                .hit)
        #expect(hit.referrer == "")
        #expect(hit.userAgent == "Mozilla/5.0 (iPhone)")
        #expect(hit.host == "d1a2b3c4example.cloudfront.net")
    }

    @Test func zeroStatusMeansViewerClosedConnection() throws {
        let lines = w3cRun(
            CloudFrontFormat(),
            shortHeader + shortRecord(status: "000") + "\n" + shortRecord(status: "099") + "\n")
        #expect(lines[1].hit?.status == 0)
        #expect(lines[2] == .rejected(.badStatus))
    }

    @Test(arguments: [
        (tabbed(["2026-11-01", "13:05:09", "203.0.113.50", "GET"]), LineRejection.missingColumns),
        (String(shortRecord().dropLast(6)), .missingColumns),
        (shortRecord(status: "2OO"), .badStatus),
        (shortRecord(timeTaken: "0.1s"), .badNumber),
        (shortRecord().replacingOccurrences(of: "13:05:09", with: "13-05-09"), .badTimestamp),
    ])
    func rejections(line: String, reason: LineRejection) {
        #expect(w3cRun(CloudFrontFormat(), shortHeader + line + "\n") == [.none, .rejected(reason)])
    }

    @Test func dataBeforeHeaderThrows() {
        let lines = w3cRun(CloudFrontFormat(), "#Version: 1.0\n" + shortRecord() + "\n")
        #expect(lines == [.none, .rejected(.missingFieldsHeader)])
    }

    @Test func spacesInsideValuesAreNotSeparators() throws {
        // Tab is the only separator: a space in an (unencoded) value stays in it.
        let hit = try #require(
            w3cRun(CloudFrontFormat(), shortHeader + shortRecord(ua: "Mozilla/5.0 (X11; Linux)") + "\n")[1].hit)
        #expect(hit.userAgent == "Mozilla/5.0 (X11; Linux)")
        #expect(hit.durationMicros == 10_000)
    }

    // MARK: Real-world reference logs (skipped when /work/shared is absent)

    @Test(.enabled(if: W3CTestFiles.realWorldRoot != nil)) func realWorldDocumentationSample() throws {
        let lines = w3cRun(CloudFrontFormat(), try W3CTestFiles.realWorld("docs/cloudfront.log"))
        let hits = lines.compactMap(\.hit)
        #expect(lines.count == 8)
        #expect(hits.count == 6)
        let chrome =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36"
        #expect(hits[0].time == 1_575_493_351_000_000)  // 2019-12-04 21:02:31 UTC
        #expect(hits[0].client == "192.0.2.100")
        #expect(hits[0].path == "/index.html")
        #expect(hits[0].status == 200)
        #expect(hits[0].bytes == 392)
        #expect(hits[0].userAgent == chrome)
        #expect(hits[0].host == "d111111abcdef8.cloudfront.net")
        #expect(hits[0].protocolVersion == "HTTP/2.0")
        #expect(hits[0].durationMicros == 1_000)
        #expect(hits[1].durationMicros == 0)
        #expect(hits[2].extras["sc-range-end"] == "")  // the record with a stray trailing tab
        #expect(hits[3].time == 1_576_276_587_000_000)  // 2019-12-13 22:36:27 UTC
        #expect(hits[3].path == "/favicon.ico")
        #expect(hits[3].status == 502)
        #expect(hits[3].referrer == "http://www.example.com/")
        #expect(hits[3].host == "www.example.com")
        #expect(hits[3].durationMicros == 102_000)
        #expect(hits[3].extras["x-edge-detailed-result-type"] == "OriginDnsError")
        #expect(hits[3].extras["cs(Host)"] == "d111111abcdef8.cloudfront.net")
        #expect(hits[5].userAgent == "curl/7.55.1")
        #expect(hits[5].bytes == 900)
    }

    @Test(.enabled(if: W3CTestFiles.realWorldRoot != nil)) func realWorldDoubleEncodedUserAgent() throws {
        let lines = w3cRun(CloudFrontFormat(), try W3CTestFiles.realWorld("matomo_fixtures/amazon_cloudfront_web.log"))
        let hit = try #require(lines[2].hit)
        #expect(hit.time == 1_400_807_591_000_000)  // 2014-05-23 01:13:11 UTC
        #expect(hit.client == "192.0.2.10")
        #expect(hit.path == "/view/my/file.html")
        #expect(hit.status == 200)
        #expect(hit.bytes == 182)
        #expect(hit.referrer == "https://example.com/")
        #expect(hit.host == "example.com")
        #expect(hit.protocolVersion == "HTTP/1.1")
        #expect(
            hit.userAgent
                == "Mozilla/5.0%20(Windows;%20U;%20Windows%20NT%206.1;%20de-DE)%20AppleWebKit/534.17%20(KHTML,%20like%20Gecko)%20Chrome/10.0.649.0%20Safari/534.17"
        )
        #expect(hit.durationMicros == 1_000)
        #expect(hit.extras["x-edge-location"] == "FRA2")
    }
}
