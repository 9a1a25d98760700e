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

    /// Loads the store (without pageviews when `withPageviews` is false) and resolves the period.
    func load(withPageviews: Bool = true) throws -> (ReportData, ReportPeriod) {
        let opened: Store
        do { opened = try Store(path: store.db, mustExist: true) } catch {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
        ReportProfile.shared.mark("open")
        var data = try ReportData.load(from: opened, withPageviews: withPageviews)
        ReportProfile.shared.mark("load")
        if let segment { data = data.restricted(toSegment: segment) }
        let period = ReportPeriod.resolve(data, from: try DayArgument.micros(from, name: "--from"), to: try DayArgument.micros(to, name: "--to"))
        return (data, period)
    }
}
