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
        let keys = data.keys
        // Start times in a compact array: groups below visit sessions out of order, and reading
        // whole sessions there missed the cache.
        let startOf = sessions.map(\.start)
        let day: Int64 = 86_400_000_000
        let models = MarketingAttributionModel.allCases

        // Sessions in (start, id) order (the loader's order; hand-made data may differ), so that
        // every visitor's and customer's group below lists its sessions by start.
        let byStart = data.sessionsOutOfStartOrder()
        let sessionsOfVisitor = ReportGrouping(keys: keys.visitorOfSession, groups: keys.visitorCount, order: byStart)
        let sessionsOfCustomer = ReportGrouping(keys: keys.customerOfSession, groups: keys.customers.count, order: byStart)
        let ordersOfCustomer = keys.ordersByCustomer
        // Customers with an empty id are anonymous here.
        let named = keys.customers.map { !$0.isEmpty }

        // One row per source and per channel, by index; ad spend may add sources no session has.
        var sources = data.sources
        var channels = keys.channels
        var channelOfSource = keys.channelOfSource
        var sourceTotals = [Accumulator](repeating: Accumulator(), count: sources.count)
        var channelTotals = [Accumulator](repeating: Accumulator(), count: channels.count)
        /// Rows that have anything to show (traffic, acquisition, credit or cost in the period).
        var sourceUsed = [Bool](repeating: false, count: sources.count)
        var channelUsed = [Bool](repeating: false, count: channels.count)
        func use(_ k: Int) {
            sourceUsed[k] = true
            channelUsed[Int(channelOfSource[k])] = true
        }

        // Traffic of the period; distinct visitors and customers of a row by a stamp per row while
        // walking each visitor's (and each customer's) sessions, not by sets.
        for i in sessions.indices where period.contains(startOf[i]) {
            let k = Int(sessions[i].source)
            use(k)
            sourceTotals[k].add(bounced: sessions[i].bounced, converted: sessions[i].converted)
            channelTotals[Int(channelOfSource[k])].add(bounced: sessions[i].bounced, converted: sessions[i].converted)
        }
        func countDistinct(_ groups: ReportGrouping, skip: (Int) -> Bool, into count: (inout Accumulator) -> Void) {
            var sourceStamp = [Int](repeating: -1, count: sources.count)
            var channelStamp = [Int](repeating: -1, count: channels.count)
            for g in 0..<groups.count where !skip(g) {
                for i in groups[g] where period.contains(startOf[Int(i)]) {
                    let k = Int(sessions[Int(i)].source)
                    if sourceStamp[k] != g {
                        sourceStamp[k] = g
                        count(&sourceTotals[k])
                    }
                    let c = Int(channelOfSource[k])
                    if channelStamp[c] != g {
                        channelStamp[c] = g
                        count(&channelTotals[c])
                    }
                }
            }
        }
        countDistinct(sessionsOfVisitor, skip: { _ in false }) { $0.visitors += 1 }
        countDistinct(sessionsOfCustomer, skip: { !named[$0] }) { $0.customers += 1 }
        for v in 0..<sessionsOfVisitor.count {
            guard let i = sessionsOfVisitor[v].first.map(Int.init), period.contains(startOf[i]) else { continue }
            let k = Int(sessions[i].source)
            sourceTotals[k].newVisitors += 1
            channelTotals[Int(channelOfSource[k])].newVisitors += 1
        }

        // Acquisition and what the acquired customers were worth.
        for c in 0..<sessionsOfCustomer.count where named[c] {
            guard let i = sessionsOfCustomer[c].first.map(Int.init), period.contains(startOf[i]) else { continue }
            let first = startOf[i]
            var revenue30: Int64 = 0
            var revenue90: Int64 = 0
            var orders90 = 0
            for o in ordersOfCustomer[c] {
                let order = data.orders[Int(o)]
                guard order.orderedAt >= first else { continue }
                if order.orderedAt < first + 30 * day { revenue30 += order.revenueCents }
                if order.orderedAt < first + 90 * day {
                    revenue90 += order.revenueCents
                    orders90 += 1
                }
            }
            let k = Int(sessions[i].source)
            sourceTotals[k].addAcquired(revenue30, revenue90, orders: orders90)
            channelTotals[Int(channelOfSource[k])].addAcquired(revenue30, revenue90, orders: orders90)
        }

        // Touches of the period's orders.
        let lookback = Int64(options.lookbackDays) * day
        var touchesOfOrder: [(order: Int, touches: [Int])] = []
        var unattributed = MarketingReport.OrderTotal(orders: 0, revenue: .zero)
        var attributed = MarketingReport.OrderTotal(orders: 0, revenue: .zero)
        var ordering = [Bool](repeating: false, count: keys.customers.count)
        for (o, order) in data.orders.enumerated() where period.contains(order.orderedAt) {
            let c = Int(keys.customerOfOrder[o])
            ordering[c] = true
            let list = named[c] ? sessionsOfCustomer[c] : []
            var k = firstIndex(in: list, startingAtOrAfter: order.orderedAt - lookback, starts: startOf)
            var touches: [Int] = []
            while k < list.endIndex && startOf[Int(list[k])] <= order.orderedAt {
                touches.append(Int(list[k]))
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

        // Each customer's sessions in the period (for non-converting journeys, fatigue and segments),
        // by customer id.
        var periodSessionsOfCustomer: [(customer: Int, sessions: ArraySlice<Int32>)] = []
        for c in 0..<sessionsOfCustomer.count where named[c] {
            let list = sessionsOfCustomer[c]
            let from = firstIndex(in: list, startingAtOrAfter: period.fromMicros, starts: startOf)
            let to = firstIndex(in: list, startingAtOrAfter: period.toMicros, starts: startOf)
            if from < to { periodSessionsOfCustomer.append((c, list[from..<to])) }
        }
        periodSessionsOfCustomer.sort { keys.customers[$0.customer] < keys.customers[$1.customer] }

        // The Markov chain: converting paths of attributed orders, null paths of customers who did not order.
        var paths = touchesOfOrder.map {
            MarketingMarkovChain.Path(
                channels: $0.touches.map { channels[Int(channelOfSource[Int(sessions[$0].source)])] }, converted: true)
        }
        for (c, list) in periodSessionsOfCustomer where !ordering[c] {
            let path = list.map { channels[Int(channelOfSource[Int(sessions[Int($0)].source)])] }
            paths.append(MarketingMarkovChain.Path(channels: path, converted: false))
        }
        let chain = MarketingMarkovChain(paths: paths)

        // Credit every attributed order under every model.
        for (o, touches) in touchesOfOrder {
            let order = data.orders[o]
            let channelNames = touches.map { channels[Int(channelOfSource[Int(sessions[$0].source)])] }
            let starts = touches.map { startOf[$0] }
            let shares = models.map { model in
                let weights = model.weights(
                    channels: channelNames, starts: starts, orderTime: order.orderedAt,
                    halfLifeDays: options.timeDecayHalfLifeDays, removalEffects: chain.removalEffects)
                return (weights, MarketingAttributionModel.allocate(cents: order.revenueCents, weights: weights))
            }
            for (t, i) in touches.enumerated() {
                let k = Int(sessions[i].source)
                let c = Int(channelOfSource[k])
                use(k)
                for (m, model) in models.enumerated() {
                    channelTotals[c].credit(model, shares[m].0[t], shares[m].1[t])
                    sourceTotals[k].credit(model, shares[m].0[t], shares[m].1[t])
                }
            }
        }

        // Ad spend of the period.
        var sourceIndex = Dictionary(uniqueKeysWithValues: sources.enumerated().map { ($1, $0) })
        var channelIndex = Dictionary(uniqueKeysWithValues: channels.enumerated().map { ($1, $0) })
        for spend in data.adSpend where spend.date >= period.from && spend.date < period.to {
            let campaign = spend.campaign.isEmpty ? nil : spend.campaign
            let channel = ChannelClassifier.channel(source: spend.source, medium: spend.medium, campaign: campaign)
                .rawValue
            let key = ReportData.TrafficSource(channel: channel, source: spend.source, medium: spend.medium, campaign: campaign)
            let k: Int
            if let known = sourceIndex[key] {
                k = known
            } else {
                k = sources.count
                sourceIndex[key] = k
                sources.append(key)
                sourceTotals.append(Accumulator())
                sourceUsed.append(false)
                if let c = channelIndex[channel] {
                    channelOfSource.append(Int32(c))
                } else {
                    channelIndex[channel] = channels.count
                    channelOfSource.append(Int32(channels.count))
                    channels.append(channel)
                    channelTotals.append(Accumulator())
                    channelUsed.append(false)
                }
            }
            use(k)
            sourceTotals[k].cost = (sourceTotals[k].cost ?? 0) + spend.costCents
            let c = Int(channelOfSource[k])
            channelTotals[c].cost = (channelTotals[c].cost ?? 0) + spend.costCents
        }

        let byChannel = channels.indices.filter { channelUsed[$0] }.map { (key: channels[$0], value: channelTotals[$0]) }
        let bySource = sources.indices.filter { sourceUsed[$0] }.map { (key: sources[$0], value: sourceTotals[$0]) }
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
            let segment = data.customers[keys.customers[c]]?["segment"].flatMap { $0.isEmpty ? nil : $0 } ?? "(none)"
            segmentTotals[segment, default: 0] += list.count
            var counts = [Int](repeating: 0, count: channels.count)
            for i in list { counts[Int(channelOfSource[Int(sessions[Int(i)].source)])] += 1 }
            for (channel, n) in counts.enumerated() where n > 0 {
                segmentChannel[segment, default: [:]][channels[channel], default: 0] += n
            }
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

        let campaignOfSource = sources.map { MarketingCampaignFatigue.isCampaign($0.campaign) ? $0.campaign : nil }
        let fatigue = MarketingCampaignFatigue.measure(
            sessions: sessions, periodSessionsOfCustomer: periodSessionsOfCustomer.map(\.sessions),
            campaign: { campaignOfSource[Int(sessions[$0].source)] }, threshold: options.fatigueCampaigns,
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

    /// The first position in `list` (session indices by start) whose session starts at or after `t`
    /// (`starts`: start time by session index).
    private static func firstIndex(
        in list: ArraySlice<Int32>, startingAtOrAfter t: Int64, starts: [Int64]
    ) -> Int {
        var low = list.startIndex
        var high = list.endIndex
        while low < high {
            let mid = (low + high) / 2
            if starts[Int(list[mid])] < t { low = mid + 1 } else { high = mid }
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

        mutating func add(bounced isBounced: Bool, converted isConverted: Bool) {
            sessions += 1
            if isBounced { bounced += 1 }
            if isConverted { converted += 1 }
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
