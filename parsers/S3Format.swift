import LogModel

/// Amazon S3 server access logs, name `s3`: space-separated, `[time]` in Common Log syntax,
/// request, referrer and user agent quoted, later columns added by AWS over time (tolerated).
///
/// `remote_ip` → client, `requester` → user, `request_uri` → request line, `http_status` →
/// status, `bytes_sent` (`-` = 0) → bytes, `total_time` (ms) → duration, `host_header` →
/// host; the other columns keep the names of the AWS documentation (`bucket`, `operation`,
/// `key`, `error_code`, `object_size`, `turn_around_time`, `version_id`, …).
public struct S3Format: LogFormat {
    public let name = "s3"
    let program: FieldProgram

    public init() {
        var extras = ExtraNames()
        func field(_ slot: FieldSlot) -> FormatToken { .field(slot) }
        func extra(_ name: String) -> FormatToken { .field(extras.slot(name)) }
        func literal(_ text: String) -> FormatToken { .literal(Array(text.utf8)) }
        let tokens: [FormatToken] = [
            extra("bucket_owner"), literal(" "), extra("bucket"), literal(" "),
            field(.time(.bracketedCommonLog)), literal(" "), field(.client), literal(" "), field(.user),
            literal(" "), extra("request_id"), literal(" "), extra("operation"), literal(" "), extra("key"),
            literal(" \""), field(.request), literal("\" "), field(.status), literal(" "), extra("error_code"),
            literal(" "), field(.bytes), literal(" "), extra("object_size"), literal(" "),
            field(.duration(microsPerUnit: 1000)), literal(" "), extra("turn_around_time"), literal(" \""),
            field(.referrer), literal("\" \""), field(.userAgent), literal("\" "), extra("version_id"),
            literal(" "), extra("host_id"), literal(" "), extra("signature_version"), literal(" "),
            extra("cipher_suite"), literal(" "), extra("authentication_type"), literal(" "), field(.host),
            literal(" "), extra("tls_version"), literal(" "), extra("access_point_arn"), literal(" "),
            extra("acl_required"),
        ]
        program = FieldProgram(tokens: tokens, extraNames: extras.names)
    }

    public func makeParser() -> any LogParser { FieldProgramParser(program: program) }
}
