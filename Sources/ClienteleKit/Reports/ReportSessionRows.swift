import GRDB

/// The sessions as stored, in table order, one column array per field (about 70 bytes a row),
/// text as ids of the loader's `ReportTextInterner`. The loader ranks these small rows and then
/// makes each `ReportData.Session` once, in its final place.
struct ReportSessionRows {
    var id: [Int64] = []
    var visitor: [Int64] = []
    /// Text id of the customer, -1 when anonymous.
    var customer: [Int32] = []
    var start: [Int64] = []
    var end: [Int64] = []
    var pageviews: [Int32] = []
    /// Text ids of channel, source, medium and campaign (-1 when none).
    var source: [SIMD4<Int32>] = []
    var landingPage: [Int64] = []
    var exitPage: [Int64] = []
    var bounced: [Bool] = []
    var converted: [Bool] = []

    var count: Int { id.count }

    /// Reads every session row, interning its text in `text`.
    /// - Throws: `DatabaseError`.
    init(_ db: Database, text: ReportTextInterner) throws {
        let expected = Int(try Int64.fetchOne(db, sql: "SELECT max(id) FROM sessions") ?? 0)
        id.reserveCapacity(expected)
        visitor.reserveCapacity(expected)
        customer.reserveCapacity(expected)
        start.reserveCapacity(expected)
        end.reserveCapacity(expected)
        pageviews.reserveCapacity(expected)
        source.reserveCapacity(expected)
        landingPage.reserveCapacity(expected)
        exitPage.reserveCapacity(expected)
        bounced.reserveCapacity(expected)
        converted.reserveCapacity(expected)
        let r = try ReportQuery(db, sql: """
            SELECT id, visitor_id, customer_id, start_ts, end_ts, pageviews, channel, source, medium, campaign,
                   landing_page_id, exit_page_id, bounced, converted
            FROM sessions
            """)
        while try r.step() {
            id.append(r.int64(0))
            visitor.append(r.int64(1))
            customer.append(r.isNull(2) ? -1 : text.id(r.bytes(2)))
            start.append(r.int64(3))
            end.append(r.int64(4))
            pageviews.append(Int32(clamping: r.int64(5)))
            source.append(SIMD4<Int32>(
                text.id(r.bytes(6)), text.id(r.bytes(7)), text.id(r.bytes(8)), r.isNull(9) ? -1 : text.id(r.bytes(9))))
            landingPage.append(r.int64(10))
            exitPage.append(r.int64(11))
            bounced.append(r.int64(12) != 0)
            converted.append(r.int64(13) != 0)
        }
    }

    /// Each row's rank by (start, id): `nil` when the rows are in that order already.
    func rankByStart() -> [Int32]? {
        let inOrder = (1..<max(1, count)).allSatisfy { (start[$0 - 1], id[$0 - 1]) < (start[$0], id[$0]) }
        if inOrder { return nil }
        // Sorting contiguous keys: comparing through the column arrays missed the cache.
        var keys = (0..<count).map { (start[$0], id[$0], Int32($0)) }
        keys.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var rank = [Int32](repeating: 0, count: count)
        for (k, key) in keys.enumerated() { rank[Int(key.2)] = Int32(k) }
        return rank
    }
}
