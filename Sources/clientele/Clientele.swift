import ArgumentParser
import CSupport
import Foundation

@main
struct Clientele: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clientele",
        abstract: "Customer-centric web log analysis: from access logs to who came, how, and what they are worth.",
        discussion: """
            Reads access logs (nginx, Apache, IIS/W3C, CloudFront, AWS ALB/ELB
            and S3, Caddy, Traefik and other JSON lines; plain or .gz; files,
            directories, globs, or - for stdin) on every core.

            Start with `clientele analyze LOGS --customers customers.csv
            --orders orders.csv --out DIR` and open DIR/index.html. Step by
            step: `ingest` fills the SQLite store (sessions, visitors, customers),
            `report NAME` answers one department's question, `customer ID`
            shows one customer's visits, `sessions` exports sessions, `forget ID`
            erases a customer. `overview LOGS` and `parse LOGS` need no store.

            Exit codes: 0 ok, 1 usage error, 2 input problems (an input could
            not be read or recognised, or no line could be parsed). Rejected
            lines never stop a run: they are counted by reason on stderr and
            the first ones are shown as file:line.
            """,
        subcommands: [ParseCommand.self, OverviewCommand.self, IngestCommand.self, SessionsCommand.self, CustomerCommand.self, ForgetCommand.self, ReportCommand.self, RenderCommand.self, AnalyzeCommand.self]
    )

    /// Runs the command, mapping usage errors to exit code 1 (the design's convention; argument
    /// parsing alone would use 64).
    static func main() {
        // Before any thread starts (glibc fixes the limit when the first thread needs an arena).
        // Ingest makes a batch's data on some threads and frees it on others: with an arena per
        // thread (glibc's default, up to 8 a core) a year's peak was 1.7 GB, with one a core 0.85 GB.
        clientele_limit_malloc_arenas(Int32(ProcessInfo.processInfo.activeProcessorCount + 1))
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
