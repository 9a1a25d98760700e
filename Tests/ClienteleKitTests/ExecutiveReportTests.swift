import Foundation
import Testing

@testable import ClienteleKit

private let day: Int64 = 86_400_000_000
/// The period of every test: days 100…109 after 1970-01-01 (to exclusive); the previous period is days 90…99.
private let period = ReportPeriod(fromMicros: 100 * day, toMicros: 110 * day)

/// Builds a tiny `ReportData` by hand. Times are given in days since 1970 (fractions allowed).
private struct ExecutiveShop {
    var data = ReportData()

    /// Adds a session starting at `at` days with one pageview per `pages` entry (one second apart).
    @discardableResult
    mutating func session(
        visitor: Int64, customer: String?, at: Double, converted: Bool = false, pages: [(String, String?)] = []
    ) -> Int {
        let index = data.sessions.count
        let start = Int64(at * Double(day))
        let first = data.pageviews.count
        for (k, page) in pages.enumerated() {
            data.appendPageview(
                session: index, ts: start + Int64(k) * 1_000_000, path: "/p", kind: page.0, item: page.1, quantity: nil)
        }
        data.append(
            SessionText(
                id: Int64(index + 1), visitorID: visitor, customerID: customer, start: start,
                end: start + Int64(max(pages.count - 1, 0)) * 1_000_000, pageviews: max(pages.count, 1),
                channel: "Direct", source: "(direct)", medium: "(none)", campaign: nil, landingPath: "/",
                exitPath: "/", bounced: pages.count <= 1, converted: converted,
                pageviewRange: first..<data.pageviews.count))
        return index
    }

    /// Adds an order of one line item worth `cents`.
    mutating func order(_ id: String, customer: String, at: Double, cents: Int64, session: Int? = nil) {
        data.orders.append(
            ReportData.Order(
                id: id, customerID: customer, orderedAt: Int64(at * Double(day)),
                items: [.init(sku: "sku-\(id)", quantity: 1, unitPriceCents: cents)], session: session))
        data.orders.sort { ($0.orderedAt, $0.id) < ($1.orderedAt, $1.id) }
    }

    /// `count` product pageviews of skus `prefix`0, `prefix`1, …
    static func products(_ count: Int, _ prefix: String = "p") -> [(String, String?)] {
        (0..<count).map { ("product", "\(prefix)\($0)") }
    }
}

/// Ten paying customers, each with one order in the period (units): c01 500, c02 200, c03 100,
/// c04 50, c05 50, c06 40, c07 30, c08 20, c09 5, c10 5 — total 1,000.00.
private func tenCustomers() -> ExecutiveShop {
    var shop = ExecutiveShop()
    let units: [Int64] = [500, 200, 100, 50, 50, 40, 30, 20, 5, 5]
    for (i, u) in units.enumerated() {
        let id = String(format: "c%02d", i + 1)
        shop.order("o\(i + 1)", customer: id, at: 101 + Double(i) / 2, cents: u * 100)
    }
    return shop
}

private func kpi(_ report: ExecutiveReport, _ name: String) throws -> ExecutiveReport.KPI {
    try #require(report.kpis.first { $0.name == name })
}

