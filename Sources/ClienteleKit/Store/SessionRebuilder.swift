import Foundation
import GRDB

/// Rebuilds derived data inside the ingest transaction: bot verdicts and sessions of the
/// visitors that got new pageviews (reading all their pageviews back, so sessions spanning
/// files or runs join up), then every session's customer from the identity hints.
struct SessionRebuilder {
    var sessionizer: Sessionizer

    /// One visitor's verdict: a bot (with the reason) or its sessions, each with its customer.
    struct VisitorSessions {
        var visitor: Int64
        var botReason: String?
        var sessions: [SessionDraft]
        var customers: [String?]
    }

    /// What the bot verdict and the choice between appending and rebuilding read of a visitor.
    struct VisitorState {
        var robots: Int
        var assets: Int
        /// Judged a bot before this batch.
        var wasBot = false
        /// Its latest pageview stored before this batch.
        var lastPageview: Int64? = nil
    }

    /// The state of the visitors new in this run (from their hits, `IngestWriter.newVisitorHits`)
    /// and of `prior` (read before this batch's pageviews are inserted).
    static func visitorStates(new: [(id: Int64, robots: Int, assets: Int)], prior: Set<Int64>, in db: Database) throws -> [Int64: VisitorState] {
        var states: [Int64: VisitorState] = [:]
        states.reserveCapacity(new.count + prior.count)
        for visitor in new { states[visitor.id] = VisitorState(robots: visitor.robots, assets: visitor.assets) }
        let select = try db.makeStatement(sql: """
            SELECT robots_hits, asset_hits, bot_reason IS NOT NULL, (SELECT max(ts) FROM pageviews WHERE visitor_id = ?1)
            FROM visitors WHERE id = ?1
            """)
        for id in prior {
            if let row = try Row.fetchOne(select, arguments: [id]) {
                states[id] = VisitorState(robots: row[0], assets: row[1], wasBot: row[2], lastPageview: row[3])
            }
        }
        return states
    }

    /// Whether a prior visitor's sessions can be cut from its new pageviews alone (`new`, in
    /// time order) and appended: it stays human whatever its pageview times (it loaded assets,
    /// never robots.txt, and was not a bot before), and its new pageviews begin more than the
    /// timeout after its last stored one, so no earlier session can continue into them. The
    /// usual case when logs arrive in time order; anything else is rebuilt from all pageviews.
    func canAppend(_ state: VisitorState, new: [StoredPageview]) -> Bool {
        guard state.robots == 0, state.assets > 0, !state.wasBot else { return false }
        guard let last = state.lastPageview, let first = new.first else { return true }
        return first.ts - last > sessionizer.timeout
    }

    /// Bot verdict and sessions of each visitor, from its pageviews in time order, each session
    /// with its customer (`IdentityGraph`, from `hints`: every hint of these visitors). Pure:
    /// runs beside the pageview inserts.
    mutating func drafts(
        _ visitors: [(visitor: Int64, pageviews: [StoredPageview])], states: [Int64: VisitorState], hints: [Int64: [IdentityGraph.Hint]]
    ) -> [VisitorSessions] {
        visitors.map { visitor, pageviews in
            let s = states[visitor] ?? VisitorState(robots: 0, assets: 0)
            let reason = BotBehaviour.reason(robotsHits: s.robots, assetHits: s.assets, pageviewTimes: pageviews.map(\.ts))
            let sessions = reason == nil ? sessionizer.sessions(pageviews) : []
            let customers = IdentityGraph.assign(hints: hints[visitor] ?? [], sessionEnds: sessions.map(\.end)).customers
            return VisitorSessions(visitor: visitor, botReason: reason, sessions: sessions, customers: customers)
        }
    }

