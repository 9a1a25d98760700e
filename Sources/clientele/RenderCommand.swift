import ArgumentParser
import ClienteleKit
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Turn a report's JSON (from `clientele report NAME --format json` or the Spark job) into its HTML page.",
        discussion: """
            The report is recognised by its "report" key (overview, marketing,
            content, products, executive). The page is the one `clientele
            report NAME --format html` writes for the same numbers: one
            self-contained file, inline SVG charts, no network requests.
            """
    )

    @Argument(help: ArgumentHelp("A report JSON file, or - for standard input.", valueName: "report.json"))
    var report: String

    @Option(help: ArgumentHelp("Output format; only html.", valueName: "format"))
    var format = "html"

    @Option(help: ArgumentHelp("Output file. Default: standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        guard format == "html" else { throw ValidationError("--format must be html") }
    }

    func run() throws {
        let data: Data
        do {
            data = report == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: report))
        } catch {
            printError("clientele: cannot read \(report): \(error.localizedDescription)")
            throw ExitCode(2)
        }
        let decoded: (any DepartmentReport)?
        do {
            decoded = try ReportCatalog.decode(data)
        } catch {
            printError("clientele: \(report): not a report this version can read (\(error))")
            throw ExitCode(2)
        }
        guard let decoded else {
            printError("clientele: \(report): no \"report\" key naming overview, marketing, content, products or executive")
            throw ExitCode(2)
        }
        try ReportOutput.emit(Data(ReportCatalog.html(decoded).utf8), to: out)
    }
}
