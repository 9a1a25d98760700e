import LogModel

/// AWS Application Load Balancer access logs (`--format alb`).
///
/// Columns, as the ALB user guide documents them:
/// `type time elb client:port target:port request_processing_time target_processing_time
/// response_processing_time elb_status_code target_status_code received_bytes sent_bytes
/// "request" "user_agent" ssl_cipher ssl_protocol target_group_arn "trace_id" "domain_name"
/// "chosen_cert_arn" matched_rule_priority request_creation_time "actions_executed"
/// "redirect_url" "error_reason" "target:port_list" "target_status_code_list" "classification"
/// "classification_reason" conn_trace_id`.
///
/// Mapping: `time` → `time`; the address of `client:port` → `client` (IPv6 with or without
/// brackets, see `AWSFieldValue.splitHostPort`); `elb_status_code` → `status` (`-` → 0, a
/// connection without HTTP response); `sent_bytes` → `bytes`; `request` → method, host (the URL
/// authority without port), path, query, protocol (`- - - ` → all empty); `user_agent` →
/// `userAgent`; the sum of the three processing times that are not `-1`, in microseconds →
/// `durationMicros` (-1 when all are `-1`). Every other column is kept in `extras` under its
/// documented name: `type`, `elb`, `client_port`, `target`, the three processing times,
/// `target_status_code`, `received_bytes`, `ssl_cipher`, `ssl_protocol`, `target_group_arn`,
/// `trace_id`, `domain_name`, `chosen_cert_arn`, `matched_rule_priority`,
/// `request_creation_time`, `actions_executed`, `redirect_url`, `error_reason`,
/// `target_port_list`, `target_status_code_list`, `classification`, `classification_reason`,
/// `conn_trace_id`. Columns AWS adds later are kept as `field_31`, `field_32`, … (1-based
/// column number). Lines with fewer than 16 columns (through `ssl_protocol`) are `.truncated`.
public struct ALBFormat: LogFormat {
    /// `alb`.
    public var name: String { "alb" }

    /// The ALB format.
    public init() {}

    /// A parser for one worker.
    public func makeParser() -> any LogParser {
        AWSAccessLogParser(layout: Self.layout)
    }

    static let layout = AWSLogLayout(
        columns: [
            .extra("type"), .time, .extra("elb"), .client, .extra("target"),
            .processingTime("request_processing_time"), .processingTime("target_processing_time"),
            .processingTime("response_processing_time"), .status, .extra("target_status_code"),
            .extra("received_bytes"), .sentBytes, .request, .userAgent, .extra("ssl_cipher"),
            .extra("ssl_protocol"), .extra("target_group_arn"), .extra("trace_id"), .extra("domain_name"),
            .extra("chosen_cert_arn"), .extra("matched_rule_priority"), .extra("request_creation_time"),
            .extra("actions_executed"), .extra("redirect_url"), .extra("error_reason"),
            .extra("target_port_list"), .extra("target_status_code_list"), .extra("classification"),
            .extra("classification_reason"), .extra("conn_trace_id"),
        ],
        mandatoryColumns: 16)
}
