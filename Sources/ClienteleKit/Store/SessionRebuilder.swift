import Foundation
import GRDB

/// Rebuilds derived data inside the ingest transaction: bot verdicts and sessions of the
/// visitors that got new pageviews (reading all their pageviews back, so sessions spanning
/// files or runs join up), then every session's customer from the identity hints.
struct SessionRebuilder {
    var sessionizer: Sessionizer

    /// One visitor's verdict: a bot (with the reason) or its sessions.
    struct VisitorSessions {
        var visitor: Int64
        var botReason: String?
        var sessions: [SessionDraft]
    }

    /// Robots.txt and asset hits of the visitors new in this run (above `lastVisitorBefore`)
    /// and of `prior`, for the bot verdicts.
    static func visitorStats(lastVisitorBefore: Int64, prior: Set<Int64>, in db: Database) throws -> [Int64: (robots: Int, assets: Int)] {
        var stats: [Int64: (robots: Int, assets: Int)] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, robots_hits, asset_hits FROM visitors WHERE id > ?", arguments: [lastVisitorBefore])
        while let row = try rows.next() { stats[row[0]] = (row[1], row[2]) }
        for id in prior {
            if let row = try Row.fetchOne(db, sql: "SELECT robots_hits, asset_hits FROM visitors WHERE id = ?", arguments: [id]) {
                stats[id] = (row[0], row[1])
            }
        }
        return stats
    }

    /// Bot verdict and sessions of each visitor, from its pageviews in time order. Pure: runs
    /// beside the pageview inserts.
    mutating func drafts(_ visitors: [(visitor: Int64, pageviews: [StoredPageview])], stats: [Int64: (robots: Int, assets: Int)]) -> [VisitorSessions] {
        visitors.map { visitor, pageviews in
            let s = stats[visitor] ?? (0, 0)
            let reason = BotBehaviour.reason(robotsHits: s.robots, assetHits: s.assets, pageviewTimes: pageviews.map(\.ts))
            return VisitorSessions(visitor: visitor, botReason: reason, sessions: reason == nil ? sessionizer.sessions(pageviews) : [])
        }
    }

