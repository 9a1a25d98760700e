import Foundation
import LogModel
import Testing

@testable import ClienteleKit

/// The products report on a hand-made month. T0 = 2026-01-05 00:00 UTC; the period is 30 days.
///
/// products.csv: p1 Mug (Kitchen) 10.00, p2 Tea (Food) 5.00, p3 Pot (Kitchen) 30.00; p4 and p5 are
/// not in it (category "(unknown)").
///
/// Pageviews in the period: p1 4 views + 2 cart adds, p2 2 views + 1 cart add, p3 1 view, p5 3 views;
/// out of the count: a p1 view the day before T0, and a product view without a sku.
///
/// Orders (day after T0: items):
/// - o1 A d0: p1×2, p2×1        - o2 B d1: p1×1, p2×2       - o5 C d2: p4×1 (2.00)
/// - o3 A d4: p3×1              - o4 B d5: p3×1, p1×1       - o7 A d10.5: p1×1
/// - o8 D d20: p1×1             - o6 C d40: p1×1 (after the period)
@Suite struct ProductsReportTests {
    static let day: Int64 = 86_400_000_000
    static let t0 = Int64(CivilTime.days(year: 2026, month: 1, day: 5)) * day
    static let period = ReportPeriod(fromMicros: t0, toMicros: t0 + 30 * day)

    static func order(_ id: String, _ customer: String, days: Double, _ items: [(String, Int)]) -> ReportData.Order {
        let price: [String: Int64] = ["p1": 1000, "p2": 500, "p3": 3000, "p4": 200]
        return .init(
            id: id, customerID: customer, orderedAt: t0 + Int64(days * Double(day)),
            items: items.map { .init(sku: $0.0, quantity: $0.1, unitPriceCents: price[$0.0]!) }, session: nil)
    }

    static func data() -> ReportData {
        var d = ReportData()
        var pages: [(Int64, String, String?)] = []  // (ts, kind, sku)
        for _ in 0..<4 { pages.append((t0 + day, "product", "p1")) }
        for _ in 0..<2 { pages.append((t0 + day, "cart_add", "p1")) }
        for _ in 0..<2 { pages.append((t0 + 2 * day, "product", "p2")) }
        pages.append((t0 + 2 * day, "cart_add", "p2"))
        pages.append((t0 + 3 * day, "product", "p3"))
        for _ in 0..<3 { pages.append((t0 + 3 * day, "product", "p5")) }
        pages.append((t0 + 3 * day, "product", nil))
        pages.append((t0 + 3 * day, "article", "p1"))
        pages.insert((t0 - day, "product", "p1"), at: 0)
        for (i, page) in pages.enumerated() {
            d.appendPageview(
                session: i, ts: page.0, path: "/x", kind: page.1, item: page.2, quantity: page.1 == "cart_add" ? 1 : nil)
            d.append(
                SessionText(
                    id: Int64(i), visitorID: Int64(i), customerID: nil, start: page.0, end: page.0, pageviews: 1,
                    channel: "Direct", source: "", medium: "", campaign: nil, landingPath: "/x", exitPath: "/x",
                    bounced: true, converted: false, pageviewRange: i..<(i + 1)))
        }
        d.orders = [
            order("o1", "A", days: 0, [("p1", 2), ("p2", 1)]),
            order("o2", "B", days: 1, [("p1", 1), ("p2", 2)]),
            order("o5", "C", days: 2, [("p4", 1)]),
            order("o3", "A", days: 4, [("p3", 1)]),
            order("o4", "B", days: 5, [("p3", 1), ("p1", 1)]),
            order("o7", "A", days: 10.5, [("p1", 1)]),
            order("o8", "D", days: 20, [("p1", 1)]),
            order("o6", "C", days: 40, [("p1", 1)]),
        ]
        d.products = [
            "p1": ProductRecord(sku: "p1", name: "Mug", category: "Kitchen", priceCents: 1000),
            "p2": ProductRecord(sku: "p2", name: "Tea", category: "Food", priceCents: 500),
            "p3": ProductRecord(sku: "p3", name: "Pot", category: "Kitchen", priceCents: 3000),
        ]
        return d
    }

    static let report = ProductsReportBuilder.build(data: data(), period: period)

