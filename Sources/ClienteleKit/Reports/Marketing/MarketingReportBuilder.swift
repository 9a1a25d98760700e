/// Computes the marketing report from `ReportData`.
///
/// Cost: O(sessions log sessions + orders × touches) — one pass over sessions to find every visitor's and customer's
/// first session, per-customer session lists searched by binary search for each order's touches, and a Markov chain
/// with one state per channel (a few dozen states at most).
package enum MarketingReportBuilder {
    /// Builds the report.
    /// - Parameters:
    ///   - data: The loaded store (or a hand-made value in tests).
    ///   - period: The period; sessions count by start, orders by order time, ad spend by date.
    ///   - options: Lookback, time-decay half-life and the campaign-fatigue rule.
    /// - Returns: The report, every list sorted.
    package static func build(
        data: ReportData, period: ReportPeriod, options: MarketingReportOptions = .init()
    ) -> MarketingReport {
        let sessions = data.sessions
        let day: Int64 = 86_400_000_000
        let models = MarketingAttributionModel.allCases
        func earlier(_ a: Int, _ b: Int) -> Bool {
            (sessions[a].start, sessions[a].id) < (sessions[b].start, sessions[b].id)
        }

        // First sessions of visitors and customers in all the data; each customer's sessions by start.
        var firstOfVisitor: [Int64: Int] = [:]
        var firstOfCustomer: [String: Int] = [:]
        var sessionsOfCustomer: [String: [Int]] = [:]
        for i in sessions.indices {
            let s = sessions[i]
            if let f = firstOfVisitor[s.visitorID] {
                if earlier(i, f) { firstOfVisitor[s.visitorID] = i }
            } else {
                firstOfVisitor[s.visitorID] = i
            }
            guard let c = s.customerID, !c.isEmpty else { continue }
            if let f = firstOfCustomer[c] {
                if earlier(i, f) { firstOfCustomer[c] = i }
            } else {
                firstOfCustomer[c] = i
            }
            sessionsOfCustomer[c, default: []].append(i)
        }
        for (c, list) in sessionsOfCustomer where !zip(list, list.dropFirst()).allSatisfy({ !earlier($0.1, $0.0) }) {
            sessionsOfCustomer[c] = list.sorted(by: earlier)
        }
        var ordersOfCustomer: [String: [Int]] = [:]
        for (i, o) in data.orders.enumerated() where !o.customerID.isEmpty {
            ordersOfCustomer[o.customerID, default: []].append(i)
        }

        var byChannel: [String: Accumulator] = [:]
        var bySource: [SourceKey: Accumulator] = [:]

        // Traffic of the period, counted per row index; distinct visitors and customers of a row by a
        // stamp per row while walking each visitor's (and each customer's) sessions, not by sets.
        var sourceIndex: [SourceKey: Int] = [:]
        var sourceKeys: [SourceKey] = []
        var sourceTraffic: [Accumulator] = []
        var channelIndex: [String: Int] = [:]
        var channelNames: [String] = []
        var channelTraffic: [Accumulator] = []
        var channelOfSource: [Int] = []
        var sourceOfSession = [Int32](repeating: -1, count: sessions.count)
        for i in sessions.indices where period.contains(sessions[i].start) {
            let s = sessions[i]
            let key = SourceKey(s)
            let k: Int
            if let known = sourceIndex[key] {
                k = known
            } else {
                k = sourceKeys.count
                sourceIndex[key] = k
                sourceKeys.append(key)
                sourceTraffic.append(Accumulator())
                if let c = channelIndex[s.channel] {
                    channelOfSource.append(c)
                } else {
                    channelIndex[s.channel] = channelNames.count
                    channelOfSource.append(channelNames.count)
                    channelNames.append(s.channel)
                    channelTraffic.append(Accumulator())
                }
            }
            sourceOfSession[i] = Int32(k)
            sourceTraffic[k].add(s)
            channelTraffic[channelOfSource[k]].add(s)
        }
        // The period's sessions grouped by visitor (a counting sort: no array per visitor).
        var visitorSlot: [Int64: Int32] = [:]
        var slotOfSession = [Int32](repeating: -1, count: sessions.count)
        for i in sessions.indices where sourceOfSession[i] >= 0 {
            let v = sessions[i].visitorID
            if let slot = visitorSlot[v] {
                slotOfSession[i] = slot
            } else {
                slotOfSession[i] = Int32(visitorSlot.count)
                visitorSlot[v] = slotOfSession[i]
            }
        }
        var slotStart = [Int](repeating: 0, count: visitorSlot.count + 1)
        for slot in slotOfSession where slot >= 0 { slotStart[Int(slot) + 1] += 1 }
        for k in 0..<visitorSlot.count { slotStart[k + 1] += slotStart[k] }
        var byVisitor = [Int32](repeating: 0, count: slotStart[visitorSlot.count])
        var fill = slotStart
        for (i, slot) in slotOfSession.enumerated() where slot >= 0 {
            byVisitor[fill[Int(slot)]] = Int32(i)
            fill[Int(slot)] += 1
        }
        let sessionsOfVisitor = (0..<visitorSlot.count).lazy.map { byVisitor[slotStart[$0]..<slotStart[$0 + 1]] }
        visitorSlot = [:]
        func countDistinct<Groups: Sequence>(_ groups: Groups, into count: (inout Accumulator) -> Void) -> Void
        where Groups.Element: Sequence, Groups.Element.Element: BinaryInteger {
            var sourceStamp = [Int](repeating: -1, count: sourceKeys.count)
            var channelStamp = [Int](repeating: -1, count: channelNames.count)
            for (g, group) in groups.enumerated() {
                for i in group {
                    let k = Int(sourceOfSession[Int(i)])
                    guard k >= 0 else { continue }
                    if sourceStamp[k] != g {
                        sourceStamp[k] = g
                        count(&sourceTraffic[k])
                    }
                    let c = channelOfSource[k]
                    if channelStamp[c] != g {
                        channelStamp[c] = g
                        count(&channelTraffic[c])
                    }
                }
            }
        }
        countDistinct(sessionsOfVisitor) { $0.visitors += 1 }
        countDistinct(sessionsOfCustomer.values) { $0.customers += 1 }
        for (k, key) in sourceKeys.enumerated() { bySource[key] = sourceTraffic[k] }
        for (c, name) in channelNames.enumerated() { byChannel[name] = channelTraffic[c] }
        for (_, i) in firstOfVisitor where period.contains(sessions[i].start) {
            byChannel[sessions[i].channel, default: Accumulator()].newVisitors += 1
            bySource[SourceKey(sessions[i]), default: Accumulator()].newVisitors += 1
        }

        // Acquisition and what the acquired customers were worth.
        for (customer, i) in firstOfCustomer where period.contains(sessions[i].start) {
            let first = sessions[i].start
            var revenue30: Int64 = 0
            var revenue90: Int64 = 0
            var orders90 = 0
            for o in ordersOfCustomer[customer] ?? [] {
                let order = data.orders[o]
                guard order.orderedAt >= first else { continue }
                if order.orderedAt < first + 30 * day { revenue30 += order.revenueCents }
                if order.orderedAt < first + 90 * day {
                    revenue90 += order.revenueCents
                    orders90 += 1
                }
            }
            byChannel[sessions[i].channel, default: Accumulator()].addAcquired(revenue30, revenue90, orders: orders90)
            bySource[SourceKey(sessions[i]), default: Accumulator()].addAcquired(revenue30, revenue90, orders: orders90)
        }

        // Touches of the period's orders.
        let lookback = Int64(options.lookbackDays) * day
        var touchesOfOrder: [(order: Int, touches: [Int])] = []
        var unattributed = MarketingReport.OrderTotal(orders: 0, revenue: .zero)
        var attributed = MarketingReport.OrderTotal(orders: 0, revenue: .zero)
        var orderingCustomers = Set<String>()
        for (o, order) in data.orders.enumerated() where period.contains(order.orderedAt) {
            orderingCustomers.insert(order.customerID)
            let list = order.customerID.isEmpty ? [] : sessionsOfCustomer[order.customerID] ?? []
            var k = firstIndex(in: list, startingAtOrAfter: order.orderedAt - lookback, sessions: sessions)
            var touches: [Int] = []
            while k < list.count && sessions[list[k]].start <= order.orderedAt {
                touches.append(list[k])
                k += 1
            }
            if touches.isEmpty {
                unattributed.orders += 1
                unattributed.revenue.cents += order.revenueCents
            } else {
                attributed.orders += 1
                attributed.revenue.cents += order.revenueCents
                touchesOfOrder.append((o, touches))
            }
        }

        // Each customer's sessions in the period (for non-converting journeys, fatigue and segments).
        var periodSessionsOfCustomer: [String: [Int]] = [:]
        for (c, list) in sessionsOfCustomer {
            let from = firstIndex(in: list, startingAtOrAfter: period.fromMicros, sessions: sessions)
            let to = firstIndex(in: list, startingAtOrAfter: period.toMicros, sessions: sessions)
            if from < to { periodSessionsOfCustomer[c] = Array(list[from..<to]) }
        }

        // The Markov chain: converting paths of attributed orders, null paths of customers who did not order.
        var paths = touchesOfOrder.map {
            MarketingMarkovChain.Path(channels: $0.touches.map { sessions[$0].channel }, converted: true)
        }
        for c in periodSessionsOfCustomer.keys.sorted() where !orderingCustomers.contains(c) {
            paths.append(.init(channels: periodSessionsOfCustomer[c]!.map { sessions[$0].channel }, converted: false))
        }
        let chain = MarketingMarkovChain(paths: paths)

        // Credit every attributed order under every model.
        for (o, touches) in touchesOfOrder {
            let order = data.orders[o]
            let channels = touches.map { sessions[$0].channel }
            let starts = touches.map { sessions[$0].start }
            let shares = models.map { model in
                let weights = model.weights(
                    channels: channels, starts: starts, orderTime: order.orderedAt,
                    halfLifeDays: options.timeDecayHalfLifeDays, removalEffects: chain.removalEffects)
                return (weights, MarketingAttributionModel.allocate(cents: order.revenueCents, weights: weights))
            }
            // One lookup per touch and row for all models (each row still adds its touches in order).
            for (t, i) in touches.enumerated() {
                let key = SourceKey(sessions[i])
                var channelRow = byChannel.removeValue(forKey: key.channel) ?? Accumulator()
                var sourceRow = bySource.removeValue(forKey: key) ?? Accumulator()
                for (m, model) in models.enumerated() {
                    channelRow.credit(model, shares[m].0[t], shares[m].1[t])
                    sourceRow.credit(model, shares[m].0[t], shares[m].1[t])
                }
                byChannel[key.channel] = channelRow
                bySource[key] = sourceRow
            }
        }

        // Ad spend of the period.
        for spend in data.adSpend where spend.date >= period.from && spend.date < period.to {
            let campaign = spend.campaign.isEmpty ? nil : spend.campaign
            let channel = ChannelClassifier.channel(source: spend.source, medium: spend.medium, campaign: campaign)
                .rawValue
            let key = SourceKey(channel: channel, source: spend.source, medium: spend.medium, campaign: campaign)
            byChannel[channel, default: Accumulator()].cost = (byChannel[channel]?.cost ?? 0) + spend.costCents
            bySource[key, default: Accumulator()].cost = (bySource[key]?.cost ?? 0) + spend.costCents
        }

        let channelRows = byChannel.map { MarketingReport.ChannelRow(channel: $0.key, metrics: $0.value.metrics) }
            .sorted { a, b in
                rank(a.metrics, b.metrics) ?? (a.channel < b.channel)
            }
        let sourceRows = bySource.map {
            MarketingReport.SourceRow(
                channel: $0.key.channel, source: $0.key.source, medium: $0.key.medium, campaign: $0.key.campaign,
                metrics: $0.value.metrics)
        }.sorted { a, b in
            // Ties: by channel, source, medium, then campaign with null first.
            rank(a.metrics, b.metrics)
                ?? ((a.channel, a.source, a.medium, a.campaign == nil ? 0 : 1, a.campaign ?? "")
                    < (b.channel, b.source, b.medium, b.campaign == nil ? 0 : 1, b.campaign ?? ""))
        }

        // Segments' channel mix.
        var segmentTotals: [String: Int] = [:]
        var segmentChannel: [String: [String: Int]] = [:]
        for (c, list) in periodSessionsOfCustomer {
            let segment = data.customers[c]?["segment"].flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
            segmentTotals[segment, default: 0] += list.count
            for i in list { segmentChannel[segment, default: [:]][sessions[i].channel, default: 0] += 1 }
        }
        var segmentRows: [MarketingReport.SegmentChannelRow] = []
        for segment in segmentTotals.keys.sorted() {
            let total = segmentTotals[segment]!
            let rows = segmentChannel[segment]!.map {
                MarketingReport.SegmentChannelRow(
                    segment: segment, channel: $0.key, sessions: $0.value, share: Double($0.value) / Double(total))
            }
            segmentRows += rows.sorted { ($1.sessions, $0.channel) < ($0.sessions, $1.channel) }
        }

        let markov = MarketingReport.MarkovSummary(
            convertingPaths: chain.convertingPaths, nonConvertingPaths: chain.nonConvertingPaths,
            conversionProbability: chain.conversionProbability,
            channels: chain.channels.map {
                .init(
                    channel: $0, conversionProbabilityWithout: chain.conversionProbabilityWithout[$0] ?? 0,
                    removalEffect: chain.removalEffects[$0] ?? 0)
            }.sorted { ($1.removalEffect, $0.channel) < ($0.removalEffect, $1.channel) })

        let fatigue = MarketingCampaignFatigue.measure(
            sessions: sessions, periodSessionsOfCustomer: periodSessionsOfCustomer, threshold: options.fatigueCampaigns,
            windowDays: options.fatigueWindowDays)

        return MarketingReport(
            period: period, coverage: ReportCoverage.of(data, in: period), options: options,
            headline: headline(
                channels: channelRows, attributed: attributed, unattributed: unattributed, options: options),
            channels: channelRows, sources: sourceRows, attributed: attributed, unattributed: unattributed,
            markov: markov,
            campaignFatigue: fatigue, segmentChannelPreference: segmentRows)
    }

    /// Row order: last-non-direct revenue, then sessions, both descending; `nil` when tied.
    private static func rank(_ a: MarketingReport.Metrics, _ b: MarketingReport.Metrics) -> Bool? {
        if a.revenue.lastNonDirect != b.revenue.lastNonDirect {
            return a.revenue.lastNonDirect > b.revenue.lastNonDirect
        }
        if a.sessions != b.sessions { return a.sessions > b.sessions }
        return nil
    }

    /// The first position in `list` (session indices by start) whose session starts at or after `t`.
    private static func firstIndex(in list: [Int], startingAtOrAfter t: Int64, sessions: [ReportData.Session]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if sessions[list[mid]].start < t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    // MARK: - Headline

    /// Two or three sentences: acquisition and value, money back on ad spend (or the top revenue channel), and where
    /// the Markov model disagrees with last click (or how much revenue had no touch).
    static func headline(
        channels: [MarketingReport.ChannelRow], attributed: MarketingReport.OrderTotal,
        unattributed: MarketingReport.OrderTotal, options: MarketingReportOptions
    ) -> [String] {
        var lines: [String] = []
        let acquiring = channels.filter { $0.metrics.customersAcquired > 0 }.sorted {
            ($1.metrics.customersAcquired, $0.channel) < ($0.metrics.customersAcquired, $1.channel)
        }
        func customers(_ n: Int) -> String { n == 1 ? "1 new customer" : "\(n) new customers" }
        if acquiring.count >= 2 {
            let a = acquiring[0].metrics
            let b = acquiring[1].metrics
            lines.append(
                "\(acquiring[0].channel) brought \(customers(a.customersAcquired)) worth \(a.revenuePerAcquiredCustomer90d.text) each in 90 days; "
                    + "\(acquiring[1].channel) brought \(b.customersAcquired) worth \(b.revenuePerAcquiredCustomer90d.text)."
            )
        } else if let first = acquiring.first {
            lines.append(
                "\(first.channel) brought \(customers(first.metrics.customersAcquired)) worth \(first.metrics.revenuePerAcquiredCustomer90d.text) each in 90 days."
            )
        } else {
            lines.append("No customer's first visit fell in this period.")
        }

        let spending = channels.filter { ($0.metrics.cost?.cents ?? 0) > 0 }.sorted {
            ($1.metrics.roas ?? 0, $0.channel) < ($0.metrics.roas ?? 0, $1.channel)
        }
        func returned(_ row: MarketingReport.ChannelRow) -> String {
            Money(roundingCents: (row.metrics.roas ?? 0) * 100).text
        }
        if let best = spending.first {
            var line = "\(best.channel) returned \(returned(best)) per 1.00 of ad spend (last non-direct click)"
            if spending.count > 1, let worst = spending.last {
                line += "; \(worst.channel) returned \(returned(worst))"
            }
            lines.append(line + ".")
        } else if let top = channels.first, top.metrics.revenue.lastNonDirect.cents > 0 {
            let share = Double(top.metrics.revenue.lastNonDirect.cents) / Double(max(1, attributed.revenue.cents))
            lines.append(
                "\(top.channel) drove the most revenue by last non-direct click: \(top.metrics.revenue.lastNonDirect.text) of \(attributed.revenue.text) attributed (\(Percent.text(share)))."
            )
        } else if unattributed.orders > 0 {
            lines.append(
                "None of the period's \(unattributed.orders) order\(unattributed.orders == 1 ? "" : "s") had a visit in the \(options.lookbackDays) days before it, so no channel earned revenue."
            )
        } else {
            lines.append("There were no orders in this period, so no channel earned revenue.")
        }

        let total = Double(attributed.revenue.cents)
        let gaps = channels.map { row -> (String, Double, Double) in
            let markov = total > 0 ? Double(row.metrics.revenue.markov.cents) / total : 0
            let last = total > 0 ? Double(row.metrics.revenue.lastNonDirect.cents) / total : 0
            return (row.channel, markov, last)
        }.sorted { (abs($1.1 - $1.2), $0.0) < (abs($0.1 - $0.2), $1.0) }
        if let gap = gaps.first, abs(gap.1 - gap.2) >= 0.05 {
            lines.append(
                "The Markov model gives \(gap.0) \(Percent.text(gap.1)) of attributed revenue versus \(Percent.text(gap.2)) by last non-direct click."
            )
        } else if unattributed.orders > 0 && attributed.orders > 0 {
            lines.append(
                "\(unattributed.orders) order\(unattributed.orders == 1 ? "" : "s") (\(unattributed.revenue.text)) had no visit in the \(options.lookbackDays) days before and \(unattributed.orders == 1 ? "is" : "are") unattributed."
            )
        }
        return lines
    }

    // MARK: - Accumulation

    /// The grouping key of `sources`.
    private struct SourceKey: Hashable {
        var channel: String
        var source: String
        var medium: String
        var campaign: String?

        init(channel: String, source: String, medium: String, campaign: String?) {
            self.channel = channel
            self.source = source
            self.medium = medium
            self.campaign = campaign
        }

        init(_ s: ReportData.Session) {
            self.init(channel: s.channel, source: s.source, medium: s.medium, campaign: s.campaign)
        }
    }

    /// Running totals of one row.
    private struct Accumulator {
        var sessions = 0
        var bounced = 0
        var converted = 0
        /// Distinct visitors and identified customers of the row's sessions.
        var visitors = 0
        var customers = 0
        var newVisitors = 0
        var acquired = 0
        var acquiredRevenue30: Int64 = 0
        var acquiredRevenue90: Int64 = 0
        var repeaters = 0
        var orders = MarketingReport.ByModel(repeating: 0.0)
        var revenue = MarketingReport.ByModel(repeating: Int64(0))
        var cost: Int64?

        mutating func add(_ s: ReportData.Session) {
            sessions += 1
            if s.bounced { bounced += 1 }
            if s.converted { converted += 1 }
        }

        mutating func addAcquired(_ revenue30: Int64, _ revenue90: Int64, orders orders90: Int) {
            acquired += 1
            acquiredRevenue30 += revenue30
            acquiredRevenue90 += revenue90
            if orders90 >= 2 { repeaters += 1 }
        }

        mutating func credit(_ model: MarketingAttributionModel, _ weight: Double, _ cents: Int64) {
            orders[model] += weight
            revenue[model] += cents
        }

        var metrics: MarketingReport.Metrics {
            func rate(_ n: Int, _ d: Int) -> Double { d == 0 ? 0 : Double(n) / Double(d) }
            var m = MarketingReport.Metrics()
            m.sessions = sessions
            m.visitors = visitors
            m.newVisitors = newVisitors
            m.bounceRate = rate(bounced, sessions)
            m.identifiedCustomers = customers
            m.conversionRate = rate(converted, sessions)
            m.customersAcquired = acquired
            m.revenuePerAcquiredCustomer30d = Money(cents: acquiredRevenue30).divided(by: acquired)
            m.revenuePerAcquiredCustomer90d = Money(cents: acquiredRevenue90).divided(by: acquired)
            m.repeatPurchaseRate = rate(repeaters, acquired)
            m.orders = orders
            for model in MarketingAttributionModel.allCases { m.revenue[model] = Money(cents: revenue[model]) }
            if let cost {
                m.cost = Money(cents: cost)
                m.costPerAcquiredCustomer = acquired > 0 ? Money(cents: cost).divided(by: acquired) : nil
                m.roas = cost > 0 ? Double(revenue.lastNonDirect) / Double(cost) : nil
            }
            return m
        }
    }
}
