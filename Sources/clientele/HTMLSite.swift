import ClienteleKit
import Foundation

/// The HTML site of the reports: one page per department, the top customers' timelines and
/// an index linking them, all in one directory.
enum HTMLSite {
    /// Writes the pages into `dir`; `alsoWrite` is called with each report (for JSON and CSV
    /// beside the pages). Returns the number of customer pages written.
    static func write(
        data: ReportData, period: ReportPeriod, store: Store, dir: String, customerPages: Int,
        alsoWrite: (String, any DepartmentReport) throws -> Void = { _, _ in }
    ) throws -> Int {
        func path(_ file: String) -> String { (dir as NSString).appendingPathComponent(file) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var entries: [(name: String, file: String, question: String, headline: [String])] = []
        for (name, report) in ReportCatalog.buildAll(data: data, period: period) {
            try ReportOutput.write(report, name: name, format: "html", out: path("\(name).html"))
            try alsoWrite(name, report)
            entries.append((name, "\(name).html", ReportCatalog.questions[name] ?? "", report.headline))
        }
        var revenue: [String: Int64] = [:]
        for order in data.orders where period.contains(order.orderedAt) { revenue[order.customerID, default: 0] += order.revenueCents }
        let top = revenue.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(customerPages)
        var customers: [(id: String, file: String, revenue: Money)] = []
        for (id, cents) in top {
            guard let timeline = try? CustomerTimeline.build(customerID: id, store: store) else { continue }
            let file = HTMLReportRenderer.customerFileName(id: id)
            try Data(HTMLReportRenderer.page(timeline).utf8).write(to: URL(fileURLWithPath: path(file)))
            customers.append((id, file, Money(cents: cents)))
        }
        try Data(HTMLReportRenderer.index(reports: entries, customers: customers, period: period).utf8)
            .write(to: URL(fileURLWithPath: path("index.html")))
        return customers.count
    }
}
