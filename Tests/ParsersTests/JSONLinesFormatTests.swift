import Foundation
import LogModel
import Parsers
import Testing

/// Lines in the documented shapes of nginx `escape=json`, Caddy and Traefik.
enum JSONDocLines {
    /// nginx: `log_format json escape=json '{"time_local":"$time_local",…}'`.
    static let nginx =
        #"{"time_local":"01/Nov/2026:13:05:09 +0100","remote_addr":"203.0.113.7","remote_user":"-","request":"GET /products/espresso-machine?utm_source=newsletter&utm_medium=email HTTP/2.0","status":"200","body_bytes_sent":"5120","request_time":"0.012","http_referer":"https://mail.example.net/","http_user_agent":"Mozilla/5.0 (X11; Linux x86_64) \u0022quoted\u0022 caf\u00e9 \\ end","http_x_forwarded_for":"198.51.100.1, 10.0.0.2","upstream_response_time":"0.010","host":"shop.example.com"}"#

    /// Caddy's "Structured logs" access log entry, compacted to one valid JSON line.
    static let caddy =
        #"{"level":"info","ts":1646861401.5241024,"logger":"http.log.access","msg":"handled request","request":{"remote_ip":"127.0.0.1","remote_port":"41342","client_ip":"127.0.0.1","proto":"HTTP/2.0","method":"GET","host":"localhost","uri":"/","headers":{"User-Agent":["curl/7.82.0"],"Accept":["*/*"],"Accept-Encoding":["gzip, deflate, br"]},"tls":{"resumed":false,"version":772,"cipher_suite":4865,"proto":"h2","server_name":"example.com"}},"bytes_read":0,"user_id":"","duration":0.000929675,"size":10900,"status":200,"resp_headers":{"Server":["Caddy"],"Content-Encoding":["gzip"],"Content-Type":["text/html; charset=utf-8"],"Vary":["Accept-Encoding"]}}"#

    /// Traefik's JSON access log with the documented field names.
    static let traefik =
        #"{"ClientAddr":"172.20.0.1:52458","ClientHost":"203.0.113.9","ClientPort":"52458","ClientUsername":"-","DownstreamContentSize":15,"DownstreamStatus":200,"Duration":10002425284,"OriginContentSize":15,"OriginDuration":10002302842,"OriginStatus":200,"Overhead":122442,"RequestAddr":"localhost","RequestContentSize":0,"RequestCount":1,"RequestHost":"localhost","RequestMethod":"GET","RequestPath":"/my/app/auth?id=1234&user=dude","RequestPort":"-","RequestProtocol":"HTTP/1.1","RequestScheme":"http","RetryAttempts":0,"RouterName":"my-router@file","ServiceAddr":"apache:80","ServiceName":"my-service@file","ServiceURL":{"Scheme":"http","Opaque":"","User":null,"Host":"apache:80","Path":"","RawPath":"","OmitHost":false,"ForceQuery":false,"RawQuery":"","Fragment":"","RawFragment":""},"StartLocal":"2023-08-11T13:39:21.773360139+02:00","StartUTC":"2023-08-11T11:39:21.773360139Z","entryPointName":"http","level":"info","msg":"","request_Referer":"https://example.com/start","request_User-Agent":"Prometheus/2.40.5","time":"2023-08-11T11:41:25Z"}"#
}

@Suite struct JSONLinesFormatTests {
    @Test func presetNames() {
        #expect(JSONLinesFormat.nginx.name == "nginx-json")
        #expect(JSONLinesFormat.caddy.name == "caddy")
        #expect(JSONLinesFormat.traefik.name == "traefik")
    }

    // MARK: nginx

