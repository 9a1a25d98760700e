import Foundation
import LogModel

/// Computes the `ContentReport` from `ReportData`: one pass over the sessions' pageviews, then
/// per-article lookups into the orders.
package enum ContentReportBuilder {
    /// Builds the content report.
    /// - Parameters:
    ///   - data: The loaded store.
    ///   - period: The article pageviews counted are those whose time falls in it.
    ///   - options: Purchase window, top-value share and list length.
    /// - Returns: The report. Cost: O(pageviews + orders + reads × log(orders of the reader)).
    package static func build(
        data: ReportData, period: ReportPeriod, options: ContentReportOptions = .init()
    ) -> ContentReport {
        let day: Int64 = 86_400_000_000
        let window = Int64(options.purchaseWindowDays) * day

        let keys = data.keys
        // Orders: revenue per checkout session, order times and total revenue per customer.
        var revenueBySession = [Int64](repeating: 0, count: data.sessions.count)
        var orderTimes = [[Int64]](repeating: [], count: keys.customers.count)
        var revenueByCustomer: [String: Int64] = [:]
        for (o, order) in data.orders.enumerated() {
            let revenue = order.revenueCents
            if let s = order.session { revenueBySession[s] += revenue }
            orderTimes[Int(keys.customerOfOrder[o])].append(order.orderedAt)
            revenueByCustomer[order.customerID, default: 0] += revenue
        }
        for c in orderTimes.indices where orderTimes[c].count > 1 { orderTimes[c].sort() }
        let topValueIDs = topValueCustomers(revenueByCustomer, share: options.topValueShare)
        let topValue = keys.customers.map(topValueIDs.contains)

        // One pass over the sessions' pageviews; visitors, customers and channels by index.
        var indexOfPage = [Int](repeating: -1, count: data.paths.count)
        var tallies: [ArticleTally] = []
        var visitorSeen = [Bool](repeating: false, count: keys.visitorCount)
        var readerSeen = [Bool](repeating: false, count: keys.customers.count)
        var uniqueVisitors = 0
        var identifiedReaders = 0
        var totalPageviews = 0
        var readInSession: [Int] = []
        for si in data.sessions.indices {
            let range = data.sessions[si].pageviewRange
            guard let first = range.first, let last = range.last,
                data.pageviews[last].ts >= period.fromMicros, data.pageviews[first].ts < period.toMicros
            else { continue }
            let visitor = keys.visitorOfSession[si]
            let customer = keys.customerOfSession[si]
            readInSession.removeAll(keepingCapacity: true)
            for j in range {
                let pv = data.pageviews[j]
                guard pv.kind == .article, period.contains(pv.ts) else { continue }
                let a: Int
                if indexOfPage[Int(pv.page)] >= 0 {
                    a = indexOfPage[Int(pv.page)]
                } else {
                    a = tallies.count
                    indexOfPage[Int(pv.page)] = a
                    tallies.append(ArticleTally(path: data.path(of: pv)))
                }
                totalPageviews += 1
                if !visitorSeen[Int(visitor)] {
                    visitorSeen[Int(visitor)] = true
                    uniqueVisitors += 1
                }
                tallies[a].pageviews += 1
                if pv.item >= 0 { tallies[a].slugs[pv.item, default: 0] += 1 }
                if customer >= 0 {
                    if !readerSeen[Int(customer)] {
                        readerSeen[Int(customer)] = true
                        identifiedReaders += 1
                    }
                    tallies[a].readTimes[customer, default: []].append(pv.ts)
                }
                if j == first {
                    tallies[a].entrances += 1
                    if range.count == 1 { tallies[a].bounces += 1 }
                    tallies[a].channelEntrances[keys.channelOfSource[Int(data.sessions[si].source)], default: 0] += 1
                }
                if j == last {
                    tallies[a].exits += 1
                } else {
                    tallies[a].timeOnPageMicros += data.pageviews[j + 1].ts - pv.ts
                    tallies[a].timeOnPageSamples += 1
                }
                let week = weekStart(pv.ts)
                tallies[a].weeks[week, default: WeekTally()].pageviews += 1
                tallies[a].weeks[week]!.visitors.insert(visitor)
                if !readInSession.contains(a) { readInSession.append(a) }
            }
            // Once per (article, session): visitor's session count, and revenue checked out in this session.
            for a in readInSession {
                tallies[a].sessionsByVisitor[visitor, default: 0] += 1
                tallies[a].assistedCents += revenueBySession[si]
            }
        }

        var articles = tallies.map { t in
            article(t, data: data, keys: keys, orderTimes: orderTimes, window: window, topValue: topValue)
        }
        articles.sort {
            $0.engagementScore != $1.engagementScore ? $0.engagementScore > $1.engagementScore : $0.path < $1.path
        }
        let totals = ContentReport.Totals(
            articles: articles.count, pageviews: totalPageviews, uniqueVisitors: uniqueVisitors,
            identifiedReaders: identifiedReaders)
        return ContentReport(
            period: period, coverage: .of(data, in: period), options: options,
            headline: headline(articles, totals: totals, options: options), totals: totals,
            articles: Array(articles.prefix(max(0, options.top))), definitions: ContentReport.definitions(options))
    }

    /// Running counts of one article.
    struct ArticleTally {
        var path: String
        /// Item id of the slug → pageviews.
        var slugs: [Int32: Int] = [:]
        var pageviews = 0
        var entrances = 0
        var bounces = 0
        var exits = 0
        var timeOnPageMicros: Int64 = 0
        var timeOnPageSamples = 0
        /// Visitor (`ReportKeys` index) → sessions in which it read the article.
        var sessionsByVisitor: [Int32: Int] = [:]
        /// Customer (`ReportKeys` index) → times of their reads.
        var readTimes: [Int32: [Int64]] = [:]
        /// Channel (`ReportKeys` index) → entrances.
        var channelEntrances: [Int32: Int] = [:]
        var assistedCents: Int64 = 0
        /// Monday's day number → that week's counts.
        var weeks: [Int: WeekTally] = [:]
    }

    struct WeekTally {
        var pageviews = 0
        /// Visitors by `ReportKeys` index.
        var visitors = Set<Int32>()
    }

    static func article(
        _ t: ArticleTally, data: ReportData, keys: ReportKeys, orderTimes: [[Int64]], window: Int64, topValue: [Bool]
    ) -> ContentReport.Article {
        let identified = t.readTimes.count
        var purchased = 0
        for (customer, reads) in t.readTimes {
            let times = orderTimes[Int(customer)]
            if reads.contains(where: { read in
                let i = firstIndex(in: times, notBefore: read)
                return i < times.count && times[i] - read <= window
            }) {
                purchased += 1
            }
        }
        let topReaders = t.readTimes.keys.filter { topValue[Int($0)] }.count
        let bounceRate = t.entrances == 0 ? nil : Double(t.bounces) / Double(t.entrances)
        let avgTime =
            t.timeOnPageSamples == 0 ? nil : Double(t.timeOnPageMicros) / 1_000_000 / Double(t.timeOnPageSamples)
        let score =
            Double(t.pageviews) * (1 - (bounceRate ?? 0)) * min(avgTime ?? 0, 600) / 600 + 10 * Double(purchased)
        let channels = t.channelEntrances.map { (channel: keys.channels[Int($0.key)], entrances: $0.value) }
            .sorted { $0.entrances != $1.entrances ? $0.entrances > $1.entrances : $0.channel < $1.channel }
            .prefix(3).map { ContentReport.ChannelEntrances(channel: $0.channel, entrances: $0.entrances) }
        let weekly = t.weeks.sorted { $0.key < $1.key }.map {
            ContentReport.Week(
                weekStart: CivilTime.isoDate(days: $0.key), pageviews: $0.value.pageviews,
                uniqueVisitors: $0.value.visitors.count)
        }
        return ContentReport.Article(
            path: t.path, slug: slug(t, items: data.items), pageviews: t.pageviews, uniqueVisitors: t.sessionsByVisitor.count,
            identifiedReaders: identified, entrances: t.entrances, bounceRate: bounceRate,
            exitRate: t.pageviews == 0 ? 0 : Double(t.exits) / Double(t.pageviews), avgTimeOnPageS: avgTime,
            timeOnPageSamples: t.timeOnPageSamples,
            returningReaders: t.sessionsByVisitor.values.filter { $0 >= 2 }.count,
            readersPurchased7d: purchased,
            readerPurchaseRate7d: identified == 0 ? nil : Double(purchased) / Double(identified),
            assistedRevenue: Money(cents: t.assistedCents),
            topValueReaderShare: identified == 0 ? nil : Double(topReaders) / Double(identified),
            topEntryChannels: channels, weekly: weekly, engagementScore: score)
    }

    /// The most frequent slug of the path (ties: smallest), else its last non-empty segment.
    static func slug(_ t: ArticleTally, items: [String]) -> String {
        let named = t.slugs.map { (slug: items[Int($0.key)], views: $0.value) }.filter { !$0.slug.isEmpty }
        if let best = named.min(by: { $0.views != $1.views ? $0.views > $1.views : $0.slug < $1.slug }) {
            return best.slug
        }
        return t.path.split(separator: "/").last.map(String.init) ?? t.path
    }

    /// The first `share` of customers with orders, by total revenue (descending, ties by id); the
    /// count is rounded up.
    static func topValueCustomers(_ revenue: [String: Int64], share: Double) -> Set<String> {
        guard !revenue.isEmpty, share > 0 else { return [] }
        let count = min(revenue.count, Int((share * Double(revenue.count) - 1e-9).rounded(.up)))
        let ranked = revenue.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        return Set(ranked.prefix(max(1, count)).map(\.key))
    }

    /// Index of the first element `>= value` in an ascending array (its count when none).
    static func firstIndex(in sorted: [Int64], notBefore value: Int64) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Day number of the Monday (UTC) of the week containing `ts` (1970-01-01 was a Thursday).
    static func weekStart(_ ts: Int64) -> Int {
        let day = Int(ReportPeriod.floorDay(ts))
        return day - ((day + 3) % 7 + 7) % 7
    }

    static func headline(
        _ articles: [ContentReport.Article], totals: ContentReport.Totals, options: ContentReportOptions
    ) -> [String] {
        guard let best = articles.first else { return ["No article was read in the period."] }
        var lines = [
            "\(totals.articles) articles were read \(totals.pageviews) times by \(totals.uniqueVisitors) visitors (\(totals.identifiedReaders) identified customers)."
        ]
        var sentence = "Most engaging: \(best.path) with \(best.pageviews) pageviews"
        if let bounce = best.bounceRate { sentence += ", \(Percent.text(bounce)) bounce" }
        if let time = best.avgTimeOnPageS { sentence += ", \(ContentReport.duration(time)) average time on page" }
        sentence +=
            "; \(best.readersPurchased7d) of its \(best.identifiedReaders) identified readers ordered within \(options.purchaseWindowDays) days, and orders checked out in visits that read it brought \(best.assistedRevenue.text)."
        lines.append(sentence)
        if let earner = articles.max(by: {
            $0.assistedRevenue != $1.assistedRevenue ? $0.assistedRevenue < $1.assistedRevenue : $0.path > $1.path
        }), earner.path != best.path, earner.assistedRevenue > .zero {
            lines.append(
                "Most assisted revenue: \(earner.path) (\(earner.assistedRevenue.text) from orders checked out in visits that read it)."
            )
        }
        return lines
    }
}
