import LogModel

/// nginx `log_format` strings (`$remote_addr - $remote_user [$time_local] "$request" …`),
/// compiled to a `FieldProgram`.
///
/// Accepts the string as written in nginx.conf: several single-quoted parts are joined, and a
/// leading `escape=json`, `escape=default` or `escape=none` selects how values were escaped
/// (a format that starts with `{` is taken as `escape=json`). Variables the analyzer knows map
/// to hit fields; every other `$variable` is kept under its own name (`$http_x_forwarded_for`
/// as `http_x_forwarded_for`, `$cookie_uid` as `cookie_uid`, `$arg_cid` as `arg_cid`).
public struct NginxFormat: LogFormat {
    public let name: String
    public let program: FieldProgram

    /// Compiles an nginx `log_format` string.
    /// - Throws: `FormatError` when the string has no variables or an unclosed `${`.
    public init(name: String = "nginx", logFormat: String) throws(FormatError) {
        self.name = name
        program = try Self.compile(logFormat)
    }

    public func makeParser() -> any LogParser { FieldProgramParser(program: program) }

    /// nginx's predefined `combined` format.
    public static let combined = try! NginxFormat(
        name: "nginx",
        logFormat: #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent""#)

    static func compile(_ text: String) throws(FormatError) -> FieldProgram {
        var source = Substring(text).drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        var escape = "default"
        if source.hasPrefix("escape=") {
            let word = source.prefix { $0 != " " }
            escape = String(word.dropFirst("escape=".count))
            source = source.dropFirst(word.count).drop { $0 == " " }
        }
        let joined = Self.joinQuotedParts(String(source))
        if joined.hasPrefix("{") && escape == "default" { escape = "json" }
        guard ["default", "json", "none"].contains(escape) else {
            throw FormatError("log_format escape='\(escape)' is not one of default, json, none")
        }
        let bytes = Array(joined.utf8)
        var names: [String] = []
        var tokens: [(isVariable: Bool, text: [UInt8])] = []
        var literal: [UInt8] = []
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "$"), i + 1 < bytes.count else {
                literal.append(bytes[i])
                i += 1
                continue
            }
            var name: [UInt8] = []
            if bytes[i + 1] == UInt8(ascii: "{") {
                guard let close = bytes[(i + 2)...].firstIndex(of: UInt8(ascii: "}")) else {
                    throw FormatError("log_format '\(text)': '${' without '}'")
                }
                name = Array(bytes[(i + 2)..<close])
                i = close + 1
            } else {
                var k = i + 1
                while k < bytes.count, Self.isNameByte(bytes[k]) { k += 1 }
                name = Array(bytes[(i + 1)..<k])
                i = k
            }
            if name.isEmpty {
                literal.append(UInt8(ascii: "$"))
                continue
            }
            if !literal.isEmpty { tokens.append((false, literal)) }
            literal = []
            tokens.append((true, name))
            names.append(String(decoding: name, as: UTF8.self))
        }
        if !literal.isEmpty { tokens.append((false, literal)) }
        guard !names.isEmpty else { throw FormatError("log_format '\(text)' has no $variables") }

        let set = Set(names)
        let bytesVariable = ["body_bytes_sent", "bytes_sent"].first { set.contains($0) }
        let hostVariable = ["host", "http_host", "server_name"].first { set.contains($0) }
        let timeVariable = ["time_local", "time_iso8601", "msec"].first { set.contains($0) }
        var extras = ExtraNames()
        var formatTokens: [FormatToken] = []
        for token in tokens {
            guard token.isVariable else {
                formatTokens.append(.literal(token.text))
                continue
            }
            let name = String(decoding: token.text, as: UTF8.self)
            let slot: FieldSlot
            switch name {
            case "remote_addr": slot = .client
            case "remote_user": slot = .user
            case "time_local" where name == timeVariable: slot = .time(.commonLog)
            case "time_iso8601" where name == timeVariable: slot = .time(.iso8601)
            case "msec" where name == timeVariable: slot = .time(.epochSeconds)
            case "request": slot = .request
            case "request_method": slot = .method
            case "request_uri": slot = .requestTarget
            case "uri", "document_uri": slot = .decodedPath
            case "args", "query_string": slot = .query
            case "server_protocol": slot = .protocolVersion
            case "status": slot = .status
            case "body_bytes_sent", "bytes_sent": slot = name == bytesVariable ? .bytes : extras.slot(name)
            case "request_time": slot = .duration(microsPerUnit: 1_000_000)
            case "http_referer": slot = .referrer
            case "http_user_agent": slot = .userAgent
            case "host", "http_host", "server_name": slot = name == hostVariable ? .host : extras.slot(name)
            default: slot = extras.slot(name)
            }
            formatTokens.append(.field(slot))
        }
        var program = FieldProgram(tokens: formatTokens, extraNames: extras.names)
        program.backslashEscapes = escape == "default"
        program.jsonEscapes = escape == "json"
        return program
    }

    static func isNameByte(_ b: UInt8) -> Bool {
        ASCII.digit(b) < 10 || b == UInt8(ascii: "_") || (ASCII.lowercased(b) >= UInt8(ascii: "a") && ASCII.lowercased(b) <= UInt8(ascii: "z"))
    }

    /// `'$a - $b '\n '"$c"'` (as in nginx.conf) → `$a - $b "$c"`; a string without single-quoted
    /// parts is returned as is.
    static func joinQuotedParts(_ text: String) -> String {
        guard text.hasPrefix("'") else { return text }
        var result = ""
        var inside = false
        for ch in text {
            if ch == "'" {
                inside.toggle()
            } else if inside {
                result.append(ch)
            }
        }
        return result
    }
}