    @Test func nginxEscapeJSONLine() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let hit = try #require(try check.parse(JSONDocLines.nginx).get())
        // 2026-11-01 is day 20758; 20758 × 86400 + 13:05:09 (47109 s) − 3600 s (+0100) = 1793534709 s.
        #expect(hit.time == 1_793_534_709_000_000)
        #expect(hit.utcOffsetSeconds == 3600)
        #expect(hit.client == "203.0.113.7")
        #expect(hit.user == "-")
        #expect(hit.method == "GET")
        #expect(hit.path == "/products/espresso-machine")
        #expect(hit.query == "utm_source=newsletter&utm_medium=email")
        #expect(hit.protocolVersion == "HTTP/2.0")
        #expect(hit.status == 200)
        #expect(hit.bytes == 5120)
        #expect(hit.durationMicros == 12_000)
        #expect(hit.referrer == "https://mail.example.net/")
        #expect(hit.userAgent == #"Mozilla/5.0 (X11; Linux x86_64) "quoted" café \ end"#)
        #expect(hit.host == "shop.example.com")
        #expect(hit.extraNames == ["http_x_forwarded_for", "upstream_response_time"])
        #expect(hit.extras["http_x_forwarded_for"] == "198.51.100.1, 10.0.0.2")
        #expect(hit.extras["upstream_response_time"] == "0.010")
    }

    @Test func nginxPrefersMsecAndAcceptsBareNumbers() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let line =
            #"{"msec":1793534709.412,"time_iso8601":"2026-11-01T13:05:09+01:00","remote_addr":"2001:db8::7","request_method":"POST","request_uri":"/cart/add?from=pdp","uri":"/cart/add","args":"from=pdp","server_protocol":"HTTP/1.1","status":302,"bytes_sent":512,"request_time":0.034,"http_user_agent":"","server_name":"shop.example.com"}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.time == 1_793_534_709_412_000)
        #expect(hit.utcOffsetSeconds == 0)
        #expect(hit.client == "2001:db8::7")
        #expect(hit.method == "POST")
        #expect(hit.path == "/cart/add")
        #expect(!hit.pathIsDecoded)
        #expect(hit.query == "from=pdp")
        #expect(hit.protocolVersion == "HTTP/1.1")
        #expect(hit.status == 302)
        #expect(hit.bytes == 512)
        #expect(hit.durationMicros == 34_000)
        #expect(hit.userAgent == "")
        #expect(hit.host == "shop.example.com")
    }

    @Test func nginxDecodedUriAndArgs() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let line =
            #"{"time_iso8601":"2026-11-01T13:05:09+01:00","remote_addr":"192.0.2.1","request_method":"GET","uri":"/caf\u00e9 menu","args":"?q=1","status":"200","body_bytes_sent":"10"}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.time == 1_793_534_709_000_000)
        #expect(hit.utcOffsetSeconds == 3600)
        #expect(hit.path == "/café menu")
        #expect(hit.pathIsDecoded)
        #expect(hit.query == "q=1")
        #expect(hit.bytes == 10)
        #expect(hit.durationMicros == -1)
    }

    @Test func nginxEmptyRequestIsAHitWithoutPath() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let line =
            #"{"time_local":"01/Nov/2026:13:05:09 +0100","remote_addr":"192.0.2.1","request":"","status":"400","body_bytes_sent":"0"}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.status == 400)
        #expect(hit.method == "")
        #expect(hit.path == "")
    }

    // MARK: Caddy

    @Test func caddyDocumentedEntry() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let hit = try #require(try check.parse(JSONDocLines.caddy).get())
        // ts 1646861401.5241024 s → µs, truncated.
        #expect(hit.time == 1_646_861_401_524_102)
        #expect(hit.client == "127.0.0.1")
        #expect(hit.user == "")
        #expect(hit.method == "GET")
        #expect(hit.host == "localhost")
        #expect(hit.path == "/")
        #expect(hit.query == "")
        #expect(hit.protocolVersion == "HTTP/2.0")
        #expect(hit.userAgent == "curl/7.82.0")
        #expect(hit.referrer == "")
        #expect(hit.status == 200)
        #expect(hit.bytes == 10900)
        // duration 0.000929675 s → 929 µs.
        #expect(hit.durationMicros == 929)
        #expect(hit.extras["level"] == "info")
        #expect(hit.extras["logger"] == "http.log.access")
        #expect(hit.extras["request.remote_port"] == "41342")
        #expect(hit.extras["request.headers.Accept"] == "*/*")
        #expect(hit.extras["request.headers.Accept-Encoding"] == "gzip, deflate, br")
        #expect(hit.extras["request.tls.resumed"] == "false")
        #expect(hit.extras["request.tls.version"] == "772")
        #expect(hit.extras["request.tls.proto"] == "h2")
        #expect(hit.extras["request.tls.server_name"] == "example.com")
        #expect(hit.extras["bytes_read"] == "0")
        #expect(hit.extras["resp_headers.Server"] == "Caddy")
        #expect(hit.extras["resp_headers.Content-Type"] == "text/html; charset=utf-8")
        // Mapped keys are not repeated as extras.
        #expect(hit.extras["request.headers.User-Agent"] == nil)
        #expect(hit.extras["request.remote_ip"] == nil)
        #expect(hit.extras["duration"] == nil)
    }

    @Test func caddyPrefersClientIPAndTakesTheFirstHeaderValue() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line =
            #"{"ts":1703373474.8155608,"request":{"remote_ip":"10.0.0.5","client_ip":"203.0.113.10","method":"GET","host":"example.com","uri":"/beta/?a=1&b=%20","proto":"HTTP/1.1","headers":{"Referer":["https://example.com/"],"User-Agent":["first","second"]}},"user_id":"customer-7","duration":0.242570094,"size":217912,"status":200,"resp_headers":{"Server":["Caddy","nginx/1.20.1"]}}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.time == 1_703_373_474_815_560)
        #expect(hit.client == "203.0.113.10")
        #expect(hit.user == "customer-7")
        #expect(hit.path == "/beta/")
        #expect(hit.query == "a=1&b=%20")
        #expect(hit.referrer == "https://example.com/")
        #expect(hit.userAgent == "first")
        #expect(hit.durationMicros == 242_570)
        #expect(hit.extras["resp_headers.Server"] == "Caddy")
        #expect(hit.extras["request.remote_ip"] == nil)
    }

    @Test(
        arguments: [
            ("0.000929675", 929),
            ("1.5", 1_500_000),
            ("2.5e-3", 2_500),
            ("1E+1", 10_000_000),
            ("929675", 929),  // integer: nanoseconds (early Caddy 2 builds)
            ("0", 0),
        ] as [(String, Int64)])
    func caddyDurationRule(_ duration: String, _ micros: Int64) throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line = #"{"ts":1646861401,"request":{"uri":"/"},"status":200,"duration":"# + duration + "}"
        #expect(try check.parse(line).get()?.durationMicros == micros)
    }

    @Test(
        arguments: [
            (#""2022-03-09T21:30:01.524Z""#, 1_646_861_401_524_000),
            (#""2022-03-09T22:30:01.5241024+01:00""#, 1_646_861_401_524_102),
            ("1646861401524.1024", 1_646_861_401_524_102),
            ("1646861401524102", 1_646_861_401_524_102),
            ("1646861401524102400", 1_646_861_401_524_102),
            ("1646861401", 1_646_861_401_000_000),
        ] as [(String, Int64)])
    func caddyTimeFormats(_ ts: String, _ micros: Int64) throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line = #"{"ts":"# + ts + #","request":{"uri":"/"},"status":200}"#
        #expect(try check.parse(line).get()?.time == micros)
    }

    // MARK: Traefik

    @Test func traefikDocumentedFields() throws {
        var check = LineCheck(JSONLinesFormat.traefik)
        let hit = try #require(try check.parse(JSONDocLines.traefik).get())
        // 2023-08-11 is day 19580; 19580 × 86400 + 11:39:21 (41961 s) = 1691753961 s; ns truncated to µs.
        #expect(hit.time == 1_691_753_961_773_360)
        #expect(hit.client == "203.0.113.9")
        #expect(hit.user == "-")
        #expect(hit.method == "GET")
        #expect(hit.path == "/my/app/auth")
        #expect(hit.query == "id=1234&user=dude")
        #expect(hit.protocolVersion == "HTTP/1.1")
        #expect(hit.status == 200)
        #expect(hit.bytes == 15)
        #expect(hit.host == "localhost")
        #expect(hit.userAgent == "Prometheus/2.40.5")
        #expect(hit.referrer == "https://example.com/start")
        // Duration 10002425284 ns → 10002425 µs.
        #expect(hit.durationMicros == 10_002_425)
        #expect(hit.extras["RouterName"] == "my-router@file")
        #expect(hit.extras["OriginStatus"] == "200")
        #expect(hit.extras["ServiceURL.Host"] == "apache:80")
        #expect(hit.extras["ServiceURL.OmitHost"] == "false")
        #expect(hit.extras["ServiceURL.User"] == nil)
        #expect(hit.extras["StartLocal"] == nil)
    }

    @Test func traefikStatusAsStringAndStartLocalFallback() throws {
        var check = LineCheck(JSONLinesFormat.traefik)
        let line =
            #"{"ClientHost":"1.2.3.4","DownstreamStatus":"404","DownstreamContentSize":19,"Duration":1250000,"RequestMethod":"GET","RequestPath":"/missing","RequestProtocol":"HTTP/2.0","StartLocal":"2023-08-11T13:39:21.5+02:00"}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.status == 404)
        #expect(hit.time == 1_691_753_961_500_000)
        #expect(hit.utcOffsetSeconds == 7200)
        #expect(hit.durationMicros == 1250)
    }

    // MARK: Custom mappings

    @Test func customMapping() throws {
        let format = JSONLinesFormat(
            name: "shop-json",
            mapping: [
                .client: "ip", .host: "host", .target: "path", .status: "status", .referrer: "referrer",
                .userAgent: "user_agent", .bytes: "length", .time(.iso8601): "date",
                .duration(.milliseconds): "generation_time_milli", .user: "customer.id",
            ])
        #expect(format.name == "shop-json")
        var check = LineCheck(format)
        let line =
            #"{"idsite":1,"ip": "1.2.3.4","host": "www.example.org","path": "/index.php?action=view&id=7","status": "200","referrer": "http://example.net/","user_agent": "Mozilla/5.0","length": 192,"generation_time_milli": 0.008,"date": "2013-10-10T16:52:00+02:00","customer":{"id":"C-17","tier":"gold"}}"#
        let hit = try #require(try check.parse(line).get())
        // 2013-10-10T16:52:00+02:00 = 14:52:00Z; day 15988 × 86400 + 53520 s = 1381416720 s.
        #expect(hit.time == 1_381_416_720_000_000)
        #expect(hit.client == "1.2.3.4")
        #expect(hit.host == "www.example.org")
        #expect(hit.path == "/index.php")
        #expect(hit.query == "action=view&id=7")
        #expect(hit.bytes == 192)
        #expect(hit.durationMicros == 8)
        #expect(hit.user == "C-17")
        #expect(hit.extraNames == ["idsite", "customer.tier"])
    }

    @Test func orderedRulesGiveThePrecedence() throws {
        let format = JSONLinesFormat(
            name: "ordered",
            rules: [
                .init(.time(.epochMilliseconds), "t_ms"), .init(.time(.iso8601), "t"), .init(.client, "real_ip"),
                .init(.client, "ip"), .init(.requestLine, "req"),
            ])
        var check = LineCheck(format)
        let both =
            #"{"t":"2026-01-01T00:00:00Z","t_ms":1767225600123,"ip":"10.0.0.1","real_ip":"203.0.113.5","req":"GET / HTTP/1.1"}"#
        let hit = try #require(try check.parse(both).get())
        #expect(hit.time == 1_767_225_600_123_000)
        #expect(hit.client == "203.0.113.5")
        let fallback = #"{"t":"2026-01-01T00:00:00Z","t_ms":"-","ip":"10.0.0.1","real_ip":"","req":"GET / HTTP/1.1"}"#
        let second = try #require(try check.parse(fallback).get())
        #expect(second.time == 1_767_225_600_000_000)
        #expect(second.client == "10.0.0.1")
    }

    // MARK: Escapes, Unicode, structure

    @Test(arguments: [
        (#""caf\u00e9""#, "café"),
        (#""caf\u00C9""#, "cafÉ"),
        (#""\ud83d\ude00 grin""#, "😀 grin"),
        (#""日本語 raw""#, "日本語 raw"),
        (#""tab\there\nnewline""#, "tab\there\nnewline"),
        (#""slash\/ and \"quote\" and \\""#, #"slash/ and "quote" and \"#),
        (#""\u0022q\u0022""#, #""q""#),
    ])
    func stringEscapesAreDecoded(_ json: String, _ text: String) throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let line = #"{"msec":"1.5","http_user_agent":"# + json + #","x_note":"# + json + "}"
        let hit = try #require(try check.parse(line).get())
        #expect(hit.userAgent == text)
        #expect(hit.extras["x_note"] == text)
    }

    @Test func escapedKeysAreDecoded() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line = #"{"ts":1,"req\u0075est":{"uri":"/x","h\u00e9":"v"}}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.path == "/x")
        #expect(hit.extras["request.hé"] == "v")
    }

    @Test func whitespaceBetweenTokensIsAllowed() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line =
            " { \"ts\" : 1 , \"status\" :\t200 , \"request\" : { \"uri\" : \"/a\" , \"headers\" : { \"X\" : [ \"1\" , \"2\" ] } } }\r"
        let hit = try #require(try check.parse(line).get())
        #expect(hit.status == 200)
        #expect(hit.path == "/a")
        #expect(hit.extras["request.headers.X"] == "1")
    }

    @Test func arraysOfObjectsAndNestedArraysAreSkipped() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let line = #"{"ts":1,"list":[{"a":1},{"b":[1,2]}],"deep":[[1]],"empty":[],"obj":{},"n":null,"ok":true}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.extraNames == ["ok"])
        #expect(hit.extras["ok"] == "true")
    }

    @Test func extraNamesFollowEachLinesShape() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let a = try #require(try check.parse(#"{"ts":1,"a":"1","b":"2"}"#).get())
        let b = try #require(try check.parse(#"{"ts":1,"b":"3","c":"4","a":"5"}"#).get())
        let c = try #require(try check.parse(#"{"ts":1,"a":"6","b":"7"}"#).get())
        #expect(a.extraNames == ["a", "b"])
        #expect(a.extras == ["a": "1", "b": "2"])
        #expect(b.extraNames == ["b", "c", "a"])
        #expect(b.extras == ["a": "5", "b": "3", "c": "4"])
        #expect(c.extraNames == ["a", "b"])
        #expect(c.extras == ["a": "6", "b": "7"])
    }

    @Test func distinctKeyNamesAreCapped() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        for k in 0..<3000 {
            let hit = try #require(try check.parse(#"{"ts":1,"request":{"headers":{"X-H\#(k)":["v"]}}}"#).get())
            if k == 0 { #expect(hit.extras["request.headers.X-H0"] == "v") }
            if k == 2999 { #expect(hit.extraNames.isEmpty) }
        }
        let known = try #require(try check.parse(#"{"ts":1,"request":{"headers":{"X-H5":["again"]}}}"#).get())
        #expect(known.extras["request.headers.X-H5"] == "again")
    }

    @Test(arguments: ["", "   ", "\t"])
    func blankLinesCarryNoRequest(_ line: String) throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        #expect(try check.parse(line).get() == nil)
    }

    // MARK: Rejections

    static let rejections: [(String, LineRejection)] = [
        ("not json at all", .badJSON),
        (#"["ts",1]"#, .badJSON),
        (#""just a string""#, .badJSON),
        (#"{"ts":1,"status":200"#, .badJSON),
        (#"{"ts":1,"request":{"uri":"/x"}"#, .badJSON),
        (#"{"ts":1,"request":{"uri":"/x"#, .badJSON),
        (#"{"ts":1} trailing"#, .badJSON),
        (#"{"ts":1}{"ts":2}"#, .badJSON),
        (#"{"ts":1,}"#, .badJSON),
        (#"{"ts":1 "status":200}"#, .badJSON),
        (#"{"ts":tru}"#, .badJSON),
        (#"{"ts":01}"#, .badJSON),
        (#"{"ts":1.}"#, .badJSON),
        (#"{"ts":1,"msg":"bad \q escape"}"#, .badJSON),
        (#"{"ts":1,"msg":"bad \u12 escape"}"#, .badJSON),
        (#"{ts:1}"#, .badJSON),
        ("\u{1}\u{2}", .badJSON),
        (#"{"level":"info","msg":"no timestamp key"}"#, .badJSON),
        ("{\"ts\":1,\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}", .badJSON),
        (#"{"ts":"yesterday","status":200}"#, .badTimestamp),
        (#"{"ts":"","status":200}"#, .badTimestamp),
        (#"{"ts":1,"status":999}"#, .badStatus),
        (#"{"ts":1,"status":"OK"}"#, .badStatus),
        (#"{"ts":1,"status":20}"#, .badStatus),
        (#"{"ts":1,"size":"big"}"#, .badNumber),
        (#"{"ts":1,"size":-5}"#, .badNumber),
        (#"{"ts":1,"duration":"slow"}"#, .badNumber),
    ]

    @Test(arguments: rejections)
    func rejectsBadLines(_ line: String, _ reason: LineRejection) {
        var check = LineCheck(JSONLinesFormat.caddy)
        #expect(check.rejection(line) == reason)
    }

    @Test func binaryRequestLineIsKeptAsThePath() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let line = #"{"msec":"1793534711.250","request":"\u0016\u0003\u0001\u0002\u0000\u0001","status":"400"}"#
        let hit = try #require(try check.parse(line).get())
        #expect(hit.method == "")
        #expect(hit.path == "\u{16}\u{03}\u{01}\u{02}\u{00}\u{01}")
        #expect(hit.status == 400)
    }

    @Test func methodWithoutTargetIsABadRequest() {
        var check = LineCheck(JSONLinesFormat.nginx)
        #expect(check.rejection(#"{"msec":"1793534711.250","request":"GET ","status":"400"}"#) == .badRequest)
    }

    @Test func badTimeLocalIsABadTimestamp() {
        var check = LineCheck(JSONLinesFormat.nginx)
        #expect(check.rejection(#"{"time_local":"32/Nov/2026:13:05:09 +0100","status":"200"}"#) == .badTimestamp)
    }

    // MARK: Fixtures

    @Test func nginxFixture() throws {
        var check = LineCheck(JSONLinesFormat.nginx)
        let hits = try LineCheck.fixtureLines("json_nginx.log").map { try #require(try check.parse($0).get()) }
        #expect(hits.count == 4)
        let times: [Int64] = [
            1_793_534_709_412_000, 1_793_534_710_003_000, 1_793_534_711_250_000, 1_793_534_712_900_000,
        ]
        #expect(hits.map(\.time) == times)
        #expect(hits.map(\.status) == [200, 302, 400, 200])
        #expect(hits[0].userAgent == #"Mozilla/5.0 (X11; Linux x86_64) "quoted" café"#)
        #expect(hits[1].user == "alice")
        #expect(hits[1].client == "2001:db8::7")
        // A TLS handshake sent to the HTTP port: logged with status 400, kept with its bytes as the path.
        #expect(hits[2].method == "")
        #expect(hits[2].path.hasPrefix("\u{16}\u{03}\u{01}"))
        #expect(hits[3].path == "/checkout/complete")
        #expect(hits[3].query == "order=A-1001")
        #expect(hits[3].extras["upstream_response_time"] == "0.099, 0.001")
    }

    @Test func caddyFixture() throws {
        var check = LineCheck(JSONLinesFormat.caddy)
        let hits = try LineCheck.fixtureLines("json_caddy.log").map { try #require(try check.parse($0).get()) }
        #expect(hits.count == 3)
        // 2026-03-14T09:26:53Z = day 20526 × 86400 + 34013 s = 1773480413 s.
        #expect(hits.map(\.time) == [1_773_480_413_589_793, 1_773_480_414_001_200, 1_773_480_415_250_000])
        #expect(hits.map(\.client) == ["203.0.113.10", "2001:db8::42", "198.51.100.23"])
        #expect(hits.map(\.durationMicros) == [4_211, 31_000, 1_250])
        #expect(hits.map(\.status) == [200, 303, 200])
        #expect(hits[0].referrer == "https://mail.example.net/")
        #expect(hits[0].query == "utm_source=newsletter")
        #expect(hits[1].user == "customer-1001")
        #expect(hits[1].protocolVersion == "HTTP/3.0")
        #expect(hits[1].extras["request.tls.proto"] == "h3")
        #expect(hits[1].extras["resp_headers.Location"] == "/cart")
    }

    @Test func traefikFixture() throws {
        var check = LineCheck(JSONLinesFormat.traefik)
        let hits = try LineCheck.fixtureLines("json_traefik.log").map { try #require(try check.parse($0).get()) }
        #expect(hits.count == 3)
        #expect(hits.map(\.time) == [1_773_480_413_589_793, 1_773_480_414_001_200, 1_773_480_415_000_000])
        #expect(hits.map(\.durationMicros) == [4_211, 31_000, 1_250])
        #expect(hits.map(\.user) == ["-", "-", "bob"])
        #expect(hits.map(\.bytes) == [15320, 0, 8421])
        #expect(hits[0].extras["ServiceURL.Host"] == "10.0.1.15:8080")
        #expect(hits[2].extras["RouterName"] == "static@file")
    }
}