    /// Writes verdicts and sessions with their customers; `replacing` visitors had sessions
    /// before and lose them first. Returns the number of sessions written.
    static func write(_ drafts: [VisitorSessions], replacing: Bool, in db: Database) throws -> Int {
        var deleteSessions = try BulkStatement(db, sql: "DELETE FROM sessions WHERE visitor_id = ?")
        var setBot = try BulkStatement(db, sql: "UPDATE visitors SET bot_reason = ? WHERE id = ?")
        // 32 sessions per statement (one step each): the per-statement overhead dominated.
        let batch = 32
        let columns = """
            INSERT INTO sessions(visitor_id, customer_id, start_ts, end_ts, pageviews, channel, source, medium, campaign,
                                 landing_page_id, exit_page_id, bounced, converted) VALUES
            """
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        var many = try BulkStatement(db, sql: columns + Array(repeating: row, count: batch).joined(separator: ", "))
        var one = try BulkStatement(db, sql: columns + row)
        var queued: [(visitor: Int64, customer: String?, session: SessionDraft)] = []
        var written = 0
        func flush(all: Bool) throws {
            while queued.count >= batch || (all && !queued.isEmpty) {
                let count = min(batch, queued.count)
                for (visitor, customer, session) in queued.prefix(count) {
                    if count == batch {
                        bind(visitor, customer, session, to: &many)
                    } else {
                        bind(visitor, customer, session, to: &one)
                        try one.run()
                    }
                }
                if count == batch { try many.run() }
                queued.removeFirst(count)
                written += count
            }
        }
        for draft in drafts {
            if replacing {
                // Earlier sessions go before new ones are queued for the same visitor.
                try flush(all: true)
                deleteSessions.bind(draft.visitor)
                try deleteSessions.run()
            }
            if replacing || draft.botReason != nil {
                setBot.bind(draft.botReason)
                setBot.bind(draft.visitor)
                try setBot.run()
            }
            for (session, customer) in zip(draft.sessions, draft.customers) { queued.append((draft.visitor, customer, session)) }
            try flush(all: false)
        }
        try flush(all: true)
        return written
    }

