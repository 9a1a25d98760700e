import LogModel

/// Access logs written as one JSON object per line, read through a mapping from JSON key paths
/// to `Hit` fields (`--format nginx-json`, `caddy`, `traefik`, or a custom mapping).
///
/// Keys are dotted paths through nested objects (`request.remote_ip`); an array whose first
/// element is a scalar reads as that element (`request.headers.User-Agent` of
/// `"User-Agent":["curl/8.0"]`). Strings, numbers and booleans are accepted for any field; a
/// string with escapes (nginx `escape=json` writes `\u0022`) is decoded. `null`, empty strings
/// and, for numbers and times, `-` count as absent. When several keys feed one field, the first
/// rule with a value wins. Every scalar leaf that no rule maps goes to `Hit.extras` under its
/// dotted path (`request.tls.proto`, `request.headers.Accept`, `upstream_response_time`).
///
/// Rejections: `.badJSON` for a line that is not one complete JSON object, or that has none of
/// the mapping's time keys; `.badTimestamp`, `.badStatus` (outside 100…599), `.badNumber`,
/// `.badRequest` (from `RequestLine`) for values that do not parse. Blank lines carry no request.
public struct JSONLinesFormat: LogFormat {
    /// How a timestamp value is written.
    public enum TimeSyntax: Sendable, Hashable {
        /// ISO-8601 / RFC 3339 (`2023-08-11T11:39:21.773360139Z`, `2026-11-01T13:05:09+01:00`).
        case iso8601
        /// Common Log time without brackets (`10/Oct/2000:13:55:36 -0700`, nginx `$time_local`).
        case commonLog
        /// Seconds since the epoch with an optional fraction (`1703373474.8155608`, `$msec`).
        case epochSeconds
        /// Milliseconds since the epoch with an optional fraction.
        case epochMilliseconds
        /// Any of the above: ISO-8601 or Common Log text by shape; a number by its count of
        /// integer digits: up to 11 seconds, 12–14 milliseconds, 15–17 microseconds, 18–19
        /// nanoseconds (Caddy's `time_format` options).
        case auto
    }

    /// The unit of a duration value.
    public enum DurationUnit: Sendable, Hashable {
        /// Seconds with a fraction (nginx `$request_time`, Caddy `duration`).
        case seconds
        /// Milliseconds.
        case milliseconds
        /// Microseconds.
        case microseconds
        /// Nanoseconds (Traefik `Duration`).
        case nanoseconds
        /// Caddy: a number with a fraction or exponent is seconds (every Caddy 2 release writes
        /// float seconds); a bare integer is nanoseconds (early builds wrote Go's integer
        /// `time.Duration`). A float-seconds duration that is an exact whole second would read
        /// as nanoseconds, a one-in-10⁹ case.
        case secondsOrNanoseconds
    }

    /// A `Hit` slot a JSON value can fill.
    public enum Field: Sendable, Hashable {
        /// Client address → `client`.
        case client
        /// Authenticated user → `user`.
        case user
        /// Request time → `time` (and `utcOffsetSeconds`).
        case time(TimeSyntax)
        /// A whole request line (`GET /p?q HTTP/1.1`) → method, path, query, protocol, and host
        /// for absolute URLs; split by `RequestLine.parse`.
        case requestLine
        /// HTTP method → `method`.
        case method
        /// Raw request target `path?query` (nginx `$request_uri`, Caddy `uri`, Traefik
        /// `RequestPath`) → `path` and `query`.
        case target
        /// Raw path without query → `path`.
        case path
        /// A path the server already decoded (nginx `$uri`) → `path`, `pathIsDecoded`.
        case decodedPath
        /// Query string, with or without its leading `?` → `query`.
        case query
        /// `HTTP/1.1` → `protocolVersion`.
        case protocolVersion
        /// Status code → `status`.
        case status
        /// Response bytes → `bytes`.
        case bytes
        /// `Referer` → `referrer`.
        case referrer
        /// `User-Agent` → `userAgent`.
        case userAgent
        /// Virtual host → `host`.
        case host
        /// Time taken → `durationMicros`.
        case duration(DurationUnit)
    }

    /// One entry of a mapping: the JSON key path whose value fills `field`.
    public struct Rule: Sendable, Hashable {
        /// The slot filled.
        public var field: Field
        /// The dotted key path (`request.headers.User-Agent`).
        public var key: String

        /// A rule reading `key` into `field`.
        public init(_ field: Field, _ key: String) {
            self.field = field
            self.key = key
        }
    }

    /// At most this many distinct keys are mapped; rules after them are ignored.
    public static let maxMappedKeys = 64