@Suite("Executive report")
struct ExecutiveReportTests {
    @Test func pyramidOfTenCustomers() {
        let report = ExecutiveReportBuilder.build(data: tenCustomers().data, period: period)
        // n = 10: top 1% = ceil(0.1) = 1; next 4% = ceil(0.5) − 1 = 0; next 15% = ceil(2.0) − 1 = 1; rest 8.
        #expect(report.pyramid.map(\.tier) == ["top 1%", "next 4%", "next 15%", "bottom 80%"])
        #expect(report.pyramid.map(\.customers) == [1, 0, 1, 8])
        // c01 500 | — | c02 200 | c03…c10 100+50+50+40+30+20+5+5 = 300.
        #expect(report.pyramid.map(\.revenue.cents) == [50_000, 0, 20_000, 30_000])
        let shares = report.pyramid.map(\.revenueShare)
        for (got, want) in zip(shares, [0.5, 0.0, 0.2, 0.3]) { #expect(abs(got - want) < 1e-9) }
    }

    @Test(arguments: [
        // n, sizes: ceil(n×.01), ceil(n×.05) − that, ceil(n×.20) − ceil(n×.05), the rest.
        (0, [0, 0, 0, 0]),
        (1, [1, 0, 0, 0]),  // ceil .01 = 1, ceil .05 = 1, ceil .2 = 1
        (3, [1, 0, 0, 2]),  // 1, 1, ceil .6 = 1
        (150, [2, 6, 22, 120]),  // ceil 1.5 = 2, ceil 7.5 = 8, 30
        (200, [2, 8, 30, 160]),  // exact: 2, 10, 40
    ])
    func pyramidTierSizesSumToN(n: Int, sizes: [Int]) {
        var shop = ExecutiveShop()
        for i in 0..<n { shop.order("o\(i)", customer: "c\(i)", at: 100.5, cents: 100) }
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        #expect(report.pyramid.map(\.customers) == sizes)
        #expect(report.pyramid.map(\.customers).reduce(0, +) == n)
        #expect(report.pareto.payingCustomers == n)
    }

    @Test func paretoShareAndCurve() throws {
        let report = ExecutiveReportBuilder.build(data: tenCustomers().data, period: period)
        // Top ceil(10 × 0.2) = 2 customers: (500 + 200) / 1000.
        #expect(report.pareto.top20Customers == 2)
        #expect(abs(report.pareto.top20RevenueShare - 0.7) < 1e-9)
        #expect(report.pareto.curve.count == 20)
        // p = 0.05 → ceil(0.5) = 1 customer (0.5); p = 0.10 → 1 (0.5); p = 0.15 → ceil(1.5) = 2 (0.7);
        // p = 0.5 → 5: 500+200+100+50+50 = 900 (0.9); p = 1 → 10 (1.0).
        let c = report.pareto.curve
        #expect(c.map(\.customers)[0..<3] == [1, 1, 2])
        #expect(abs(c[0].customerShare - 0.05) < 1e-9 && abs(c[0].revenueShare - 0.5) < 1e-9)
        #expect(abs(c[1].revenueShare - 0.5) < 1e-9)
        #expect(abs(c[2].revenueShare - 0.7) < 1e-9)
        #expect(c[9].customers == 5 && abs(c[9].customerShare - 0.5) < 1e-9 && abs(c[9].revenueShare - 0.9) < 1e-9)
        #expect(c[19].customers == 10 && abs(c[19].customerShare - 1) < 1e-9 && abs(c[19].revenueShare - 1) < 1e-9)
        #expect(report.headline[0].hasPrefix("The top 20% of paying customers (2 of 10) bring 70.0% of revenue"))
    }

    @Test func rfmScoresOfFiveCustomers() throws {
        var shop = ExecutiveShop()
        // A: 1 order day 109.5 (10) · B: days 101.5, 102.5, 103.5 (100 each) · C: 105.5, 106.5 (50 each)
        // D: 100.5 (20) · E: 108.5 (500). Plus an order of E before the period (ignored by RFM).
        shop.order("a1", customer: "A", at: 109.5, cents: 1_000)
        for (i, d) in [101.5, 102.5, 103.5].enumerated() { shop.order("b\(i)", customer: "B", at: d, cents: 10_000) }
        for (i, d) in [105.5, 106.5].enumerated() { shop.order("c\(i)", customer: "C", at: d, cents: 5_000) }
        shop.order("d1", customer: "D", at: 100.5, cents: 2_000)
        shop.order("e1", customer: "E", at: 108.5, cents: 50_000)
        shop.order("e0", customer: "E", at: 50, cents: 99_900)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        // Recency (latest first): A 109.5, E 108.5, C 106.5, B 103.5, D 100.5 → R 5,4,3,2,1 (5 − floor(i×5/5)).
        // Frequency: B 3, C 2, then A, D, E with 1 (ties by id) → F B5 C4 A3 D2 E1.
        // Monetary: E 500, B 300, C 100, D 20, A 10 → M E5 B4 C3 D2 A1.
        // FM = (F+M+1)/2: A (3+1)→2, B (5+4)→5 (4.5 up), C (4+3)→4 (3.5 up), D (2+2)→2, E (1+5)→3.
        // Segments: A R5 FM2 Potential Loyalists; B R2 FM5 Can't Lose Them; C R3 FM4 Loyal; D R1 FM2 Lost;
        // E R4 FM3 Potential Loyalists. Recency days = floor(110 − last): A 0, B 6, C 3, D 9, E 1.
        let rows = Dictionary(uniqueKeysWithValues: report.customersRFM.map { ($0.customerID, $0) })
        func check(_ id: String, _ r: Int, _ f: Int, _ m: Int, _ fm: Int, _ days: Int, _ s: ExecutiveRFMSegment) {
            let row = rows[id]
            #expect(row?.r == r && row?.f == f && row?.m == m && row?.fm == fm, "\(id)")
            #expect(row?.recencyDays == days && row?.segment == s, "\(id)")
        }
        check("A", 5, 3, 1, 2, 0, .potentialLoyalists)
        check("B", 2, 5, 4, 5, 6, .cantLoseThem)
        check("C", 3, 4, 3, 4, 3, .loyal)
        check("D", 1, 2, 2, 2, 9, .lost)
        check("E", 4, 1, 5, 3, 1, .potentialLoyalists)
        #expect(rows["B"]?.frequency == 3 && rows["B"]?.monetary == Money(cents: 30_000))
        // customers_rfm follows the top-customer order: E, B, C, D, A.
        #expect(report.customersRFM.map(\.customerID) == ["E", "B", "C", "D", "A"])
        // All 11 segments in fixed order; revenue: Loyal 100, Potential Loyalists 10+500, Can't Lose 300, Lost 20.
        #expect(report.rfmSegments.map(\.segment) == ExecutiveRFMSegment.allCases)
        #expect(report.rfmSegments.count == 11)
        let seg = Dictionary(uniqueKeysWithValues: report.rfmSegments.map { ($0.segment, $0) })
        #expect(seg[.champions]?.customers == 0 && seg[.champions]?.revenue == .zero)
        #expect(seg[.loyal]?.customers == 1 && seg[.loyal]?.revenue == Money(cents: 10_000))
        #expect(seg[.potentialLoyalists]?.customers == 2 && seg[.potentialLoyalists]?.revenue == Money(cents: 51_000))
        #expect(seg[.cantLoseThem]?.customers == 1 && seg[.cantLoseThem]?.revenue == Money(cents: 30_000))
        #expect(seg[.lost]?.customers == 1 && seg[.lost]?.revenue == Money(cents: 2_000))
        #expect(report.rfmSegments.map(\.customers).reduce(0, +) == 5)
        // Share of 930: 510 / 930.
        #expect(abs((seg[.potentialLoyalists]?.revenueShare ?? 0) - 510.0 / 930.0) < 1e-9)
    }

    @Test func quintileScores() {
        // n = 7: 5 − floor(5i/7) for i = 0…6 → 5, 5, 4, 3, 3, 2, 1.
        #expect((0..<7).map { ExecutiveRFMSegment.score(rankIndex: $0, count: 7) } == [5, 5, 4, 3, 3, 2, 1])
        #expect(ExecutiveRFMSegment.score(rankIndex: 0, count: 1) == 5)
        #expect(ExecutiveRFMSegment.fm(f: 1, m: 2) == 2 && ExecutiveRFMSegment.fm(f: 1, m: 1) == 1)
        #expect(ExecutiveRFMSegment.fm(f: 4, m: 5) == 5)
    }

    @Test func segmentTableIsTotal() {
        // Rows R = 5…1, columns FM = 1…5.
        let table: [[ExecutiveRFMSegment]] = [
            [.new, .potentialLoyalists, .potentialLoyalists, .champions, .champions],
            [.promising, .potentialLoyalists, .potentialLoyalists, .champions, .champions],
            [.aboutToSleep, .aboutToSleep, .needAttention, .loyal, .loyal],
            [.hibernating, .hibernating, .atRisk, .atRisk, .cantLoseThem],
            [.lost, .lost, .atRisk, .atRisk, .cantLoseThem],
        ]
        var seen = Set<ExecutiveRFMSegment>()
        for (row, r) in (1...5).reversed().enumerated() {
            for fm in 1...5 {
                #expect(ExecutiveRFMSegment.of(r: r, fm: fm) == table[row][fm - 1], "R \(r) FM \(fm)")
                seen.insert(ExecutiveRFMSegment.of(r: r, fm: fm))
            }
        }
        #expect(seen.count == 11)
    }

    @Test func churnRisk() throws {
        var shop = ExecutiveShop()
        // X: orders days 80, 84, 90 (10.00 each): gaps 4, 6 → median 5; ×2 = 10. At day 110: 20 days since
        // the last order, 15 since the last session (day 95) → at risk.
        for (i, d) in [80.0, 84, 90].enumerated() { shop.order("x\(i)", customer: "X", at: d, cents: 1_000) }
        shop.session(visitor: 1, customer: "X", at: 95)
        // Y: the same orders, but a visit on day 105 (5 days < 10) → not at risk.
        for (i, d) in [80.0, 84, 90].enumerated() { shop.order("y\(i)", customer: "Y", at: d, cents: 1_000) }
        shop.session(visitor: 2, customer: "Y", at: 105)
        // Z: days 60, 90: median 30, ×2 = 60 > 20 → not at risk.
        shop.order("z0", customer: "Z", at: 60, cents: 1_000)
        shop.order("z1", customer: "Z", at: 90, cents: 1_000)
        // W: days 95, 97 (40.00 each): median 2, ×2 = 4 < 13; never seen in sessions → at risk, visit null.
        shop.order("w0", customer: "W", at: 95, cents: 4_000)
        shop.order("w1", customer: "W", at: 97, cents: 4_000)
        // V: day 80 and day 120 (after the period end): one order up to the end → not considered.
        shop.order("v0", customer: "V", at: 80, cents: 1_000)
        shop.order("v1", customer: "V", at: 120, cents: 1_000)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        // Ranked by revenue: W 80.00, X 30.00.
        #expect(report.churnRisk.map(\.customerID) == ["W", "X"])
        let w = report.churnRisk[0]
        #expect(w.revenue == Money(cents: 8_000) && w.orders == 2)
        #expect(abs(w.medianIntervalDays - 2) < 1e-9 && abs(w.daysSinceLastOrder - 13) < 1e-9)
        #expect(w.daysSinceLastVisit == nil)
        let x = report.churnRisk[1]
        #expect(x.revenue == Money(cents: 3_000) && x.orders == 3)
        #expect(abs(x.medianIntervalDays - 5) < 1e-9 && abs(x.daysSinceLastOrder - 20) < 1e-9)
        #expect(abs((x.daysSinceLastVisit ?? 0) - 15) < 1e-9)
        // Headline: 2 customers worth 110.00.
        #expect(report.headline.contains { $0.hasPrefix("2 repeat customers worth 110.00 are slipping away") })
        // A higher factor (3 → X needs > 15 days since the visit: 15 is not) keeps only W (needs > 6).
        let strict = ExecutiveReportBuilder.build(data: shop.data, period: period, options: .init(churnFactor: 3))
        #expect(strict.churnRisk.map(\.customerID) == ["W"])
    }

    @Test func comparisonShoppers() throws {
        var shop = ExecutiveShop()
        typealias S = ExecutiveShop
        // K (customer): 4 sessions with 3+3+3+2 = 11 product views of p0…p4, none converted, and one order
        // in the period without a session → qualifies (rate 0/4).
        shop.session(visitor: 10, customer: "K", at: 101, pages: S.products(3))
        shop.session(visitor: 10, customer: "K", at: 102, pages: S.products(3))
        shop.session(visitor: 11, customer: "K", at: 103, pages: S.products(3, "q") + [("article", "a")])
        shop.session(visitor: 11, customer: "K", at: 104, pages: S.products(2, "q") + [("search", "x")])
        shop.order("k1", customer: "K", at: 104.5, cents: 1_000)
        // L: 3 sessions with 4 views each but one converted → rate 1/3 > 0.1 → excluded.
        shop.session(visitor: 12, customer: "L", at: 101, pages: S.products(4))
        shop.session(visitor: 12, customer: "L", at: 102, pages: S.products(4))
        shop.session(visitor: 12, customer: "L", at: 103, converted: true, pages: S.products(4))
        // Anonymous visitor 77: 3 sessions with 4 views of p0…p3 each plus one session without product views
        // → sessions 4, product-view sessions 3, 12 views, 4 distinct.
        for d in [101.0, 102, 103] { shop.session(visitor: 77, customer: nil, at: d, pages: S.products(4)) }
        shop.session(visitor: 77, customer: nil, at: 104, pages: [("other", nil)])
        // Visitor 78: 20 views in only 2 sessions → excluded. Visitor 79: 3 sessions before the period → excluded.
        shop.session(visitor: 78, customer: nil, at: 101, pages: S.products(10))
        shop.session(visitor: 78, customer: nil, at: 102, pages: S.products(10))
        for d in [91.0, 92, 93] { shop.session(visitor: 79, customer: nil, at: d, pages: S.products(5)) }
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        #expect(report.comparisonShoppers.map(\.id) == ["visitor:77", "K"])
        let v = report.comparisonShoppers[0]
        #expect(v.kind == "visitor" && v.sessions == 4 && v.productViewSessions == 3 && v.productViews == 12)
        #expect(v.distinctProducts == 4 && v.orders == 0 && v.conversionRate == 0)
        let k = report.comparisonShoppers[1]
        // Distinct: p0, p1, p2, q0, q1, q2 = 6.
        #expect(k.kind == "customer" && k.sessions == 4 && k.productViewSessions == 4 && k.productViews == 11)
        #expect(k.distinctProducts == 6 && k.orders == 1 && k.conversionRate == 0)
        // Loosening the conversion cap to 0.34 lets L in (12 views, 1/3).
        let loose = ExecutiveReportBuilder.build(
            data: shop.data, period: period, options: .init(comparisonMaxConversionRate: 0.34))
        let l = try #require(loose.comparisonShoppers.first { $0.id == "L" })
        #expect(abs(l.conversionRate - 1.0 / 3.0) < 1e-9)
        #expect(loose.comparisonShoppers.map(\.id) == ["L", "visitor:77", "K"])  // 12 views: L < visitor:77 by id
        // With the store's key known, an anonymous visitor is named by the FNV-1a hash of its key
        // (published test vector: FNV-1a 64 of "a" is af63dc4c8601ec8c), as the Spark job names it.
        var keyed = shop.data
        keyed.visitorKey = { $0 == 77 ? "a" : nil }
        #expect(ExecutiveReportBuilder.build(data: keyed, period: period).comparisonShoppers.map(\.id) == ["visitor:af63dc4c8601ec8c", "K"])
    }

    @Test func kpisAgainstThePreviousPeriod() throws {
        var shop = ExecutiveShop()
        // Period: visitor 1 (A) twice, one converted; visitor 2 anonymous; visitor 3 (B) converted.
        shop.session(visitor: 1, customer: "A", at: 101, converted: true)
        shop.session(visitor: 1, customer: "A", at: 102)
        shop.session(visitor: 2, customer: nil, at: 103)
        shop.session(visitor: 3, customer: "B", at: 104, converted: true)
        // Previous period: visitor 1 (A), visitor 4 anonymous; nothing converted.
        shop.session(visitor: 1, customer: "A", at: 95)
        shop.session(visitor: 4, customer: nil, at: 96)
        // Orders: A 50 (10.00), 95 (20.00), 105 (30.00); B 106 (40.00), 107 (5.50); C 92 (12.34).
        shop.order("a0", customer: "A", at: 50, cents: 1_000)
        shop.order("a1", customer: "A", at: 95, cents: 2_000)
        shop.order("a2", customer: "A", at: 105, cents: 3_000)
        shop.order("b1", customer: "B", at: 106, cents: 4_000)
        shop.order("b2", customer: "B", at: 107, cents: 550)
        shop.order("c1", customer: "C", at: 92, cents: 1_234)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        #expect(report.previousPeriod == ReportPeriod(fromMicros: 90 * day, toMicros: 100 * day))
        #expect(
            report.kpis.map(\.name) == [
                "visitors", "sessions", "identified_customers", "orders", "revenue", "conversion_rate", "new_customers",
                "returning_customers",
            ])
        func counts(_ name: String) throws -> (Int, Int, Double?) {
            let k = try kpi(report, name)
            guard case .count(let v) = k.value, case .count(let p) = k.previous else {
                Issue.record("\(name) is not a count")
                return (-1, -1, nil)
            }
            return (v, p, k.change)
        }
        // visitors 3 vs 2 (+50%); sessions 4 vs 2 (+100%); identified 2 (A, B) vs 1 (A) (+100%).
        var (v, p, c) = try counts("visitors")
        #expect(v == 3 && p == 2 && abs((c ?? 0) - 0.5) < 1e-9)
        (v, p, c) = try counts("sessions")
        #expect(v == 4 && p == 2 && abs((c ?? 0) - 1) < 1e-9)
        (v, p, c) = try counts("identified_customers")
        #expect(v == 2 && p == 1 && abs((c ?? 0) - 1) < 1e-9)
        // orders: a2, b1, b2 vs a1, c1.
        (v, p, c) = try counts("orders")
        #expect(v == 3 && p == 2 && abs((c ?? 0) - 0.5) < 1e-9)
        // new: B (first order 106) vs C (92); returning: A (50 < 100) vs A (50 < 90) — C's first is in the period.
        (v, p, c) = try counts("new_customers")
        #expect(v == 1 && p == 1 && c == 0)
        (v, p, c) = try counts("returning_customers")
        #expect(v == 1 && p == 1 && c == 0)
        // revenue 30 + 40 + 5.50 = 75.50 vs 20 + 12.34 = 32.34: change 43.16 / 32.34.
        let revenue = try kpi(report, "revenue")
        #expect(revenue.value == .money(Money(cents: 7_550)) && revenue.previous == .money(Money(cents: 3_234)))
        #expect(abs((revenue.change ?? 0) - 43.16 / 32.34) < 1e-9)
        // conversion 2/4 = 0.5 vs 0/2 = 0 → change null.
        let conversion = try kpi(report, "conversion_rate")
        #expect(conversion.value == .rate(0.5) && conversion.previous == .rate(0) && conversion.change == nil)
        // JSON: money as a number, a null change.
        let json = String(decoding: try JSONEncoder().encode(revenue), as: UTF8.self)
        let object = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["unit"] as? String == "money")
        #expect((object["value"] as? NSNumber)?.doubleValue == 75.5)
        #expect((object["previous"] as? NSNumber)?.doubleValue == 32.34)
        let conversionJSON = try JSONEncoder().encode(conversion)
        let conversionObject = try #require(JSONSerialization.jsonObject(with: conversionJSON) as? [String: Any])
        #expect(conversionObject["change"] is NSNull)
        #expect(try JSONDecoder().decode(ExecutiveReport.KPI.self, from: Data(json.utf8)) == revenue)
    }

    @Test func reconciliationCounts() {
        var shop = ExecutiveShop()
        let s1 = shop.session(visitor: 1, customer: "A", at: 101, converted: true, pages: [("checkout_complete", "o1")])
        let s2 = shop.session(
            visitor: 2, customer: nil, at: 102, converted: true, pages: [("checkout_complete", "zz9"), ("other", nil)])
        let s3 = shop.session(
            visitor: 3, customer: "B", at: 103, converted: true,
            pages: [("checkout_complete", "o3"), ("checkout_complete", "zz9"), ("checkout_complete", nil)])
        shop.session(visitor: 4, customer: nil, at: 104, pages: [("checkout_complete", "o4")])
        shop.session(visitor: 5, customer: nil, at: 95, pages: [("checkout_complete", "zz8")])
        // In the period: o1 (seen), o2 (not seen), o3 (seen). o4 is before the period, seen elsewhere.
        shop.order("o1", customer: "A", at: 101, cents: 100, session: s1)
        shop.order("o2", customer: "C", at: 102, cents: 100)
        shop.order("o3", customer: "B", at: 103, cents: 100, session: s3)
        shop.order("o4", customer: "D", at: 90, cents: 100, session: s2)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        let r = report.reconciliation
        #expect(r.ordersInFile == 3 && r.ordersSeenInLogs == 2 && r.unmatchedOrders == 1)
        // Checkout ids in the period not in orders.csv: zz9 (twice, counted once). o4 is in the file; zz8 is
        // outside the period; the nil item is ignored.
        #expect(r.checkoutOrdersNotInFile == 1)
        // Sessions in the period: 4, of which 2 tied to a customer.
        #expect(r.sessions == 4 && r.identifiedSessions == 2 && abs(r.identifiedSessionShare - 0.5) < 1e-9)
        #expect(report.coverage == ReportCoverage.of(shop.data, in: period))
        #expect(report.coverage.orders == 3 && report.coverage.ordersMatchedToSession == 2)
    }

    @Test func topCustomers() {
        var shop = tenCustomers()
        shop.data.customers = ["c01": ["segment": "vip"], "c02": ["region": "north"]]
        shop.session(visitor: 1, customer: "c01", at: 101)
        shop.session(visitor: 2, customer: "c01", at: 102)
        shop.session(visitor: 1, customer: "c01", at: 99)  // previous period: not counted
        shop.order("o99", customer: "c02", at: 105, cents: 50)  // c02 now 200.50 in 2 orders
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period, options: .init(top: 3))
        #expect(report.topCustomers.map(\.customerID) == ["c01", "c02", "c03"])
        #expect(report.topCustomers.map(\.revenue.cents) == [50_000, 20_050, 10_000])
        #expect(report.topCustomers.map(\.orders) == [1, 2, 1])
        #expect(report.topCustomers.map(\.sessions) == [2, 0, 0])
        #expect(report.topCustomers.map(\.segment) == ["vip", nil, nil])
        #expect(report.customersRFM.map(\.customerID) == ["c01", "c02", "c03"])
        // Ties: c04 and c05 both 50.00 → c04 first; c09 and c10 → c09 first.
        let all = ExecutiveReportBuilder.build(data: shop.data, period: period)
        #expect(all.topCustomers.map(\.customerID) == (1...10).map { String(format: "c%02d", $0) })
    }

    @Test func jsonHasTheRequiredKeys() throws {
        var shop = tenCustomers()
        shop.order("w0", customer: "W", at: 95, cents: 4_000)
        shop.order("w1", customer: "W", at: 97, cents: 4_000)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        let data = try report.json()
        let root = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "schema_version", "report", "period", "previous_period", "coverage", "parameters", "headline", "kpis",
            "pyramid", "pareto", "rfm_segments", "customers_rfm", "churn_risk", "comparison_shoppers",
            "top_customers", "reconciliation", "definitions",
        ] {
            #expect(root[key] != nil, "\(key)")
        }
        #expect(root["schema_version"] as? Int == 1 && root["report"] as? String == "executive")
        func keys(_ any: Any?) -> Set<String> { Set((any as? [String: Any])?.keys.map { $0 } ?? []) }
        func first(_ key: String) -> Any? { (root[key] as? [Any])?.first }
        #expect(keys(first("pyramid")).isSuperset(of: ["tier", "customers", "revenue", "revenue_share"]))
        #expect(keys(root["pareto"]).isSuperset(of: ["top20_revenue_share", "curve"]))
        let curve = (root["pareto"] as? [String: Any])?["curve"] as? [Any]
        #expect(curve?.count == 20)
        let pointKeys = keys(curve?.first)
        #expect(pointKeys.isSuperset(of: ["customer_share", "revenue_share"]))
        #expect(keys(first("rfm_segments")).isSuperset(of: ["segment", "customers", "revenue"]))
        #expect(keys(first("customers_rfm")).isSuperset(of: ["customer_id", "r", "f", "m", "segment"]))
        #expect(
            keys(first("churn_risk")) == [
                "customer_id", "revenue", "orders", "median_interval_days", "days_since_last_order",
                "days_since_last_visit",
            ])
        #expect((first("churn_risk") as? [String: Any])?["days_since_last_visit"] is NSNull)
        #expect(
            keys(first("top_customers")).isSuperset(of: ["customer_id", "revenue", "orders", "sessions", "segment"]))
        #expect((first("top_customers") as? [String: Any])?["segment"] is NSNull)
        #expect(keys(first("kpis")) == ["name", "unit", "value", "previous", "change"])
        #expect(
            keys(root["reconciliation"]).isSuperset(of: [
                "orders_in_file", "orders_seen_in_logs", "unmatched_orders", "checkout_orders_not_in_file",
                "identified_session_share",
            ]))
        #expect(keys(root["period"]) == ["from", "to"])
        #expect(((root["pyramid"] as? [[String: Any]])?.first?["revenue"] as? NSNumber)?.doubleValue == 500)
        // Every top-level number family has a definition.
        let definitions = try #require(root["definitions"] as? [String: String])
        for key in [
            "kpis.conversion_rate", "pyramid", "pareto.top20_revenue_share", "rfm.scores", "rfm_segments",
            "churn_risk", "comparison_shoppers", "reconciliation.checkout_orders_not_in_file",
        ] {
            #expect(definitions[key] != nil, "\(key)")
        }
        // Round trip.
        #expect(try JSONDecoder().decode(ExecutiveReport.self, from: data) == report)
    }

    @Test func textAndCSV() {
        var shop = tenCustomers()
        shop.order("w0", customer: "W", at: 95, cents: 4_000)
        shop.order("w1", customer: "W", at: 97, cents: 4_000)
        let report = ExecutiveReportBuilder.build(data: shop.data, period: period)
        let lines = report.textLines()
        #expect(lines[0] == "Executive report, 1970-04-11 to 1970-04-20 (10 days)")
        #expect(lines.contains("How is value spread over customers, and who is slipping away?"))
        #expect(lines.contains { $0.contains("The top 20% of paying customers (2 of 10) bring 70.0% of revenue") })
        #expect(lines.contains { $0.contains("1 repeat customer worth 80.00 is slipping away") })
        // Revenue 1,000.00 vs 80.00: +1150.0%.
        #expect(lines.contains { $0.contains("Revenue 1,000.00 against 80.00 in the previous period (+1150.0%)") })
        let tables = report.csvTables()
        #expect(
            tables.map(\.name) == [
                "kpis", "pyramid", "pareto_curve", "rfm_segments", "customers_rfm", "churn_risk", "comparison_shoppers",
                "top_customers", "reconciliation",
            ])
        for t in tables { #expect(t.rows.allSatisfy { $0.count == t.header.count }, "\(t.name)") }
        let pyramid = tables[1]
        #expect(pyramid.rows[0] == ["top 1%", "1", "500.00", "0.5"])
        let churn = tables[5]
        // W: days 95, 97 → median 2, 13 days since, never seen.
        #expect(churn.rows == [["W", "80.00", "2", "2", "13", ""]])
        let kpis = tables[0]
        #expect(kpis.rows[4] == ["revenue", "money", "1000.00", "80.00", "11.5"])
    }
}
