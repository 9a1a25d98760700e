import Foundation
import LogModel
import Parsers
import Testing

// MARK: - Helpers shared with CloudFrontFormatTests

/// The parsed-hit copy the W3C and CloudFront tests compare.
typealias W3CTestHit = HitSnapshot

/// What a parser made of one line.
enum W3CTestLine: Equatable {
    /// The line carried no request (directive, blank).
    case none
    case hit(W3CTestHit)
    case rejected(LineRejection)

    var hit: W3CTestHit? {
        if case .hit(let h) = self { h } else { nil }
    }
}

/// Runs one parser of `format` over `text` split at `\n` (a `\r` before it stays in the line, as
/// a CRLF file would hand it over) and returns what each line gave.
func w3cRun(_ format: some LogFormat, _ text: String) -> [W3CTestLine] {
    var parser = format.makeParser()
    // Split on the byte 10: a String splits "\r\n" as one Character.
    var lines = Array(text.utf8).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
    if text.utf8.last == 10 { lines.removeLast() }
    var out: [W3CTestLine] = []
    for line in lines {
        var hit = Hit()
        let result: Result<Bool, LineRejection> = line.withUnsafeBufferPointer { view in
            do throws(LineRejection) { return .success(try parser.parse(view, into: &hit)) } catch {
                return .failure(error)
            }
        }
        // The views in `hit` point into `line` and the parser: copy them before both move on.
        switch result {
        case .success(true): out.append(.hit(W3CTestHit(hit)))
        case .success(false): out.append(.none)
        case .failure(let reason): out.append(.rejected(reason))
        }
    }
    return out
}

/// Microseconds since the epoch for a day number (days since 1970-01-01, worked out by hand in
/// each test) and a UTC time of day.
func w3cMicros(day: Int64, _ h: Int64, _ m: Int64, _ s: Int64, micros: Int64 = 0) -> Int64 {
    (day * 86_400 + h * 3600 + m * 60 + s) * 1_000_000 + micros
}