    /// The name shown to users.
    public let name: String
    /// The mapping, in precedence order: for each field, the first rule with a value wins.
    public let rules: [Rule]

    /// A format with an ordered mapping: for each field, the first rule with a value wins.
    ///
    /// - Parameters:
    ///   - name: the name users pick it by.
    ///   - rules: the mapping; keys not named here go to `Hit.extras`. At most
    ///     `maxMappedKeys` distinct keys are used.
    public init(name: String, rules: [Rule]) {
        self.name = name
        self.rules = rules
    }

    /// A format from a mapping of `Hit` slots to dotted key paths, one key per slot:
    /// `JSONLinesFormat(name: "shop", mapping: [.client: "ip", .time(.iso8601): "date", .target: "path"])`.
    ///
    /// When two slots of the same kind are given (`.time(.iso8601)` and `.time(.epochSeconds)`),
    /// they are tried in the order of `Field`'s cases, then by key.
    public init(name: String, mapping: [Field: String]) {
        self.name = name
        self.rules = mapping.map { Rule($0.key, $0.value) }.sorted { a, b in
            let (ra, rb) = (Self.rank(a.field), Self.rank(b.field))
            return ra != rb ? ra < rb : a.key < b.key
        }
    }

    /// A parser for one worker.
    public func makeParser() -> any LogParser {
        JSONLinesParser(rules: rules)
    }

    static func rank(_ field: Field) -> Int {
        switch field {
        case .client: 0
        case .user: 1
        case .time(let syntax):
            switch syntax {
            case .iso8601: 2
            case .commonLog: 3
            case .epochSeconds: 4
            case .epochMilliseconds: 5
            case .auto: 6
            }
        case .requestLine: 7
        case .method: 8
        case .target: 9
        case .path: 10
        case .decodedPath: 11
        case .query: 12
        case .protocolVersion: 13
        case .status: 14
        case .bytes: 15
        case .referrer: 16
        case .userAgent: 17
        case .host: 18
        case .duration: 19
        }
    }
}

extension JSONLinesFormat {
    /// nginx `log_format … escape=json` with nginx variable names as keys
    /// (`"remote_addr":"$remote_addr"`, …), name `nginx-json`.
    ///
    /// Time from `msec`, else `time_iso8601`, else `time_local`; the request from `request`, else
    /// `request_method` + `request_uri` (else `uri` + `args`) + `server_protocol`; bytes from
    /// `body_bytes_sent`, else `bytes_sent`; duration from `request_time` (seconds); host from
    /// `host`, else `server_name`. `http_x_forwarded_for`, `upstream_response_time` and any
    /// other key go to extras.
    public static let nginx = JSONLinesFormat(
        name: "nginx-json",
        rules: [
            Rule(.client, "remote_addr"),
            Rule(.user, "remote_user"),
            Rule(.time(.epochSeconds), "msec"),
            Rule(.time(.iso8601), "time_iso8601"),
            Rule(.time(.commonLog), "time_local"),
            Rule(.requestLine, "request"),
            Rule(.method, "request_method"),
            Rule(.target, "request_uri"),
            Rule(.decodedPath, "uri"),
            Rule(.query, "args"),
            Rule(.protocolVersion, "server_protocol"),
            Rule(.status, "status"),
            Rule(.bytes, "body_bytes_sent"),
            Rule(.bytes, "bytes_sent"),
            Rule(.duration(.seconds), "request_time"),
            Rule(.referrer, "http_referer"),
            Rule(.userAgent, "http_user_agent"),
            Rule(.host, "host"),
            Rule(.host, "server_name"),
        ])

    /// Caddy's structured access log (`http.log.access`, JSON encoder), name `caddy`.
    ///
    /// `ts` (epoch seconds, or any `time_format`, see `TimeSyntax.auto`) → time;
    /// `request.client_ip`, else `request.remote_ip` → client; `request.method`, `request.uri`
    /// (`path?query`), `request.proto`, `request.host`, `request.headers.User-Agent[0]`,
    /// `request.headers.Referer[0]`, `status`, `size` → the matching fields; `user_id` → user;
    /// `duration` → durationMicros by `DurationUnit.secondsOrNanoseconds`. Everything else
    /// (`level`, `logger`, `request.tls.*`, `request.headers.*`, `resp_headers.*`, …) → extras.
    public static let caddy = JSONLinesFormat(
        name: "caddy",
        rules: [
            Rule(.client, "request.client_ip"),
            Rule(.client, "request.remote_ip"),
            Rule(.user, "user_id"),
            Rule(.time(.auto), "ts"),
            Rule(.method, "request.method"),
            Rule(.target, "request.uri"),
            Rule(.protocolVersion, "request.proto"),
            Rule(.status, "status"),
            Rule(.bytes, "size"),
            Rule(.referrer, "request.headers.Referer"),
            Rule(.userAgent, "request.headers.User-Agent"),
            Rule(.host, "request.host"),
            Rule(.duration(.secondsOrNanoseconds), "duration"),
        ])

