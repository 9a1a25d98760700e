import Foundation
import LogModel
import Testing

@testable import ClienteleKit

/// The content report on a hand-made week pair. T0 = Monday 2026-01-05 00:00 UTC; the period is
/// [2026-01-05, 2026-01-19).
///
/// Sessions (pageview offsets in seconds from the session's start):
/// - S0 visitor 1, c1, Organic Search, T0:        /blog/a @0, product @120, checkout o1 @300   (o1: 20.00)
/// - S1 visitor 1, c1, Email, T0+1d:              /blog/a @0                                   (bounce)
/// - S2 visitor 2, anonymous, Organic Search, T0+2d: / @0, /blog/a @60, /blog/b @100
/// - S3 visitor 3, c2, Direct, T0+8d:             /blog/b @0, /blog/a @30, checkout o8 @90     (o8: 10.00)
/// - S4 visitor 4, c3, Email, T0−1d:              /blog/a @0                                   (before the period)
/// - S5 visitor 5, c4, Referral, T0+3d:           /blog/b @0                                   (bounce)
/// - S6 visitor 6, c5, Referral, T0+4d:           /blog/b @0                                   (bounce)
/// - S7 visitor 7, anonymous, Direct, T0+5d:      / @0, /guides/c @10 (no slug), /x @70
/// - S8 visitor 1, c1, Email, T0+14d:             /blog/a @0                                   (period end: excluded)
///
/// Orders (all data): o1 c1 T0+300s 20.00 (S0); o4 c1 T0+20d 10.00; o2 c2 T0+14d 50.00;
/// o8 c2 T0+8d+90s 10.00 (S3); o3 c3 T0+2d 45.00; o5 c4 exactly T0+3d+7d 40.00;
/// o6 c5 T0+4d+7d+1µs 5.00; o7 c5 T0+3d 5.00 (before c5's read).
/// Revenue per customer: c1 30, c2 60, c3 45, c4 40, c5 10 → 5 buyers, top 20% = 1 = {c2}.
@Suite struct ContentReportTests {
    static let second: Int64 = 1_000_000
    static let day: Int64 = 86_400_000_000
    static let t0 = Int64(CivilTime.days(year: 2026, month: 1, day: 5)) * day
    static let period = ReportPeriod(fromMicros: t0, toMicros: t0 + 14 * day)

    /// Appends a session with pageviews `(offset seconds, path, kind, item)`.
    static func add(
        _ data: inout ReportData, visitor: Int64, customer: String?, channel: String, start: Int64,
        _ pages: [(Int64, String, String, String?)]
    ) {
        let index = data.sessions.count
        let first = data.pageviews.count
        for (offset, path, kind, item) in pages {
            data.appendPageview(session: index, ts: start + offset * second, path: path, kind: kind, item: item, quantity: nil)
        }
        data.append(
            SessionText(
                id: Int64(index + 1), visitorID: visitor, customerID: customer, start: start,
                end: start + pages.last!.0 * second, pageviews: pages.count, channel: channel, source: "", medium: "",
                campaign: nil, landingPath: pages.first!.1, exitPath: pages.last!.1, bounced: pages.count == 1,
                converted: pages.contains { $0.2 == "checkout_complete" }, pageviewRange: first..<data.pageviews.count))
    }

    static func order(_ id: String, _ customer: String, _ at: Int64, cents: Int64, session: Int?) -> ReportData.Order {
        .init(
            id: id, customerID: customer, orderedAt: at,
            items: [.init(sku: "p1", quantity: 1, unitPriceCents: cents)], session: session)
    }

