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
        let keys = data.keys
        let customerIndex = Dictionary(uniqueKeysWithValues: keys.customers.enumerated().map { ($1, $0) })
        var periodSessionsOf = [Int](repeating: 0, count: keys.customers.count)
        for i in data.sessions.indices where keys.customerOfSession[i] >= 0 && period.contains(data.sessions[i].start) {
            periodSessionsOf[Int(keys.customerOfSession[i])] += 1
        }
        let topCustomers = top.map { i in
            ExecutiveReport.TopCustomer(
                customerID: ranked[i].id, revenue: Money(cents: ranked[i].revenueCents), orders: ranked[i].orders,
                sessions: customerIndex[ranked[i].id].map { periodSessionsOf[$0] } ?? 0,
                segment: data.customers[ranked[i].id]?["segment"], rfmSegment: segmentOf[i])
        }

        let churnRisk = churnRisk(data: data, keys: keys, period: period, factor: options.churnFactor)
        let kpis = kpis(data: data, keys: keys, period: period, previous: previous)

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
            data: data, keys: keys, period: period, options: options,
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
    private static func kpis(
        data: ReportData, keys: ReportKeys, period: ReportPeriod, previous: ReportPeriod
    ) -> [ExecutiveReport.KPI] {
        var firstOrder = [Int64](repeating: .max, count: keys.customers.count)
        for (o, order) in data.orders.enumerated() {
            let c = Int(keys.customerOfOrder[o])
            firstOrder[c] = min(firstOrder[c], order.orderedAt)
        }

        struct Figures {
            var visitors = 0
            var sessions = 0
            var customers = 0
            var converted = 0
            var orders = 0
            var revenueCents: Int64 = 0
            /// Customer ids of the period's orders.
            var buyers: [Int] = []
        }
        // Distinct visitors, customers and buyers by a flag per id.
        func figures(_ p: ReportPeriod) -> Figures {
            var x = Figures()
            var visitorSeen = [Bool](repeating: false, count: keys.visitorCount)
            var customerSeen = [Bool](repeating: false, count: keys.customers.count)
            var buyerSeen = [Bool](repeating: false, count: keys.customers.count)
            for i in data.sessions.indices where p.contains(data.sessions[i].start) {
                let v = Int(keys.visitorOfSession[i])
                if !visitorSeen[v] {
                    visitorSeen[v] = true
                    x.visitors += 1
                }
                x.sessions += 1
                let c = Int(keys.customerOfSession[i])
                if c >= 0 && !customerSeen[c] {
                    customerSeen[c] = true
                    x.customers += 1
                }
                if data.sessions[i].converted { x.converted += 1 }
            }
            for (o, order) in data.orders.enumerated() where p.contains(order.orderedAt) {
                x.orders += 1
                x.revenueCents += order.revenueCents
                let c = Int(keys.customerOfOrder[o])
                if !buyerSeen[c] {
                    buyerSeen[c] = true
                    x.buyers.append(c)
                }
            }
            return x
        }
        func newCustomers(_ p: ReportPeriod) -> Int { firstOrder.filter { p.contains($0) }.count }
        func returning(_ p: ReportPeriod, _ x: Figures) -> Int {
            x.buyers.filter { firstOrder[$0] < p.fromMicros }.count
        }
        let now = figures(period)
        let before = figures(previous)
        func rate(_ x: Figures) -> Double { x.sessions == 0 ? 0 : Double(x.converted) / Double(x.sessions) }
        typealias KPI = ExecutiveReport.KPI
        return [
            KPI(name: "visitors", value: .count(now.visitors), previous: .count(before.visitors)),
            KPI(name: "sessions", value: .count(now.sessions), previous: .count(before.sessions)),
            KPI(
                name: "identified_customers", value: .count(now.customers), previous: .count(before.customers)),
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
    private static func churnRisk(
        data: ReportData, keys: ReportKeys, period: ReportPeriod, factor: Double
    ) -> [ExecutiveReport.ChurnRisk] {
        let end = period.toMicros
        var times = [[Int64]](repeating: [], count: keys.customers.count)
        var cents = [Int64](repeating: 0, count: keys.customers.count)
        for (o, order) in data.orders.enumerated() where order.orderedAt < end {
            let c = Int(keys.customerOfOrder[o])
            times[c].append(order.orderedAt)
            cents[c] += order.revenueCents
        }
        var lastVisit = [Int64?](repeating: nil, count: keys.customers.count)
        for i in data.sessions.indices where keys.customerOfSession[i] >= 0 && data.sessions[i].start < end {
            let c = Int(keys.customerOfSession[i])
            lastVisit[c] = max(lastVisit[c] ?? .min, data.sessions[i].start)
        }
        func days(_ micros: Int64) -> Double { Double(micros) / Double(day) }
        var out: [ExecutiveReport.ChurnRisk] = []
        for (c, unsorted) in times.enumerated() where unsorted.count >= 2 {
            let customer = keys.customers[c]
            let t = unsorted.sorted()
            let gaps = zip(t.dropFirst(), t).map { days($0 - $1) }.sorted()
            let median =
                gaps.count % 2 == 1 ? gaps[gaps.count / 2] : (gaps[gaps.count / 2 - 1] + gaps[gaps.count / 2]) / 2
            let threshold = factor * median
            let sinceOrder = days(end - t[t.count - 1])
            let sinceVisit = lastVisit[c].map { days(end - $0) }
            guard sinceOrder > threshold, (sinceVisit ?? .infinity) > threshold else { continue }
            out.append(
                ExecutiveReport.ChurnRisk(
                    customerID: customer, revenue: Money(cents: cents[c]), orders: t.count,
                    medianIntervalDays: median, daysSinceLastOrder: sinceOrder, daysSinceLastVisit: sinceVisit))
        }
        return out.sorted { ($0.revenue, $1.customerID) > ($1.revenue, $0.customerID) }
    }

    /// Customers and anonymous visitors who view many products over several sessions and rarely convert.
    private static func comparisonShoppers(
        data: ReportData, keys: ReportKeys, period: ReportPeriod, options: ExecutiveReportOptions,
        periodOrdersOf: (String) -> Int
    ) -> [ExecutiveReport.ComparisonShopper] {
        // One candidate per customer id, then one per visitor (anonymous sessions), by index.
        let visitorBase = keys.customers.count
        var browsers = [Browser](repeating: Browser(), count: visitorBase + keys.visitorCount)
        var storeVisitorID = [Int64](repeating: 0, count: keys.visitorCount)
        func candidate(_ i: Int) -> Int {
            let c = keys.customerOfSession[i]
            return c >= 0 ? Int(c) : visitorBase + Int(keys.visitorOfSession[i])
        }
        // First the counts; the distinct products (a set each) only for those who pass the thresholds.
        var anonymousInPeriod = [Bool](repeating: false, count: data.sessions.count)
        for i in data.sessions.indices where period.contains(data.sessions[i].start) {
            let s = data.sessions[i]
            let b = candidate(i)
            browsers[b].sessions += 1
            if s.converted { browsers[b].converted += 1 }
            var views = 0
            for pv in data.pageviews[s.pageviewRange] where pv.kind == .product { views += 1 }
            browsers[b].productViews += views
            if views > 0 { browsers[b].productViewSessions += 1 }
            if keys.customerOfSession[i] < 0 {
                anonymousInPeriod[i] = true
                storeVisitorID[Int(keys.visitorOfSession[i])] = s.visitorID
            }
        }
        for o in data.orders where period.contains(o.orderedAt) {
            if let i = o.session, anonymousInPeriod[i] { browsers[candidate(i)].orders += 1 }
        }
        for c in 0..<visitorBase where browsers[c].sessions > 0 { browsers[c].orders = periodOrdersOf(keys.customers[c]) }

        func passes(_ b: Browser) -> Bool {
            let rate = b.sessions == 0 ? 0 : Double(b.converted) / Double(b.sessions)
            return b.productViews >= options.comparisonMinProductViews
                && b.productViewSessions >= options.comparisonMinSessions && rate <= options.comparisonMaxConversionRate
        }
        let passing = browsers.map { $0.sessions > 0 && passes($0) }
        for i in data.sessions.indices where period.contains(data.sessions[i].start) {
            let b = candidate(i)
            guard passing[b] else { continue }
            for pv in data.pageviews[data.sessions[i].pageviewRange] where pv.kind == .product && pv.item >= 0 {
                browsers[b].products.insert(pv.item)
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
        let rows = browsers.indices.filter { passing[$0] }.compactMap { b in
            b < visitorBase
                ? row(keys.customers[b], "customer", browsers[b])
                : row(data.visitorName(storeVisitorID[b - visitorBase]), "visitor", browsers[b])
        }
        return rows.sorted { ($0.productViews, $1.id) > ($1.productViews, $0.id) }
    }
}
