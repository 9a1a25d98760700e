import Foundation
import LogModel

/// The role of a department report (marketing, content, products, executive): a `Codable`
/// model whose JSON is the contract, plus a terminal rendering and CSV tables.
package protocol DepartmentReport: Codable, Sendable {
    /// The report's name on the command line (`marketing`).
    static var name: String { get }
    /// Two or three sentences that answer the department's question in plain words.
    var headline: [String] { get }
    /// Readable terminal lines.
    func textLines() -> [String]
    /// One table per CSV file: file stem, header, rows (cells as text, money with two decimals).
    func csvTables() -> [CSVTable]
}

/// One table of a report for CSV output.
package struct CSVTable: Sendable {
    package var name: String
    package var header: [String]
    package var rows: [[String]]

    package init(name: String, header: [String], rows: [[String]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// The half-open time range a report covers, `[from, to)`, in whole UTC days.
package struct ReportPeriod: Codable, Sendable, Equatable {
    /// First day, `YYYY-MM-DD` (inclusive).
    package var from: String
    /// Day after the last day, `YYYY-MM-DD` (exclusive).
    package var to: String
    /// `from` at 00:00 UTC, microseconds.
    package var fromMicros: Int64
    /// `to` at 00:00 UTC, microseconds.
    package var toMicros: Int64

    enum CodingKeys: String, CodingKey { case from, to }

    package init(fromMicros: Int64, toMicros: Int64) {
        let day: Int64 = 86_400_000_000
        let f = Self.floorDay(fromMicros)
        var t = Self.floorDay(toMicros)
        if t * day < toMicros { t += 1 }
        if t <= f { t = f + 1 }
        self.fromMicros = f * day
        self.toMicros = t * day
        from = CivilTime.isoDate(days: Int(f))
        to = CivilTime.isoDate(days: Int(t))
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        fromMicros = Self.micros(from)
        toMicros = Self.micros(to)
    }

    /// The period given on the command line, or by default the whole data: from the day of the
    /// first session or order to the day after the last.
    package static func resolve(_ data: ReportData, from: Int64?, to: Int64?) -> ReportPeriod {
        let times = data.sessions.map(\.start) + data.orders.map(\.orderedAt)
        let first = from ?? times.min() ?? 0
        let last = to ?? ((times.max() ?? 0) + 1)
        return ReportPeriod(fromMicros: first, toMicros: last)
    }

    /// The period of the same length just before this one (for changes versus the previous period).
    package var previous: ReportPeriod {
        ReportPeriod(fromMicros: fromMicros - (toMicros - fromMicros), toMicros: fromMicros)
    }

    /// Whether `t` falls in the period.
    package func contains(_ t: Int64) -> Bool { t >= fromMicros && t < toMicros }

    /// Length in days.
    package var days: Int { Int((toMicros - fromMicros) / 86_400_000_000) }

    static func floorDay(_ t: Int64) -> Int64 {
        CivilTime.floorDivide(t, 86_400_000_000)
    }

    static func micros(_ date: String) -> Int64 {
        dayStart(date) ?? 0
    }

    /// 00:00 UTC of a `YYYY-MM-DD` day, in microseconds; `nil` when the text is not a date.
    package static func dayStart(_ date: String) -> Int64? {
        let parts = date.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        return Int64(CivilTime.days(year: y, month: m, day: d)) * 86_400_000_000
    }
}

/// An amount of money, kept in whole cents and written to JSON as a number with at most two
/// decimals (`1234.5` is 1,234.50).
package struct Money: Codable, Sendable, Comparable, Hashable, AdditiveArithmetic {
    package var cents: Int64

    package init(cents: Int64) { self.cents = cents }

    /// Rounds a fractional number of cents (an attribution share) half away from zero.
    package init(roundingCents value: Double) { cents = Int64(value.rounded()) }

    package static var zero: Money { Money(cents: 0) }
    package static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    package static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    package static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// The amount divided by `count`, rounded to the cent; zero when `count` is 0.
    package func divided(by count: Int) -> Money {
        count == 0 ? .zero : Money(roundingCents: Double(cents) / Double(count))
    }

    package init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Decimal.self)
        var cents = value * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        self.cents = (rounded as NSDecimalNumber).int64Value
    }

    package func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Decimal(cents) / 100)
    }

    /// `1,234.50` (thousands separators, two decimals).
    package var text: String {
        let sign = cents < 0 ? "-" : ""
        let whole = abs(cents) / 100
        let fraction = abs(cents) % 100
        return sign + Self.grouped(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `1234.50`, for CSV.
    package var plain: String {
        let sign = cents < 0 ? "-" : ""
        let fraction = abs(cents) % 100
        return sign + String(abs(cents) / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    static func grouped(_ n: Int64) -> String {
        let digits = String(n)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}

/// How far to trust a report: its share of identified sessions and matched orders, and what was left out.
package struct ReportCoverage: Codable, Sendable, Equatable {
    package var sessions: Int
    package var identifiedSessions: Int
    /// identified_sessions / sessions (0 when there are no sessions).
    package var identifiedSessionShare: Double
    package var orders: Int
    package var ordersMatchedToSession: Int
    /// orders_matched_to_session / orders.
    package var ordersMatchedShare: Double
    /// Hits of bots recognised by user agent (excluded everywhere).
    package var botHitsExcluded: Int
    /// Visitors recognised as bots by behaviour (excluded everywhere).
    package var behaviourBotVisitorsExcluded: Int

    enum CodingKeys: String, CodingKey {
        case sessions, identifiedSessions = "identified_sessions", identifiedSessionShare = "identified_session_share"
        case orders, ordersMatchedToSession = "orders_matched_to_session", ordersMatchedShare = "orders_matched_share"
        case botHitsExcluded = "bot_hits_excluded", behaviourBotVisitorsExcluded = "behaviour_bot_visitors_excluded"
    }

    /// Coverage of `data` within `period` (sessions by start, orders by time).
    package static func of(_ data: ReportData, in period: ReportPeriod) -> ReportCoverage {
        // Counted in place: copying millions of sessions to count them cost more than the count.
        var sessions = 0
        var identified = 0
        for s in data.sessions where period.contains(s.start) {
            sessions += 1
            if s.customerID != nil { identified += 1 }
        }
        var orders = 0
        var matched = 0
        for o in data.orders where period.contains(o.orderedAt) {
            orders += 1
            if o.session != nil { matched += 1 }
        }
        return ReportCoverage(
            sessions: sessions, identifiedSessions: identified,
            identifiedSessionShare: sessions == 0 ? 0 : Double(identified) / Double(sessions),
            orders: orders, ordersMatchedToSession: matched,
            ordersMatchedShare: orders == 0 ? 0 : Double(matched) / Double(orders),
            botHitsExcluded: data.botHits, behaviourBotVisitorsExcluded: data.behaviourBotVisitors)
    }

    /// Terminal lines.
    package var lines: [String] {
        [
            "Coverage: \(sessions) sessions, \(Percent.text(identifiedSessionShare)) identified; \(orders) orders, \(Percent.text(ordersMatchedShare)) matched to a session",
            "Excluded: \(botHitsExcluded) hits of listed bots, \(behaviourBotVisitorsExcluded) visitors that behaved like bots, and rejected log lines",
        ]
    }
}

/// Formats rates (fractions 0…1) as percentages for text output.
package enum Percent {
    /// `0.1234` → `12.3%`.
    package static func text(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "-" }
        return String(format: "%.1f%%", fraction * 100)
    }
}

extension ReportData {
    /// The data of one customer segment only (customers.csv `segment` attribute): their sessions,
    /// pageviews and orders. Anonymous sessions are left out.
    package func restricted(toSegment segment: String) -> ReportData {
        let members = Set(customers.filter { $0.value["segment"] == segment }.map(\.key))
        var out = self
        out.sessions = []
        out.pageviews = []
        var newIndex: [Int: Int] = [:]
        for (i, s) in sessions.enumerated() where s.customerID.map(members.contains) == true {
            var copy = s
            let start = out.pageviews.count
            for pv in pageviews[s.pageviewRange] {
                var p = pv
                p.session = Int32(out.sessions.count)
                out.pageviews.append(p)
            }
            copy.pageviewRange = start..<out.pageviews.count
            newIndex[i] = out.sessions.count
            out.sessions.append(copy)
        }
        out.orders = orders.filter { members.contains($0.customerID) }.map { o in
            var copy = o
            copy.session = o.session.flatMap { newIndex[$0] }
            return copy
        }
        out.storedKeys = ReportKeys(sessions: out.sessions, orders: out.orders, sources: out.sources)
        return out
    }
}