/// Files in the repository, found from this source file's path.
enum W3CTestFiles {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: repoRoot.appendingPathComponent("fixtures/formats/\(name)"), encoding: .utf8)
    }

    /// The shared real-world reference logs, next to the repository or at /work/shared.
    static let realWorldRoot: URL? = {
        for candidate in [
            repoRoot.deletingLastPathComponent().appendingPathComponent("shared/realworld"),
            URL(fileURLWithPath: "/work/shared/realworld"),
        ] where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate
        }
        return nil
    }()

    static func realWorld(_ path: String) throws -> String {
        let root = try #require(realWorldRoot)
        return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

/// A header with the standard IIS columns, for rejection tests.
private let iisHeader =
    "#Fields: date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status sc-bytes time-taken cs(User-Agent)\n"

// MARK: - W3C / IIS

@Suite("W3C extended (IIS)")
struct W3CFormatTests {
    @Test func formatIdentity() {
        let format = W3CFormat()
        #expect(format.name == "w3c")
        #expect(format.directivePrefix == UInt8(ascii: "#"))
    }

    /// The shape of Microsoft's W3C extended log sample (IIS 6.0 documentation).
    @Test func iisDocumentationSample() throws {
        let log = """
            #Software: Microsoft Internet Information Services 6.0
            #Version: 1.0
            #Date: 2002-05-02 17:42:15
            #Fields: date time c-ip cs-username s-ip s-port cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent)
            2002-05-02 17:42:15 172.22.255.255 - 172.30.255.255 80 GET /images/picture.jpg - 200 Mozilla/4.0+(compatible;MSIE+5.5;+Windows+2000+Server)

            """
        let lines = w3cRun(W3CFormat(), log)
        #expect(lines.count == 5)
        #expect(lines.prefix(4).allSatisfy { $0 == .none })
        let hit = try #require(lines[4].hit)
        // 2002-05-02: 32 years × 365 + 8 leap days (1972…2000) + 121 days (Jan…Apr 2002) = 11809.
        #expect(hit.time == w3cMicros(day: 11809, 17, 42, 15))
        #expect(hit.time == 1_020_361_335_000_000)
        #expect(hit.client == "172.22.255.255")
        #expect(hit.user == "-")
        #expect(hit.method == "GET")
        #expect(hit.path == "/images/picture.jpg")
        #expect(hit.pathIsDecoded == false)
        #expect(hit.query == "")
        #expect(hit.status == 200)
        #expect(hit.bytes == -1)
        #expect(hit.durationMicros == -1)
        #expect(hit.userAgent == "Mozilla/4.0 (compatible;MSIE 5.5; Windows 2000 Server)")
        #expect(hit.extraNames == ["s-ip", "s-port"])
        #expect(hit.extras == ["s-ip": "172.30.255.255", "s-port": "80"])
    }

    /// `fixtures/formats/w3c_iis.log`: IIS restarts mid-file and writes a new header with more
    /// columns; values are read by the header in force.
    @Test func fieldsChangeMidFile() throws {
        let lines = w3cRun(W3CFormat(), try W3CTestFiles.fixture("w3c_iis.log"))
        let hits = lines.compactMap(\.hit)
        #expect(lines.count == 12)
        #expect(hits.count == 4)
        // 2026-11-01: 56 × 365 + 14 leap days (1972…2024) + 304 days (Jan…Oct) = 20758.
        let day: Int64 = 20758

        let first = hits[0]
        #expect(first.time == w3cMicros(day: day, 0, 0, 5))
        #expect(first.path == "/shop/product/42")
        #expect(first.query == "utm_source=news&utm_medium=email")
        #expect(first.client == "203.0.113.7")
        #expect(first.userAgent == "Mozilla/5.0 (Windows NT 10.0; Win64; x64)")
        #expect(first.referrer == "https://www.example.com/search?q=red shoes")
        #expect(first.status == 200)
        #expect(first.durationMicros == 31_000)
        #expect(first.protocolVersion == "")
        #expect(first.host == "")
        #expect(first.extraNames == ["s-ip", "s-port", "sc-substatus", "sc-win32-status"])

        let second = hits[1]
        #expect(second.method == "POST")
        #expect(second.user == "alice")
        #expect(second.query == "")
        #expect(second.status == 302)

        let third = hits[2]
        #expect(third.time == w3cMicros(day: day, 9, 30, 1))
        #expect(third.protocolVersion == "HTTP/2")
        #expect(third.host == "shop.example.com")
        #expect(third.bytes == 5120)
        #expect(third.durationMicros == 1_687_000)
        #expect(third.extras["cs(Cookie)"] == "vid=v123; cust=C42")
        #expect(third.extras["cs-bytes"] == "812")
        #expect(third.extraNames == ["s-ip", "s-port", "cs(Cookie)", "sc-substatus", "sc-win32-status", "cs-bytes"])

        let fourth = hits[3]
        #expect(fourth.path == "/caf%C3%A9/menu")
        #expect(fourth.pathIsDecoded == false)
        #expect(fourth.status == 404)
        #expect(fourth.userAgent == "-")
        #expect(fourth.referrer == "-")
        #expect(fourth.extras["cs(Cookie)"] == "")
        #expect(fourth.extras["sc-win32-status"] == "2")
        #expect(fourth.durationMicros == 0)
    }

    /// `fixtures/formats/w3c_date_directive.log`: the W3C draft's example, with only a `time`
    /// column; `#Date:` supplies the date (`12-Jan-1996` as the draft writes it, or ISO).
    @Test func dateDirectiveSuppliesDate() throws {
        let hits = w3cRun(W3CFormat(), try W3CTestFiles.fixture("w3c_date_directive.log")).compactMap(\.hit)
        #expect(hits.count == 3)
        // 1996-01-12: 26 × 365 + 6 leap days (1972…1992) + 11 days = 9507.
        #expect(hits[0].time == w3cMicros(day: 9507, 0, 34, 23))
        #expect(hits[0].time == 821_406_863_000_000)
        #expect(hits[1].time == w3cMicros(day: 9507, 12, 21, 16))
        #expect(hits[2].time == w3cMicros(day: 9508, 0, 0, 1))
        #expect(hits.allSatisfy { $0.method == "GET" && $0.path == "/foo/bar.html" })
        #expect(hits[2].query == "x=1")
        #expect(hits[0].host == "")
    }

    /// `#Date:` in ISO form (IIS), as the W3C draft's example writes it, and as Incapsula does.
    @Test(arguments: ["2026-11-01 00:00:00", "01-Nov-2026 00:00:00", "01/Nov/2026 07:28:59", "2026-11-01"])
    func dateDirectiveSyntaxes(directive: String) throws {
        let log = "#Date: \(directive)\n#Fields: time sc-status\n13:05:09.5 200\n"
        let hit = try #require(w3cRun(W3CFormat(), log)[2].hit)
        #expect(hit.time == w3cMicros(day: 20758, 13, 5, 9, micros: 500_000))
    }

    @Test func dateColumnWinsOverDateDirective() throws {
        let log = """
            #Date: 2026-11-01 00:00:00
            #Fields: date time cs-uri-stem sc-status
            2026-11-02 08:00:00 / 200
            """
        let hit = try #require(w3cRun(W3CFormat(), log)[2].hit)
        #expect(hit.time == w3cMicros(day: 20759, 8, 0, 0))
    }

    @Test func timeWithoutAnyDateIsBadTimestamp() {
        let log = """
            #Fields: time cs-uri-stem sc-status
            08:00:00 / 200
            #Date: not a date
            08:00:00 / 200
            """
        #expect(w3cRun(W3CFormat(), log) == [.none, .rejected(.badTimestamp), .none, .rejected(.badTimestamp)])
    }

    /// `fixtures/formats/w3c_quoted.log`: IIS Advanced Logging shape — CRLF lines, blank and
    /// space-only lines, a `#Fields:` with runs of spaces, quoted values, local date/time columns.
    @Test func quotedValues() throws {
        let lines = w3cRun(W3CFormat(), try W3CTestFiles.fixture("w3c_quoted.log"))
        #expect(lines.count == 8)
        #expect(lines.prefix(6).allSatisfy { $0 == .none })
        let first = try #require(lines[6].hit)
        // date-local/time-local stand in for date/time; 10:15:00.250 → +250 000 µs.
        #expect(first.time == w3cMicros(day: 20758, 10, 15, 0, micros: 250_000))
        #expect(first.client == "198.51.100.23")
        #expect(
            first.userAgent
                == "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15"
        )
        #expect(first.referrer == "https://www.google.com/")
        #expect(first.host == "blog.example.com")
        #expect(first.durationMicros == 109_000)
        #expect(first.extraNames == ["s-ip", "s-port", "sc-substatus", "sc-win32-status"])

        let second = try #require(lines[7].hit)
        #expect(second.client == "-")
        // A quoted value has real spaces, so its `+` is a plus; the query is kept raw.
        #expect(second.userAgent == "Lynx/2.9.0 (+libwww-FM)")
        #expect(second.query == "q=c%2B%2B+books")
        #expect(second.status == 301)
        #expect(second.extras["sc-substatus"] == #"sub status with "quotes""#)
        #expect(second.durationMicros == 0)
    }

    @Test(arguments: [
        (#""a b" "" "c""d""#, ["a b", "", #"c"d"#]),
        (#""" - x"#, ["", "", "x"]),
        (#""say ""hi"" now" - x"#, [#"say "hi" now"#, "", "x"]),
        (#""a"b" - x"#, [#"a"b"#, "", "x"]),
        (#"plain    "spaced  out"    x"#, ["plain", "spaced  out", "x"]),
    ])
    func quotingRules(values: String, expected: [String]) throws {
        let log = "#Fields: date time x-a x-b x-c\n2026-11-01 00:00:00 \(values)\n"
        let hit = try #require(w3cRun(W3CFormat(), log)[1].hit)
        #expect([hit.extras["x-a"], hit.extras["x-b"], hit.extras["x-c"]] == expected)
    }

    /// IIS writes `+` for a space in the user agent, referrer and cookie headers only.
    @Test(arguments: [
        ("cs(User-Agent)", "Mozilla/5.0+(X11;+Linux)", "Mozilla/5.0 (X11; Linux)"),
        ("cs(Referer)", "https://a.example/?q=a+b", "https://a.example/?q=a b"),
        ("cs(Cookie)", "a=1;+b=2", "a=1; b=2"),
        ("cs-uri-query", "q=a+b", "q=a+b"),
        ("cs-uri-stem", "/a+b", "/a+b"),
        ("x-custom", "a+b", "a+b"),
        ("cs(User-Agent)", "no%20percent+decoding", "no%20percent decoding"),
    ])
    func plusDecoding(field: String, raw: String, expected: String) throws {
        let log = "#Fields: date time \(field)\n2026-11-01 00:00:00 \(raw)\n"
        let hit = try #require(w3cRun(W3CFormat(), log)[1].hit)
        let value: String? =
            switch field {
            case "cs(User-Agent)": hit.userAgent
            case "cs(Referer)": hit.referrer
            case "cs-uri-query": hit.query
            case "cs-uri-stem": hit.path
            default: hit.extras[field]
            }
        #expect(value == expected)
    }

    @Test(arguments: [
        "#Software: Microsoft Internet Information Services 10.0",
        "#Version: 1.0",
        "#Start-Date: 2026-11-01 00:00:00.128",
        "#End-Date: 2026-11-02 00:00:00",
        "#Remark: rotated by logrotate",
        "#Date: 2026-11-01 00:00:00",
        "#Fields: date time sc-status",
        "",
        "   ",
        "\t",
        "\r",
    ])
    func linesWithoutRequest(line: String) {
        #expect(w3cRun(W3CFormat(), line + "\n") == [.none])
    }

    @Test func dataBeforeHeaderThrows() {
        let log = """
            #Software: Microsoft Internet Information Services 10.0
            2026-11-01 00:00:05 GET / - 200
            #Fields: date time cs-method cs-uri-stem cs-uri-query sc-status
            2026-11-01 00:00:05 GET / - 200
            """
        let lines = w3cRun(W3CFormat(), log)
        #expect(lines[1] == .rejected(.missingFieldsHeader))
        #expect(lines[3].hit?.status == 200)
    }

    /// Each rejection the parser throws, one line each under `iisHeader`.
    @Test(arguments: [
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 200 512", LineRejection.missingColumns),
        ("2026-11-01", .missingColumns),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 2000 512 15 UA", .badStatus),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 099 512 15 UA", .badStatus),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 600 512 15 UA", .badStatus),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - OK! 512 15 UA", .badStatus),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 200 5k 15 UA", .badNumber),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 200 512 fast UA", .badNumber),
        ("2026-11-01 00:00:05 1.2.3.4 - GET / - 200 -12 15 UA", .badNumber),
        ("2026/11/01 00:00:05 1.2.3.4 - GET / - 200 512 15 UA", .badTimestamp),
        ("2026-13-01 00:00:05 1.2.3.4 - GET / - 200 512 15 UA", .badTimestamp),
        ("2026-11-01 25:00:05 1.2.3.4 - GET / - 200 512 15 UA", .badTimestamp),
        ("2026-11-01 00:05 1.2.3.4 - GET / - 200 512 15 UA", .badTimestamp),
        ("- - 1.2.3.4 - GET / - 200 512 15 UA", .badTimestamp),
        (#"2026-11-01 00:00:05 1.2.3.4 - GET / - 200 512 15 "Mozilla/5.0 (X11"#, .unterminatedQuote),
    ])
    func rejections(line: String, reason: LineRejection) {
        #expect(w3cRun(W3CFormat(), iisHeader + line + "\n") == [.none, .rejected(reason)])
    }

    @Test func dashMeansNoValueAndExtraColumnsAreIgnored() throws {
        let lines = w3cRun(
            W3CFormat(),
            iisHeader + "2026-11-01 00:00:05 1.2.3.4 - GET /x - - - - - trailing junk columns\n")
        let hit = try #require(lines[1].hit)
        #expect(hit.status == 0)
        #expect(hit.bytes == -1)
        #expect(hit.durationMicros == -1)
        #expect(hit.query == "")
        #expect(hit.userAgent == "-")
        #expect(hit.path == "/x")
    }

    @Test func crlfAndTrailingSpacesAreTrimmed() throws {
        let lines = w3cRun(W3CFormat(), "#Fields: date time sc-status\r\n2026-11-01 00:00:05 204  \r\n")
        #expect(lines[1].hit?.status == 204)
    }

    /// `cs-uri` is used when there is no `cs-uri-stem`: it can hold a path, Incapsula's
    /// `host/path`, or an absolute URL.
    @Test(arguments: [
        ("/a/b?x=1&y=2", "", "/a/b", "x=1&y=2"),
        ("www.example.com/page.php", "www.example.com", "/page.php", ""),
        ("https://shop.example.com/p/1?ref=mail", "shop.example.com", "/p/1", "ref=mail"),
        ("/only-path", "", "/only-path", ""),
    ])
    func csURI(uri: String, host: String, path: String, query: String) throws {
        let hit = try #require(
            w3cRun(W3CFormat(), "#Fields: date time cs-uri\n2026-11-01 00:00:00 \(uri)\n")[1].hit)
        #expect(hit.host == host)
        #expect(hit.path == path)
        #expect(hit.query == query)
    }

    @Test func csURIStemWinsOverCsURI() throws {
        let hit = try #require(
            w3cRun(W3CFormat(), "#Fields: date time cs-uri cs-uri-stem\n2026-11-01 00:00:00 /full?q /stem\n")[1].hit)
        #expect(hit.path == "/stem")
        #expect(hit.extras["cs-uri"] == "/full?q")
    }

    @Test func repeatedHeaderIsReused() throws {
        var parser = W3CParser()
        let header = Array("#Fields: date time s-ip sc-status".utf8)
        let data = Array("2026-11-01 00:00:00 10.0.0.1 200".utf8)
        var hit = Hit()
        _ = try header.withUnsafeBufferPointer { v throws(LineRejection) in try parser.parse(v, into: &hit) }
        _ = try data.withUnsafeBufferPointer { v throws(LineRejection) in try parser.parse(v, into: &hit) }
        let namesBefore = hit.extras.names.baseAddress
        _ = try header.withUnsafeBufferPointer { v throws(LineRejection) in try parser.parse(v, into: &hit) }
        _ = try data.withUnsafeBufferPointer { v throws(LineRejection) in try parser.parse(v, into: &hit) }
        #expect(hit.extras.names.baseAddress == namesBefore)
        #expect(parser.fieldNames == ["date", "time", "s-ip", "sc-status"])
    }

    // MARK: Real-world reference logs (skipped when /work/shared is absent)

    @Test(.enabled(if: W3CTestFiles.realWorldRoot != nil)) func realWorldIIS() throws {
        let lines = w3cRun(W3CFormat(), try W3CTestFiles.realWorld("matomo_fixtures/iis.log"))
        #expect(lines.count == 5)
        let hit = try #require(lines[4].hit)
        #expect(hit.time == 1_333_238_413_000_000)  // 2012-04-01 00:00:13 UTC
        #expect(hit.client == "1.2.3.4")
        #expect(hit.user == "theuser")
        #expect(hit.path == "/foo/bar")
        #expect(hit.query == "topCat1=divinity&submit=Search")
        #expect(hit.protocolVersion == "HTTP/1.1")
        #expect(hit.userAgent == "Mozilla/5.0 (X11; U; Linux i686; en-US; rv:1.9.2.7) Gecko/20100722 Firefox/3.6.7")
        #expect(hit.host == "example.com")
        #expect(hit.status == 200)
        #expect(hit.bytes == 27028)
        #expect(hit.durationMicros == 1_687_000)
        #expect(hit.referrer == "-")
        #expect(hit.extras["cs(Cookie)"]?.hasPrefix("ASP.NET_SessionId=sldfkjs; __utma=") == true)
        #expect(hit.extras["sc-substatus"] == "654")
        #expect(hit.extras["s-sitename"] == "W3SVC834221556")
    }

    @Test(.enabled(if: W3CTestFiles.realWorldRoot != nil)) func realWorldIISAdvancedLogging() throws {
        let lines = w3cRun(W3CFormat(), try W3CTestFiles.realWorld("matomo_fixtures/iis_custom.log"))
        let hits = lines.compactMap(\.hit)
        #expect(lines.filter { $0 == .none }.count == 7)
        #expect(hits.count == 3)
        #expect(hits[0].time == 1_345_050_000_363_000)  // 2012-08-15 17:00:00.363
        #expect(hits[0].client == "70.95.0.0")
        #expect(hits[0].host == "xzy.example.com")
        #expect(hits[0].referrer == "http://example.com/Search/SearchResults.pg?informationRecipient.languageCode.c=en")
        #expect(hits[0].durationMicros == 109_000)
        #expect(hits[1].status == 301)
        #expect(hits[1].client == "-")
        #expect(hits[2].path == "/hello/world/6,681965")
        #expect(hits[2].status == 404)
        #expect(hits[2].extras["sc-substatus"] == " garbage w/ spaces ")
        #expect(hits[2].durationMicros == 359_000)
    }

    @Test(.enabled(if: W3CTestFiles.realWorldRoot != nil)) func realWorldIncapsula() throws {
        let lines = w3cRun(W3CFormat(), try W3CTestFiles.realWorld("matomo_fixtures/incapsula_w3c.log"))
        let hits = lines.compactMap(\.hit)
        #expect(hits.count == 2)
        #expect(hits[0].time == 1_498_634_795_000_000)  // 2017-06-28 07:26:35
        #expect(hits[0].client == "123.123.123.123")
        #expect(hits[0].host == "www.example.com")
        #expect(hits[0].path == "/page.php")
        #expect(hits[0].query == "variable=test")
        #expect(hits[0].status == 200)
        #expect(hits[0].method == "GET")
        #expect(hits[0].protocolVersion == "HTTP")
        #expect(hits[0].userAgent.hasPrefix("Mozilla/5.0 (Windows NT 6.1; Win64; x64)"))
        #expect(hits[0].referrer == "")
        #expect(hits[0].extras["cs-start"] == "1498634795555")
        #expect(hits[0].extras["s-ruleName"] == "")
        #expect(hits[1].time == 1_498_501_277_000_000)  // 2017-06-26 18:21:17
        #expect(hits[1].path == "/rss/news")
        #expect(hits[1].status == 0)  // empty: the server closed the connection
        #expect(hits[1].extras["sc-action"] == "REQ_BAD_SERVER_CLOSED_CONNECTION")
    }
}
