import LogModel

/// Apache httpd `LogFormat` strings (`%h %l %u %t "%r" %>s %b`), compiled to a `FieldProgram`.
///
/// Supported: `%h %a %l %u %t %{format}t %r %m %U %q %H %s %>s %<s %b %B %O %I %S %D %T %{ms}T
/// %v %V %p %{Header}i %{Header}o %{Name}C %{VAR}e %X %k %L %P %R %f %A %%`, status-condition
/// modifiers (`%400,501{User-agent}i`), and `\"`, `\t`, `\n` escapes as written in httpd.conf.
public struct ApacheFormat: LogFormat {
    public let name: String
    public let program: FieldProgram

    /// Compiles an Apache `LogFormat` string.
    /// - Throws: `FormatError` naming an unknown or unsupported directive.
    public init(name: String = "apache", logFormat: String) throws(FormatError) {
        self.name = name
        program = try ApacheFormatCompiler(logFormat).compile()
    }

    public func makeParser() -> any LogParser { FieldProgramParser(program: program) }

    /// NCSA common log format: `%h %l %u %t "%r" %>s %b`.
    public static let common = try! ApacheFormat(name: "common", logFormat: #"%h %l %u %t "%r" %>s %b"#)
    /// NCSA combined: common plus referrer and user agent (also nginx's default `combined`).
    public static let combined = try! ApacheFormat(
        name: "combined", logFormat: #"%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i""#)
    /// Apache's `vhost_common`: the virtual host, then common.
    public static let vhostCommon = try! ApacheFormat(
        name: "vhost_common", logFormat: #"%v %h %l %u %t "%r" %>s %b"#)
    /// Combined preceded by the virtual host without a port (`%v %h …`), as some hosts log it.
    public static let vhostCombinedNoPort = try! ApacheFormat(
        name: "vhost_combined_noport", logFormat: #"%v %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i""#)
    /// Debian's `vhost_combined`: `%v:%p` then combined with `%O` bytes.
    public static let vhostCombined = try! ApacheFormat(
        name: "vhost_combined", logFormat: #"%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i""#)
}

/// Turns an Apache format string into tokens, then into a program.
struct ApacheFormatCompiler {
    let source: String
    var bytes: [UInt8]

    init(_ source: String) {
        self.source = source
        bytes = Array(source.utf8)
    }

    /// A parsed `%…` directive: its letter, `{argument}` and whether it had `>`.
    struct Directive {
        var letter: UInt8
        var argument: String?
        var final: Bool
    }

    func compile() throws(FormatError) -> FieldProgram {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == ASCII.backslash, i + 1 < bytes.count {
                switch bytes[i + 1] {
                case UInt8(ascii: "t"): literal.append(ASCII.tab)
                case UInt8(ascii: "n"): literal.append(ASCII.newline)
                default: literal.append(bytes[i + 1])
                }
                i += 2
                continue
            }
            guard b == ASCII.percent else {
                literal.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < bytes.count else { throw FormatError("LogFormat '\(source)' ends with '%'") }
            if bytes[i] == ASCII.percent {
                literal.append(ASCII.percent)
                i += 1
                continue
            }
            var directive = Directive(letter: 0, argument: nil, final: false)
            // Modifiers: `<`, `>`, `!`, status lists like `400,501`.
            while i < bytes.count,
                bytes[i] == UInt8(ascii: "<") || bytes[i] == UInt8(ascii: ">") || bytes[i] == UInt8(ascii: "!")
                    || bytes[i] == ASCII.comma || ASCII.digit(bytes[i]) < 10
            {
                if bytes[i] == UInt8(ascii: ">") { directive.final = true }
                i += 1
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "{") {
                guard let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw FormatError("LogFormat '\(source)': '{' without '}'")
                }
                directive.argument = String(decoding: bytes[(i + 1)..<close], as: UTF8.self)
                i = close + 1
            }
            guard i < bytes.count else { throw FormatError("LogFormat '\(source)' ends inside a directive") }
            directive.letter = bytes[i]
            i += 1
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal = []
            }
            pieces.append(.directive(directive))
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return try program(from: pieces)
    }

    enum Piece {
        case literal([UInt8])
        case directive(Directive)
    }

    /// Maps directives to slots. When several directives could fill one slot (bytes: `%b`, `%B`,
    /// `%O`; duration: `%D`, `%T`), the most precise one wins and the others become extras.
    func program(from pieces: [Piece]) throws(FormatError) -> FieldProgram {
        let letters = Set(pieces.compactMap { piece -> UInt8? in
            if case .directive(let d) = piece { return d.letter } else { return nil }
        })
        let bytesLetter: UInt8? = [UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "O")].first { letters.contains($0) }
        let durationLetter: UInt8? = [UInt8(ascii: "D"), UInt8(ascii: "T")].first { letters.contains($0) }
        var extras = ExtraNames()
        var tokens: [FormatToken] = []
        for piece in pieces {
            switch piece {
            case .literal(let l): tokens.append(.literal(l))
            case .directive(let d):
                tokens.append(.field(try slot(for: d, bytesLetter: bytesLetter, durationLetter: durationLetter, extras: &extras)))
            }
        }
        return FieldProgram(tokens: tokens, extraNames: extras.names)
    }

    func slot(for d: Directive, bytesLetter: UInt8?, durationLetter: UInt8?, extras: inout ExtraNames) throws(FormatError) -> FieldSlot {
        let arg = d.argument
        switch Character(Unicode.Scalar(d.letter)) {
        case "h": return .client
        case "a": return arg == "c" ? extras.slot("peer_ip") : .client
        case "A": return extras.slot("local_ip")
        case "l": return extras.slot("remote_logname")
        case "u": return .user
        case "t": return .time(try timeSyntax(arg))
        case "r": return .request
        case "m": return .method
        case "U": return .decodedPath
        case "q": return .query
        case "H": return .protocolVersion
        case "s": return .status
        case "b", "B", "O":
            if d.letter == bytesLetter { return .bytes }
            return extras.slot(d.letter == UInt8(ascii: "O") ? "bytes_sent" : d.letter == UInt8(ascii: "B") ? "body_bytes" : "body_bytes_clf")
        case "I": return extras.slot("bytes_received")
        case "S": return extras.slot("bytes_transferred")
        case "D":
            return d.letter == durationLetter ? .duration(microsPerUnit: 1) : extras.slot("time_taken_us")
        case "T":
            let unit: Int64
            switch arg {
            case "ms": unit = 1000
            case "us": unit = 1
            default: unit = 1_000_000
            }
            return d.letter == durationLetter ? .duration(microsPerUnit: unit) : extras.slot("time_taken_s")
        case "v", "V": return .host
        case "p":
            return extras.slot(arg == "remote" ? "remote_port" : arg == "local" ? "local_port" : "server_port")
        case "i":
            guard let header = arg else { throw FormatError("%i needs a header name: %{User-Agent}i") }
            switch header.lowercased() {
            case "referer", "referrer": return .referrer
            case "user-agent": return .userAgent
            case "host": return .host
            default: return extras.slot("http_" + Self.variableName(header))
            }
        case "o":
            guard let header = arg else { throw FormatError("%o needs a header name: %{Location}o") }
            return extras.slot("sent_http_" + Self.variableName(header))
        case "C":
            guard let cookie = arg else { throw FormatError("%C needs a cookie name: %{uid}C") }
            return extras.slot("cookie_" + cookie)
        case "e":
            guard let variable = arg else { throw FormatError("%e needs a variable name: %{UNIQUE_ID}e") }
            return extras.slot("env_" + variable)
        case "n": return extras.slot("note_" + (arg ?? ""))
        case "X": return extras.slot("connection_status")
        case "k": return extras.slot("keepalive_requests")
        case "L": return extras.slot("log_id")
        case "P": return extras.slot("pid")
        case "R": return extras.slot("handler")
        case "f": return extras.slot("filename")
        default:
            throw FormatError("LogFormat directive '%\(Character(Unicode.Scalar(d.letter)))' is not supported")
        }
    }

    func timeSyntax(_ arg: String?) throws(FormatError) -> TimeSyntax {
        guard var arg else { return .bracketedCommonLog }
        for prefix in ["begin:", "end:"] where arg.hasPrefix(prefix) { arg.removeFirst(prefix.count) }
        switch arg {
        case "sec": return .epochSeconds
        case "msec": return .epochMillis
        case "usec": return .epochMicros
        case "": return .commonLog
        default: return .pattern(try StrftimePattern(arg))
        }
    }

    /// `X-Forwarded-For` → `x_forwarded_for`, as nginx names header variables.
    static func variableName(_ header: String) -> String {
        String(header.lowercased().map { $0 == "-" ? "_" : $0 })
    }
}

/// Extra field names in first-seen order, deduplicated.
struct ExtraNames {
    var names: [String] = []

    mutating func slot(_ name: String) -> FieldSlot {
        if let index = names.firstIndex(of: name) { return .extra(index) }
        names.append(name)
        return .extra(names.count - 1)
    }
}
