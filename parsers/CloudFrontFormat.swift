import LogModel

/// AWS CloudFront standard logs (access logs): the W3C column engine with tab-separated values,
/// percent-encoded header values and `time-taken` in seconds.
///
/// Columns are read by name from the `#Fields:` header, as for `W3CFormat`. CloudFront specifics:
/// `x-host-header` (the viewer's `Host`) is preferred over `cs(Host)` (the distribution's
/// domain, then kept in extras); `cs-protocol-version` → `protocolVersion`; `time-taken`
/// (`0.102` seconds) → `durationMicros`; `cs(User-Agent)`, `cs(Referer)` and `cs(Cookie)` are
/// percent-decoded once (`%2520` becomes `%20`); `cs-uri-stem` and `cs-uri-query` stay raw; an
/// `sc-status` of `000` (viewer closed the connection before the response) is kept as status 0.
/// Every other column (`x-edge-location`, `x-edge-result-type`, `cs-protocol`, `c-port`, …) goes
/// to `Hit.extras` under its own name. A stray trailing tab and unknown trailing columns are
/// tolerated.
public struct CloudFrontFormat: LogFormat {
    /// The CloudFront standard log format (`W3CDialect.cloudFront`).
    public init() {}

    /// `cloudfront`.
    public var name: String { "cloudfront" }

    /// `#`: `#Version:` and `#Fields:` lines precede the records.
    public var directivePrefix: UInt8? { ASCII.hash }

    /// A fresh `W3CParser` with the `.cloudFront` dialect.
    public func makeParser() -> any LogParser { W3CParser(dialect: .cloudFront) }
}

extension W3CDialect {
    /// CloudFront standard logs: one tab between values, percent-encoded header values,
    /// `time-taken` in seconds with a fraction, `000` status for connections closed by the viewer.
    public static let cloudFront = W3CDialect(
        separator: .tab, valueEscaping: .percentEncoding, timeTakenMicrosPerUnit: 1_000_000,
        zeroStatusMeansNoResponse: true)
}
