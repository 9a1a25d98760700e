import ArgumentParser
import ClienteleKit
import Foundation

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "From logs to every department's report in one step: ingest, then write HTML, JSON and CSV.",
        discussion: """
            Ingests the logs and CSV files into DIR/clientele.db (or --db), as
            `clientele ingest` does, then writes into DIR:
              index.html              links to every page, with each report's answer
              overview.html ... executive.html   one self-contained page per
                                      department (charts as inline SVG, no
                                      network requests, sortable tables)
              NAME.json               the report models (the JSON contract)
              csv/NAME_TABLE.csv      every table
              customer-*.html         timelines of the top customers by revenue
            Running it again with more logs updates the store incrementally
            and rewrites the reports. See `clientele ingest --help` and
            `clientele report NAME --help` for every definition.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var arguments: IngestArguments

    @Option(help: ArgumentHelp("Directory for the store and the reports.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("The SQLite store (default: DIR/clientele.db).", valueName: "file"))
    var db: String?

    @Option(name: .customLong("customer-pages"), help: ArgumentHelp("Customer timeline pages to write (top customers by revenue).", valueName: "n"))
    var customerPages = 20

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let dbPath = db ?? (out as NSString).appendingPathComponent("clientele.db")
        let summary = try arguments.ingest(input: input, db: dbPath)

        let store = try Store(path: dbPath, mustExist: true)
        let data = try ReportData.load(from: store)
        let period = ReportPeriod.resolve(data, from: nil, to: nil)
        let csvDir = (out as NSString).appendingPathComponent("csv")
        try FileManager.default.createDirectory(atPath: csvDir, withIntermediateDirectories: true)

        let customers = try HTMLSite.write(data: data, period: period, store: store, dir: out, customerPages: customerPages) { name, report in
            try ReportOutput.write(report, name: name, format: "json", out: path("\(name).json"))
            try ReportOutput.write(report, name: name, format: "csv", out: csvDir)
        }
        print("Reports for \(period.from) to \(period.to) (exclusive) written to \(out)/:")
        print("  open \(path("index.html")) in a browser")
        print("  \(ReportCatalog.names.map { "\($0).html" }.joined(separator: ", ")), JSON beside them, CSV tables in csv/, \(customers) customer pages (customer-*.html)")
        print("  store: \(dbPath) (query it with sqlite3; schema in the README)")
        if let scan = summary.scan { try finish(scan) }
    }

    func path(_ file: String) -> String { (out as NSString).appendingPathComponent(file) }
}
