import LogModel

/// The named log formats users can pick with `--format`, and format sniffing for `auto`.
public enum FormatCatalog {
    /// Every preset by name, in the order sniffing tries them (most specific first).
    public static let presets: [any LogFormat] = direct + relayed

    /// Formats whose lines are the entries themselves.
    static let direct: [any LogFormat] =
        // Formats with a distinctive shape first; a line of one never reads as another.
        [ALBFormat(), ClassicELBFormat(), S3Format(), HAProxyFormat()] + textLines
        // CloudFront before W3C: the W3C reader also accepts tab-separated CloudFront files.
        + [CloudFrontFormat(), W3CFormat()]

    /// The same entries relayed through syslog (a header before each): HAProxy, JSON and the
    /// Apache/nginx text formats, as servers that log to syslog write them.
    static let relayed: [any LogFormat] = ([HAProxyFormat()] + textLines).map { SyslogFormat(inner: $0) }

    /// JSON lines and the Apache/nginx text formats, most specific first.
    static let textLines: [any LogFormat] = [
        JSONLinesFormat.caddy,
        JSONLinesFormat.traefik,
        JSONLinesFormat.nginx,
        JSONLinesFormat.generic,
        ApacheFormat.vhostCombined,
        ApacheFormat.vhostCombinedNoPort,
        ApacheFormat.combined,
        ApacheFormat.vhostCommon,
        ApacheFormat.common,
    ]

    /// Names accepted by `--format` besides `auto`.
    public static var presetNames: [String] { presets.map(\.name) + ["nginx"] }

    /// The preset called `name` (case-insensitive); `nginx` is nginx's `combined`.
    /// - Throws: `FormatError` listing the known names.
    public static func format(named name: String) throws(FormatError) -> any LogFormat {
        let key = name.lowercased()
        if key == "nginx" { return NginxFormat.combined }
        if let preset = presets.first(where: { $0.name == key }) { return preset }
        throw FormatError("unknown format '\(name)'; known formats: auto, \(presetNames.joined(separator: ", "))")
    }

    /// Compiles a custom format string: nginx `log_format` syntax when it uses `$variables`,
    /// Apache `LogFormat` syntax when it uses `%` directives.
    public static func format(logFormat: String) throws(FormatError) -> any LogFormat {
        if logFormat.contains("$") && !logFormat.contains("%") {
            return try NginxFormat(name: "nginx log_format", logFormat: logFormat)
        }
        return try ApacheFormat(name: "apache LogFormat", logFormat: logFormat)
    }

    /// The result of sniffing: the format that read the most sample lines.
    public struct Sniffed {
        public let format: any LogFormat
        /// Sample lines the format read as requests.
        public let matched: Int
        /// Sample lines that were not blank or directives.
        public let sampled: Int
    }

    /// Picks the preset that parses the most of `lines` (the first lines of a file); ties go to
    /// the more specific format. `nil` when no format reads any line.
    public static func sniff(_ lines: [ByteView]) -> Sniffed? {
        var best: Sniffed? = nil
        for format in presets {
            var parser = format.makeParser()
            var hit = Hit()
            var matched = 0
            var sampled = 0
            for line in lines {
                do throws(LineRejection) {
                    if try parser.parse(line, into: &hit) {
                        matched += 1
                        sampled += 1
                    }
                } catch {
                    sampled += 1
                }
            }
            if matched > (best?.matched ?? 0) {
                best = Sniffed(format: format, matched: matched, sampled: sampled)
            }
        }
        return best
    }
}
