import ArgumentParser
import ClienteleKit
import Foundation

/// Options every report subcommand shares.
struct ReportOptions: ParsableArguments {
    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp("First day (UTC), inclusive. Default: the first day with data.", valueName: "YYYY-MM-DD"))
    var from: String?
    @Option(help: ArgumentHelp("Day after the last (UTC), exclusive. Default: the day after the last day with data.", valueName: "YYYY-MM-DD"))
    var to: String?
    @Option(help: ArgumentHelp("Only customers of this segment (customers.csv `segment`); anonymous sessions are left out.", valueName: "name"))
    var segment: String?
    @Option(help: ArgumentHelp("text, json, csv (one file per table; needs --out DIR) or html.", valueName: "format"))
    var format = "text"
    @Option(help: ArgumentHelp("Output file (json, html) or directory (csv, and any format for `all`). Default: standard output.", valueName: "path"))
    var out: String?

    func validate() throws {
        guard ["text", "json", "csv", "html"].contains(format) else { throw ValidationError("--format must be text, json, csv or html") }
        _ = try DayArgument.micros(from, name: "--from")
        _ = try DayArgument.micros(to, name: "--to")
        if format == "csv" && out == nil { throw ValidationError("--format csv writes one file per table: give --out DIR") }
    }

    /// Loads the store and resolves the period.
    func load() throws -> (ReportData, ReportPeriod) {
        let opened: Store
        do { opened = try Store(path: store.db, mustExist: true) } catch {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
        var data = try ReportData.load(from: opened)
        if let segment { data = data.restricted(toSegment: segment) }
        let period = ReportPeriod.resolve(data, from: try DayArgument.micros(from, name: "--from"), to: try DayArgument.micros(to, name: "--to"))
        return (data, period)
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Department reports from the store: overview, marketing, content, products, executive, or all.",
        discussion: """
            Every report states its period, its coverage (share of sessions tied
            to a customer, share of orders matched to a session) and what was
            excluded (bots, rejected lines). JSON is the contract: stable
            snake_case keys, schema_version, and a definitions block that says
            how each number is computed. `clientele report NAME --help` lists
            the definitions of that report.
            """,
        subcommands: [
            DepartmentReportCommand<OverviewName>.self, DepartmentReportCommand<MarketingName>.self,
            DepartmentReportCommand<ContentName>.self, DepartmentReportCommand<ProductsName>.self,
            DepartmentReportCommand<ExecutiveName>.self, AllReportsCommand.self,
        ]
    )
}

/// Names a report at the type level so one generic command serves them all.
protocol ReportName { static var name: String { get } }
enum OverviewName: ReportName { static let name = "overview" }
enum MarketingName: ReportName { static let name = "marketing" }
enum ContentName: ReportName { static let name = "content" }
enum ProductsName: ReportName { static let name = "products" }
enum ExecutiveName: ReportName { static let name = "executive" }

struct DepartmentReportCommand<Name: ReportName>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: Name.name,
            abstract: ReportCatalog.questions[Name.name] ?? "",
            discussion: "Definitions:\n" + ReportCatalog.definitionLines(Name.name).map { "  " + $0 }.joined(separator: "\n"))
    }

    @OptionGroup var options: ReportOptions

    func run() throws {
        let (data, period) = try options.load()
        guard let report = ReportCatalog.build(Name.name, data: data, period: period) else { return }
        try ReportOutput.write(report, name: Name.name, format: options.format, out: options.out)
    }
}

struct AllReportsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Every report; with --out DIR, one file per report (and per table for csv) in DIR; html adds index.html and customer pages.")

    @OptionGroup var options: ReportOptions

    @Option(name: .customLong("customer-pages"), help: ArgumentHelp("With --format html: customer timeline pages to write (top customers by revenue in the period).", valueName: "n"))
    var customerPages = 20

    func run() throws {
        let (data, period) = try options.load()
        if options.format == "html", let dir = options.out {
            let store = try Store(path: options.store.db, mustExist: true)
            _ = try HTMLSite.write(data: data, period: period, store: store, dir: dir, customerPages: customerPages)
            return
        }
        for name in ReportCatalog.names {
            guard let report = ReportCatalog.build(name, data: data, period: period) else { continue }
            let target = options.out.map { dir -> String in
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                return options.format == "csv" ? dir : (dir as NSString).appendingPathComponent("\(name).\(options.format == "text" ? "txt" : options.format)")
            }
            try ReportOutput.write(report, name: name, format: options.format, out: target)
        }
    }
}

/// Writes one report in the chosen format.
enum ReportOutput {
    static func write(_ report: any DepartmentReport, name: String, format: String, out: String?) throws {
        switch format {
        case "json":
            var data = try ReportCatalog.json(report)
            data.append(0x0A)
            try emit(data, to: out)
        case "csv":
            let dir = out ?? "."
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for table in report.csvTables() {
                var text = CSVWriter.line(table.header)
                for row in table.rows { text += CSVWriter.line(row) }
                let file = (dir as NSString).appendingPathComponent(table.name + ".csv")
                try Data(text.utf8).write(to: URL(fileURLWithPath: file))
            }
        case "html":
            try emit(Data(ReportCatalog.html(report).utf8), to: out)
        default:
            try emit(Data((report.textLines().joined(separator: "\n") + "\n").utf8), to: out)
        }
    }

    static func emit(_ data: Data, to out: String?) throws {
        if let out {
            try data.write(to: URL(fileURLWithPath: out))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