    static func data() -> ReportData {
        var d = ReportData()
        add(
            &d, visitor: 1, customer: "c1", channel: "Organic Search", start: t0,
            [
                (0, "/blog/a", "article", "a"), (120, "/p/1", "product", "p1"),
                (300, "/thanks", "checkout_complete", "o1"),
            ])
        add(&d, visitor: 1, customer: "c1", channel: "Email", start: t0 + day, [(0, "/blog/a", "article", "a")])
        add(
            &d, visitor: 2, customer: nil, channel: "Organic Search", start: t0 + 2 * day,
            [
                (0, "/", "other", nil), (60, "/blog/a", "article", "a"), (100, "/blog/b", "article", "b"),
            ])
        add(
            &d, visitor: 3, customer: "c2", channel: "Direct", start: t0 + 8 * day,
            [
                (0, "/blog/b", "article", "b"), (30, "/blog/a", "article", "a"),
                (90, "/thanks", "checkout_complete", "o8"),
            ])
        add(&d, visitor: 4, customer: "c3", channel: "Email", start: t0 - day, [(0, "/blog/a", "article", "a")])
        add(&d, visitor: 5, customer: "c4", channel: "Referral", start: t0 + 3 * day, [(0, "/blog/b", "article", "b")])
        add(&d, visitor: 6, customer: "c5", channel: "Referral", start: t0 + 4 * day, [(0, "/blog/b", "article", "b")])
        add(
            &d, visitor: 7, customer: nil, channel: "Direct", start: t0 + 5 * day,
            [
                (0, "/", "other", nil), (10, "/guides/c", "article", nil), (70, "/x", "other", nil),
            ])
        add(&d, visitor: 1, customer: "c1", channel: "Email", start: t0 + 14 * day, [(0, "/blog/a", "article", "a")])
        d.orders = [
            order("o3", "c3", t0 + 2 * day, cents: 4500, session: nil),
            order("o1", "c1", t0 + 300 * second, cents: 2000, session: 0),
            order("o7", "c5", t0 + 3 * day, cents: 500, session: nil),
            order("o8", "c2", t0 + 8 * day + 90 * second, cents: 1000, session: 3),
            order("o5", "c4", t0 + 10 * day, cents: 4000, session: nil),
            order("o6", "c5", t0 + 11 * day + 1, cents: 500, session: nil),
            order("o2", "c2", t0 + 14 * day, cents: 5000, session: nil),
            order("o4", "c1", t0 + 20 * day, cents: 1000, session: nil),
        ].sorted { $0.orderedAt < $1.orderedAt }
        return d
    }

    static let report = ContentReportBuilder.build(data: data(), period: period)

    func article(_ path: String) throws -> ContentReport.Article {
        try #require(Self.report.articles.first { $0.path == path })
    }

    @Test func countsReadersVisitorsAndEntrances() throws {
        let a = try article("/blog/a")
        // S0, S1, S2, S3 (S4 before and S8 at the period's end are out).
        #expect(a.pageviews == 4)
        #expect(a.slug == "a")
        #expect(a.uniqueVisitors == 3)  // visitors 1, 2, 3
        #expect(a.identifiedReaders == 2)  // c1, c2
        #expect(a.entrances == 2)  // S0, S1
        #expect(a.returningReaders == 1)  // visitor 1 in S0 and S1
        let b = try article("/blog/b")
        #expect(b.pageviews == 4)  // S2, S3, S5, S6
        #expect(b.uniqueVisitors == 4)  // 2, 3, 5, 6
        #expect(b.identifiedReaders == 3)  // c2, c4, c5
        #expect(b.entrances == 3)  // S3, S5, S6
        #expect(b.returningReaders == 0)
        let c = try article("/guides/c")
        #expect(c.slug == "c")  // no slug from the profile: last path segment
        #expect(c.entrances == 0)
        #expect(Self.report.totals == .init(articles: 3, pageviews: 9, uniqueVisitors: 6, identifiedReaders: 4))
    }

    @Test func bounceAndExitRates() throws {
        let a = try article("/blog/a")
        #expect(abs(a.bounceRate! - 0.5) < 1e-9)  // S1 of S0, S1
        #expect(abs(a.exitRate - 0.25) < 1e-9)  // S1 ends on it: 1 / 4
        let b = try article("/blog/b")
        #expect(abs(b.bounceRate! - 2.0 / 3) < 1e-9)  // S5, S6 of S3, S5, S6
        #expect(abs(b.exitRate - 0.75) < 1e-9)  // S2, S5, S6 / 4
        let c = try article("/guides/c")
        #expect(c.bounceRate == nil)
        #expect(c.exitRate == 0)
    }

    @Test func timeOnPageExcludesExits() throws {
        let a = try article("/blog/a")
        // S0: 120 s, S2: 100 − 60 = 40 s, S3: 90 − 30 = 60 s; S1 is an exit.
        #expect(a.timeOnPageSamples == 3)
        #expect(abs(a.avgTimeOnPageS! - 220.0 / 3) < 1e-9)
        let b = try article("/blog/b")
        // S3: 30 s; S2, S5, S6 are exits.
        #expect(b.timeOnPageSamples == 1)
        #expect(abs(b.avgTimeOnPageS! - 30) < 1e-9)
        let c = try article("/guides/c")
        #expect(c.timeOnPageSamples == 1)
        #expect(abs(c.avgTimeOnPageS! - 60) < 1e-9)
    }

