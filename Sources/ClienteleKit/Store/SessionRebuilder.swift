import GRDB

/// Rebuilds derived data inside the ingest transaction: bot verdicts and sessions of the
/// visitors that got new pageviews (reading all their pageviews back, so sessions spanning
/// files or runs join up), then every session's customer from the identity hints.
struct SessionRebuilder {
    let sessionizer: Sessionizer

    /// Re-sessionizes `visitors`. Returns the number of sessions written.
    func rebuild(visitors: Set<Int64>, in db: Database) throws -> Int {
        guard !visitors.isEmpty else { return 0 }
        var stats: [Int64: (robots: Int, assets: Int)] = [:]
        let statsSQL = "SELECT id, robots_hits, asset_hits FROM visitors"
        let statRows = try Row.fetchCursor(db, sql: statsSQL)
        while let row = try statRows.next() {
            let id: Int64 = row[0]
            if visitors.contains(id) { stats[id] = (row[1], row[2]) }
        }
        var deleteSessions = try BulkStatement(db, sql: "DELETE FROM sessions WHERE visitor_id = ?")
        var setBot = try BulkStatement(db, sql: "UPDATE visitors SET bot_reason = ? WHERE id = ?")
        var insert = try BulkStatement(db, sql: """
            INSERT INTO sessions(visitor_id, start_ts, end_ts, pageviews, channel, source, medium, campaign,
                                 landing_page_id, exit_page_id, bounced, converted)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var written = 0
        var current: Int64 = -1
        var pageviews: [StoredPageview] = []

        func flush() throws {
            guard current >= 0 else { return }
            deleteSessions.bind(current)
            try deleteSessions.run()
            let s = stats[current] ?? (0, 0)
            let reason = BotBehaviour.reason(robotsHits: s.robots, assetHits: s.assets, pageviewTimes: pageviews.map(\.ts))
            setBot.bind(reason)
            setBot.bind(current)
            try setBot.run()
            guard reason == nil else { return }
            for session in sessionizer.sessions(pageviews) {
                insert.bind(current)
                insert.bind(session.start)
                insert.bind(session.end)
                insert.bind(Int64(session.pageviews))
                insert.bind(session.traffic.channel.rawValue)
                insert.bind(session.traffic.source)
                insert.bind(session.traffic.medium)
                insert.bind(session.traffic.campaign)
                insert.bind(session.landingPageID)
                insert.bind(session.exitPageID)
                insert.bind(Int64(session.pageviews == 1 ? 1 : 0))
                insert.bind(Int64(session.converted ? 1 : 0))
                try insert.run()
                written += 1
            }
        }

        let select = """
            SELECT p.visitor_id, p.ts, p.page_id, p.query, r.url, p.kind, p.item
            FROM pageviews p LEFT JOIN referrers r ON r.id = p.referrer_id
            """
        let rows: RowCursor
        if visitors.count > 2000 {
            rows = try Row.fetchCursor(db, sql: select + " ORDER BY p.visitor_id, p.ts, p.id")
        } else {
            let list = visitors.sorted()
            rows = try Row.fetchCursor(
                db, sql: select + " WHERE p.visitor_id IN (\(databaseQuestionMarks(count: list.count))) ORDER BY p.visitor_id, p.ts, p.id",
                arguments: StatementArguments(list))
        }
        while let row = try rows.next() {
            let visitor: Int64 = row[0]
            guard visitors.contains(visitor) else { continue }
            if visitor != current {
                try flush()
                current = visitor
                pageviews.removeAll(keepingCapacity: true)
            }
            pageviews.append(StoredPageview(ts: row[1], pageID: row[2], query: row[3], referrer: row[4], kind: row[5], item: row[6]))
        }
        try flush()
        return written
    }

    /// Gives every session its customer (`IdentityGraph`), from all hints in the store.
    static func assignCustomers(in db: Database) throws {
        try db.execute(sql: "UPDATE sessions SET customer_id = NULL WHERE customer_id IS NOT NULL")
        var hints: [Int64: [IdentityGraph.Hint]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT h.visitor_id, h.ts,
                   CASE h.kind WHEN 'order' THEN (SELECT o.customer_id FROM orders o WHERE o.order_id = h.value LIMIT 1)
                               ELSE h.value END
            FROM identity_hints h ORDER BY h.visitor_id
            """)
        while let row = try rows.next() {
            guard let customer: String = row[2] else { continue }
            hints[row[0], default: []].append(.init(ts: row[1], customerID: customer))
        }
        var update = try BulkStatement(db, sql: "UPDATE sessions SET customer_id = ? WHERE id = ?")
        for visitor in hints.keys.sorted() {
            let sessions = try Row.fetchAll(db, sql: "SELECT id, end_ts FROM sessions WHERE visitor_id = ? ORDER BY start_ts", arguments: [visitor])
            let (customers, _) = IdentityGraph.assign(hints: hints[visitor]!, sessionEnds: sessions.map { $0[1] })
            for (row, customer) in zip(sessions, customers) {
                update.bind(customer)
                update.bind(row[0] as Int64)
                try update.run()
            }
        }
    }
}