    /// Writes verdicts and sessions; `replacing` visitors had sessions before and lose them first.
    /// Returns the number of sessions written.
    static func write(_ drafts: [VisitorSessions], replacing: Bool, in db: Database) throws -> Int {
        var deleteSessions = try BulkStatement(db, sql: "DELETE FROM sessions WHERE visitor_id = ?")
        var setBot = try BulkStatement(db, sql: "UPDATE visitors SET bot_reason = ? WHERE id = ?")
        // 32 sessions per statement (one step each): the per-statement overhead dominated.
        let batch = 32
        let columns = """
            INSERT INTO sessions(visitor_id, start_ts, end_ts, pageviews, channel, source, medium, campaign,
                                 landing_page_id, exit_page_id, bounced, converted) VALUES
            """
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        var many = try BulkStatement(db, sql: columns + Array(repeating: row, count: batch).joined(separator: ", "))
        var one = try BulkStatement(db, sql: columns + row)
        var queued: [(visitor: Int64, session: SessionDraft)] = []
        var written = 0
        func flush(all: Bool) throws {
            while queued.count >= batch || (all && !queued.isEmpty) {
                let count = min(batch, queued.count)
                for (visitor, session) in queued.prefix(count) {
                    if count == batch {
                        bind(visitor, session, to: &many)
                    } else {
                        bind(visitor, session, to: &one)
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
            for session in draft.sessions { queued.append((draft.visitor, session)) }
            try flush(all: false)
        }
        try flush(all: true)
        return written
    }

    private static func bind(_ visitor: Int64, _ session: SessionDraft, to insert: inout BulkStatement) {
        insert.bind(visitor)
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
    mutating func rebuildPrior(_ prior: Set<Int64>, stats: [Int64: (robots: Int, assets: Int)], in db: Database) throws -> Int {
        guard !prior.isEmpty else { return 0 }
        let select = """
            SELECT p.visitor_id, p.ts, p.page_id, p.query, r.url, p.kind, p.item
            FROM pageviews p JOIN pages pg ON pg.id = p.page_id LEFT JOIN referrers r ON r.id = p.referrer_id
            """
        let order = " ORDER BY p.visitor_id, p.ts, pg.path, coalesce(p.query, ''), coalesce(r.url, '')"
        let rows: RowCursor
        if prior.count > 2000 {
            rows = try Row.fetchCursor(db, sql: select + order)
        } else {
            let list = prior.sorted()
            rows = try Row.fetchCursor(
                db, sql: select + " WHERE p.visitor_id IN (\(databaseQuestionMarks(count: list.count)))" + order,
                arguments: StatementArguments(list))
        }
        var grouped: [(visitor: Int64, pageviews: [StoredPageview])] = []
        while let row = try rows.next() {
            let visitor: Int64 = row[0]
            guard prior.contains(visitor) else { continue }
            let pv = StoredPageview(ts: row[1], pageID: row[2], query: row[3], referrer: row[4], kind: row[5], item: row[6])
            if grouped.last?.visitor == visitor {
                grouped[grouped.count - 1].pageviews.append(pv)
            } else {
                grouped.append((visitor, [pv]))
            }
        }
        // Prior visitors whose pageviews all belonged to... none: still re-judged (robots.txt).
        let seen = Set(grouped.map(\.visitor))
        for visitor in prior.sorted() where !seen.contains(visitor) { grouped.append((visitor, [])) }
        return try Self.write(drafts(grouped, stats: stats), replacing: true, in: db)
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
        // One pass over the sessions in visitor order; only hinted visitors are looked at. The
        // updates wait until the read is done (SQLite leaves a table changed under an open
        // cursor undefined).
        var assignments: [(id: Int64, customer: String?)] = []
        let sessions = try Row.fetchCursor(db, sql: "SELECT visitor_id, id, end_ts FROM sessions ORDER BY visitor_id, start_ts, id")
        var current: Int64 = -1
        var ids: [Int64] = []
        var ends: [Int64] = []
        func flush() throws {
            guard let visitorHints = hints[current], !ids.isEmpty else { return }
            let (customers, _) = IdentityGraph.assign(hints: visitorHints, sessionEnds: ends)
            for (id, customer) in zip(ids, customers) { assignments.append((id, customer)) }
        }
        while let row = try sessions.next() {
            let visitor: Int64 = row[0]
            guard hints[visitor] != nil else { continue }
            if visitor != current {
                try flush()
                current = visitor
                ids.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
            }
            ids.append(row[1])
            ends.append(row[2])
        }
        try flush()
        var update = try BulkStatement(db, sql: "UPDATE sessions SET customer_id = ? WHERE id = ?")
        for (id, customer) in assignments {
            update.bind(customer)
            update.bind(id)
            try update.run()
        }
    }
}

/// Cuts the sessions of new visitors on a thread of its own, beside the pageview inserts.
final class SessionDrafting: @unchecked Sendable {
    private var rebuilder: SessionRebuilder
    private(set) var result: [SessionRebuilder.VisitorSessions] = []
    private let done = DispatchSemaphore(value: 0)

    /// Starts drafting at once.
    init(sessionizer: Sessionizer, fresh: [(visitor: Int64, pageviews: [StoredPageview])], stats: [Int64: (robots: Int, assets: Int)]) {
        rebuilder = SessionRebuilder(sessionizer: sessionizer)
        // Safe because the thread is the only user of `rebuilder` and `result` until `wait()`
        // returns, and `wait()` returns only after the thread signalled.
        let box = UncheckedBox((fresh, stats))
        Thread { [self] in
            self.result = self.rebuilder.drafts(box.value.0, stats: box.value.1)
            self.done.signal()
        }.start()
    }

    /// Waits for the drafts; returns the rebuilder (its classification caches warm) for the
    /// prior visitors.
    func wait() -> SessionRebuilder {
        done.wait()
        return rebuilder
    }
}
