import ArgumentParser
import ClienteleKit
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print every parsed line as one JSON object per line.",
        discussion: """
            Keys: ip, time (ISO-8601 UTC with Z), method, path (percent-decoded), query (raw, without
            '?'), protocol, status, bytes, referrer, user_agent, user, host, duration_ms — null when
            the format lacks the value or the log wrote '-' — and fields: every other named value
            (cookies as cookie_NAME, headers as http_NAME, nginx $arg_NAME as arg_NAME, AWS and W3C
            columns by their own names). Output follows input order.

            On stderr, a summary: lines read, parsed, rejected by reason, with examples as file:line.
            """
    )

    @OptionGroup var input: InputOptions

    func run() throws {
        var scanner = try input.makeScanner()
        scanner.showProgress = false
        let out = FileHandle.standardOutput
        let (_, report) = scanner.run(makeSink: { HitJSONLinesSink() }) { bytes in
            out.write(Data(bytes))
        }
        try finish(report)
    }
}