    /// Traefik's JSON access log (`accessLog.format: json`), name `traefik`.
    ///
    /// `ClientHost` → client; `ClientUsername` → user; `StartUTC` (else `StartLocal`) → time;
    /// `RequestMethod`, `RequestPath` (`path?query`), `RequestProtocol`, `RequestHost`,
    /// `DownstreamStatus`, `DownstreamContentSize`, `request_User-Agent`, `request_Referer` →
    /// the matching fields; `Duration` (nanoseconds) → durationMicros. Everything else
    /// (`RouterName`, `ServiceName`, `OriginStatus`, …) → extras.
    public static let traefik = JSONLinesFormat(
        name: "traefik",
        rules: [
            Rule(.client, "ClientHost"),
            Rule(.user, "ClientUsername"),
            Rule(.time(.iso8601), "StartUTC"),
            Rule(.time(.iso8601), "StartLocal"),
            Rule(.method, "RequestMethod"),
            Rule(.target, "RequestPath"),
            Rule(.protocolVersion, "RequestProtocol"),
            Rule(.status, "DownstreamStatus"),
            Rule(.bytes, "DownstreamContentSize"),
            Rule(.referrer, "request_Referer"),
            Rule(.userAgent, "request_User-Agent"),
            Rule(.host, "RequestHost"),
            Rule(.duration(.nanoseconds), "Duration"),
        ])

    /// JSON lines with the key names most access-log JSON uses, name `json`: the fallback when
    /// neither nginx, Caddy nor Traefik naming fits (Logstash/Elastic, hand-written nginx
    /// `escape=json` formats, application loggers).
    ///
    /// For each field the first key present wins: client `ip`, `client_ip`, `remote_addr`,
    /// `remote_ip`, `clientip`; user `user`, `remote_user`; time `@timestamp`, `timestamp`,
    /// `time`, `date`, `ts` (any syntax, see `TimeSyntax.auto`); request line `request`; method
    /// `method`, `request_method`, `verb`; target `request_uri`, `uri`, `url`, `path`; status
    /// `status`, `status_code`, `response`; bytes `bytes`, `body_bytes_sent`, `bytes_sent`,
    /// `length`, `size`; referrer `referrer`, `referer`, `http_referer`; user agent `user_agent`,
    /// `http_user_agent`, `agent`; host `host`, `vhost`, `server_name`; duration `request_time`
    /// (seconds), `generation_time_milli` (ms), `duration_ms` (ms).
    public static let generic = JSONLinesFormat(
        name: "json",
        rules: [
            Rule(.client, "ip"), Rule(.client, "client_ip"), Rule(.client, "remote_addr"),
            Rule(.client, "remote_ip"), Rule(.client, "clientip"),
            Rule(.user, "user"), Rule(.user, "remote_user"),
            Rule(.time(.auto), "@timestamp"), Rule(.time(.auto), "timestamp"), Rule(.time(.auto), "time"),
            Rule(.time(.auto), "date"), Rule(.time(.auto), "ts"),
            Rule(.requestLine, "request"),
            Rule(.method, "method"), Rule(.method, "request_method"), Rule(.method, "verb"),
            Rule(.target, "request_uri"), Rule(.target, "uri"), Rule(.target, "url"), Rule(.target, "path"),
            Rule(.status, "status"), Rule(.status, "status_code"), Rule(.status, "response"),
            Rule(.bytes, "bytes"), Rule(.bytes, "body_bytes_sent"), Rule(.bytes, "bytes_sent"),
            Rule(.bytes, "length"), Rule(.bytes, "size"),
            Rule(.referrer, "referrer"), Rule(.referrer, "referer"), Rule(.referrer, "http_referer"),
            Rule(.userAgent, "user_agent"), Rule(.userAgent, "http_user_agent"), Rule(.userAgent, "agent"),
            Rule(.host, "host"), Rule(.host, "vhost"), Rule(.host, "server_name"),
            Rule(.duration(.seconds), "request_time"), Rule(.duration(.milliseconds), "generation_time_milli"),
            Rule(.duration(.milliseconds), "duration_ms"),
        ])
}