    func product(_ sku: String) throws -> ProductsReport.Product {
        try #require(Self.report.products.first { $0.sku == sku })
    }

    @Test func productFigures() throws {
        // p1 and p3 both earn 60.00; p1 has more orders.
        #expect(Self.report.products.map(\.sku) == ["p1", "p3", "p2", "p4", "p5"])
        let p1 = try product("p1")
        #expect(p1.name == "Mug" && p1.category == "Kitchen")
        #expect(p1.views == 4 && p1.cartAdds == 2)
        #expect(p1.purchases == 5)  // o1, o2, o4, o7, o8 (o6 is after the period)
        #expect(p1.units == 6)  // 2 + 1 + 1 + 1 + 1
        #expect(p1.buyers == 3)  // A, B, D
        #expect(p1.repeatBuyers == 2)  // A (o1, o7), B (o2, o4)
        #expect(p1.revenue == Money(cents: 6000))
        #expect(abs(p1.viewToCartRate! - 0.5) < 1e-9)
        #expect(abs(p1.viewToPurchaseRate! - 1.25) < 1e-9)  // 5 / 4: more orders than logged views
        let p2 = try product("p2")
        #expect(p2.units == 3 && p2.purchases == 2 && p2.repeatBuyers == 0 && p2.revenue == Money(cents: 1500))
        #expect(abs(p2.viewToPurchaseRate! - 1) < 1e-9)
        let p3 = try product("p3")
        #expect(p3.views == 1 && p3.cartAdds == 0)
        #expect(abs(p3.viewToCartRate! - 0) < 1e-9)
        #expect(abs(p3.viewToPurchaseRate! - 2) < 1e-9)
        let p4 = try product("p4")  // bought, never viewed, not in products.csv
        #expect(p4.name == "" && p4.category == "(unknown)")
        #expect(p4.viewToCartRate == nil && p4.viewToPurchaseRate == nil)
        #expect(p4.revenue == Money(cents: 200) && p4.buyers == 1)
        let p5 = try product("p5")  // viewed, never bought
        #expect(p5.views == 3 && p5.purchases == 0 && p5.revenue == .zero)
        #expect(Self.report.productsTotal == 5)
    }

    @Test func funnelCountsPageviewsWithASkuAndOrders() {
        // Views 4 + 2 + 1 + 3 (the unsku'd and out-of-period views are not counted), cart adds 2 + 1,
        // 7 orders in the period.
        #expect(Self.report.funnel == .init(views: 10, cartAdds: 3, purchases: 7))
    }

    @Test func categoryFigures() throws {
        let cats = Self.report.categories
        #expect(cats.map(\.category) == ["Kitchen", "Food", "(unknown)"])
        let kitchen = cats[0]
        #expect(kitchen.products == 2)  // p1, p3
        #expect(kitchen.views == 5 && kitchen.cartAdds == 2)
        #expect(kitchen.purchases == 6)  // o1, o2, o3, o4, o7, o8 (o4 counted once)
        #expect(kitchen.units == 8)
        #expect(kitchen.buyers == 3)
        #expect(kitchen.repeatBuyers == 2)  // A (3 orders), B (2)
        #expect(kitchen.revenue == Money(cents: 12000))
        #expect(abs(kitchen.viewToCartRate! - 0.4) < 1e-9)
        #expect(abs(kitchen.viewToPurchaseRate! - 1.2) < 1e-9)
        let unknown = cats[2]
        #expect(unknown.products == 2 && unknown.views == 3 && unknown.purchases == 1)  // p4, p5
        #expect(abs(unknown.viewToPurchaseRate! - 1.0 / 3) < 1e-9)
    }

    @Test func viewedButNotBought() {
        // Views of viewed products 1, 2, 3, 4 → median 2.5; p1 (4) and p5 (3) qualify; p5 converts least.
        #expect(Self.report.viewNotBuyThreshold == 2.5)
        #expect(Self.report.viewNotBuy.map(\.sku) == ["p5", "p1"])
        #expect(Self.report.viewNotBuy[0].viewToPurchaseRate == 0)
        #expect(abs(Self.report.viewNotBuy[1].viewToPurchaseRate - 1.25) < 1e-9)
        #expect(ProductsReportBuilder.median([3, 1, 2]) == 2)
        #expect(ProductsReportBuilder.median([]) == nil)
    }

