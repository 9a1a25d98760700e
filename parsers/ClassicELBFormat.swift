import LogModel

/// AWS Classic Load Balancer (ELB) access logs (`--format elb`).
///
/// Columns, as the Classic Load Balancer guide documents them:
/// `timestamp elb client:port backend:port request_processing_time backend_processing_time
/// response_processing_time elb_status_code backend_status_code received_bytes sent_bytes
/// "request" "user_agent" ssl_cipher ssl_protocol`.
///
/// Mapping as `ALBFormat`: `timestamp` → `time`; client address → `client`; `elb_status_code`
/// → `status`; `sent_bytes` → `bytes`; `request` → method, host, path, query, protocol;
/// `user_agent` → `userAgent`; the processing times that are not `-1`, summed → `durationMicros`.
/// TCP and SSL listeners write `- -` as the status codes and `"- - - "` as the request: these
/// are valid connection records and parse as hits with status 0 and an empty request. Extras:
/// `elb`, `client_port`, `backend`, the three processing times, `backend_status_code`,
/// `received_bytes`, `ssl_cipher`, `ssl_protocol`; later columns as `field_16`, …. Lines with
/// fewer than 12 columns (through `request`; older logs end there) are `.truncated`.
public struct ClassicELBFormat: LogFormat {
    /// `elb`.
    public var name: String { "elb" }

    /// The Classic ELB format.
    public init() {}

    /// A parser for one worker.
    public func makeParser() -> any LogParser {
        AWSAccessLogParser(layout: Self.layout)
    }

    static let layout = AWSLogLayout(
        columns: [
            .time, .extra("elb"), .client, .extra("backend"),
            .processingTime("request_processing_time"), .processingTime("backend_processing_time"),
            .processingTime("response_processing_time"), .status, .extra("backend_status_code"),
            .extra("received_bytes"), .sentBytes, .request, .userAgent, .extra("ssl_cipher"),
            .extra("ssl_protocol"),
        ],
        mandatoryColumns: 12)
}
