import Foundation
import Testing

@testable import ClienteleKit

@Suite struct MarketingReportTests {
    static let day: Int64 = 86_400_000_000
    static let hour: Int64 = 3_600_000_000
    /// 2026-01-01 00:00 UTC.
    static let base: Int64 = 20_454 * day

    static func at(day d: Int64, hour h: Int64 = 12) -> Int64 { base + d * day + h * hour }

    static func session(
        _ id: Int64, visitor: Int64, customer: String?, at start: Int64, channel: String, source: String? = nil,
        medium: String? = nil, campaign: String? = nil, bounced: Bool = false, converted: Bool = false
    ) -> SessionText {
        let defaults: [String: (String, String)] = [
            "Email": ("newsletter", "email"), "Direct": ("(direct)", "(none)"), "Paid Search": ("google", "cpc"),
            "Organic Search": ("google", "organic"), "Display": ("dv360", "cpm"),
        ]
        let d = defaults[channel] ?? ("other", "other")
        return SessionText(
            id: id, visitorID: visitor, customerID: customer, start: start, end: start + 60_000_000,
            pageviews: bounced ? 1 : 3,
            channel: channel, source: source ?? d.0, medium: medium ?? d.1, campaign: campaign, landingPath: "/",
            exitPath: "/", bounced: bounced, converted: converted, pageviewRange: 0..<0)
    }

    static func order(_ id: String, customer: String, at time: Int64, cents: Int64) -> ReportData.Order {
        ReportData.Order(
            id: id, customerID: customer, orderedAt: time,
            items: [.init(sku: "SKU", quantity: 1, unitPriceCents: cents)],
            session: nil)
    }

    /// Days `from..<to` after 2026-01-01.
    static func period(_ from: Int64, _ to: Int64) -> ReportPeriod {
        ReportPeriod(fromMicros: base + from * day, toMicros: base + to * day)
    }

    static func channel(_ report: MarketingReport, _ name: String) -> MarketingReport.Metrics? {
        report.channels.first { $0.channel == name }?.metrics
    }

    // MARK: - The worked example: one order of 100.00 after Email (−10 d), Direct (−3 d), Paid Search (−1 d)

    static func workedExample() -> ReportData {
        var data = ReportData()
        let orderTime = at(day: 20)
        data.setSessions([
            session(1, visitor: 1, customer: "c1", at: orderTime - 10 * day, channel: "Email", campaign: "nov"),
            session(2, visitor: 2, customer: "c1", at: orderTime - 3 * day, channel: "Direct"),
            session(3, visitor: 1, customer: "c1", at: orderTime - 1 * day, channel: "Paid Search", campaign: "brand"),
        ])
        data.orders = [order("o1", customer: "c1", at: orderTime, cents: 10_000)]
        return data
    }