    @Test func pairsSupportConfidenceLift() throws {
        // Baskets: {p1,p2} ×2, {p3}, {p1,p3}, {p4}, {p1}, {p1} → 7 orders; p1 in 5, p2 in 2.
        // {p1,p3} occurs once (below min_pair_count 2).
        #expect(Self.report.pairs.count == 1)
        let pair = try #require(Self.report.pairs.first)
        #expect(pair.a == "p1" && pair.b == "p2" && pair.count == 2)
        #expect(abs(pair.support - 2.0 / 7) < 1e-9)
        #expect(abs(pair.confidenceAToB - 0.4) < 1e-9)  // 2 / 5
        #expect(abs(pair.confidenceBToA - 1) < 1e-9)  // 2 / 2
        #expect(abs(pair.lift - 1.4) < 1e-9)  // (2/7) / ((5/7)(2/7)) = 2·7 / (5·2)
        // Categories: {Food, Kitchen} ×2; Kitchen in 6 orders, Food in 2.
        let cat = try #require(Self.report.categoryPairs.first)
        #expect(Self.report.categoryPairs.count == 1)
        #expect(cat.a == "Food" && cat.b == "Kitchen" && cat.count == 2)
        #expect(abs(cat.confidenceAToB - 1) < 1e-9)
        #expect(abs(cat.confidenceBToA - 1.0 / 3) < 1e-9)
        #expect(abs(cat.lift - 14.0 / 12) < 1e-9)
        // With min 1 both pairs; ties in count broken by lift: {p1,p3} lift 1·7/(5·2) = 0.7.
        let all = ProductsReportBuilder.build(data: Self.data(), period: Self.period, options: .init(minPairCount: 1))
        #expect(all.pairs.map { "\($0.a)+\($0.b)" } == ["p1+p2", "p1+p3"])
        #expect(abs(all.pairs[1].lift - 0.7) < 1e-9)
        let sorted = ProductsReportBuilder.pairs([["a", "b"], ["a", "c"], ["b", "c"], ["c"]], minCount: 1)
        // All count 1; lift a+b = 4/(2·2) = 1, a+c = 4/(2·3), b+c = 4/(2·3): ties by names.
        #expect(sorted.map { "\($0.a)+\($0.b)" } == ["a+b", "a+c", "b+c"])
    }

