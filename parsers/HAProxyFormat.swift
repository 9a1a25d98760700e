import LogModel

/// HAProxy's HTTP log format (`option httplog`; `--format haproxy`), the message part of the
/// syslog line (`SyslogFormat` reads the `Feb  6 12:14:14 host haproxy[14389]: ` before it):
///
///     10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/69/109 200 2750
///     - - ---- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1"
///
/// Columns, as HAProxy's configuration manual (section 8.2.3) documents them: `client_ip:port
/// [accept_date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes_read
/// captured_request_cookie captured_response_cookie termination_state
/// actconn/feconn/beconn/srv_conn/retries srv_queue/backend_queue {captured_request_headers}
/// {captured_response_headers} "request"`, the two header captures present only when
/// configured.
///
/// Mapping: `client_ip` → `client`; `accept_date` → `time` (HAProxy writes local time without a
/// zone: it is read as UTC); `status` → `status` (-1, a request aborted before a response, → 0);
/// `bytes_read` (bytes sent to the client; `+` with `option logasap`) → `bytes`; the total time
/// `Ta` (milliseconds, when not -1) → `durationMicros`; the request line → method, path, query,
/// protocol (a request HAProxy cut short, without its closing quote, is read to the line's end).
/// Captured request headers (`capture request header …`, in configuration order, `|`-separated)
/// are recognised by their shape: a URL is the referrer, a value with a `/` and a space or
/// starting with `Mozilla/` the user agent, a lone host name the host; without them the user
/// agent is unknown (empty). Extras: `client_port, frontend, backend, server, timers,
/// captured_request_cookie, captured_response_cookie, termination_state, connections, queues,
/// request_headers, response_headers`. Lines of the TCP format (three timers, no request) are
/// rejected as `.missingColumns`.
public struct HAProxyFormat: LogFormat {
    /// `haproxy`.
    public var name: String { "haproxy" }

    /// The HTTP log format.
    public init() {}

    /// A parser for one worker.
    public func makeParser() -> any LogParser { HAProxyParser() }

    static let extraNames = [
        "client_port", "frontend", "backend", "server", "timers", "captured_request_cookie", "captured_response_cookie",
        "termination_state", "connections", "queues", "request_headers", "response_headers",
    ]
}

struct HAProxyParser: LogParser {
    let extras = ExtraFieldTable(names: HAProxyFormat.extraNames)
    var timestamps = TimestampParser()

    /// Extra slots, in `HAProxyFormat.extraNames` order.
    enum Slot: Int {
        case clientPort, frontend, backend, server, timers, requestCookie, responseCookie, termination, connections, queues,
            requestHeaders, responseHeaders
    }

    mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        let v = line.trimmingSpaces
        if v.isEmpty { return false }
        hit = Hit()
        extras.clear()
        var i = 0

        /// The next space-separated word, advancing `i` past it and the spaces after it.
        func word() throws(LineRejection) -> ByteView {
            guard i < v.count else { throw .missingColumns }
            let start = i
            while i < v.count, v[i] != ASCII.space { i += 1 }
            let w = v.slice(start, i - start)
            while i < v.count, v[i] == ASCII.space { i += 1 }
            return w
        }
        func set(_ slot: Slot, _ value: ByteView) { extras.values[slot.rawValue] = value }

        // client_ip:client_port
        let (address, port) = AWSFieldValue.splitHostPort(try word())
        guard !port.isEmpty, !address.isEmpty else { throw .literalMismatch }
        hit.client = address
        set(.clientPort, port)

        // [accept_date]
        guard i < v.count, v[i] == ASCII.openBracket, let close = v.firstIndex(of: ASCII.closeBracket, from: i) else {
            throw .literalMismatch
        }
        try timestamps.parseCommonLog(v.slice(i + 1, close - i - 1), into: &hit)
        i = close + 1
        while i < v.count, v[i] == ASCII.space { i += 1 }

