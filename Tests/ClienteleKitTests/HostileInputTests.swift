import Foundation
import Testing

@testable import ClienteleKit

/// Log content is attacker-controlled: hostile paths, referrers, user agents and campaign
/// names go through ingest, every report, the HTML pages and the CSV tables, and come out inert.
@Suite struct HostileInputTests {
    static let script = "<script>alert(1)</script>"
    static let img = #""><img src=x onerror=alert(1)>"#

    static var lines: [String] {
        typealias T = IngestTests
        var l: [String] = []
        // A campaign named with a formula and markup, landing on a hostile article path.
        l += T.page("10.9.0.1", day: 3, "10:00:00", "/blog/%3Cscript%3Ealert(1)%3C%2Fscript%3E?utm_source=%3Dcmd&utm_medium=email&utm_campaign=%3DHYPERLINK(%22http%3A%2F%2Fevil%22)%3Cscript%3E&cid=C9",
                    referrer: "-", vid: "h1")
        l += T.page("10.9.0.1", day: 3, "10:01:00", "/product/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", vid: "h1")
        l += T.page("10.9.0.1", day: 3, "10:02:00", "/checkout/complete?order=O-9", vid: "h1")
        // A referral from a javascript: URL and a user agent carrying markup.
        l.append(T.line("10.9.0.2", day: 3, "11:00:00", "/blog/%3Cscript%3Ealert(1)%3C%2Fscript%3E", referrer: "javascript:alert(1)",
                        ua: "Mozilla/5.0 <script>alert(1)</script> Chrome/124.0", vid: "h2"))
        return l
    }

    @Test func hostileValuesComeOutInert() throws {
        let s = try IngestTests.Setup()
        let orders = s.dir.appendingPathComponent("hostile-orders.csv")
        try "order_id,customer_id,ordered_at,sku,quantity,unit_price\nO-9,C9,2026-10-03T10:02:00Z,\"\"\"><img src=x onerror=alert(1)>\",1,5.00\n"
            .write(to: orders, atomically: true, encoding: .utf8)
        let shop = try ShopData.read(customers: nil, orders: orders.path, products: nil, adSpend: nil)
        _ = try Ingestor.run(paths: [try s.write(Self.lines, to: "access.log")], shopData: shop, options: s.options, store: s.store)

        let data = try ReportData.load(from: s.store)
        // The hostile values really are in the data, so the checks below test something.
        #expect(data.pageviews.contains { data.path(of: $0).contains("<script>") })
        #expect(data.sessions.contains { data.sources[Int($0.source)].campaign?.hasPrefix("=HYPERLINK") == true })
        let period = ReportPeriod.resolve(data, from: nil, to: nil)
        var pages: [String] = []
        var cells: [String] = []
        for name in ReportCatalog.names {
            let report = try #require(ReportCatalog.build(name, data: data, period: period))
            pages.append(ReportCatalog.html(report))
            for table in report.csvTables() {
                cells += (table.rows.flatMap { $0 }).map(CSVWriter.escape)
            }
        }
        pages.append(HTMLReportRenderer.page(try CustomerTimeline.build(customerID: "C9", store: s.store)))
        for html in pages {
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("<img"))
            // No event-handler attribute in any tag (attribute values, which are quoted and
            // escaped, may contain the text `onerror=`; they are removed before looking).
            let handlers = html.matches(of: /<[a-zA-Z][^>]*>/).filter { tag in
                tag.output.replacing(/"[^"]*"/, with: "").contains(/\son[a-z]+\s*=/)
            }
            #expect(handlers.isEmpty, "\(handlers.map { String($0.output.prefix(120)) })")
            #expect(!html.lowercased().contains("href=\"javascript:"))
            #expect(html.components(separatedBy: "<script").count - 1 <= 1)  // only the page's own script
        }
        #expect(pages.contains { $0.contains("&lt;script&gt;alert(1)&lt;/script&gt;") })
        // CSV: no cell starts with a formula character.
        let formula = cells.filter { cell in
            let c = cell.hasPrefix("\"") ? String(cell.dropFirst()) : cell
            return c.hasPrefix("=") || c.hasPrefix("+") || c.hasPrefix("@") || (c.hasPrefix("-") && Double(c) == nil)
        }
        #expect(formula.isEmpty, "formula cells: \(formula.prefix(3))")
        #expect(cells.contains { $0.contains("'=HYPERLINK") })
    }
}
