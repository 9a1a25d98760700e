import ArgumentParser
import ClienteleKit
import Foundation

struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Print every parsed line as one JSON object per line.",
        discussion: """
            Keys of each object:
              ip, time        client address; request time, ISO-8601 UTC (Z)
              method, path    HTTP method; path, percent-decoded, no query
              query           query string as logged, without '?'
              protocol        e.g. HTTP/1.1
              status, bytes   final status; response bytes
              referrer, user_agent, user, host
              duration_ms     time taken, milliseconds
              fields          every other named value: cookies as
                              cookie_NAME, headers as http_NAME, nginx
                              $arg_NAME as arg_NAME, AWS and W3C columns
                              by their own names
            A value the format lacks, or that the log wrote as '-', is null.
            Output follows input order. On stderr: lines read, parsed and
            rejected by reason, with examples as file:line.
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