    @Test func sequencesRateAndMedianGap() throws {
        // A: p1, p2 d0 → p3 d4 → p1 d10.5.  B: p1, p2 d1 → p3, p1 d5.  D: p1 d20.
        // p2→p1: A 10.5 (the p1 of d0 is not later), B 4 → median 7.25, rate 2 / 2 buyers of p2.
        // p2→p3: A 4, B 4 → rate 1.  p1→p3: A 4, B 4 → rate 2 / 3 (A, B, D bought p1).
        // p3→p1: A only (6.5 days); B's p1 comes with p3 (0 days): dropped (fewer than 2 customers).
        let seq = Self.report.sequences
        #expect(seq.map { "\($0.first)>\($0.then)" } == ["p2>p1", "p2>p3", "p1>p3"])
        #expect(seq.allSatisfy { $0.customers == 2 })
        #expect(abs(seq[0].medianGapDays - 7.25) < 1e-9)
        #expect(abs(seq[0].rate - 1) < 1e-9)
        #expect(abs(seq[1].medianGapDays - 4) < 1e-9)
        #expect(abs(seq[2].rate - 2.0 / 3) < 1e-9)
        // Categories: Food→Kitchen for A (d0 → d4) and B (d1 → d5); Kitchen→Food never later.
        #expect(
            Self.report.categorySequences == [
                .init(first: "Food", then: "Kitchen", customers: 2, rate: 1, medianGapDays: 4)
            ])
        let one = ProductsReportBuilder.build(
            data: Self.data(), period: Self.period, options: .init(sequenceMinCustomers: 1))
        let p3p1 = try #require(one.sequences.first { $0.first == "p3" && $0.then == "p1" })
        #expect(p3p1.customers == 1 && abs(p3p1.medianGapDays - 6.5) < 1e-9 && abs(p3p1.rate - 0.5) < 1e-9)
    }

    @Test func sequenceWindowIsInclusive() {
        // Two customers each buy q at 0, then r at exactly 3 days, s at 3 days − 1 µs, t at exactly
        // 30 days and u at 30 days + 1 µs. From q only r (3 days) and t (30 days) qualify.
        let d = Self.day
        let purchases: [(ts: Int64, items: [String])] = [
            (0, ["q"]), (3 * d - 1, ["s"]), (3 * d, ["r"]), (30 * d, ["t"]), (30 * d + 1, ["u"]),
        ]
        let seq = ProductsReportBuilder.sequences([purchases, purchases], options: .init())
        let fromQ = seq.filter { $0.first == "q" }
        #expect(fromQ.map(\.then) == ["r", "t"])
        #expect(fromQ.map(\.medianGapDays) == [3, 30])
    }

    @Test func headlineTextAndCSV() {
        let r = Self.report
        #expect(r.headline.count == 3)
        #expect(r.headline[0] == "10 product views and 3 cart adds; 7 orders bought 12 units for 137.00.")
        #expect(r.headline[1].hasPrefix("Best seller: Mug (p1) with 60.00 from 5 orders by 3 customers"))
        #expect(r.headline[2] == "Most often bought together: p1 + p2 in 2 orders (lift 1.40).")
        let text = r.textLines()
        #expect(text.first == "Products — what do customers view, cart and buy, and buy together?")
        #expect(text.contains { $0.hasPrefix("Mug (p1)") && $0.contains("60.00") })
        let csv = r.csvTables()
        #expect(
            csv.map(\.name) == [
                "products_funnel", "products", "products_categories", "products_view_not_buy", "products_pairs",
                "products_category_pairs", "products_sequences", "products_category_sequences",
            ])
        #expect(csv[0].rows == [["10", "3", "7"]])
        #expect(csv[1].rows.count == 5)
        #expect(csv[1].rows[0] == ["p1", "Mug", "Kitchen", "4", "2", "5", "6", "3", "2", "60.00", "0.5", "1.25"])
        #expect(csv[1].rows[3].suffix(2) == ["", ""])  // p4: no views
        #expect(csv[4].rows == [["p1", "p2", "2", String(2.0 / 7), "0.4", "1.0", String(14.0 / 10)]])
        #expect(csv[6].rows.count == 3)
    }

    @Test func jsonHasTheRequiredKeys() throws {
        let json = try JSONEncoder().encode(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        for key in [
            "schema_version", "report", "period", "coverage", "options", "headline", "funnel", "products_total",
            "products", "categories", "view_not_buy_threshold", "view_not_buy", "pairs", "category_pairs", "sequences",
            "category_sequences", "definitions",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["report"] as? String == "products")
        let products = try #require(object["products"] as? [[String: Any]])
        let productKeys: Set<String> = [
            "sku", "name", "category", "views", "cart_adds", "purchases", "units", "buyers", "repeat_buyers",
            "revenue", "view_to_cart_rate", "view_to_purchase_rate",
        ]
        #expect(Set(products[3].keys) == productKeys)  // p4's null rates are written
        #expect(products[3]["view_to_cart_rate"] is NSNull)
        let pair = try #require((object["pairs"] as? [[String: Any]])?.first)
        #expect(Set(pair.keys) == ["a", "b", "count", "support", "confidence_a_to_b", "confidence_b_to_a", "lift"])
        let sequence = try #require((object["sequences"] as? [[String: Any]])?.first)
        #expect(Set(sequence.keys) == ["first", "then", "customers", "rate", "median_gap_days"])
        let funnel = try #require(object["funnel"] as? [String: Any])
        #expect(Set(funnel.keys) == ["views", "cart_adds", "purchases"])
        let miss = try #require((object["view_not_buy"] as? [[String: Any]])?.first)
        #expect(Set(miss.keys) == ["sku", "name", "views", "purchases", "view_to_purchase_rate"])
        let definitions = try #require(object["definitions"] as? [String: String])
        for key in productKeys.union(["support", "confidence_a_to_b", "lift", "rate", "median_gap_days", "count"])
        where key != "confidence_b_to_a" {
            #expect(definitions[key] != nil, "undefined \(key)")
        }
        let decoded = try JSONDecoder().decode(ProductsReport.self, from: json)
        #expect(decoded.products == Self.report.products)
        #expect(decoded.sequences == Self.report.sequences)
    }
}
