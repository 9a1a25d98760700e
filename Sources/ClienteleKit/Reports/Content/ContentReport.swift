import Foundation

/// The content editors' report: which articles draw and hold readers, and which lead to
/// purchases. Built by `ContentReportBuilder`; the JSON is the contract.
package struct ContentReport: DepartmentReport, Equatable {
    /// The report's name on the command line.
    package static let name = "content"
    /// Bumped when a key changes meaning or disappears.
    package static let currentSchemaVersion = 1

    /// JSON `schema_version`: the contract's version (1).
    package var schemaVersion = ContentReport.currentSchemaVersion
    /// JSON `report`: the report's name.
    package var report = ContentReport.name
    /// The period covered, `[from, to)` in whole UTC days.
    package var period: ReportPeriod
    /// How far to trust the numbers: identified sessions, matched orders, exclusions.
    package var coverage: ReportCoverage
    /// The options the report was built with.
    package var options: ContentReportOptions
    /// Two or three plain-words sentences with the headline numbers.
    package var headline: [String]
    /// Figures over all articles of the period.
    package var totals: Totals
    /// Articles ranked by engagement score (descending, ties by path), at most `options.top`.
    package var articles: [Article]
    /// What every number means, by JSON key.
    package var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case report, period, coverage, options, headline, totals, articles
        case definitions
    }

    /// Site-wide article figures for the period.
    package struct Totals: Codable, Sendable, Equatable {
        /// Distinct article paths read in the period (also those beyond `top`).
        package var articles: Int
        /// Pageviews counted (see `definitions`).
        package var pageviews: Int
        /// Distinct visitors of those pageviews.
        package var uniqueVisitors: Int
        /// Distinct customers of the sessions with those pageviews.
        package var identifiedReaders: Int

        enum CodingKeys: String, CodingKey {
            case articles, pageviews
            case uniqueVisitors = "unique_visitors"
            case identifiedReaders = "identified_readers"
        }
    }

    /// One article (pageviews of kind `article` grouped by path).
    package struct Article: Codable, Sendable, Equatable {
        /// The article's URL path.
        package var path: String
        /// The article slug (from the site profile, else the last path segment).
        package var slug: String
        /// Pageviews counted (see `definitions`).
        package var pageviews: Int
        /// Distinct visitors of those pageviews.
        package var uniqueVisitors: Int
        /// Distinct customers of the sessions with those pageviews.
        package var identifiedReaders: Int
        /// Sessions entering on the article.
        package var entrances: Int
        /// `nil` (JSON null) when the article had no entrances.
        package var bounceRate: Double?
        /// Sessions ending on the article / pageviews.
        package var exitRate: Double
        /// `nil` when no pageview of it was followed by another in the same session.
        package var avgTimeOnPageS: Double?
        /// Pageviews followed by another pageview in the same session.
        package var timeOnPageSamples: Int
        /// Visitors who read the article in two or more sessions.
        package var returningReaders: Int
        /// Identified readers who ordered within the purchase window after a read.
        package var readersPurchased7d: Int
        /// `nil` when there are no identified readers.
        package var readerPurchaseRate7d: Double?
        /// Revenue of orders checked out in sessions that read the article.
        package var assistedRevenue: Money
        /// `nil` when there are no identified readers.
        package var topValueReaderShare: Double?
        /// Up to three channels by entrances.
        package var topEntryChannels: [ChannelEntrances]
        /// Pageviews and visitors per week (Monday start).
        package var weekly: [Week]
        /// The ranking score (formula in `definitions`).
        package var engagementScore: Double

        enum CodingKeys: String, CodingKey {
            case path, slug, pageviews
            case uniqueVisitors = "unique_visitors"
            case identifiedReaders = "identified_readers"
            case entrances
            case bounceRate = "bounce_rate"
            case exitRate = "exit_rate"
            case avgTimeOnPageS = "avg_time_on_page_s"
            case timeOnPageSamples = "time_on_page_samples"
            case returningReaders = "returning_readers"
            case readersPurchased7d = "readers_purchased_7d"
            case readerPurchaseRate7d = "reader_purchase_rate_7d"
            case assistedRevenue = "assisted_revenue"
            case topValueReaderShare = "top_value_reader_share"
            case topEntryChannels = "top_entry_channels"
            case weekly
            case engagementScore = "engagement_score"
        }

        /// Encodes every key, writing `null` for missing rates (synthesized encoding would drop them).
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(path, forKey: .path)
            try c.encode(slug, forKey: .slug)
            try c.encode(pageviews, forKey: .pageviews)
            try c.encode(uniqueVisitors, forKey: .uniqueVisitors)
            try c.encode(identifiedReaders, forKey: .identifiedReaders)
            try c.encode(entrances, forKey: .entrances)
            try c.encode(bounceRate, forKey: .bounceRate)
            try c.encode(exitRate, forKey: .exitRate)
            try c.encode(avgTimeOnPageS, forKey: .avgTimeOnPageS)
            try c.encode(timeOnPageSamples, forKey: .timeOnPageSamples)
            try c.encode(returningReaders, forKey: .returningReaders)
            try c.encode(readersPurchased7d, forKey: .readersPurchased7d)
            try c.encode(readerPurchaseRate7d, forKey: .readerPurchaseRate7d)
            try c.encode(assistedRevenue, forKey: .assistedRevenue)
            try c.encode(topValueReaderShare, forKey: .topValueReaderShare)
            try c.encode(topEntryChannels, forKey: .topEntryChannels)
            try c.encode(weekly, forKey: .weekly)
            try c.encode(engagementScore, forKey: .engagementScore)
        }
    }

    /// Entrances of an article from one channel.
    package struct ChannelEntrances: Codable, Sendable, Equatable {
        /// GA4 default channel group of the session.
        package var channel: String
        /// Sessions entering on the article.
        package var entrances: Int
    }

    /// One week (Monday to Sunday, UTC) of an article's readership.
    package struct Week: Codable, Sendable, Equatable {
        /// The Monday, `YYYY-MM-DD`.
        package var weekStart: String
        /// Pageviews counted (see `definitions`).
        package var pageviews: Int
        /// Distinct visitors of those pageviews.
        package var uniqueVisitors: Int

        enum CodingKeys: String, CodingKey {
            case weekStart = "week_start"
            case pageviews
            case uniqueVisitors = "unique_visitors"
        }
    }

    /// The definitions of every number, worded for the given options.
    /// - Parameter options: The options the report was built with (window, top-value share).
    package static func definitions(_ options: ContentReportOptions) -> [String: String] {
        let days = options.purchaseWindowDays
        let share = Percent.text(options.topValueShare)
        return [
            "article": "pageviews of kind `article` in the period (by pageview time), grouped by path; bots excluded",
            "path": "the article's URL path",
            "slug":
                "the article slug the site profile extracted (the most frequent one for the path), else the last path segment",
            "pageviews": "article pageviews in the period",
            "unique_visitors":
                "distinct visitors (visitor id: cookie, else IP + user agent) of the sessions with those pageviews",
            "identified_readers":
                "distinct customers of the sessions with those pageviews (sessions tied to a customer, retroactively and across devices)",
            "entrances": "sessions whose first pageview is this article (in the period)",
            "bounce_rate":
                "sessions entering on the article with exactly one pageview / entrances; null when there are no entrances",
            "exit_rate": "sessions whose last pageview is this article / pageviews",
            "avg_time_on_page_s":
                "mean seconds from a pageview of the article to the next pageview of the same session; the last pageview of a session (an exit) has no known time and is excluded; null when there are no samples",
            "time_on_page_samples":
                "pageviews that had a next pageview in the same session (the samples of avg_time_on_page_s)",
            "returning_readers": "visitors who read the article in two or more different sessions in the period",
            "readers_purchased_7d":
                "identified readers with an order (any order in the data) placed from the moment of one of their reads of the article up to \(days) days (inclusive) later",
            "reader_purchase_rate_7d":
                "readers_purchased_7d / identified_readers; null when there are no identified readers",
            "assisted_revenue":
                "revenue (sum of quantity × unit price) of the orders whose checkout session (the session whose checkout page carried the order id) includes a read of the article in the period; each order counted once per article, and also under every other article it read",
            "top_value_reader_share":
                "identified readers who are top-value customers / identified_readers, where top-value customers are the first \(share) of customers with orders ranked by total revenue over all data (rounded up; ties by customer id); null when there are no identified readers",
            "top_entry_channels":
                "up to 3 channels (GA4 default channel group of the session) by entrances on the article, ties by channel name",
            "weekly":
                "article pageviews and distinct visitors per week; week_start is the Monday (UTC) of the pageview",
            "engagement_score":
                "pageviews × (1 − bounce_rate) × min(avg_time_on_page_s, 600) / 600 + 10 × readers_purchased_7d; a missing bounce_rate counts as 0 and a missing avg_time_on_page_s as 0. Rewards read-through and time held (capped at 10 minutes) and, strongly, readers who buy. Articles are ranked by it (descending, ties by path)",
            "totals":
                "the same counts over all articles: distinct article paths, article pageviews, distinct visitors and distinct identified readers",
        ]
    }

    // MARK: - Rendering

    /// Readable terminal lines: the question, the headline, coverage and the top rows.
    package func textLines() -> [String] {
        var out = [
            "Content — which articles draw and hold readers, and which lead to purchases?",
            "Period \(period.from) to \(period.to) (exclusive), \(period.days) days",
            "",
        ]
        out += headline
        out.append("")
        out += coverage.lines
        let rows = articles.prefix(20).map { a in
            [
                a.path, String(a.pageviews), String(a.uniqueVisitors), String(a.entrances),
                a.bounceRate.map(Percent.text) ?? "-", Percent.text(a.exitRate),
                a.avgTimeOnPageS.map(Self.duration) ?? "-", String(a.readersPurchased7d),
                a.assistedRevenue.text, String(format: "%.1f", a.engagementScore),
            ]
        }
        out += OverviewTextRenderer.table(
            [
                "Article", "Views", "Visitors", "Entrances", "Bounce", "Exit", "Avg time",
                "Bought ≤\(options.purchaseWindowDays)d", "Assisted revenue", "Score",
            ],
            rows, title: "Top articles by engagement score (\(rows.count) of \(totals.articles))")
        let channelRows = articles.prefix(20).map { a in
            [a.path, a.topEntryChannels.map { "\($0.channel) \($0.entrances)" }.joined(separator: ", ")]
        }.filter { !$0[1].isEmpty }
        out += OverviewTextRenderer.table(["Article", ""], channelRows, title: "Top entry channels")
        return out
    }

    /// One CSV table per list; rates as decimals, money with two decimals, null as an empty cell.
    package func csvTables() -> [CSVTable] {
        func rate(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        let main = CSVTable(
            name: "content_articles",
            header: [
                "rank", "path", "slug", "pageviews", "unique_visitors", "identified_readers", "entrances",
                "bounce_rate", "exit_rate", "avg_time_on_page_s", "time_on_page_samples", "returning_readers",
                "readers_purchased_7d", "reader_purchase_rate_7d", "assisted_revenue", "top_value_reader_share",
                "engagement_score",
            ],
            rows: articles.enumerated().map { i, a in
                [
                    String(i + 1), a.path, a.slug, String(a.pageviews), String(a.uniqueVisitors),
                    String(a.identifiedReaders), String(a.entrances), rate(a.bounceRate), String(a.exitRate),
                    rate(a.avgTimeOnPageS), String(a.timeOnPageSamples), String(a.returningReaders),
                    String(a.readersPurchased7d), rate(a.readerPurchaseRate7d), a.assistedRevenue.plain,
                    rate(a.topValueReaderShare), String(a.engagementScore),
                ]
            })
        let channels = CSVTable(
            name: "content_entry_channels", header: ["path", "channel", "entrances"],
            rows: articles.flatMap { a in a.topEntryChannels.map { [a.path, $0.channel, String($0.entrances)] } })
        let weekly = CSVTable(
            name: "content_weekly", header: ["path", "week_start", "pageviews", "unique_visitors"],
            rows: articles.flatMap { a in
                a.weekly.map { [a.path, $0.weekStart, String($0.pageviews), String($0.uniqueVisitors)] }
            })
        return [main, channels, weekly]
    }

    /// `95` → `1m35s`, `42.4` → `42s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s < 60 ? "\(s)s" : "\(s / 60)m" + (s % 60 < 10 ? "0" : "") + "\(s % 60)s"
    }
}