        set(.frontend, try word())
        let route = try word()
        if let slash = route.firstIndex(of: ASCII.slash, from: 0) {
            set(.backend, route.slice(0, slash))
            set(.server, route.slice(slash + 1, route.count - slash - 1))
        } else {
            set(.backend, route)
        }

        // TR/Tw/Tc/Tr/Ta: five timers in the HTTP format (three in the TCP format).
        let timers = try word()
        set(.timers, timers)
        var parts = 1
        var lastSlash = -1
        for k in 0..<timers.count where timers[k] == ASCII.slash {
            parts += 1
            lastSlash = k
        }
        guard parts == 5 else { throw .missingColumns }
        if let total = NumberParsing.integer(timers.slice(lastSlash + 1, timers.count - lastSlash - 1)) {
            hit.durationMicros = total * 1000
        }

        let status = try word()
        if status.count == 2, status[0] == ASCII.dash, status[1] == UInt8(ascii: "1") {
            hit.status = 0
        } else {
            guard let code = NumberParsing.integer(status), code >= 100, code <= 999 else { throw .badStatus }
            hit.status = Int32(code)
        }
        var bytes = try word()
        if !bytes.isEmpty, bytes[0] == ASCII.plus { bytes = bytes.slice(1, bytes.count - 1) }
        guard let sent = NumberParsing.integer(bytes) else { throw .badNumber }
        hit.bytes = sent

        set(.requestCookie, try word())
        set(.responseCookie, try word())
        set(.termination, try word())
        set(.connections, try word())
        set(.queues, try word())

        // Optional {captured request headers} {captured response headers}: may hold spaces.
        var captures = 0
        while i < v.count, v[i] == UInt8(ascii: "{") {
            guard let end = v.firstIndex(of: UInt8(ascii: "}"), from: i + 1) else { throw .literalMismatch }
            let inside = v.slice(i + 1, end - i - 1)
            if captures == 0 {
                set(.requestHeaders, inside)
                Self.recognise(headers: inside, into: &hit)
            } else {
                set(.responseHeaders, inside)
            }
            captures += 1
            i = end + 1
            while i < v.count, v[i] == ASCII.space { i += 1 }
        }

        // "request" (its closing quote missing when HAProxy truncated the line).
        guard i < v.count, v[i] == ASCII.quote else { throw .missingColumns }
        var end = v.count
        if end - 1 > i, v[end - 1] == ASCII.quote { end -= 1 }
        let request = v.slice(i + 1, end - i - 1)
        if !request.equals("<BADREQ>") { try RequestLine.parse(request, into: &hit) }
        hit.extras = extras.fields
        return true
    }

    /// Sorts `|`-separated captured request header values into referrer, user agent and host.
    static func recognise(headers: ByteView, into hit: inout Hit) {
        var start = 0
        while start <= headers.count {
            var end = start
            while end < headers.count, headers[end] != UInt8(ascii: "|") { end += 1 }
            let value = headers.slice(start, end - start)
            start = end + 1
            guard !value.isEmpty, !value.isDash else { continue }
            let hasSpace = value.firstIndex(of: ASCII.space, from: 0) != nil
            let hasSlash = value.firstIndex(of: ASCII.slash, from: 0) != nil
            if value.count > 7, value[0] | 0x20 == UInt8(ascii: "h"), value.firstIndex(of: ASCII.colon, from: 0).map({ $0 <= 5 }) == true,
                hit.referrer.isEmpty
            {
                hit.referrer = value
            } else if hit.userAgent.isEmpty, (hasSpace && hasSlash) || (value.count >= 8 && value.slice(0, 8).equals("Mozilla/")) {
                hit.userAgent = value
            } else if hit.host.isEmpty, !hasSpace, !hasSlash, value.firstIndex(of: ASCII.dot, from: 0) != nil {
                hit.host = value
            }
        }
    }
}
