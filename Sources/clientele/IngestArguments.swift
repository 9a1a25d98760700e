import ArgumentParser
import ClienteleKit
import Foundation
import Parsers

/// The options of `ingest` (and `analyze`) beyond the inputs and the store.
struct IngestArguments: ParsableArguments {

    @Option(help: ArgumentHelp("customers.csv: customer_id plus attributes (segment, region, signup_date...).", valueName: "file"))
    var customers: String?
    @Option(help: ArgumentHelp("orders.csv: order_id, customer_id, ordered_at, sku, quantity, unit_price (one row per line item).", valueName: "file"))
    var orders: String?
    @Option(help: ArgumentHelp("products.csv: sku, name, category, price.", valueName: "file"))
    var products: String?
    @Option(name: .customLong("ad-spend"), help: ArgumentHelp("ad_spend.csv: date, source, medium, campaign, cost.", valueName: "file"))
    var adSpend: String?
    @Option(help: ArgumentHelp("Site profile for page kinds: \(SiteProfile.builtInNames.joined(separator: ", ")), or a TOML file.", valueName: "name|file"))
    var site = "generic"
    @Option(name: .customLong("site-host"), help: ArgumentHelp("The site's own host name (repeatable). Hosts that refer the site's own assets are added automatically.", valueName: "host"))
    var siteHosts: [String] = []
    @Option(name: .customLong("visitor-field"), help: ArgumentHelp("Parsed field with a visitor cookie (e.g. cookie_vid).", valueName: "name"))
    var visitorField: String?
    @Option(name: .customLong("customer-field"), help: ArgumentHelp("Parsed field with a logged-in customer id (e.g. cookie_uid, or user).", valueName: "name"))
    var customerField: String?
    @Option(name: .customLong("customer-param"), help: ArgumentHelp("Query parameter carrying a customer id (repeatable; default cid, customer_id, uid).", valueName: "name"))
    var customerParams: [String] = []
    @Option(name: .customLong("session-timeout"), help: ArgumentHelp("Minutes without a pageview that end a session.", valueName: "minutes"))
    var sessionTimeout = 30
    @Flag(name: .customLong("anonymize-ip"), help: "Mask client addresses before anything is stored (IPv4 to /24, IPv6 to /48).")
    var anonymizeIP = false

    func validate() throws {
        if sessionTimeout < 1 { throw ValidationError("--session-timeout must be at least 1 minute") }
    }

    /// Reads the CSV files and ingests the logs into the store at `db`; prints the summary.
    /// Exits with 2 on input problems, 1 on bad settings.
    func ingest(input: InputOptions, db: String) throws -> IngestSummary {
        let profile = try siteProfile(named: site)
        var options = IngestOptions()
        switch input.formatChoice() {
        case .success(let c): options.format = c
        case .failure(let e): throw ValidationError(e.description)
        }
        options.workers = input.workers
        options.clientField = input.clientField
        options.collector = CollectorConfig(visitorField: visitorField, customerField: customerField, anonymizeIP: anonymizeIP)
        options.profile = profile
        options.siteHosts = siteHosts
        options.sessionTimeoutMinutes = sessionTimeout
        if !customerParams.isEmpty { options.customerParameters = customerParams }
        options.showProgress = !input.noProgress && isatty(2) == 1

        let summary: IngestSummary
        let shopReading: BackgroundWork<ShopData>
        do {
            let lock = try IngestLock(storePath: db) {
                printError("clientele: another ingest is writing \(db); waiting for it to finish...")
            }
            let opened = try Store(path: db)
            PhaseClock.mark("store opened")
            // The CSV files are read beside the log scan (the ingest takes them after it), the
            // customer file later (see `Ingestor.run`); a file with the content the store last
            // imported is not parsed again.
            let imported = try ShopData.importedHashes(in: opened)
            let (customers, orders, products, adSpend) = (customers, orders, products, adSpend)
            shopReading = BackgroundWork { () throws(CSVFileError) -> ShopData in
                let data = try ShopData.read(customers: nil, orders: orders, products: products, adSpend: adSpend, imported: imported)
                PhaseClock.mark("shop files read")
                return data
            }
            let customerFile = customers.map { path in
                { @Sendable () throws -> ShopData in try ShopData.read(customers: path, orders: nil, products: nil, adSpend: nil, imported: imported) }
            }
            summary = try Ingestor.run(
                paths: input.paths, shopData: try shopReading.wait(), customerFile: customerFile, options: options, store: opened)
            withExtendedLifetime(lock) {}
        } catch let error as CSVFileError {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        } catch let error as StoreError {
            printError("clientele: \(error.description)")
            throw ExitCode(error.code == .settingsChanged ? 1 : 2)
        } catch let error as InputExpander.Failure {
            printError("clientele: \(error.description)")
            throw ExitCode(2)
        }
        let problems = summary.customerFileProblems + (try shopReading.wait().problems)
        for problem in problems.prefix(50) { printError("warning: \(problem.description)") }
        if problems.count > 50 { printError("warning: \(problems.count - 50) more CSV problems not shown") }
        printSummary(summary)
        return summary
    }

    func printSummary(_ s: IngestSummary) {
        var out: [String] = []
        for f in s.files {
            out.append("\(f.path): \(f.state)\(f.bytesRead > 0 ? ", \(f.bytesRead) bytes read" : "")")
        }
        if !s.tablesImported.isEmpty { out.append("imported: \(s.tablesImported.joined(separator: ", "))") }
        out.append("pageviews \(s.pageviews), bot hits \(s.botHits), visitors with new data \(s.visitorsTouched), sessions written \(s.sessionsWritten)")
        out.append("site hosts: \(s.siteHosts.isEmpty ? "(none known: every referrer counts as outside; give --site-host)" : s.siteHosts.joined(separator: ", "))")
        if let coverage = s.coverage { out += coverage.lines }
        printError(out.joined(separator: "\n"))
    }
}