    @Test func purchaseWithinSevenDaysOfARead() throws {
        let a = try article("/blog/a")
        // c1: o1 300 s after the read; c2: o8 60 s after the read.
        #expect(a.readersPurchased7d == 2)
        #expect(abs(a.readerPurchaseRate7d! - 1) < 1e-9)
        let b = try article("/blog/b")
        // c2 yes (o8); c4 yes (o5 exactly 7 days after: inclusive); c5 no (o6 is 1 µs late, o7 before the read).
        #expect(b.readersPurchased7d == 2)
        #expect(abs(b.readerPurchaseRate7d! - 2.0 / 3) < 1e-9)
        let c = try article("/guides/c")
        #expect(c.readerPurchaseRate7d == nil)
        // A 6-day window drops c4.
        let narrow = ContentReportBuilder.build(
            data: Self.data(), period: Self.period, options: .init(purchaseWindowDays: 6))
        #expect(narrow.articles.first { $0.path == "/blog/b" }?.readersPurchased7d == 1)
    }

    @Test func assistedRevenueFromCheckoutSessions() throws {
        // /blog/a was read in S0 (o1 20.00) and S3 (o8 10.00); /blog/b in S3 only.
        let (a, b, c) = (try article("/blog/a"), try article("/blog/b"), try article("/guides/c"))
        #expect(a.assistedRevenue == Money(cents: 3000))
        #expect(b.assistedRevenue == Money(cents: 1000))
        #expect(c.assistedRevenue == .zero)
    }

    @Test func topValueReaderShare() throws {
        // Top-value customers: {c2} (60.00, the first 20% of 5 buyers).
        let (a, b, c) = (try article("/blog/a"), try article("/blog/b"), try article("/guides/c"))
        #expect(abs(a.topValueReaderShare! - 0.5) < 1e-9)  // c2 of c1, c2
        #expect(abs(b.topValueReaderShare! - 1.0 / 3) < 1e-9)  // c2 of c2, c4, c5
        #expect(c.topValueReaderShare == nil)
        // 40% of 5 = 2: {c2, c3}; ties broken by id.
        #expect(ContentReportBuilder.topValueCustomers(["x": 5, "c3": 45, "c2": 60], share: 0.4) == ["c2", "c3"])
        #expect(ContentReportBuilder.topValueCustomers(["b": 10, "a": 10, "c": 1], share: 0.2) == ["a"])
    }

