import GRDB

/// The human pageviews as stored, in table order, before they are matched to sessions: one
/// compact column array per field (about 36 bytes a row), text as ids into shared string tables.
/// Read on a connection of its own while the report loader reads the sessions on another.
struct ReportPageviewRows: Sendable {
    var visitor: [Int64] = []
    var ts: [Int64] = []
    var page: [Int64] = []
    /// The kind (a name the reports do not know counts as `other`).
    var kind: [PageKind.Tag] = []
    /// Index into `items`, -1 for NULL.
    var item: [Int32] = []
    /// -1 for NULL (and for quantities below 0 or beyond 32 bits, which ingest never writes).
    var quantity: [Int32] = []
    var items: [String] = []

    var count: Int { ts.count }

    /// Reads every pageview row (rowid order, so equal times keep their id order), or only the
    /// checkout pages when `checkoutsOnly`.
    /// - Throws: `DatabaseError`.
    init(_ db: Database, checkoutsOnly: Bool = false) throws {
        let expected = checkoutsOnly ? 0 : Int(try Int64.fetchOne(db, sql: "SELECT max(id) FROM pageviews") ?? 0)
        visitor.reserveCapacity(expected)
        ts.reserveCapacity(expected)
        page.reserveCapacity(expected)
        kind.reserveCapacity(expected)
        item.reserveCapacity(expected)
        quantity.reserveCapacity(expected)
        let itemIDs = ReportTextInterner()
        let r = try ReportQuery(
            db,
            sql: "SELECT visitor_id, ts, page_id, kind, item, quantity FROM pageviews"
                + (checkoutsOnly ? " WHERE kind = 'checkout_complete'" : ""))
        while try r.step() {
            visitor.append(r.int64(0))
            ts.append(r.int64(1))
            page.append(r.int64(2))
            kind.append(PageKind.Tag(nameBytes: r.bytes(3)) ?? .other)
            item.append(r.isNull(4) ? -1 : itemIDs.id(r.bytes(4)))
            let q = r.isNull(5) ? -1 : r.int64(5)
            quantity.append(q >= 0 && q <= Int64(Int32.max) ? Int32(q) : -1)
        }
        items = itemIDs.strings
    }
}

/// Hands a value from a worker thread to the thread that waits for it (`DispatchGroup.wait()`
/// orders the write before the read).
final class ReportHandoff<Value>: @unchecked Sendable {
    var value: Result<Value, any Error>?
}