    @Test func everyModelOnTheWorkedExample() throws {
        let report = MarketingReportBuilder.build(data: Self.workedExample(), period: Self.period(20, 21))
        let email = try #require(Self.channel(report, "Email"))
        let direct = try #require(Self.channel(report, "Direct"))
        let paid = try #require(Self.channel(report, "Paid Search"))
        // Touches before the period still earn credit, so all three channels are listed though only the order is in it.
        #expect(report.channels.count == 3)
        #expect(email.sessions == 0 && paid.sessions == 0)

        // Last non-direct click: Paid Search is the last touch that is not Direct.
        #expect([email, direct, paid].map(\.revenue.lastNonDirect.cents) == [0, 0, 10_000])
        #expect([email, direct, paid].map(\.orders.lastNonDirect) == [0, 0, 1])
        // First click: Email.
        #expect([email, direct, paid].map(\.revenue.firstClick.cents) == [10_000, 0, 0])
        // Linear: 3333.33… cents each; the left-over cent goes to the touch nearest the order.
        #expect([email, direct, paid].map(\.revenue.linear.cents) == [3_333, 3_333, 3_334])
        #expect(abs(email.orders.linear - 1.0 / 3) < 1e-12)
        // Time decay, half-life 7 d: weights 2^(-10/7) = 0.371499, 2^(-3/7) = 0.742997, 2^(-1/7) = 0.905724, sum 2.020219;
        // shares 1838.902, 3677.804, 4483.294 cents → floors 1838 + 3677 + 4483 = 9998, the 2 cents left go to the
        // largest remainders (.902, .804): 1839, 3678, 4483.
        #expect([email, direct, paid].map(\.revenue.timeDecay.cents) == [1_839, 3_678, 4_483])
        let w = [pow(2, -10.0 / 7), pow(2, -3.0 / 7), pow(2, -1.0 / 7)]
        #expect(abs(paid.orders.timeDecay - w[2] / w.reduce(0, +)) < 1e-12)
        // Position-based: 40 / 20 / 40.
        #expect([email, direct, paid].map(\.revenue.positionBased.cents) == [4_000, 2_000, 4_000])
        #expect(abs(direct.orders.positionBased - 0.2) < 1e-12)
        // Markov: one converting path and nothing else, so removing any channel leaves P = 0: every removal effect is 1,
        // normalised to 1/3 each — the same cents as linear.
        #expect([email, direct, paid].map(\.revenue.markov.cents) == [3_333, 3_333, 3_334])
        #expect(report.markov.conversionProbability == 1)
        #expect(report.markov.channels.allSatisfy { $0.removalEffect == 1 })

        // Every model's revenue adds up to the order, to the cent, and its order credit to 1.
        for model in MarketingAttributionModel.allCases {
            #expect(report.channels.reduce(0) { $0 + $1.metrics.revenue[model].cents } == 10_000)
            #expect(abs(report.channels.reduce(0) { $0 + $1.metrics.orders[model] } - 1) < 1e-12)
            #expect(report.sources.reduce(0) { $0 + $1.metrics.revenue[model].cents } == 10_000)
        }
        #expect(report.attributed == .init(orders: 1, revenue: Money(cents: 10_000)))
        #expect(report.unattributed == .init(orders: 0, revenue: .zero))
    }

    @Test func lastNonDirectFallsBackToTheLastTouchWhenAllAreDirect() {
        let w = MarketingAttributionModel.lastNonDirect.weights(
            channels: ["Direct", "Direct", "Direct"], starts: [1, 2, 3], orderTime: 4, halfLifeDays: 7,
            removalEffects: [:])
        #expect(w == [0, 0, 1])
        let skip = MarketingAttributionModel.lastNonDirect.weights(
            channels: ["Email", "Organic Search", "Direct"], starts: [1, 2, 3], orderTime: 4, halfLifeDays: 7,
            removalEffects: [:])
        #expect(skip == [0, 1, 0])
    }

    @Test func positionBasedForOneTwoAndFourTouches() {
        func weights(_ n: Int) -> [Double] {
            MarketingAttributionModel.positionBased.weights(
                channels: Array(repeating: "Email", count: n), starts: Array(repeating: 0, count: n), orderTime: 0,
                halfLifeDays: 7, removalEffects: [:])
        }
        #expect(weights(1) == [1])
        #expect(weights(2) == [0.5, 0.5])
        // Four touches: 40%, the 20% split over the two middle ones, 40%.
        #expect(weights(4) == [0.4, 0.1, 0.1, 0.4])
    }

