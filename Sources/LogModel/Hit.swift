/// One request read from a log line, as borrowed byte views plus decoded numbers.
///
/// Parsers fill a `Hit` in place for every line without allocating; views point into the line
/// or into the parser's scratch space and stay valid until the parser reads its next line.
/// Fields the format lacks are empty views (`ByteView.none`) or the documented sentinel.
public struct Hit {
    /// Client address as written (IPv4, IPv6 or a host name).
    public var client: ByteView = .none
    /// Authenticated user (`%u`, `$remote_user`, `cs-username`); `-` when anonymous.
    public var user: ByteView = .none
    /// Request time in microseconds since 1970-01-01T00:00:00Z (normalised to UTC).
    public var time: Int64 = 0
    /// The offset from UTC written in the log, in seconds (0 for UTC or formats without one).
    public var utcOffsetSeconds: Int32 = 0
    /// HTTP method (`GET`); empty when the format or the request line lacks it.
    public var method: ByteView = .none
    /// Request path without the query string. Percent-encoded unless `pathIsDecoded`.
    public var path: ByteView = .none
    /// True when the format already wrote `path` decoded (Apache `%U`, nginx `$uri`).
    public var pathIsDecoded: Bool = false
    /// Query string without the leading `?`, raw as in the log; empty when absent.
    public var query: ByteView = .none
    /// Protocol of the request line (`HTTP/1.1`).
    public var protocolVersion: ByteView = .none
    /// Final HTTP status; 0 when the format has none.
    public var status: Int32 = 0
    /// Response bytes (body, or as the format counts them); -1 when the format has none.
    public var bytes: Int64 = -1
    /// `Referer` header; empty or `-` when absent.
    public var referrer: ByteView = .none
    /// `User-Agent` header; empty or `-` when absent.
    public var userAgent: ByteView = .none
    /// Virtual host / server name; empty when the format has none.
    public var host: ByteView = .none
    /// Time taken to serve the request in microseconds; -1 when the format has none.
    public var durationMicros: Int64 = -1
    /// Every other named value of the line (cookies, headers, AWS and W3C columns).
    public var extras: ExtraFields = ExtraFields()

    public init() {}
}

/// The named values of a line beyond the standard `Hit` fields, as parallel name/value views
/// owned by the parser.
public struct ExtraFields {
    /// Field names (`cookie_vid`, `http_x_forwarded_for`, `elb_status_code`, …).
    public var names: UnsafeBufferPointer<String>
    /// Values, index-aligned with `names`; an empty view where the line had no value.
    public var values: UnsafeBufferPointer<ByteView>

    public init(names: UnsafeBufferPointer<String> = .init(start: nil, count: 0),
                values: UnsafeBufferPointer<ByteView> = .init(start: nil, count: 0)) {
        self.names = names
        self.values = values
    }

    /// The value for `name`, or `nil` when the line has no such field. Linear; resolve an
    /// index once with `index(of:)` on hot paths.
    public func value(named name: String) -> ByteView? {
        index(of: name).map { values[$0] }
    }

    /// The position of `name` among `names`, or `nil`.
    public func index(of name: String) -> Int? {
        names.firstIndex(of: name)
    }
}
