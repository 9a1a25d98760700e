import Foundation
import Testing

@testable import ClienteleKit

/// Key report figures on the simulated shop, read from the reports' JSON (the contract) and
/// compared with a separate, straightforward computation from the shop's own files.
@Suite struct ShopReportTests {
    /// orders.csv parsed the plain way: split lines and commas (its values carry no commas).
    static func orderLines() throws -> [(order: String, customer: String, sku: String, quantity: Int, cents: Int)] {
        let text = try String(contentsOfFile: Fixtures.path("shop/orders.csv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
            let price = f[5].split(separator: ".")
            let cents = Int(price[0])! * 100 + (price.count > 1 ? Int(price[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0)
            return (f[0], f[1], f[3], Int(f[4])!, cents)
        }
    }

    static func reportJSON(_ name: String, data: ReportData) throws -> [String: Any] {
        let period = ReportPeriod.resolve(data, from: nil, to: nil)
        let report = try #require(ReportCatalog.build(name, data: data, period: period))
        return try #require(try JSONSerialization.jsonObject(with: ReportCatalog.json(report)) as? [String: Any])
    }

    static func cents(_ value: Any?) -> Int {
        guard let n = value as? NSNumber else { return -1 }
        return Int((n.doubleValue * 100).rounded())
    }

    @Test func figuresMatchAnIndependentComputation() throws {
        let (store, _, expected) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        let lines = try Self.orderLines()

        // products: units and revenue per sku.
        var units: [String: Int] = [:]
        var revenue: [String: Int] = [:]
        for l in lines {
            units[l.sku, default: 0] += l.quantity
            revenue[l.sku, default: 0] += l.quantity * l.cents
        }
        let products = try #require(try Self.reportJSON("products", data: data)["products"] as? [[String: Any]])
        // Every sku sold is listed; viewed-only skus are listed with nothing sold.
        #expect(Set(units.keys).isSubset(of: Set(products.compactMap { $0["sku"] as? String })))
        for p in products {
            let sku = try #require(p["sku"] as? String)
            #expect(p["units"] as? Int == units[sku] ?? 0, "units of \(sku)")
            #expect(Self.cents(p["revenue"]) == revenue[sku] ?? 0, "revenue of \(sku)")
        }

        // executive: revenue share of the top 20% of paying customers.
        var byCustomer: [String: Int] = [:]
        for l in lines { byCustomer[l.customer, default: 0] += l.quantity * l.cents }
        let ranked = byCustomer.values.sorted(by: >)
        let top = (ranked.count * 20 + 99) / 100
        let share = Double(ranked.prefix(top).reduce(0, +)) / Double(ranked.reduce(0, +))
        let pareto = try #require(try Self.reportJSON("executive", data: data)["pareto"] as? [String: Any])
        #expect(abs((pareto["top20_revenue_share"] as? Double ?? -1) - share) < 1e-9)

        // marketing: sessions per channel, as the simulation counted them.
        let channels = try #require(try Self.reportJSON("marketing", data: data)["channels"] as? [[String: Any]])
        var sessions: [String: Int] = [:]
        for c in channels { sessions[c["channel"] as? String ?? "?"] = c["sessions"] as? Int }
        #expect(sessions == expected.channels)

        // overview: totals.
        let totals = try #require(try Self.reportJSON("overview", data: data)["totals"] as? [String: Any])
        #expect(totals["sessions"] as? Int == expected.human.sessions)
        #expect(totals["pageviews"] as? Int == expected.human.pageviews)
        #expect(totals["visitors"] as? Int == expected.human.visitors)
    }
}