    @Test func allocationAddsUpToTheCentAndBreaksTiesTowardsTheLaterTouch() {
        #expect(MarketingAttributionModel.allocate(cents: 100, weights: [1, 1, 1]) == [33, 33, 34])
        #expect(MarketingAttributionModel.allocate(cents: 200, weights: [1, 1, 1]) == [66, 67, 67])
        #expect(MarketingAttributionModel.allocate(cents: 1, weights: [1, 1]) == [0, 1])
        #expect(MarketingAttributionModel.allocate(cents: -100, weights: [1, 1, 1]) == [-33, -33, -34])
        #expect(MarketingAttributionModel.allocate(cents: 10_000, weights: [0.4, 0.2, 0.4]) == [4_000, 2_000, 4_000])
        // 7 cents over weights 0.5, 0.3, 0.2: 3.5, 2.1, 1.4 → 3, 2, 1 and the last cent to the largest remainder (.5).
        #expect(MarketingAttributionModel.allocate(cents: 7, weights: [0.5, 0.3, 0.2]) == [4, 2, 1])
        for cents in [0, 1, 99, 12_345, 999_999] as [Int64] {
            #expect(
                MarketingAttributionModel.allocate(cents: cents, weights: [0.123, 0.456, 0.789, 1e-9]).reduce(0, +)
                    == cents)
        }
    }

    @Test func touchesAreTheLookbackBeforeTheOrderOnAnyDevice() throws {
        var data = ReportData()
        let orderTime = Self.at(day: 40)
        data.setSessions([
            // 30 days and 1 µs before: outside the lookback.
            Self.session(1, visitor: 1, customer: "c", at: orderTime - 30 * Self.day - 1, channel: "Display"),
            // Exactly 30 days before: inside.
            Self.session(2, visitor: 2, customer: "c", at: orderTime - 30 * Self.day, channel: "Email"),
            // At the order time: inside.
            Self.session(3, visitor: 3, customer: "c", at: orderTime, channel: "Paid Search"),
            // After the order: not a touch.
            Self.session(4, visitor: 1, customer: "c", at: orderTime + 1, channel: "Organic Search"),
            // Another customer's session: not a touch.
            Self.session(5, visitor: 4, customer: "d", at: orderTime - Self.day, channel: "Organic Search"),
        ])
        data.orders = [
            Self.order("o1", customer: "c", at: orderTime, cents: 5_000),
            Self.order("o2", customer: "nobody", at: orderTime, cents: 700),
            Self.order("o3", customer: "", at: orderTime, cents: 300),
        ]
        let report = MarketingReportBuilder.build(data: data, period: Self.period(40, 41))
        #expect(report.attributed == .init(orders: 1, revenue: Money(cents: 5_000)))
        #expect(report.unattributed == .init(orders: 2, revenue: Money(cents: 1_000)))
        #expect(Self.channel(report, "Email")?.revenue.linear.cents == 2_500)
        #expect(Self.channel(report, "Paid Search")?.revenue.linear.cents == 2_500)
        #expect(Self.channel(report, "Display") == nil)
        // Organic Search is listed for its session in the period but earns nothing.
        #expect(Self.channel(report, "Organic Search")?.revenue.linear == .zero)
    }

    // MARK: - Markov chain against an independent computation

    /// Conversion probability from start by value iteration over the transition counts (no linear algebra):
    /// x ← Q·x + r from x = 0 until no value moves by more than 1e-15 (convergence well past 1e-12).
    static func valueIteration(paths: [([String], Bool)], removed: String?) -> Double {
        var counts: [String: [String: Int]] = [:]
        for (channels, converted) in paths {
            var from = "(start)"
            for c in channels {
                counts[from, default: [:]][c, default: 0] += 1
                from = c
            }
            counts[from, default: [:]][converted ? "(conversion)" : "(null)", default: 0] += 1
        }
        var x: [String: Double] = [:]
        for _ in 0..<1_000_000 {
            var next: [String: Double] = [:]
            var change = 0.0
            for (state, row) in counts where state != removed {
                let out = Double(row.values.reduce(0, +))
                var value = 0.0
                for (to, n) in row {
                    if to == "(conversion)" {
                        value += Double(n) / out
                    } else if to != "(null)" && to != removed {
                        value += Double(n) / out * (x[to] ?? 0)
                    }
                }
                next[state] = value
                change = max(change, abs(value - (x[state] ?? 0)))
            }
            x = next
            if change < 1e-15 { break }
        }
        return x["(start)"] ?? 0
    }

    static let markovJourneys: [(customer: String, channels: [String], orders: Bool)] = [
        ("a", ["Email", "Paid Search"], true),
        ("b", ["Organic Search", "Email", "Email"], true),
        ("c", ["Paid Search"], true),
        ("d", ["Email", "Organic Search"], false),
        ("e", ["Paid Search", "Paid Search"], false),
        ("f", ["Organic Search"], false),
        ("g", ["Email", "Direct", "Email", "Organic Search"], true),
        ("h", ["Direct", "Paid Search", "Email"], false),
    ]

    static func markovData() -> ReportData {
        var data = ReportData()
        var id: Int64 = 0
        for (n, journey) in markovJourneys.enumerated() {
            for (k, channel) in journey.channels.enumerated() {
                id += 1
                data.append(
                    session(
                        id, visitor: Int64(n + 1), customer: journey.customer, at: at(day: 10 + Int64(k)),
                        channel: channel))
            }
            if journey.orders {
                data.orders.append(
                    order(
                        "o-\(journey.customer)", customer: journey.customer, at: at(day: 15),
                        cents: 10_000 + Int64(n) * 1_111))
            }
        }
        return data
    }

    @Test func markovRemovalEffectsMatchValueIteration() throws {
        let report = MarketingReportBuilder.build(data: Self.markovData(), period: Self.period(0, 30))
        let paths = Self.markovJourneys.map { ($0.channels, $0.orders) }
        let p = Self.valueIteration(paths: paths, removed: nil)
        #expect(abs(report.markov.conversionProbability - p) < 1e-9)
        #expect(report.markov.convertingPaths == 4 && report.markov.nonConvertingPaths == 4)
        #expect(Set(report.markov.channels.map(\.channel)) == ["Direct", "Email", "Organic Search", "Paid Search"])
        var effects: [String: Double] = [:]
        for c in report.markov.channels {
            let without = Self.valueIteration(paths: paths, removed: c.channel)
            effects[c.channel] = 1 - without / p
            #expect(abs(c.conversionProbabilityWithout - without) < 1e-9, "\(c.channel)")
            #expect(abs(c.removalEffect - (1 - without / p)) < 1e-9, "\(c.channel)")
        }
        // Sorted by removal effect, largest first.
        #expect(
            report.markov.channels.map(\.removalEffect) == report.markov.channels.map(\.removalEffect).sorted(by: >))

        // Revenue: each order's revenue over its path's distinct channels in proportion to their removal effects,
        // a channel's share split evenly over its touches; at most half a cent of rounding per touch.
        var expected: [String: Double] = [:]
        var touches = 0
        for (n, journey) in Self.markovJourneys.enumerated() where journey.orders {
            let revenue = Double(10_000 + n * 1_111)
            let distinct = Set(journey.channels)
            let total = distinct.reduce(0) { $0 + effects[$1]! }
            for c in distinct { expected[c, default: 0] += revenue * effects[c]! / total }
            touches += journey.channels.count
        }
        var sum: Int64 = 0
        for (c, value) in expected {
            let credited = try #require(Self.channel(report, c)).revenue.markov.cents
            #expect(abs(Double(credited) - value) <= 0.5 * Double(touches), "\(c)")
            sum += credited
        }
        #expect(sum == report.attributed.revenue.cents)
    }

    @Test func markovChainOnLoopsAndAHandSolvedCase() {
        // start → A twice, then A → conversion once and A → null once: P = 1/2; removing A leaves 0.
        let simple = MarketingMarkovChain(paths: [
            .init(channels: ["A"], converted: true), .init(channels: ["A"], converted: false),
        ])
        #expect(abs(simple.conversionProbability - 0.5) < 1e-12)
        #expect(simple.removalEffects["A"] == 1)
        // Self-loops and cycles: A → A → B → A → conversion, B → null, A → B → conversion.
        let paths: [([String], Bool)] = [
            (["A", "A", "B", "A"], true), (["B"], false), (["A", "B"], true), (["B", "A", "A"], false),
        ]
        let chain = MarketingMarkovChain(paths: paths.map { .init(channels: $0.0, converted: $0.1) })
        let p = Self.valueIteration(paths: paths, removed: nil)
        #expect(abs(chain.conversionProbability - p) < 1e-9)
        for c in ["A", "B"] {
            #expect(abs(chain.removalEffects[c]! - (1 - Self.valueIteration(paths: paths, removed: c) / p)) < 1e-9)
        }
        // No conversions at all: P = 0 and every removal effect is 0 (the Markov credit then falls back to linear).
        let none = MarketingMarkovChain(paths: [.init(channels: ["A", "B"], converted: false)])
        #expect(none.conversionProbability == 0 && none.removalEffects == ["A": 0, "B": 0])
        let fallback = MarketingAttributionModel.markov.weights(
            channels: ["A", "B", "C"], starts: [0, 0, 0], orderTime: 0, halfLifeDays: 7,
            removalEffects: none.removalEffects)
        let third: Double = 1.0 / 3
        #expect(fallback == [third, third, third])
    }

    // MARK: - Acquisition and what acquired customers are worth

    static func acquisitionData() -> ReportData {
        var data = ReportData()
        data.setSessions([
            // C: first session before the period (not acquired, not a new visitor), then Display in the period.
            session(1, visitor: 3, customer: "C", at: at(day: -5), channel: "Organic Search"),
            session(2, visitor: 3, customer: "C", at: at(day: 1), channel: "Display", bounced: true),
            // An anonymous new visitor, and an anonymous returning one.
            session(3, visitor: 5, customer: nil, at: at(day: 1), channel: "Display", bounced: true),
            session(4, visitor: 6, customer: nil, at: at(day: -20), channel: "Display"),
            session(5, visitor: 6, customer: nil, at: at(day: 3), channel: "Display"),
            // A and B are acquired by Organic Search, D by Display.
            session(6, visitor: 1, customer: "A", at: at(day: 2, hour: 0), channel: "Organic Search", converted: true),
            session(7, visitor: 2, customer: "B", at: at(day: 3), channel: "Organic Search", converted: true),
            session(8, visitor: 4, customer: "D", at: at(day: 6), channel: "Display"),
        ])
        data.orders = [
            order("a1", customer: "A", at: at(day: 5), cents: 10_000),
            order("b1", customer: "B", at: at(day: 4), cents: 2_000),
            order("e1", customer: "E", at: at(day: 7), cents: 1_500),
            order("a2", customer: "A", at: at(day: 40), cents: 5_000),
            // 98 days after A's first session: outside its 90-day window.
            order("a3", customer: "A", at: at(day: 100), cents: 7_000),
        ]
        return data
    }

    @Test func acquisitionAndRevenuePerAcquiredCustomer() throws {
        let report = MarketingReportBuilder.build(data: Self.acquisitionData(), period: Self.period(0, 10))
        let organic = try #require(Self.channel(report, "Organic Search"))
        // A (day 2) and B (day 3); C's first session was before the period.
        #expect(organic.customersAcquired == 2)
        // 30 days: A 100.00 (day 5; day 40 is 38 days later), B 20.00 → 120.00 / 2.
        #expect(organic.revenuePerAcquiredCustomer30d == Money(cents: 6_000))
        // 90 days: A 100.00 + 50.00 (day 100 is outside), B 20.00 → 170.00 / 2.
        #expect(organic.revenuePerAcquiredCustomer90d == Money(cents: 8_500))
        // A has 2 orders in 90 days, B 1.
        #expect(abs(organic.repeatPurchaseRate - 0.5) < 1e-9)
        #expect(organic.sessions == 2 && organic.visitors == 2 && organic.newVisitors == 2)
        #expect(organic.identifiedCustomers == 2 && abs(organic.conversionRate - 1) < 1e-9)
        #expect(organic.cost == nil && organic.roas == nil && organic.costPerAcquiredCustomer == nil)

        let display = try #require(Self.channel(report, "Display"))
        #expect(display.customersAcquired == 1)
        #expect(display.revenuePerAcquiredCustomer90d == .zero && display.repeatPurchaseRate == 0)
        // Sessions 2, 3, 5, 8 from visitors 3, 5, 6, 4; new: 5 and 4 (3 and 6 were seen before the period).
        #expect(display.sessions == 4 && display.visitors == 4 && display.newVisitors == 2)
        #expect(display.identifiedCustomers == 2)
        #expect(abs(display.bounceRate - 0.5) < 1e-9 && display.conversionRate == 0)

        // Orders of the period: a1 (touch day 2), b1 (touch day 3); e1 has no sessions at all.
        #expect(report.attributed == .init(orders: 2, revenue: Money(cents: 12_000)))
        #expect(report.unattributed == .init(orders: 1, revenue: Money(cents: 1_500)))
        #expect(organic.revenue.lastNonDirect == Money(cents: 12_000))
        #expect(organic.orders.lastNonDirect == 2)

        // Drill-down: the same numbers by source.
        let google = try #require(report.sources.first { $0.source == "google" && $0.medium == "organic" })
        #expect(
            google.metrics.customersAcquired == 2 && google.metrics.revenuePerAcquiredCustomer90d == Money(cents: 8_500)
        )
        // Rows by last-non-direct revenue: Organic Search first.
        #expect(report.channels.map(\.channel) == ["Organic Search", "Display"])
        #expect(
            report.headline.first
                == "Organic Search brought 2 new customers worth 85.00 each in 90 days; Display brought 1 worth 0.00.")
    }

    // MARK: - Cost and ROAS

    @Test func costAndROASFromAdSpend() throws {
        var data = ReportData()
        data.setSessions([
            Self.session(
                1, visitor: 1, customer: "X", at: Self.at(day: 1), channel: "Paid Search", campaign: "brand",
                converted: true),
            Self.session(2, visitor: 2, customer: "Y", at: Self.at(day: 2), channel: "Organic Search"),
        ])
        data.orders = [Self.order("x1", customer: "X", at: Self.at(day: 1, hour: 13), cents: 20_000)]
        data.adSpend = [
            AdSpendRecord(date: "2026-01-02", source: "google", medium: "cpc", campaign: "brand", costCents: 5_000),
            AdSpendRecord(date: "2026-01-03", source: "google", medium: "cpc", campaign: "", costCents: 3_000),
            AdSpendRecord(date: "2026-01-04", source: "newsletter", medium: "email", campaign: "nov", costCents: 1_000),
            // Outside the period (2026-01-01 ..< 2026-01-11).
            AdSpendRecord(date: "2025-12-31", source: "google", medium: "cpc", campaign: "brand", costCents: 100_000),
            AdSpendRecord(date: "2026-01-11", source: "google", medium: "cpc", campaign: "brand", costCents: 100_000),
        ]
        let report = MarketingReportBuilder.build(data: data, period: Self.period(0, 10))
        let paid = try #require(Self.channel(report, "Paid Search"))
        // 50.00 + 30.00 in the period; 200.00 of last-non-direct revenue; X was acquired by Paid Search.
        #expect(paid.cost == Money(cents: 8_000))
        #expect(paid.costPerAcquiredCustomer == Money(cents: 8_000))
        #expect(abs(try #require(paid.roas) - 2.5) < 1e-9)
        // Email had spend but no sessions: listed, ROAS 0.
        let email = try #require(Self.channel(report, "Email"))
        #expect(
            email.cost == Money(cents: 1_000) && email.sessions == 0 && email.roas == 0
                && email.costPerAcquiredCustomer == nil)
        // Organic Search has no spend: cost and ROAS null.
        #expect(Self.channel(report, "Organic Search")?.cost == nil)
        #expect(Self.channel(report, "Organic Search")?.roas == nil)

        // By source: the brand campaign's own spend; the campaign-less spend on a row of its own (campaign null).
        let brand = try #require(report.sources.first { $0.campaign == "brand" })
        let brandROAS = try #require(brand.metrics.roas)
        #expect(brand.metrics.cost == Money(cents: 5_000) && abs(brandROAS - 4) < 1e-9)
        let noCampaign = try #require(
            report.sources.first { $0.source == "google" && $0.medium == "cpc" && $0.campaign == nil })
        #expect(
            noCampaign.metrics.cost == Money(cents: 3_000) && noCampaign.metrics.sessions == 0
                && noCampaign.metrics.roas == 0)
        #expect(
            report.headline.contains(
                "Paid Search returned 2.50 per 1.00 of ad spend (last non-direct click); Email returned 0.00."))
    }

    // MARK: - Campaign fatigue

    @Test func campaignFatigueBeforeAndAfterTheThreshold() {
        var data = ReportData()
        var id: Int64 = 0
        func add(_ customer: String, _ d: Int64, _ campaign: String?, converted: Bool = false) {
            id += 1
            data.append(
                Self.session(
                    id, visitor: Int64(customer.unicodeScalars.first!.value), customer: customer, at: Self.at(day: d),
                    channel: "Email", campaign: campaign, converted: converted))
        }
        // F: a, b (converted), then c on day 2 makes 3 distinct campaigns within 7 days. Before: 2 sessions, 1 converted.
        // From c on: c, a, b (converted) → 3 sessions, 1 converted. Placeholders and nil do not count.
        add("F", 0, "a")
        add("F", 1, "b", converted: true)
        add("F", 1, "(direct)", converted: true)
        add("F", 2, "c")
        add("F", 3, "a")
        add("F", 4, "b", converted: true)
        // I: a on day 0, b on day 3, c exactly 7 days after a (the window is inclusive). Before 2 (none), after 1 (converted).
        add("I", 0, "a")
        add("I", 3, "b")
        add("I", 7, "c", converted: true)
        // G: a, b, c 8 days apart: never 3 within 7 days. 3 campaign sessions, 1 converted.
        add("G", 0, "a", converted: true)
        add("G", 8, "b")
        add("G", 16, "c")
        add("G", 17, "(organic)", converted: true)
        add("G", 18, nil, converted: true)
        // H: only 2 distinct campaigns. 3 sessions, none converted.
        add("H", 0, "a")
        add("H", 0, "a")
        add("H", 1, "b")
        // An anonymous campaign session is nobody's.
        data.append(
            Self.session(99, visitor: 99, customer: nil, at: Self.at(day: 1), channel: "Email", campaign: "z"))
        let f = MarketingReportBuilder.build(data: data, period: Self.period(0, 30)).campaignFatigue
        #expect(f.customers == 2 && f.sessionsBefore == 4 && f.sessionsAfter == 4)
        #expect(abs(f.responseRateBefore - 0.25) < 1e-9)
        #expect(abs(f.responseRateAfter - 0.5) < 1e-9)
        #expect(f.nonFatiguedCustomers == 2 && f.nonFatiguedSessions == 6)
        #expect(abs(f.nonFatiguedResponseRate - 1.0 / 6) < 1e-9)
    }

    // MARK: - Segments

    @Test func segmentChannelPreference() {
        var data = ReportData()
        data.customers = ["c1": ["segment": "vip"], "c2": ["region": "north"]]
        data.setSessions([
            Self.session(1, visitor: 1, customer: "c1", at: Self.at(day: 1), channel: "Email"),
            Self.session(2, visitor: 1, customer: "c1", at: Self.at(day: 2), channel: "Organic Search"),
            Self.session(3, visitor: 2, customer: "c1", at: Self.at(day: 3), channel: "Email"),
            Self.session(4, visitor: 3, customer: "c2", at: Self.at(day: 1), channel: "Direct"),
            Self.session(5, visitor: 4, customer: "c3", at: Self.at(day: 1), channel: "Direct"),
            Self.session(6, visitor: 5, customer: nil, at: Self.at(day: 1), channel: "Email"),
            // Outside the period.
            Self.session(7, visitor: 1, customer: "c1", at: Self.at(day: 20), channel: "Display"),
        ])
        let rows = MarketingReportBuilder.build(data: data, period: Self.period(0, 10)).segmentChannelPreference
        #expect(
            rows.map { "\($0.segment)|\($0.channel)|\($0.sessions)" } == [
                "(none)|Direct|2", "vip|Email|2", "vip|Organic Search|1",
            ])
        let shares = rows.map(\.share)
        #expect(zip(shares, [1, 2.0 / 3, 1.0 / 3]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    // MARK: - Output

    @Test func jsonCarriesTheRequiredKeysAndReadsBack() throws {
        var data = Self.workedExample()
        data.adSpend = [
            AdSpendRecord(date: "2026-01-21", source: "google", medium: "cpc", campaign: "brand", costCents: 2_500)
        ]
        let report = MarketingReportBuilder.build(data: data, period: Self.period(20, 21))
        let json = try JSONEncoder().encode(report)
        let root = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(
            Set(root.keys) == [
                "schema_version", "report", "period", "coverage", "options", "definitions", "headline", "channels",
                "sources",
                "attributed", "unattributed", "markov", "campaign_fatigue", "segment_channel_preference",
            ])
        #expect(root["report"] as? String == "marketing" && root["schema_version"] as? Int == 1)
        let channels = try #require(root["channels"] as? [[String: Any]])
        let rowKeys: Set<String> = [
            "channel", "sessions", "visitors", "new_visitors", "bounce_rate", "identified_customers", "conversion_rate",
            "customers_acquired", "revenue_per_acquired_customer_30d", "revenue_per_acquired_customer_90d",
            "repeat_purchase_rate", "orders", "revenue", "cost", "cost_per_acquired_customer", "roas",
        ]
        let modelKeys: Set<String> = [
            "last_non_direct", "first_click", "linear", "time_decay", "position_based", "markov",
        ]
        for row in channels {
            #expect(Set(row.keys) == rowKeys)
            #expect(Set(try #require(row["revenue"] as? [String: Any]).keys) == modelKeys)
            #expect(Set(try #require(row["orders"] as? [String: Any]).keys) == modelKeys)
        }
        // Null ROAS is written, not left out; Paid Search's is 100.00 / 25.00.
        let email = try #require(channels.first { $0["channel"] as? String == "Email" })
        #expect(email["roas"] is NSNull && email["cost"] is NSNull)
        let paid = try #require(channels.first { $0["channel"] as? String == "Paid Search" })
        #expect(paid["roas"] as? Double == 4 && paid["cost"] as? Double == 25)
        #expect((paid["revenue"] as? [String: Any])?["linear"] as? Double == 33.34)
        let sources = try #require(root["sources"] as? [[String: Any]])
        #expect(sources.allSatisfy { Set($0.keys) == rowKeys.union(["source", "medium", "campaign"]) })
        let fatigue = try #require(root["campaign_fatigue"] as? [String: Any])
        #expect(
            Set(["customers", "response_rate_before", "response_rate_after", "non_fatigued_response_rate"]).isSubset(
                of: fatigue.keys))
        // Every number family is defined.
        let keys = Set(report.definitions.map(\.key))
        #expect(rowKeys.subtracting(["channel"]).isSubset(of: keys))
        #expect(keys.isSuperset(of: modelKeys.map { "revenue." + $0 }))

        let decoded = try JSONDecoder().decode(MarketingReport.self, from: json)
        #expect(decoded == report)
    }

    @Test func textAndCSV() {
        let report = MarketingReportBuilder.build(data: Self.acquisitionData(), period: Self.period(0, 10))
        let text = report.textLines()
        #expect(text.first?.contains("which ad sources bring valuable customers") == true)
        #expect(text.contains("  " + report.headline[0]))
        #expect(text.contains { $0.hasPrefix("Organic Search") && $0.contains("85.00") })
        let tables = report.csvTables()
        #expect(tables.map(\.name).contains("marketing_channels") && tables.map(\.name).contains("marketing_sources"))
        for table in tables { #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(table.name)") }
        let channels = tables.first { $0.name == "marketing_channels" }!
        let organic = channels.rows.first { $0[0] == "Organic Search" }!
        let column = { (name: String) in channels.header.firstIndex(of: name)! }
        #expect(organic[column("revenue_per_acquired_customer_90d")] == "85.00")
        #expect(organic[column("repeat_purchase_rate")] == "0.5")
        #expect(organic[column("roas")] == "")
    }

    @Test func headlineHasTwoOrThreeSentences() {
        let empty = MarketingReportBuilder.build(data: ReportData(), period: Self.period(0, 10))
        #expect(
            empty.headline == [
                "No customer's first visit fell in this period.",
                "There were no orders in this period, so no channel earned revenue.",
            ])
        let markov = MarketingReportBuilder.build(data: Self.markovData(), period: Self.period(0, 30))
        // Markov gives Email a larger share than last non-direct click does (Email is rarely the last touch).
        #expect(markov.headline.count == 3)
        #expect(markov.headline[2].hasPrefix("The Markov model gives Email "))
        let acquisition = MarketingReportBuilder.build(data: Self.acquisitionData(), period: Self.period(0, 10))
        #expect(
            acquisition.headline.dropFirst() == [
                "Organic Search drove the most revenue by last non-direct click: 120.00 of 120.00 attributed (100.0%).",
                "1 order (15.00) had no visit in the 30 days before and is unattributed.",
            ])
    }
}
