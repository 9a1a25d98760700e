/// Why a log line was not turned into a hit. Rejections are data, not failures: they are counted
/// per reason and the first few are kept as samples (`file:line`), and the run goes on.
public enum LineRejection: Error, Sendable, Hashable, CaseIterable, Comparable {
    /// The line holds NUL or other control bytes: binary garbage, not text.
    case binary
    /// The line is longer than the reader's limit (64 KiB).
    case tooLong
    /// The line ended before every field of the format was read.
    case truncated
    /// A quoted field has no closing quote.
    case unterminatedQuote
    /// The text between fields differs from the format's literal text.
    case literalMismatch
    /// The timestamp is missing or not in the format's time syntax.
    case badTimestamp
    /// The request line is not `METHOD TARGET [PROTOCOL]`.
    case badRequest
    /// The status is not a three-digit HTTP status code (100–599).
    case badStatus
    /// A numeric field (bytes, duration) holds something other than a number or `-`.
    case badNumber
    /// A JSON line is not a valid JSON object, or lacks the fields the mapping needs.
    case badJSON
    /// A W3C/CloudFront data line came before any `#Fields:` header.
    case missingFieldsHeader
    /// The line has fewer columns than its header or format declares.
    case missingColumns

    /// A short stable name, used as a JSON key and in summaries.
    public var name: String {
        switch self {
        case .binary: "binary"
        case .tooLong: "too_long"
        case .truncated: "truncated"
        case .unterminatedQuote: "unterminated_quote"
        case .literalMismatch: "literal_mismatch"
        case .badTimestamp: "bad_timestamp"
        case .badRequest: "bad_request"
        case .badStatus: "bad_status"
        case .badNumber: "bad_number"
        case .badJSON: "bad_json"
        case .missingFieldsHeader: "missing_fields_header"
        case .missingColumns: "missing_columns"
        }
    }

    /// A sentence a user can act on, used after `file:line:` in diagnostics.
    public var message: String {
        switch self {
        case .binary: "binary or control bytes in line"
        case .tooLong: "line longer than 64 KiB"
        case .truncated: "line ends before all fields of the format"
        case .unterminatedQuote: "unterminated quote in a quoted field"
        case .literalMismatch: "text between fields does not match the log format"
        case .badTimestamp: "timestamp missing or not in the format's time syntax"
        case .badRequest: "request is not 'METHOD TARGET PROTOCOL'"
        case .badStatus: "status is not an HTTP status code (100-599)"
        case .badNumber: "numeric field is not a number"
        case .badJSON: "not a JSON object with the mapped fields"
        case .missingFieldsHeader: "data line before any #Fields: header"
        case .missingColumns: "fewer columns than the #Fields: header declares"
        }
    }
}
