import Foundation
import LogModel
import Parsers
import Testing

/// HAProxy's HTTP log format and syslog-relayed lines: the example of HAProxy's configuration
/// manual (section 8.2.3), header variants of RFC 3164 and RFC 5424, and the rejections.
@Suite struct HAProxySyslogFormatTests {
    /// The manual's example message (after its syslog header).
    static let manual =
        #"10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750 - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#

    /// 2009-02-06 12:14:14.655 UTC, in microseconds (14,281 days after 1970-01-01).
    static let manualTime: Int64 = (14_281 * 86_400 + 12 * 3600 + 14 * 60 + 14) * 1_000_000 + 655_000

    @Test func theManualsExample() throws {
        let hit = try #require(parseLine(HAProxyFormat(), Self.manual).value ?? nil)
        #expect(hit.client == "10.0.1.2")
        #expect(hit.time == Self.manualTime)
        #expect(hit.method == "GET" && hit.path == "/index.html" && hit.protocolVersion == "HTTP/1.1")
        #expect(hit.status == 200 && hit.bytes == 2750)
        #expect(hit.durationMicros == 109_000)
        #expect(hit.host == "1wt.eu")  // the one captured request header looks like a host name
        #expect(hit.extras["client_port"] == "33317" && hit.extras["frontend"] == "http-in")
        #expect(hit.extras["backend"] == "static" && hit.extras["server"] == "srv1")
        #expect(hit.extras["timers"] == "10/0/30/69/109" && hit.extras["termination_state"] == "----")
        #expect(hit.extras["connections"] == "1/1/1/1/0" && hit.extras["queues"] == "0/0")
    }

    @Test func capturedHeadersGiveUserAgentAndReferrer() throws {
        let line = #"203.0.113.9:50000 [06/Feb/2009:12:14:14.655] fe be/s1 0/0/1/2/3 304 0 - - ---- 1/1/1/1/0 0/0 {shop.example|Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0|https://www.google.com/} {} "GET /product/SKU-1?utm_source=x HTTP/1.1""#
        let hit = try #require(parseLine(HAProxyFormat(), line).value ?? nil)
        #expect(hit.host == "shop.example")
        #expect(hit.userAgent == "Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0")
        #expect(hit.referrer == "https://www.google.com/")
        #expect(hit.path == "/product/SKU-1" && hit.query == "utm_source=x" && hit.status == 304)
    }

    @Test func abortedTruncatedAndBadRequests() throws {
        // Status -1 (aborted before a response), bytes with logasap's '+', total time -1.
        let aborted = #"10.0.0.1:1 [06/Feb/2009:12:14:14.655] fe be/<NOSRV> -1/-1/-1/-1/-1 -1 +0 - - CR-- 0/0/0/0/0 0/0 "<BADREQ>""#
        let a = try #require(parseLine(HAProxyFormat(), aborted).value ?? nil)
        #expect(a.status == 0 && a.bytes == 0 && a.durationMicros == -1 && a.method == "" && a.path == "")
        // A request HAProxy cut short: no closing quote.
        let cut = #"10.0.0.1:1 [06/Feb/2009:12:14:14.655] fe be/s 0/0/0/1/1 200 10 - - ---- 0/0/0/0/0 0/0 "GET /very/long/pa"#
        #expect(parseLine(HAProxyFormat(), cut).value??.path == "/very/long/pa")
        // The TCP format has three timers and no request.
        let tcp = #"10.0.1.2:33313 [06/Feb/2009:12:12:51.443] fnt bck/srv1 0/0/5007 212 -- 0/0/0/0/3 0/0"#
        #expect(parseLine(HAProxyFormat(), tcp).rejection == .missingColumns)
        #expect(parseLine(HAProxyFormat(), #"10.0.0.1 - - [06/Feb/2009:12:14:14 +0000] "GET / HTTP/1.1" 200 5"#).rejection == .literalMismatch)
    }

    @Test(arguments: [
        "Feb  6 12:14:14 localhost haproxy[14389]: ",  // RFC 3164, day padded with a space
        "<134>Feb 06 12:14:14 lb1 haproxy[1]: ",  // with a priority, day padded with a zero
        "Feb  6 12:14:14 haproxy[14389]: ",  // no host name
        "2009-02-06T12:14:14.700+00:00 lb1 haproxy[14389]: ",  // rsyslog's RFC 3339 file format
        "<134>1 2009-02-06T12:14:14.700Z lb1 haproxy 14389 - - ",  // RFC 5424, no structured data
        #"<134>1 2009-02-06T12:14:14.700Z lb1 haproxy 14389 ID47 [origin ip="10.0.0.9"][x y="a\]b"] "#,  // with it
    ])
    func syslogHeaders(header: String) throws {
        let hit = try #require(parseLine(SyslogFormat(inner: HAProxyFormat()), header + Self.manual).value ?? nil)
        #expect(hit.client == "10.0.1.2" && hit.time == Self.manualTime && hit.path == "/index.html")
    }

    @Test func sniffingFindsRelayedFormats() throws {
        func sniff(_ lines: [String]) -> String? {
            let text = lines.joined(separator: "\n")
            var bytes = Array(text.utf8)
            return bytes.withUnsafeMutableBufferPointer { buffer in
                let all = UnsafeBufferPointer(buffer)
                var views: [ByteView] = []
                var start = 0
                for (k, b) in all.enumerated() where b == 10 {
                    views.append(all.slice(start, k - start))
                    start = k + 1
                }
                views.append(all.slice(start, all.count - start))
                return FormatCatalog.sniff(views)?.format.name
            }
        }
        #expect(sniff(["Feb  6 12:14:14 localhost haproxy[14389]: " + Self.manual]) == "syslog+haproxy")
        #expect(sniff([Self.manual]) == "haproxy")
        // Matomo's README example: an Apache combined line relayed by syslog, with two extra columns.
        let relayed = #"Aug 31 23:59:59 tt-srv-name www.tt.com: 1.1.1.1 - - [31/Aug/2014:23:59:59 +0200] "GET /index.php HTTP/1.0" 200 3838 "http://www.tt.com/index.php" "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:31.0) Gecko/20100101 Firefox/31.0" 365020 www.tt.com"#
        #expect(sniff([relayed]) == "syslog+combined")
        let combined = #"1.1.1.1 - - [31/Aug/2014:23:59:59 +0200] "GET /index.php HTTP/1.0" 200 3838 "-" "Mozilla/5.0""#
        #expect(sniff([combined]) == "combined")
        let hit = try #require(parseLine(try FormatCatalog.format(named: "syslog+combined"), relayed).value ?? nil)
        #expect(hit.client == "1.1.1.1" && hit.status == 200 && hit.referrer == "http://www.tt.com/index.php")
        #expect(parseLine(SyslogFormat(inner: ApacheFormat.combined), combined).rejection == .literalMismatch)
    }
}