    @Test func entryChannelsAndWeeklyTrend() throws {
        let a = try article("/blog/a")
        #expect(
            a.topEntryChannels == [
                .init(channel: "Email", entrances: 1), .init(channel: "Organic Search", entrances: 1),
            ])
        // Week of Mon 2026-01-05: S0, S1 (visitor 1), S2 (visitor 2); week of 2026-01-12: S3 (visitor 3).
        #expect(
            a.weekly == [
                .init(weekStart: "2026-01-05", pageviews: 3, uniqueVisitors: 2),
                .init(weekStart: "2026-01-12", pageviews: 1, uniqueVisitors: 1),
            ])
        let b = try article("/blog/b")
        #expect(
            b.topEntryChannels == [.init(channel: "Referral", entrances: 2), .init(channel: "Direct", entrances: 1)])
        #expect(b.weekly.map(\.pageviews) == [3, 1])
        #expect(b.weekly.map(\.uniqueVisitors) == [3, 1])
        let c = try article("/guides/c")
        #expect(c.topEntryChannels.isEmpty)
        // A Sunday belongs to the week that began the Monday before; 1970-01-01 (Thursday) to 1969-12-29.
        #expect(ContentReportBuilder.weekStart(t0 + 6 * Self.day + 1) == CivilTime.days(year: 2026, month: 1, day: 5))
        #expect(ContentReportBuilder.weekStart(t0 + 7 * Self.day) == CivilTime.days(year: 2026, month: 1, day: 12))
        #expect(ContentReportBuilder.weekStart(0) == -3)
    }

    var t0: Int64 { Self.t0 }

    @Test func engagementScoreRanksArticles() throws {
        // a: 4 × (1 − 0.5) × (220/3)/600 + 10 × 2 = 20.2444…
        // b: 4 × (1 − 2/3) × 30/600 + 10 × 2 = 20.0666…
        // c: 1 × (1 − 0) × 60/600 = 0.1 (no entrances: bounce counts as 0)
        let scores = Self.report.articles.map(\.engagementScore)
        #expect(Self.report.articles.map(\.path) == ["/blog/a", "/blog/b", "/guides/c"])
        #expect(abs(scores[0] - (4 * 0.5 * (220.0 / 3) / 600 + 20)) < 1e-9)
        #expect(abs(scores[1] - (4 * (1 - 2.0 / 3) * 30 / 600 + 20)) < 1e-9)
        #expect(abs(scores[2] - 0.1) < 1e-9)
        let top1 = ContentReportBuilder.build(data: Self.data(), period: Self.period, options: .init(top: 1))
        #expect(top1.articles.map(\.path) == ["/blog/a"])
        #expect(top1.totals.articles == 3)
    }

    @Test func headlineTextAndCSV() {
        let r = Self.report
        #expect(r.headline.count == 2)  // the best article also has the most assisted revenue
        #expect(r.headline[0] == "3 articles were read 9 times by 6 visitors (4 identified customers).")
        #expect(r.headline[1].contains("/blog/a with 4 pageviews, 50.0% bounce, 1m13s average time on page"))
        #expect(r.headline[1].contains("2 of its 2 identified readers ordered within 7 days"))
        #expect(r.headline[1].contains("30.00"))
        let text = r.textLines()
        #expect(text.first == "Content — which articles draw and hold readers, and which lead to purchases?")
        #expect(text.contains { $0.hasPrefix("/blog/a") && $0.contains("30.00") })
        let csv = r.csvTables()
        #expect(csv.map(\.name) == ["content_articles", "content_entry_channels", "content_weekly"])
        let main = csv[0]
        #expect(main.rows.count == 3)
        let row = Dictionary(uniqueKeysWithValues: zip(main.header, main.rows[0]))
        #expect(row["path"] == "/blog/a")
        #expect(row["assisted_revenue"] == "30.00")
        #expect(row["bounce_rate"] == "0.5")
        #expect(Dictionary(uniqueKeysWithValues: zip(main.header, main.rows[2]))["bounce_rate"] == "")
        #expect(csv[1].rows.count == 4)  // 2 + 2 + 0 channels
        #expect(csv[2].rows.count == 5)  // 2 + 2 + 1 weeks
        #expect(ContentReport.duration(42.4) == "42s")
        #expect(ContentReport.duration(125) == "2m05s")
    }

    @Test func emptyPeriodHasNoArticles() {
        let r = ContentReportBuilder.build(
            data: Self.data(), period: ReportPeriod(fromMicros: t0 + 100 * Self.day, toMicros: t0 + 101 * Self.day))
        #expect(r.articles.isEmpty)
        #expect(r.headline == ["No article was read in the period."])
    }

    @Test func jsonHasTheRequiredKeys() throws {
        let json = try JSONEncoder().encode(Self.report)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        for key in [
            "schema_version", "report", "period", "coverage", "options", "headline", "totals", "articles",
            "definitions",
        ] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["report"] as? String == "content")
        #expect(object["schema_version"] as? Int == 1)
        let articles = try #require(object["articles"] as? [[String: Any]])
        let keys = [
            "path", "slug", "pageviews", "unique_visitors", "identified_readers", "entrances", "bounce_rate",
            "exit_rate", "avg_time_on_page_s", "time_on_page_samples", "returning_readers", "readers_purchased_7d",
            "reader_purchase_rate_7d", "assisted_revenue", "top_value_reader_share", "top_entry_channels", "weekly",
            "engagement_score",
        ]
        #expect(Set(articles[0].keys) == Set(keys))
        #expect(Set(articles[2].keys) == Set(keys))  // nulls are written, not dropped
        #expect(articles[2]["bounce_rate"] is NSNull)
        #expect((articles[0]["assisted_revenue"] as? NSNumber)?.doubleValue == 30)
        let week = try #require((articles[0]["weekly"] as? [[String: Any]])?.first)
        #expect(Set(week.keys) == ["week_start", "pageviews", "unique_visitors"])
        let definitions = try #require(object["definitions"] as? [String: String])
        for key in keys where !["path", "weekly"].contains(key) {
            #expect(definitions[key] != nil, "undefined \(key)")
        }
        // Round trip.
        let decoded = try JSONDecoder().decode(ContentReport.self, from: json)
        #expect(decoded.articles == Self.report.articles)
    }
}
