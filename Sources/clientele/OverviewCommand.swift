import ArgumentParser
import ClienteleKit
import Foundation

struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "The site-centric picture GoAccess gives: requests, visitors, status codes, top paths, referrers, browsers.",
        discussion: """
            Numbers (the same definitions as GoAccess, so the two can be compared):
              total requests    valid + failed requests (blank lines and #directives excluded)
              valid requests    lines parsed as requests
              failed requests   lines rejected by the parser, counted by reason on stderr
              unique visitors   distinct client address + log-local date + user agent, over
                                requests whose status is not 4xx
              bandwidth         sum of response bytes ('-' counts as 0)
              hits              valid requests in a row of a table
              paths             request path without query string, percent-decoded
              days and hours    the log's own local time, as written in each line
              crawlers          requests whose user agent is a known bot, crawler, monitor or HTTP
                                library, or is empty; humans are the rest
            --json writes the same numbers with stable snake_case keys and a schema_version, plus a
            definitions block and the per-input line counts.
            """
    )

    @OptionGroup var input: InputOptions

    @Flag(name: .long, help: "Write JSON instead of the terminal summary.")
    var json = false

    @Option(name: .long, help: "Rows in each ranked table.")
    var top: Int = 20

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let scanner = try input.makeScanner()
        let (sinks, scan) = scanner.run(makeSink: { OverviewSink() })
        let report = OverviewBuilder.build(sinks: sinks, scan: scan, top: top)
        if json {
            var data = try report.json()
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            FileHandle.standardOutput.write(Data(OverviewTextRenderer.render(report).utf8))
        }
        try finish(scan)
    }
}
