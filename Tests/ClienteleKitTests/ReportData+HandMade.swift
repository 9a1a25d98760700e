@testable import ClienteleKit

/// A session given by its texts, for hand-made test data: `ReportData.append(_:)` looks its
/// traffic source and paths up in (or adds them to) `sources` and `paths`, as the loader would.
struct SessionText {
    var id: Int64
    var visitorID: Int64
    var customerID: String?
    var start: Int64
    var end: Int64
    var pageviews: Int
    var channel: String
    var source: String
    var medium: String
    var campaign: String?
    var landingPath: String
    var exitPath: String
    var bounced: Bool
    var converted: Bool
    var pageviewRange: Range<Int>
}

extension ReportData {
    /// The index of `value` in `table`, appending it when new (a linear lookup: for hand-made data).
    private static func id<Value: Equatable>(_ value: Value, in table: inout [Value]) -> Int32 {
        if let known = table.firstIndex(of: value) { return Int32(known) }
        table.append(value)
        return Int32(table.count - 1)
    }

    /// Appends a pageview given by its texts, as the loader would store it: the path and item
    /// are looked up in `paths` and `items` (and added when new), the kind name becomes its tag
    /// (`other` when unknown).
    mutating func appendPageview(session: Int, ts: Int64, path: String, kind: String, item: String?, quantity: Int?) {
        let page = Self.id(path, in: &paths)
        let itemID = item.map { Self.id($0, in: &items) } ?? -1
        pageviews.append(
            Pageview(
                session: Int32(session), ts: ts, page: page, kind: PageKind.Tag(name: kind) ?? .other, item: itemID,
                quantity: quantity.map { Int32($0) } ?? -1))
    }

    /// Appends a session given by its texts.
    mutating func append(_ s: SessionText) {
        let traffic = TrafficSource(channel: s.channel, source: s.source, medium: s.medium, campaign: s.campaign)
        let source = Self.id(traffic, in: &sources)
        let landing = Self.id(s.landingPath, in: &paths)
        let exit = Self.id(s.exitPath, in: &paths)
        sessions.append(
            Session(
                id: s.id, visitorID: s.visitorID, customerID: s.customerID, start: s.start, end: s.end,
                pageviews: s.pageviews, source: source, landingPage: landing, exitPage: exit, bounced: s.bounced,
                converted: s.converted, pageviewRange: s.pageviewRange))
    }

    /// Replaces the sessions with these.
    mutating func setSessions(_ list: [SessionText]) {
        sessions = []
        for s in list { append(s) }
    }
}