    /// Runs `insert`; into an empty `sessions` table, without its indexes, which are built
    /// after it: SQLite sorts once instead of inserting every row into three B-trees at random
    /// places (measured: 0.76 s against 0.60 s for the 0.37 M sessions of a month).
    static func withIndexesBuiltAfter<T>(in db: Database, _ insert: () throws -> T) throws -> T {
        guard try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sessions)")! else { return try insert() }
        let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'sessions' AND sql IS NOT NULL ORDER BY name")
        for index in indexes { try db.execute(sql: "DROP INDEX " + (index["name"] as String).quotedDatabaseIdentifier) }
        let result = try insert()
        for index in indexes { try db.execute(sql: index["sql"]) }
        return result
    }

    private static func bind(_ visitor: Int64, _ customer: String?, _ session: SessionDraft, to insert: inout BulkStatement) {
        insert.bind(visitor)
        insert.bind(customer)
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
    }

    /// Re-reads all pageviews of `prior` visitors (known before this run, now with new data)
    /// and rebuilds their sessions, so sessions spanning files or runs join up.
    ///
    /// Each visitor's pageviews are one range of the `(visitor_id, ts)` index, so the cost follows
    /// the visitors re-read, not the size of the store; they are drafted and written a few
    /// thousand visitors at a time, so memory does not grow with them either.
    mutating func rebuildPrior(_ prior: Set<Int64>, states: [Int64: VisitorState], in db: Database) throws -> Int {
        guard !prior.isEmpty else { return 0 }
        let select = try db.makeStatement(sql: """
            SELECT p.ts, p.page_id, p.query, r.url, p.kind
            FROM pageviews p JOIN pages pg ON pg.id = p.page_id LEFT JOIN referrers r ON r.id = p.referrer_id
            WHERE p.visitor_id = ?
            ORDER BY p.ts, pg.path, coalesce(p.query, ''), coalesce(r.url, '')
            """)
        let visitors = prior.sorted()
        var written = 0
        for start in stride(from: 0, to: visitors.count, by: 5000) {
            let chunk = visitors[start..<min(start + 5000, visitors.count)]
            var grouped: [(visitor: Int64, pageviews: [StoredPageview])] = []
            grouped.reserveCapacity(chunk.count)
            for visitor in chunk {
                // A prior visitor without pageviews is still re-judged (robots.txt).
                let rows = try Row.fetchCursor(select, arguments: [visitor])
                var pageviews: [StoredPageview] = []
                while let row = try rows.next() {
                    pageviews.append(StoredPageview(ts: row[0], pageID: row[1], query: row[2], referrer: row[3], kind: row[4]))
                }
                grouped.append((visitor, pageviews))
            }
            let hints = try Self.hints(of: Array(chunk), in: db)
            written += try Self.write(drafts(grouped, states: states, hints: hints), replacing: true, in: db)
        }
        return written
    }

    /// Re-checks the customers of the stored sessions of `visitors` against `hints` (new hints can
    /// tie a known device's earlier sessions to a customer) and corrects those that differ.
    static func reassign(_ visitors: [Int64], hints: [Int64: [IdentityGraph.Hint]], in db: Database) throws {
        let select = try db.makeStatement(sql: "SELECT id, end_ts, customer_id FROM sessions WHERE visitor_id = ?")
        var update = try BulkStatement(db, sql: "UPDATE sessions SET customer_id = ? WHERE id = ?")
        for visitor in visitors {
            guard let visitorHints = hints[visitor] else { continue }
            let rows = try Row.fetchAll(select, arguments: [visitor])
            let customers = IdentityGraph.assign(hints: visitorHints, sessionEnds: rows.map { $0[1] }).customers
            for (row, customer) in zip(rows, customers) where customer != row[2] as String? {
                update.bind(customer)
                update.bind(row[0] as Int64)
                try update.run()
            }
        }
    }

    /// The hints of `visitors`, resolved to customers (an order id through the orders file;
    /// one not in it is no hint).
    static func hints(of visitors: [Int64], in db: Database) throws -> [Int64: [IdentityGraph.Hint]] {
        let select = try db.makeStatement(sql: Self.hintColumns + " WHERE h.visitor_id = ?")
        var hints: [Int64: [IdentityGraph.Hint]] = [:]
        for visitor in visitors { try collect(Row.fetchCursor(select, arguments: [visitor]), into: &hints) }
        return hints
    }

    /// The hints of the visitors with ids above `id`, resolved as in `hints(of:in:)`.
    static func hints(ofVisitorsAbove id: Int64, in db: Database) throws -> [Int64: [IdentityGraph.Hint]] {
        var hints: [Int64: [IdentityGraph.Hint]] = [:]
        try collect(Row.fetchCursor(db, sql: Self.hintColumns + " WHERE h.visitor_id > ?", arguments: [id]), into: &hints)
        return hints
    }

    /// Adds the rows of a `hintColumns` query to `hints`, by visitor.
    private static func collect(_ rows: RowCursor, into hints: inout [Int64: [IdentityGraph.Hint]]) throws {
        while let row = try rows.next() {
            guard let customer: String = row[2] else { continue }
            hints[row[0], default: []].append(.init(ts: row[1], customerID: customer))
        }
    }

    /// Visitor, time and customer of identity hints (`h`).
    private static let hintColumns = """
        SELECT h.visitor_id, h.ts,
               CASE h.kind WHEN 'order' THEN (SELECT o.customer_id FROM orders o WHERE o.order_id = h.value LIMIT 1)
                           ELSE h.value END
        FROM identity_hints h
        """

    /// Checks every session's customer (`IdentityGraph`) against all hints in the store and
    /// corrects those that differ: after the orders file changed (an order id hint may now name
    /// another customer, or one at all) or a customer was forgotten. Sessions are written with
    /// their customer already, so after an ordinary ingest this only reads.
    static func assignCustomers(in db: Database) throws {
        var hints: [Int64: [IdentityGraph.Hint]] = [:]
        try collect(Row.fetchCursor(db, sql: hintColumns), into: &hints)
        // One pass over the sessions in visitor order. The updates wait until the read is done
        // (SQLite leaves a table changed under an open cursor undefined).
        var changes: [(id: Int64, customer: String?)] = []
        let sessions = try Row.fetchCursor(db, sql: "SELECT visitor_id, id, end_ts, customer_id FROM sessions ORDER BY visitor_id, start_ts, id")
        var current: Int64 = -1
        var ids: [Int64] = []
        var ends: [Int64] = []
        var stored: [String?] = []
        func flush() {
            guard !ids.isEmpty else { return }
            let customers = IdentityGraph.assign(hints: hints[current] ?? [], sessionEnds: ends).customers
            for k in ids.indices where customers[k] != stored[k] { changes.append((ids[k], customers[k])) }
        }
        while let row = try sessions.next() {
            let visitor: Int64 = row[0]
            if visitor != current {
                flush()
                current = visitor
                ids.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                stored.removeAll(keepingCapacity: true)
            }
            ids.append(row[1])
            ends.append(row[2])
            stored.append(row[3])
        }
        flush()
        var update = try BulkStatement(db, sql: "UPDATE sessions SET customer_id = ? WHERE id = ?")
        for (id, customer) in changes {
            update.bind(customer)
            update.bind(id)
            try update.run()
        }
    }
}
