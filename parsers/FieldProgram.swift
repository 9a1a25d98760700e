import LogModel

/// Where a field of a text log format goes in a `Hit`.
public enum FieldSlot: Sendable, Equatable {
    case client
    case user
    case time(TimeSyntax)
    /// The whole request line, split by `RequestLine`.
    case request
    case method
    /// A path the server already decoded (Apache `%U`, nginx `$uri`).
    case decodedPath
    /// `path?query` as received (nginx `$request_uri`).
    case requestTarget
    /// A decoded path directly followed by its query (Apache `%U%q`).
    case decodedPathAndQuery
    /// The query string with its leading `?` (Apache `%q`) or without it (nginx `$args`).
    case query
    case protocolVersion
    case status
    /// Response bytes; `-` means 0 (Apache `%b`, CLF).
    case bytes
    case host
    case referrer
    case userAgent
    /// Time taken, as a decimal number of `microsPerUnit` microseconds.
    case duration(microsPerUnit: Int64)
    /// A named value kept in `Hit.extras` (position in the format's extra names).
    case extra(Int)
    /// A field that is read and dropped.
    case skip
}

/// The syntaxes a timestamp field can have.
public enum TimeSyntax: Sendable, Equatable {
    /// Apache `%t`: `[10/Oct/2000:13:55:36 -0700]`, brackets included.
    case bracketedCommonLog
    /// nginx `$time_local` or the inside of `%t`: `10/Oct/2000:13:55:36 -0700`.
    case commonLog
    /// `2026-11-01T13:05:09+01:00`, nginx `$time_iso8601`.
    case iso8601
    /// Seconds since the epoch, optional fraction (nginx `$msec`, Apache `%{sec}t`).
    case epochSeconds
    /// Milliseconds since the epoch (Apache `%{msec}t`).
    case epochMillis
    /// Microseconds since the epoch (Apache `%{usec}t`).
    case epochMicros
    /// An strftime pattern (Apache `%{%Y-%m-%d %H:%M:%S}t`), compiled.
    case pattern(StrftimePattern)
}

/// One compiled step: read a field into `slot`, then expect `literal`.
public struct FieldStep: Sendable, Equatable {
    public var slot: FieldSlot
    /// True when the field is wrapped in double quotes (the literal before ends with `"` and the
    /// literal after starts with it), so it ends at the closing quote, with `\"` escapes.
    public var quoted: Bool
    /// The literal text that follows the field (may be empty at the end of the format).
    public var literal: [UInt8]
}

/// A log format string compiled into byte-matching steps. Apache `LogFormat` and nginx
/// `log_format` strings both compile to this, so one fast loop reads both.
public struct FieldProgram: Sendable, Equatable {
    /// Literal text before the first field.
    public var prefix: [UInt8]
    public var steps: [FieldStep]
    /// Names of `.extra` slots, in slot order.
    public var extraNames: [String]
    /// True when values may carry backslash escapes to decode (Apache, nginx `escape=default`).
    public var backslashEscapes: Bool = true
    /// True when values use JSON escapes (nginx `escape=json`).
    public var jsonEscapes: Bool = false

    /// Builds a program from a flat list of literal and field tokens.
    init(tokens: [FormatToken], extraNames: [String]) {
        var prefix: [UInt8] = []
        var steps: [FieldStep] = []
        for token in tokens {
            switch token {
            case .literal(let bytes):
                if steps.isEmpty { prefix += bytes } else { steps[steps.count - 1].literal += bytes }
            case .field(let slot):
                // Two fields with nothing between them cannot be told apart: the first takes
                // everything up to the next literal and the second stays empty.
                steps.append(FieldStep(slot: slot, quoted: false, literal: []))
            }
        }
        // `%U%q` has no text between path and query: read them as one field split at `?`.
        var k = 0
        while k + 1 < steps.count {
            if steps[k].slot == .decodedPath, steps[k].literal.isEmpty, steps[k + 1].slot == .query {
                steps[k + 1].slot = .decodedPathAndQuery
                steps.remove(at: k)
            }
            k += 1
        }
        for k in steps.indices {
            let before = k == 0 ? prefix : steps[k - 1].literal
            steps[k].quoted = before.last == ASCII.quote && steps[k].literal.first == ASCII.quote
        }
        self.prefix = prefix
        self.steps = steps
        self.extraNames = extraNames
    }
}

/// A piece of a format string: literal text or a field.
enum FormatToken: Equatable {
    case literal([UInt8])
    case field(FieldSlot)
}
