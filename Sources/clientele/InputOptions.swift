import ArgumentParser
import ClienteleKit
import Foundation
import LogModel
import Parsers

/// Options shared by every command that reads logs.
struct InputOptions: ParsableArguments {
    @Argument(help: "Log files, directories, glob patterns, or - for standard input. Rotated sets are read oldest first; .gz is detected by content.")
    var paths: [String]

    @Option(name: .long, help: "Log format: auto (sniff the first lines of each file), \(FormatCatalog.presetNames.joined(separator: ", ")).")
    var format: String = "auto"

    @Option(name: .customLong("log-format"), help: ArgumentHelp("A custom format string: Apache LogFormat ('%h %l %u %t \"%r\" %>s %b') or nginx log_format ('$remote_addr - [$time_local] \"$request\" $status').", valueName: "string"))
    var logFormat: String?

    @Option(name: .customLong("client-field"), help: ArgumentHelp("A parsed field whose first address is the client when it has one, e.g. http_x_forwarded_for when the server sits behind a load balancer (names as `clientele parse` prints them). Default: the connecting address.", valueName: "name"))
    var clientField: String?

    @Option(name: .long, help: "Parsing threads (default: one per core).")
    var workers: Int?

    @Flag(name: .long, help: "Never print the progress line (it is shown only when stderr is a terminal).")
    var noProgress = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if logFormat != nil && format != "auto" { throw ValidationError("give either --format or --log-format, not both") }
    }

    func formatChoice() -> Result<FormatChoice, FormatError> {
        do throws(FormatError) {
            if let logFormat { return .success(.fixed(try FormatCatalog.format(logFormat: logFormat))) }
            if format.lowercased() == "auto" { return .success(.auto) }
            return .success(.fixed(try FormatCatalog.format(named: format)))
        } catch {
            return .failure(error)
        }
    }

    /// The scanner for these options. Exits with code 1 on a bad format, 2 on a bad path.
    func makeScanner() throws -> LogScanner {
        let choice: FormatChoice
        switch formatChoice() {
        case .success(let c): choice = c
        case .failure(let error): throw ValidationError(error.description)
        }
        let sources: [LogSource]
        do {
            sources = try InputExpander.expand(paths)
        } catch {
            FileHandle.standardError.write(Data("clientele: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        var scanner = LogScanner(sources: sources, format: choice, workers: workers)
        scanner.showProgress = !noProgress && isatty(2) == 1
        scanner.clientField = clientField
        return scanner
    }
}

/// Prints the scan summary to standard error and picks the exit code: 2 when an input could
/// not be read or nothing at all could be parsed.
func finish(_ report: ScanReport) throws {
    let text = report.summaryLines().joined(separator: "\n")
    FileHandle.standardError.write(Data((text + "\n").utf8))
    let unreadable = report.warnings.contains { $0.contains("cannot open") || $0.contains("could not recognise") || $0.contains("read failed") }
    if unreadable || (report.parsed == 0 && report.lines > 0) { throw ExitCode(2) }
}
