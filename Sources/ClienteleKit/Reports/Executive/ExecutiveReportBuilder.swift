import Foundation

/// Computes the `ExecutiveReport` from `ReportData`: a pure function of the data, the period and
/// the options. Cost: a few linear passes over sessions, pageviews and orders plus sorts of the
/// paying customers; nothing quadratic.
package enum ExecutiveReportBuilder {
    private static let day: Int64 = 86_400_000_000

    /// One paying customer's figures in the period.
    private struct Payer {
        var id: String
        var revenueCents: Int64 = 0
        var orders = 0
        var lastOrder: Int64 = .min
    }

    /// One comparison-shopper candidate's figures in the period.
    private struct Browser {
        var sessions = 0
        var productViewSessions = 0
        var productViews = 0
        /// Item ids of the products viewed.
        var products: Set<Int32> = []
        var converted = 0
        var orders = 0
    }

    /// Builds the report.
    /// - Parameters:
    ///   - data: Everything loaded from the store.
    ///   - period: The period reported on; KPIs compare it with `period.previous`.
    ///   - options: Thresholds and list lengths.
    package static func build(
        data: ReportData, period: ReportPeriod, options: ExecutiveReportOptions = .init()
    ) -> ExecutiveReport {
        let previous = period.previous

        // Paying customers, ranked by period revenue (ties by id).
        var payerIndex: [String: Int] = [:]
        var payers: [Payer] = []
        for o in data.orders where period.contains(o.orderedAt) {
            let i: Int
            if let known = payerIndex[o.customerID] {
                i = known
            } else {
                i = payers.count
                payerIndex[o.customerID] = i
                payers.append(Payer(id: o.customerID))
            }
            payers[i].revenueCents += o.revenueCents
            payers[i].orders += 1
            payers[i].lastOrder = max(payers[i].lastOrder, o.orderedAt)
        }
        let ranked = payers.sorted { ($0.revenueCents, $1.id) > ($1.revenueCents, $0.id) }
        let totalCents = ranked.reduce(Int64(0)) { $0 + $1.revenueCents }
        let n = ranked.count
        // prefix[k] = revenue of the best k customers.
        var prefix = [Int64](repeating: 0, count: n + 1)
        for (i, p) in ranked.enumerated() { prefix[i + 1] = prefix[i] + p.revenueCents }
        func share(_ cents: Int64) -> Double { totalCents == 0 ? 0 : Double(cents) / Double(totalCents) }
        /// ceil(n × percent / 100) in integers.
        func ceilShare(_ percent: Int) -> Int { (n * percent + 99) / 100 }

        // Pyramid.
        let cuts = [0, ceilShare(1), ceilShare(5), ceilShare(20), n]
        let tierNames = ["top 1%", "next 4%", "next 15%", "bottom 80%"]
        let pyramid = tierNames.indices.map { t in
            ExecutiveReport.PyramidTier(
                tier: tierNames[t], customers: cuts[t + 1] - cuts[t],
                revenue: Money(cents: prefix[cuts[t + 1]] - prefix[cuts[t]]),
                revenueShare: share(prefix[cuts[t + 1]] - prefix[cuts[t]]))
        }

        // Pareto.
        let curve = (1...20).map { k in
            let count = (n * k + 19) / 20
            return ExecutiveReport.Pareto.Point(
                customerShare: Double(k) / 20, customers: count, revenueShare: share(prefix[count]))
        }
        let pareto = ExecutiveReport.Pareto(
            payingCustomers: n, top20Customers: ceilShare(20), top20RevenueShare: share(prefix[ceilShare(20)]),
            curve: curve)

        // RFM scores: rank best first on each measure, ties by customer id.
        var r = [Int](repeating: 0, count: n)
        var f = [Int](repeating: 0, count: n)
        var m = [Int](repeating: 0, count: n)
        let indices = Array(0..<n)
        func id(_ i: Int) -> String { ranked[i].id }
        for (rank, i) in indices.sorted(by: { (ranked[$0].lastOrder, id($1)) > (ranked[$1].lastOrder, id($0)) })
            .enumerated()
        {
            r[i] = ExecutiveRFMSegment.score(rankIndex: rank, count: n)
        }
        for (rank, i) in indices.sorted(by: { (ranked[$0].orders, id($1)) > (ranked[$1].orders, id($0)) }).enumerated()
        {
            f[i] = ExecutiveRFMSegment.score(rankIndex: rank, count: n)
        }
        // `ranked` is already best first by revenue, ties by id.
        for i in indices { m[i] = ExecutiveRFMSegment.score(rankIndex: i, count: n) }
        let segmentOf = indices.map { i in
            ExecutiveRFMSegment.of(r: r[i], fm: ExecutiveRFMSegment.fm(f: f[i], m: m[i]))
        }
        var segmentCustomers: [ExecutiveRFMSegment: Int] = [:]
        var segmentCents: [ExecutiveRFMSegment: Int64] = [:]
        for i in indices {
            segmentCustomers[segmentOf[i], default: 0] += 1
            segmentCents[segmentOf[i], default: 0] += ranked[i].revenueCents
        }
        let rfmSegments = ExecutiveRFMSegment.allCases.map { s in
            ExecutiveReport.RFMSegmentRow(
                segment: s, customers: segmentCustomers[s] ?? 0, revenue: Money(cents: segmentCents[s] ?? 0),
                revenueShare: share(segmentCents[s] ?? 0))
        }
        let top = Array(indices.prefix(max(options.top, 0)))
        let customersRFM = top.map { i in
            ExecutiveReport.CustomerRFM(
                customerID: ranked[i].id, recencyDays: Int((period.toMicros - ranked[i].lastOrder) / day),
                frequency: ranked[i].orders, monetary: Money(cents: ranked[i].revenueCents), r: r[i], f: f[i], m: m[i],
                fm: ExecutiveRFMSegment.fm(f: f[i], m: m[i]), segment: segmentOf[i])
        }

        // Top customers.
        var periodSessionsOf: [String: Int] = [:]
        for s in data.sessions where period.contains(s.start) {
            if let c = s.customerID { periodSessionsOf[c, default: 0] += 1 }
        }
        let topCustomers = top.map { i in
            ExecutiveReport.TopCustomer(
                customerID: ranked[i].id, revenue: Money(cents: ranked[i].revenueCents), orders: ranked[i].orders,
                sessions: periodSessionsOf[ranked[i].id] ?? 0, segment: data.customers[ranked[i].id]?["segment"],
                rfmSegment: segmentOf[i])
        }

        let churnRisk = churnRisk(data: data, period: period, factor: options.churnFactor)
        let kpis = kpis(data: data, period: period, previous: previous)

        // Reconciliation.
        let ordersInFile = data.orders.filter { period.contains($0.orderedAt) }
        let seen = ordersInFile.filter { $0.session != nil }.count
        let orderIDs = Set(data.orders.map(\.id))
        var strayCheckouts: Set<String> = []
        for pv in data.pageviews where pv.kind == .checkoutComplete && period.contains(pv.ts) {
            if let item = data.item(of: pv), !orderIDs.contains(item) { strayCheckouts.insert(item) }
        }
        let coverage = ReportCoverage.of(data, in: period)
        let reconciliation = ExecutiveReport.Reconciliation(
            ordersInFile: ordersInFile.count, ordersSeenInLogs: seen, unmatchedOrders: ordersInFile.count - seen,
            checkoutOrdersNotInFile: strayCheckouts.count, sessions: coverage.sessions,
            identifiedSessions: coverage.identifiedSessions, identifiedSessionShare: coverage.identifiedSessionShare)

        let comparisonShoppers = comparisonShoppers(
            data: data, period: period, options: options,
            periodOrdersOf: { payerIndex[$0].map { payers[$0].orders } ?? 0 })

        // Headline.
        var headline: [String] = []
        if n == 0 {
            headline.append("No customer ordered in this period.")
        } else {
            headline.append(
                "The top 20% of paying customers (\(pareto.top20Customers) of \(n)) bring "
                    + "\(Percent.text(pareto.top20RevenueShare)) of revenue (\(Money(cents: prefix[pareto.top20Customers]).text) "
                    + "of \(Money(cents: totalCents).text)).")
        }
        let churnCents = churnRisk.reduce(Int64(0)) { $0 + $1.revenue.cents }
        headline.append(
            "\(churnRisk.count) repeat \(churnRisk.count == 1 ? "customer" : "customers") worth "
                + "\(Money(cents: churnCents).text) \(churnRisk.count == 1 ? "is" : "are") slipping away "
                + "(away more than \(ExecutiveReportRendering.number(options.churnFactor))× their usual time between orders)."
        )
        if let revenue = kpis.first(where: { $0.name == "revenue" }),
            case .money(let now) = revenue.value, case .money(let before) = revenue.previous,
            let newKPI = kpis.first(where: { $0.name == "new_customers" }),
            let returning = kpis.first(where: { $0.name == "returning_customers" })
        {
            headline.append(
                "Revenue \(now.text) against \(before.text) in the previous period "
                    + "(\(ExecutiveReportRendering.change(revenue.change))); "
                    + "\(Int(newKPI.value.number)) new and \(Int(returning.value.number)) returning customers ordered.")
        }

        return ExecutiveReport(
            period: period, previousPeriod: previous, coverage: coverage, parameters: options, headline: headline,
            kpis: kpis, pyramid: pyramid, pareto: pareto, rfmSegments: rfmSegments, customersRFM: customersRFM,
            churnRisk: churnRisk, comparisonShoppers: comparisonShoppers, topCustomers: topCustomers,
            reconciliation: reconciliation)
    }

    /// The KPIs of `period` against `previous`.
    private static func kpis(data: ReportData, period: ReportPeriod, previous: ReportPeriod) -> [ExecutiveReport.KPI] {
        var firstOrder: [String: Int64] = [:]
        for o in data.orders { firstOrder[o.customerID] = min(firstOrder[o.customerID] ?? .max, o.orderedAt) }

        struct Figures {
            var visitors: Set<Int64> = []
            var sessions = 0
            var customers: Set<String> = []
            var converted = 0
            var orders = 0
            var revenueCents: Int64 = 0
            var buyers: Set<String> = []
        }
        func figures(_ p: ReportPeriod) -> Figures {
            var x = Figures()
            for s in data.sessions where p.contains(s.start) {
                x.visitors.insert(s.visitorID)
                x.sessions += 1
                if let c = s.customerID { x.customers.insert(c) }
                if s.converted { x.converted += 1 }
            }
            for o in data.orders where p.contains(o.orderedAt) {
                x.orders += 1
                x.revenueCents += o.revenueCents
                x.buyers.insert(o.customerID)
            }
            return x
        }
        func newCustomers(_ p: ReportPeriod) -> Int { firstOrder.values.filter { p.contains($0) }.count }
        func returning(_ p: ReportPeriod, _ x: Figures) -> Int {
            x.buyers.filter { (firstOrder[$0] ?? .max) < p.fromMicros }.count
        }
        let now = figures(period)
        let before = figures(previous)
        func rate(_ x: Figures) -> Double { x.sessions == 0 ? 0 : Double(x.converted) / Double(x.sessions) }
        typealias KPI = ExecutiveReport.KPI
        return [
            KPI(name: "visitors", value: .count(now.visitors.count), previous: .count(before.visitors.count)),
            KPI(name: "sessions", value: .count(now.sessions), previous: .count(before.sessions)),
            KPI(
                name: "identified_customers", value: .count(now.customers.count),
                previous: .count(before.customers.count)),
            KPI(name: "orders", value: .count(now.orders), previous: .count(before.orders)),
            KPI(
                name: "revenue", value: .money(Money(cents: now.revenueCents)),
                previous: .money(Money(cents: before.revenueCents))),
            KPI(name: "conversion_rate", value: .rate(rate(now)), previous: .rate(rate(before))),
            KPI(name: "new_customers", value: .count(newCustomers(period)), previous: .count(newCustomers(previous))),
            KPI(
                name: "returning_customers", value: .count(returning(period, now)),
                previous: .count(returning(previous, before))),
        ]
    }

    /// Repeat customers away longer than `factor` × their median interval between orders.
    private static func churnRisk(data: ReportData, period: ReportPeriod, factor: Double) -> [ExecutiveReport.ChurnRisk]
    {
        let end = period.toMicros
        var times: [String: [Int64]] = [:]
        var cents: [String: Int64] = [:]
        for o in data.orders where o.orderedAt < end {
            times[o.customerID, default: []].append(o.orderedAt)
            cents[o.customerID, default: 0] += o.revenueCents
        }
        var lastVisit: [String: Int64] = [:]
        for s in data.sessions where s.start < end {
            if let c = s.customerID { lastVisit[c] = max(lastVisit[c] ?? .min, s.start) }
        }
        func days(_ micros: Int64) -> Double { Double(micros) / Double(day) }
        var out: [ExecutiveReport.ChurnRisk] = []
        for (customer, unsorted) in times where unsorted.count >= 2 {
            let t = unsorted.sorted()
            let gaps = zip(t.dropFirst(), t).map { days($0 - $1) }.sorted()
            let median =
                gaps.count % 2 == 1 ? gaps[gaps.count / 2] : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
            let threshold = factor * median
            let sinceOrder = days(end - t[t.count - 1])
            let sinceVisit = lastVisit[customer].map { days(end - $0) }
            guard sinceOrder > threshold, (sinceVisit ?? .infinity) > threshold else { continue }
            out.append(
                ExecutiveReport.ChurnRisk(
                    customerID: customer, revenue: Money(cents: cents[customer] ?? 0), orders: t.count,
                    medianIntervalDays: median, daysSinceLastOrder: sinceOrder, daysSinceLastVisit: sinceVisit))
        }
        return out.sorted { ($0.revenue, $1.customerID) > ($1.revenue, $0.customerID) }
    }

    /// Customers and anonymous visitors who view many products over several sessions and rarely convert.
    private static func comparisonShoppers(
        data: ReportData, period: ReportPeriod, options: ExecutiveReportOptions, periodOrdersOf: (String) -> Int
    ) -> [ExecutiveReport.ComparisonShopper] {
        var customers: [String: Browser] = [:]
        var visitors: [Int64: Browser] = [:]
        // First the counts; the distinct products (a set each) only for those who pass the thresholds.
        func add(_ b: inout Browser, _ s: ReportData.Session) {
            b.sessions += 1
            if s.converted { b.converted += 1 }
            var views = 0
            for pv in data.pageviews[s.pageviewRange] where pv.kind == .product { views += 1 }
            b.productViews += views
            if views > 0 { b.productViewSessions += 1 }
        }
        var anonymousInPeriod = [Bool](repeating: false, count: data.sessions.count)
        for (i, s) in data.sessions.enumerated() where period.contains(s.start) {
            if let c = s.customerID {
                add(&customers[c, default: Browser()], s)
            } else {
                add(&visitors[s.visitorID, default: Browser()], s)
                anonymousInPeriod[i] = true
            }
        }
        for o in data.orders where period.contains(o.orderedAt) {
            if let i = o.session, anonymousInPeriod[i] { visitors[data.sessions[i].visitorID]?.orders += 1 }
        }
        for c in customers.keys { customers[c]?.orders = periodOrdersOf(c) }

        func passes(_ b: Browser) -> Bool {
            let rate = b.sessions == 0 ? 0 : Double(b.converted) / Double(b.sessions)
            return b.productViews >= options.comparisonMinProductViews
                && b.productViewSessions >= options.comparisonMinSessions && rate <= options.comparisonMaxConversionRate
        }
        customers = customers.filter { passes($0.value) }
        visitors = visitors.filter { passes($0.value) }
        for s in data.sessions where period.contains(s.start) {
            let products = data.pageviews[s.pageviewRange].lazy.filter { $0.kind == .product && $0.item >= 0 }.map(\.item)
            if let c = s.customerID {
                customers[c]?.products.formUnion(products)
            } else {
                visitors[s.visitorID]?.products.formUnion(products)
            }
        }

        func row(_ id: String, _ kind: String, _ b: Browser) -> ExecutiveReport.ComparisonShopper? {
            let rate = b.sessions == 0 ? 0 : Double(b.converted) / Double(b.sessions)
            guard passes(b) else { return nil }
            return ExecutiveReport.ComparisonShopper(
                id: id, kind: kind, sessions: b.sessions, productViewSessions: b.productViewSessions,
                productViews: b.productViews, distinctProducts: b.products.count, orders: b.orders, conversionRate: rate
            )
        }
        let rows =
            customers.compactMap { row($0.key, "customer", $0.value) }
            + visitors.compactMap { row(data.visitorName($0.key), "visitor", $0.value) }
        return rows.sorted { ($0.productViews, $1.id) > ($1.productViews, $0.id) }
    }
}
