import Foundation
import GRDB
import LogModel

/// Writes the collectors of one scan into the store (inside the caller's transaction):
/// visitors, pages, referrers, pageviews with their page kind, identity hints and bot traffic.
/// Strings are made once per distinct value of each collector.
struct IngestWriter {
    let profile: SiteProfile
    /// Query parameters that carry a customer id on a landing URL (`cid`, `customer_id`, `uid`).
    let customerParameters: [String]

    /// Visitors that got new data, by store id.
    private(set) var touchedVisitors = Set<Int64>()
    private(set) var pageviewsWritten = 0
    private(set) var botHitsWritten = 0

    init(profile: SiteProfile, customerParameters: [String]) {
        self.profile = profile
        self.customerParameters = customerParameters.map { $0.lowercased() }
    }

    mutating func write(_ collector: PageviewCollector, into db: Database) throws {
        // Visitors.
        var visitorUpsert = try BulkStatement(db, sql: """
            INSERT INTO visitors(key, client, user_agent, first_seen, last_seen, hits, asset_hits, robots_hits)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET
                first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen),
                hits = hits + excluded.hits, asset_hits = asset_hits + excluded.asset_hits,
                robots_hits = robots_hits + excluded.robots_hits
            RETURNING id
            """)
        var visitorIDs = [Int64](repeating: 0, count: collector.visitors.count)
        for (i, v) in collector.visitors.enumerated() {
            visitorUpsert.bind(collector.visitorKeyText(v))
            visitorUpsert.bind(collector.clients.string(v.client))
            visitorUpsert.bind(collector.userAgents.string(v.userAgent))
            visitorUpsert.bind(v.firstSeen)
            visitorUpsert.bind(v.lastSeen)
            visitorUpsert.bind(Int64(v.hits))
            visitorUpsert.bind(Int64(v.assetHits))
            visitorUpsert.bind(Int64(v.robotsHits))
            visitorIDs[i] = try visitorUpsert.run() ?? 0
            touchedVisitors.insert(visitorIDs[i])
        }

        // Pages, referrers and page kinds, once per distinct value.
        var pageUpsert = try BulkStatement(db, sql: "INSERT INTO pages(path) VALUES(?) ON CONFLICT(path) DO UPDATE SET path = excluded.path RETURNING id")
        var referrerUpsert = try BulkStatement(db, sql: "INSERT INTO referrers(url) VALUES(?) ON CONFLICT(url) DO UPDATE SET url = excluded.url RETURNING id")
        var pageIDs = [Int64](repeating: -1, count: collector.paths.count)
        var referrerIDs = [Int64](repeating: -1, count: collector.referrers.count)
        var queryTexts = [String?](repeating: nil, count: collector.queries.count)
        var kinds: [UInt64: PageKind] = [:]
        var hint = try BulkStatement(db, sql: """
            INSERT INTO identity_hints(visitor_id, kind, value, bucket, ts) VALUES(?, ?, ?, ?, ?)
            ON CONFLICT(visitor_id, kind, value, bucket) DO UPDATE SET ts = min(ts, excluded.ts)
            """)
        var insert = try BulkStatement(db, sql: """
            INSERT INTO pageviews(visitor_id, ts, page_id, query, referrer_id, status, kind, item, quantity)
            VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for pv in collector.pageviews {
            let p = Int(pv.path)
            if pageIDs[p] < 0 {
                pageUpsert.bind(collector.paths.string(pv.path))
                pageIDs[p] = try pageUpsert.run() ?? 0
            }
            var query: String? = nil
            if pv.query >= 0 {
                if queryTexts[Int(pv.query)] == nil { queryTexts[Int(pv.query)] = collector.queries.string(pv.query) }
                query = queryTexts[Int(pv.query)]
            }
            var referrerID: Int64? = nil
            if pv.referrer >= 0 {
                let r = Int(pv.referrer)
                if referrerIDs[r] < 0 {
                    referrerUpsert.bind(collector.referrers.string(pv.referrer))
                    referrerIDs[r] = try referrerUpsert.run() ?? 0
                }
                referrerID = referrerIDs[r]
            }
            let kindKey = UInt64(UInt32(bitPattern: pv.path)) << 32 | UInt64(UInt32(bitPattern: pv.query))
            let kind: PageKind
            if let known = kinds[kindKey] {
                kind = known
            } else {
                kind = profile.classify(path: collector.paths.string(pv.path), query: query)
                kinds[kindKey] = kind
            }
            let visitor = visitorIDs[Int(pv.visitor)]
            let (item, quantity) = Self.item(of: kind)
            insert.bind(visitor)
            insert.bind(pv.time)
            insert.bind(pageIDs[p])
            insert.bind(query)
            insert.bind(referrerID)
            insert.bind(Int64(pv.status))
            insert.bind(kind.name)
            insert.bind(item)
            insert.bind(quantity)
            try insert.run()
            pageviewsWritten += 1

            if case .checkoutComplete(let order) = kind, !order.isEmpty {
                try addHint(&hint, visitor: visitor, kind: "order", value: order, ts: pv.time)
            }
            if let query, let customer = Self.customerID(in: query, parameters: customerParameters) {
                try addHint(&hint, visitor: visitor, kind: "url", value: customer, ts: pv.time)
            }
        }
        for (key, ts) in collector.customerHints {
            try addHint(&hint, visitor: visitorIDs[Int(key.visitor)], kind: "field", value: collector.customers.string(key.customer), ts: ts)
        }

        // Listed bots, per bot and UTC day.
        var botNames: [Int32: UserAgentInfo] = [:]
        var bots = try BulkStatement(db, sql: """
            INSERT INTO bot_traffic(day, bot, category, hits) VALUES(?, ?, ?, ?)
            ON CONFLICT(day, bot) DO UPDATE SET hits = hits + excluded.hits
            """)
        for (key, hits) in collector.botHits.sorted(by: { $0.key < $1.key }) {
            let ua = Int32(truncatingIfNeeded: key >> 32)
            let day = Int(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            let info = botNames[ua] ?? UserAgentClassifier.classify(collector.userAgents.string(ua))
            botNames[ua] = info
            bots.bind(CivilTime.isoDate(days: day))
            bots.bind(info.botName ?? UserAgentInfo.unnamedBotName)
            bots.bind(info.botCategory?.rawValue ?? "other")
            bots.bind(Int64(hits))
            try bots.run()
            botHitsWritten += hits
        }
    }

    private func addHint(_ statement: inout BulkStatement, visitor: Int64, kind: String, value: String, ts: Int64) throws {
        statement.bind(visitor)
        statement.bind(kind)
        statement.bind(value)
        statement.bind(PageviewCollector.floorDivide(ts, IdentityGraph.hintBucket))
        statement.bind(ts)
        try statement.run()
    }

    /// The stored item of a page kind (sku, slug, term, order id) and a cart add's quantity.
    static func item(of kind: PageKind) -> (String?, Int64?) {
        switch kind {
        case .product(let sku): (sku, nil)
        case .category(let name): (name, nil)
        case .article(let slug): (slug, nil)
        case .search(let term): (term, nil)
        case .cartAdd(let sku, let quantity): (sku.isEmpty ? nil : sku, Int64(quantity))
        case .checkoutComplete(let order): (order.isEmpty ? nil : order, nil)
        case .login, .register, .other: (nil, nil)
        }
    }

    /// The first non-empty value of one of `parameters` in a raw query, percent-decoded.
    static func customerID(in query: String, parameters: [String]) -> String? {
        for part in query.split(separator: "&") {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = part[..<eq].lowercased()
            guard parameters.contains(name) else { continue }
            let raw = part[part.index(after: eq)...].replacingOccurrences(of: "+", with: " ")
            let value = (raw.removingPercentEncoding ?? raw).trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { return value }
        }
        return nil
    }
}
