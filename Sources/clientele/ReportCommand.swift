import ArgumentParser
import ClienteleKit
import Foundation

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
        let (data, period) = try options.load(withPageviews: ReportCatalog.readsPageviews(Name.name))
        guard let report = ReportCatalog.build(Name.name, data: data, period: period) else { return }
        ReportProfile.shared.mark("build")
        try ReportOutput.write(report, name: Name.name, format: options.format, out: options.out)
        ReportProfile.shared.mark("write")
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
            ReportProfile.shared.mark("write")
            return
        }
        for (name, report) in ReportCatalog.buildAll(data: data, period: period) {
            let target = options.out.map { dir -> String in
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                return options.format == "csv" ? dir : (dir as NSString).appendingPathComponent("\(name).\(options.format == "text" ? "txt" : options.format)")
            }
            try ReportOutput.write(report, name: name, format: options.format, out: target)
        }
        ReportProfile.shared.mark("write")
    }
}
