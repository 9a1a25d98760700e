import ArgumentParser
import ClienteleKit
import Foundation

struct OverviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overview",
        abstract: "The site-centric picture GoAccess gives: requests, visitors, status codes, top paths, referrers, browsers.",
        discussion: """
            The numbers use GoAccess's definitions, so the two can be compared:

              total requests   valid + failed requests (blank lines, #directives
                               and NUL padding are not requests)
              valid requests   lines parsed as requests
              failed requests  lines the parser rejected, counted by reason
                               on stderr with file:line examples
              unique visitors  distinct client address + log-local date +
                               user agent, over requests whose status is
                               not 4xx
              bandwidth        sum of response bytes ('-' counts as 0)
              hits             valid requests counted in a table row
              visitors         unique visitors (as above) in a table row
              paths            request path without the query string,
                               percent-decoded
              days and hours   the log's own local time, as written
              crawlers         requests whose user agent is a known bot,
                               crawler, monitor or HTTP library, or is
                               empty; humans are the rest

            --json writes the same numbers with stable snake_case keys, a
            schema_version, a definitions block and per-input line counts.
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
        PhaseClock.mark("scan")
        let report = OverviewBuilder.build(sinks: sinks, scan: scan, top: top)
        PhaseClock.mark("report")
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
