import ArgumentParser
import ClienteleKit
import Foundation
import LogModel

struct SessionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "Export the store's sessions (for analysts and checks).",
        discussion: """
            One row per session, ordered by start:
              session_id     the store's id (stable until the visitor's
                             sessions are rebuilt by a later ingest)
              visitor        visitor cookie, or client|user agent
              customer_id    the customer it belongs to, or null
              start, end     first and last pageview, ISO-8601 UTC
              pageviews      pageviews in the session
              channel        GA4 default channel group of the landing
              source, medium, campaign   of the landing pageview
              landing_path, exit_path    first and last page, decoded
              bounced        exactly one pageview
              converted      a completed checkout among its pageviews
            --from and --to (YYYY-MM-DD, UTC) select sessions by start:
            from is inclusive, to exclusive.
            """
    )

    @OptionGroup var store: StoreOptions

    @Flag(help: "One JSON object per line (default).")
    var json = false
    @Flag(help: "CSV with a header row.")
    var csv = false
    @Option(help: ArgumentHelp("First day (UTC), inclusive.", valueName: "YYYY-MM-DD"))
    var from: String?
    @Option(help: ArgumentHelp("Last day (UTC), exclusive.", valueName: "YYYY-MM-DD"))
    var to: String?

    func validate() throws {
        if json && csv { throw ValidationError("give --json or --csv, not both") }
        _ = try DayArgument.micros(from, name: "--from")
        _ = try DayArgument.micros(to, name: "--to")
    }

    func run() throws {
        let opened: Store
        do { opened = try Store(path: store.db, mustExist: true) } catch {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
        let out = BufferedOutput()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if csv { out.write(CSVWriter.line(SessionRow.csvHeader)) }
        try SessionExport.forEach(in: opened, from: try DayArgument.micros(from, name: "--from"), to: try DayArgument.micros(to, name: "--to")) { row in
            if csv {
                out.write(CSVWriter.line(row.csvCells))
            } else {
                out.write(String(decoding: try encoder.encode(row), as: UTF8.self) + "\n")
            }
        }
        out.flush()
    }
}
