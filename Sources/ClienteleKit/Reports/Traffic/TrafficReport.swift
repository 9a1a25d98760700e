import Foundation
import LogModel

/// The site-level picture from the store (`clientele report overview`): human traffic per
/// day beside bot traffic, channels, top pages and landing pages, and the bots themselves.
/// (`clientele overview LOGS` gives the GoAccess-style picture straight from the logs.)
package struct TrafficReport: DepartmentReport, Equatable {
    package static let name = "overview"

    package struct Day: Codable, Sendable, Equatable {
        package var date: String
        package var pageviews: Int
        package var sessions: Int
        package var visitors: Int
        package var botHits: Int
        enum CodingKeys: String, CodingKey { case date, pageviews, sessions, visitors, botHits = "bot_hits" }
    }

    package struct ChannelShare: Codable, Sendable, Equatable {
        package var channel: String
        package var sessions: Int
        package var share: Double
    }

    package struct PageRow: Codable, Sendable, Equatable {
        package var path: String
        package var pageviews: Int
        package var visitors: Int
    }

    package struct LandingRow: Codable, Sendable, Equatable {
        package var path: String
        package var entrances: Int
        package var bounceRate: Double
        enum CodingKeys: String, CodingKey { case path, entrances, bounceRate = "bounce_rate" }
    }

    package struct BotRow: Codable, Sendable, Equatable {
        package var bot: String
        package var category: String
        package var hits: Int
    }

    package var schemaVersion = 1
    package var report = TrafficReport.name
    package var period: ReportPeriod
    package var coverage: ReportCoverage
    package var headline: [String]
    package var totals: Day
    package var days: [Day]
    package var channels: [ChannelShare]
    package var topPages: [PageRow]
    package var topLandingPages: [LandingRow]
    package var bots: [BotRow]
    package var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", report, period, coverage, headline, totals, days, channels
        case topPages = "top_pages", topLandingPages = "top_landing_pages", bots, definitions
    }

    package static let definitionTexts: [String: String] = [
        "pageviews": "GETs with status 200-399 of pages (not assets) by humans, by the pageview's UTC day",
        "sessions": "human sessions starting that day (30 minutes without a pageview or a new campaign ends one)",
        "visitors": "distinct visitors (cookie, or address + user agent) with a session starting that day; totals count each visitor once",
        "bot_hits": "requests by user agents on the bot list, by UTC day (visitors judged bots by behaviour are in coverage)",
        "channels.share": "sessions of the channel / all sessions in the period",
        "top_pages": "pages by pageviews; visitors = distinct visitors who viewed it",
        "top_landing_pages.bounce_rate": "single-pageview sessions landing on the page / sessions landing on it",
    ]

    package func textLines() -> [String] {
        var out = ["Site overview \(period.from) to \(period.to) (exclusive)", ""]
        out += headline
        out.append("")
        out += coverage.lines
        out.append("")
        out.append("Day          pageviews  sessions  visitors  bot hits")
        for d in days {
            out.append(d.date + "  " + pad(d.pageviews, 9) + "  " + pad(d.sessions, 8) + "  " + pad(d.visitors, 8) + "  " + pad(d.botHits, 8))
        }
        out.append("")
        out.append("Channel              sessions   share")
        for c in channels { out.append(c.channel.padding(toLength: 20, withPad: " ", startingAt: 0) + " " + pad(c.sessions, 8) + "  " + Percent.text(c.share)) }
        out.append("")
        out.append("Top pages (pageviews, visitors)")
        for p in topPages { out.append("  " + pad(p.pageviews, 7) + " " + pad(p.visitors, 7) + "  " + TextSafety.clean(p.path)) }
        out.append("")
        out.append("Top bots (hits)")
        for b in bots.prefix(10) { out.append("  " + pad(b.hits, 7) + "  " + TextSafety.clean(b.bot) + " (" + b.category + ")") }
        return out
    }

    package func csvTables() -> [CSVTable] {
        [
            CSVTable(name: "overview_days", header: ["date", "pageviews", "sessions", "visitors", "bot_hits"],
                     rows: days.map { [$0.date, String($0.pageviews), String($0.sessions), String($0.visitors), String($0.botHits)] }),
            CSVTable(name: "overview_channels", header: ["channel", "sessions", "share"],
                     rows: channels.map { [$0.channel, String($0.sessions), String($0.share)] }),
            CSVTable(name: "overview_top_pages", header: ["path", "pageviews", "visitors"],
                     rows: topPages.map { [$0.path, String($0.pageviews), String($0.visitors)] }),
            CSVTable(name: "overview_top_landing_pages", header: ["path", "entrances", "bounce_rate"],
                     rows: topLandingPages.map { [$0.path, String($0.entrances), String($0.bounceRate)] }),
            CSVTable(name: "overview_bots", header: ["bot", "category", "hits"],
                     rows: bots.map { [$0.bot, $0.category, String($0.hits)] }),
        ]
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

/// Builds the site overview from the store's data.
package enum TrafficReportBuilder {
    package static func build(data: ReportData, period: ReportPeriod, top: Int = 20) -> TrafficReport {
        // Days as indices from the period's first day; a day is listed when it has a session, a
        // pageview or bot hits.
        let dayLength: Int64 = 86_400_000_000
        let firstDay = ReportPeriod.floorDay(period.fromMicros)
        let dayCount = max(0, Int((period.toMicros - period.fromMicros + dayLength - 1) / dayLength))
        func dayIndex(_ t: Int64) -> Int { Int(ReportPeriod.floorDay(t) - firstDay) }
        var daySessions = [Int](repeating: 0, count: dayCount)
        var dayPageviews = [Int](repeating: 0, count: dayCount)
        var dayVisitors = [Int](repeating: 0, count: dayCount)
        var dayListed = [Bool](repeating: false, count: dayCount)
        let keys = data.keys
        var channelSessions = [Int](repeating: 0, count: keys.channels.count)
        var landingEntrances = [Int](repeating: 0, count: data.paths.count)
        var landingBounces = [Int](repeating: 0, count: data.paths.count)
        var pageViews = [Int](repeating: 0, count: data.paths.count)
        var pageVisitors = [Int](repeating: 0, count: data.paths.count)
        var sessions = 0
        var pageviews = 0
        var visitors = 0

        // Sessions in time order: a visitor's sessions come by start, so "a new day for this
        // visitor" is a comparison with its last day. Each session's pageview range is kept in a
        // compact array for the second pass.
        var lastDayOfVisitor = [Int](repeating: -1, count: keys.visitorCount)
        var pageviewsOfSession = [Range<Int32>](repeating: 0..<0, count: data.sessions.count)
        let byStart = data.sessionsOutOfStartOrder()
        for k in data.sessions.indices {
            let i = byStart.map { Int($0[k]) } ?? k
            let range = data.sessions[i].pageviewRange
            pageviewsOfSession[i] = Int32(range.lowerBound)..<Int32(range.upperBound)
            let start = data.sessions[i].start
            guard period.contains(start) else { continue }
            let d = dayIndex(start)
            daySessions[d] += 1
            dayListed[d] = true
            let v = Int(keys.visitorOfSession[i])
            if lastDayOfVisitor[v] < 0 { visitors += 1 }
            if lastDayOfVisitor[v] != d {
                lastDayOfVisitor[v] = d
                dayVisitors[d] += 1
            }
            channelSessions[Int(keys.channelOfSource[Int(data.sessions[i].source)])] += 1
            let landing = Int(data.sessions[i].landingPage)
            landingEntrances[landing] += 1
            if data.sessions[i].bounced { landingBounces[landing] += 1 }
            sessions += 1
        }
        // Pageviews visitor by visitor, so that "distinct visitors of a page" is a stamp per page
        // instead of a set.
        let sessionsByVisitor = keys.sessionsByVisitor
        var pageStamp = [Int32](repeating: -1, count: data.paths.count)
        for slot in 0..<sessionsByVisitor.count {
            let stamp = Int32(slot)
            for i in sessionsByVisitor[slot] {
                let i = Int(i)
                let range = pageviewsOfSession[i]
                for pv in data.pageviews[Int(range.lowerBound)..<Int(range.upperBound)] where period.contains(pv.ts) {
                    let d = dayIndex(pv.ts)
                    dayPageviews[d] += 1
                    dayListed[d] = true
                    let p = Int(pv.page)
                    pageViews[p] += 1
                    if pageStamp[p] != stamp {
                        pageStamp[p] = stamp
                        pageVisitors[p] += 1
                    }
                    pageviews += 1
                }
            }
        }
        var days: [String: TrafficReport.Day] = [:]
        for d in 0..<dayCount where dayListed[d] {
            let date = CivilTime.isoDate(days: Int(firstDay) + d)
            days[date] = .init(
                date: date, pageviews: dayPageviews[d], sessions: daySessions[d], visitors: dayVisitors[d], botHits: 0)
        }
        let pages = data.paths.indices.filter { pageViews[$0] > 0 }
            .map { (path: data.paths[$0], views: pageViews[$0], visitors: pageVisitors[$0]) }
        var botTotals: [String: TrafficReport.BotRow] = [:]
        var botHits = 0
        for b in data.botTraffic where period.contains(ReportPeriod.micros(b.day)) {
            days[b.day, default: .init(date: b.day, pageviews: 0, sessions: 0, visitors: 0, botHits: 0)].botHits += b.hits
            botTotals[b.bot, default: .init(bot: b.bot, category: b.category, hits: 0)].hits += b.hits
            botHits += b.hits
        }
        let channels = keys.channels.indices.filter { channelSessions[$0] > 0 }
            .map { TrafficReport.ChannelShare(channel: keys.channels[$0], sessions: channelSessions[$0], share: sessions == 0 ? 0 : Double(channelSessions[$0]) / Double(sessions)) }
            .sorted { ($0.sessions, $1.channel) > ($1.sessions, $0.channel) }
        let topPages = pages.map { TrafficReport.PageRow(path: $0.path, pageviews: $0.views, visitors: $0.visitors) }
            .sorted { ($0.pageviews, $1.path) > ($1.pageviews, $0.path) }.prefix(top)
        let topLanding = data.paths.indices.filter { landingEntrances[$0] > 0 }
            .map { TrafficReport.LandingRow(path: data.paths[$0], entrances: landingEntrances[$0], bounceRate: Double(landingBounces[$0]) / Double(landingEntrances[$0])) }
            .sorted { ($0.entrances, $1.path) > ($1.entrances, $0.path) }.prefix(top)
        let bots = botTotals.values.sorted { ($0.hits, $1.bot) > ($1.hits, $0.bot) }
        let totals = TrafficReport.Day(date: "total", pageviews: pageviews, sessions: sessions, visitors: visitors, botHits: botHits)
        var headline = ["\(visitors) visitors made \(sessions) sessions and \(pageviews) pageviews; listed bots made \(botHits) more requests."]
        if let first = channels.first { headline.append("\(first.channel) brought the most sessions: \(Percent.text(first.share)) of them.") }
        if let page = topPages.first { headline.append("The most viewed page was \(TextSafety.clean(page.path)) (\(page.pageviews) pageviews).") }
        return TrafficReport(
            period: period, coverage: .of(data, in: period), headline: headline, totals: totals,
            days: days.values.sorted { $0.date < $1.date }, channels: channels, topPages: Array(topPages),
            topLandingPages: Array(topLanding), bots: bots, definitions: TrafficReport.definitionTexts)
    }
}

/// Makes log-derived text safe for a terminal: control characters (escape sequences could
/// move the cursor or change colours) become `?`.
package enum TextSafety {
    package static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) ? "?" : $0 }))
    }
}
