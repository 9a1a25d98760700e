import Foundation
import GRDB
import LogModel

/// Everything the department reports read, loaded from the store once: human sessions with
/// their pageviews, orders, customers, products and ad spend. Reports are pure functions of
/// this value, so each can be tested on a hand-made `ReportData`.
///
/// Times are microseconds since 1970 UTC, money integer cents.
package struct ReportData: Sendable {
    /// One session (bots excluded), in 88 bytes: its traffic source and pages are ids into
    /// `sources` and `paths`.
    package struct Session: Sendable, Equatable {
        package var id: Int64
        package var visitorID: Int64
        package var customerID: String?
        package var start: Int64
        package var end: Int64
        package var pageviews: Int
        /// Index of its traffic source (channel, source, medium, campaign) in `ReportData.sources`.
        package var source: Int32
        /// Indices of its landing and exit paths in `ReportData.paths`.
        package var landingPage: Int32
        package var exitPage: Int32
        package var bounced: Bool
        package var converted: Bool
        /// Index range of this session's pageviews in `ReportData.pageviews`.
        package var pageviewRange: Range<Int>

        package init(
            id: Int64, visitorID: Int64, customerID: String?, start: Int64, end: Int64, pageviews: Int, source: Int32,
            landingPage: Int32, exitPage: Int32, bounced: Bool, converted: Bool, pageviewRange: Range<Int>
        ) {
            self.id = id
            self.visitorID = visitorID
            self.customerID = customerID
            self.start = start
            self.end = end
            self.pageviews = pageviews
            self.source = source
            self.landingPage = landingPage
            self.exitPage = exitPage
            self.bounced = bounced
            self.converted = converted
            self.pageviewRange = pageviewRange
        }
    }

    /// Where a session came from: the grouping of the marketing report's `sources` table.
    package struct TrafficSource: Hashable, Sendable {
        /// GA4 default channel group name (`Organic Search`, `Email`, …).
        package var channel: String
        package var source: String
        package var medium: String
        package var campaign: String?

        package init(channel: String, source: String, medium: String, campaign: String?) {
            self.channel = channel
            self.source = source
            self.medium = medium
            self.campaign = campaign
        }
    }

    /// One pageview of a session, in 32 bytes: its texts are ids into `paths` and `items`.
    package struct Pageview: Sendable, Equatable {
        package var ts: Int64
        /// Index of its session in `ReportData.sessions`.
        package var session: Int32
        /// Index of its path in `ReportData.paths`.
        package var page: Int32
        /// Index in `ReportData.items` of its sku, category name, article slug, search term or
        /// order id (by kind); -1 when it has none.
        package var item: Int32
        /// A cart add's quantity; -1 when it has none.
        package var quantity: Int32
        package var kind: PageKind.Tag

        package init(session: Int32, ts: Int64, page: Int32, kind: PageKind.Tag, item: Int32, quantity: Int32) {
            self.session = session
            self.ts = ts
            self.page = page
            self.kind = kind
            self.item = item
            self.quantity = quantity
        }
    }

    /// One order from orders.csv with its line items.
    package struct Order: Sendable, Equatable {
        package struct Item: Sendable, Equatable {
            package var sku: String
            package var quantity: Int
            package var unitPriceCents: Int64
            package init(sku: String, quantity: Int, unitPriceCents: Int64) {
                self.sku = sku
                self.quantity = quantity
                self.unitPriceCents = unitPriceCents
            }
        }

        package var id: String
        package var customerID: String
        package var orderedAt: Int64
        package var items: [Item]
        /// Index in `ReportData.sessions` of the session whose checkout page carried this order
        /// id, when the logs saw it.
        package var session: Int?

        /// Sum of quantity × unit price.
        package var revenueCents: Int64 { items.reduce(0) { $0 + Int64($1.quantity) * $1.unitPriceCents } }

        package init(id: String, customerID: String, orderedAt: Int64, items: [Item], session: Int?) {
            self.id = id
            self.customerID = customerID
            self.orderedAt = orderedAt
            self.items = items
            self.session = session
        }
    }

    /// Sessions ordered by start (then id).
    package var sessions: [Session] = [] { didSet { storedKeys = nil } }
    /// Pageviews grouped by session (in `sessions` order), each group ordered by time.
    package var pageviews: [Pageview] = []
    /// Page paths by `Pageview.page` and `Session.landingPage`/`exitPage` (the store's page ids).
    package var paths: [String] = []
    /// Traffic sources by `Session.source`, each listed once.
    package var sources: [TrafficSource] = [] { didSet { storedKeys = nil } }
    /// Pageview items by `Pageview.item`.
    package var items: [String] = []
    /// Orders ordered by time (then id).
    package var orders: [Order] = [] { didSet { storedKeys = nil } }
    /// The keys made by `load` (or `restricted(toSegment:)`); any change to `sessions` or `orders`
    /// drops them.
    var storedKeys: ReportKeys?
    /// Dense ids of the visitors, customers and channels of `sessions` and `orders`: those made at
    /// load, or made now (hand-made data, or data changed since).
    package var keys: ReportKeys { storedKeys ?? ReportKeys(sessions: sessions, orders: orders, sources: sources) }
    /// Customer attributes from customers.csv, by customer id.
    package var customers: [String: [String: String]] = [:]
    /// Products from products.csv, by sku.
    package var products: [String: ProductRecord] = [:]
    package var adSpend: [AdSpendRecord] = []
    /// Hits of one listed bot on one UTC day.
    package struct BotDay: Sendable, Equatable {
        package var day: String
        package var bot: String
        package var category: String
        package var hits: Int
        package init(day: String, bot: String, category: String, hits: Int) {
            self.day = day
            self.bot = bot
            self.category = category
            self.hits = hits
        }
    }

    /// Listed bots' hits per day, by day then bot.
    package var botTraffic: [BotDay] = []
    /// The stored key (cookie, or address and user agent) of a visitor id, looked up on demand:
    /// only the few visitors a report names need it. `nil` when unknown (hand-made data).
    package var visitorKey: @Sendable (Int64) -> String? = { _ in nil }
    /// Hits of bots listed by user agent, and visitors judged bots by behaviour.
    package var botHits = 0
    package var behaviourBotVisitors = 0

    package init() {}

    /// Session indices by (start, id) when `sessions` are not in that order (hand-made data);
    /// `nil` when they are, as loaded.
    package func sessionsOutOfStartOrder() -> [Int32]? {
        let inOrder = sessions.indices.dropFirst().allSatisfy {
            (sessions[$0 - 1].start, sessions[$0 - 1].id) <= (sessions[$0].start, sessions[$0].id)
        }
        if inOrder { return nil }
        return sessions.indices.sorted { (sessions[$0].start, sessions[$0].id) < (sessions[$1].start, sessions[$1].id) }
            .map(Int32.init)
    }

    /// The path of a pageview.
    package func path(of pageview: Pageview) -> String { paths[Int(pageview.page)] }

    /// The item (sku, category, slug, term or order id) of a pageview, if it has one.
    package func item(of pageview: Pageview) -> String? { pageview.item < 0 ? nil : items[Int(pageview.item)] }

    /// How a report names an anonymous visitor: `visitor:` and 16 hex digits of the FNV-1a hash
    /// of its key, the same in every store and in the Spark job (store row ids are not);
    /// `visitor:<id>` when the key is unknown.
    package func visitorName(_ id: Int64) -> String {
        guard let key = visitorKey(id) else { return "visitor:\(id)" }
        return Self.anonymousName(key: key)
    }

    /// `visitor:` and the FNV-1a hash of `key` as 16 hex digits.
    package static func anonymousName(key: String) -> String {
        let hex = String(FNV1a.hash(key.utf8), radix: 16)
        return "visitor:" + String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Loads the whole store.
    ///
    /// Cost: one sequential pass over the sessions and one over the pageviews (in table order, not
    /// through an index), stepped through SQLite's C API, the pageviews on a second connection and
    /// thread while this one reads the rest. Text is decoded once per distinct value and kept in
    /// tables (`paths`, `items`, `sources`); sessions and pageviews hold ids into them. Sessions
    /// are made once each, at their rank by
    /// (start, id); pageviews are matched to their visitor's sessions by binary search and laid out
    /// in session order by a counting sort, both split over the cores.
    ///
    /// - Parameter withPageviews: `false` leaves `pageviews` empty (and every session's
    ///   `pageviewRange`), for reports that read none: only checkout pages are read, to find the
    ///   session of each order.
    package static func load(from store: Store, withPageviews: Bool = true) throws -> ReportData {
        let profile = ReportProfile.shared
        // The pageviews, read meanwhile on a read-only connection of their own (when it opens).
        let handoff = ReportHandoff<ReportPageviewRows>()
        let reading = DispatchGroup()
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = .timeout(60)
        if let second = try? DatabaseQueue(path: store.path, configuration: readOnly) {
            DispatchQueue.global().async(group: reading) {
                handoff.value = Result { try second.read { try ReportPageviewRows($0, checkoutsOnly: !withPageviews) } }
                profile.mark("load: pageview rows")
            }
        }
        return try store.queue.read { db in
            var data = ReportData()
            let text = ReportTextInterner()
            let queue = store.queue
            data.visitorKey = { id in try? queue.read { try String.fetchOne($0, sql: "SELECT key FROM visitors WHERE id = ?", arguments: [id]) } }

            // Paths by page id.
            let maxPage = try Int64.fetchOne(db, sql: "SELECT max(id) FROM pages") ?? 0
            var paths = [String](repeating: "", count: Int(max(0, maxPage)) + 1)
            let pageRows = try ReportQuery(db, sql: "SELECT id, path FROM pages")
            while try pageRows.step() {
                let id = Int(pageRows.int64(0))
                if id >= 0 && id < paths.count { paths[id] = text.string(pageRows.bytes(1)) }
            }
            // Page ids outside the pages table (never written by ingest) point at an empty path.
            let noPage = Int32(paths.count)
            paths.append("")
            data.paths = paths
            func page(_ id: Int64) -> Int32 { id >= 0 && id < Int64(noPage) ? Int32(id) : noPage }

            // Sessions by (start, id), each made once in its place: rows are read in table order and
            // written to their rank (reading them in rank order missed the cache on every column).
            let sessionRows = try ReportSessionRows(db, text: text)
            profile.mark("load: session rows")
            let rankOfRow = sessionRows.rankByStart()
            let strings = text.strings
            let count = sessionRows.count
            // Traffic sources listed once, by their text ids.
            var sourceIndex: [SIMD4<Int32>: Int32] = [:]
            var sources: [TrafficSource] = []
            // Visitor, start and end of each session in compact arrays too: matching reads them for
            // every session, and reading them from the sessions scanned the whole array each time.
            var sessionVisitor = [Int64](repeating: 0, count: count)
            var sessionStart = [Int64](repeating: 0, count: count)
            var sessionEnd = [Int64](repeating: 0, count: count)
            data.sessions = [Session](unsafeUninitializedCapacity: count) { buffer, initialized in
                for row in 0..<count {
                    let k = rankOfRow.map { Int($0[row]) } ?? row
                    let customer = sessionRows.customer[row]
                    let texts = sessionRows.source[row]
                    let source: Int32
                    if let known = sourceIndex[texts] {
                        source = known
                    } else {
                        source = Int32(sources.count)
                        sourceIndex[texts] = source
                        sources.append(TrafficSource(
                            channel: strings[Int(texts[0])], source: strings[Int(texts[1])], medium: strings[Int(texts[2])],
                            campaign: texts[3] < 0 ? nil : strings[Int(texts[3])]))
                    }
                    sessionVisitor[k] = sessionRows.visitor[row]
                    sessionStart[k] = sessionRows.start[row]
                    sessionEnd[k] = sessionRows.end[row]
                    (buffer.baseAddress! + k).initialize(to: Session(
                        id: sessionRows.id[row], visitorID: sessionRows.visitor[row],
                        customerID: customer < 0 ? nil : strings[Int(customer)], start: sessionRows.start[row],
                        end: sessionRows.end[row], pageviews: Int(sessionRows.pageviews[row]), source: source,
                        landingPage: page(sessionRows.landingPage[row]), exitPage: page(sessionRows.exitPage[row]),
                        bounced: sessionRows.bounced[row], converted: sessionRows.converted[row], pageviewRange: 0..<0))
                }
                initialized = count
            }
            data.sources = sources
            profile.mark("load: sessions")

            // Orders (their sessions are known once pageviews are matched).
            let orderRows = try ReportQuery(db, sql: """
                SELECT order_id, customer_id, ordered_at, sku, quantity, unit_price_cents FROM orders
                ORDER BY ordered_at, order_id, sku
                """)
            while try orderRows.step() {
                let r = orderRows
                let item = Order.Item(sku: text.string(r.bytes(3)), quantity: Int(r.int64(4)), unitPriceCents: r.int64(5))
                let id = r.bytes(0)
                if let last = data.orders.last, last.id.utf8.elementsEqual(id) {
                    data.orders[data.orders.count - 1].items.append(item)
                } else {
                    data.orders.append(Order(
                        id: r.string(0), customerID: text.string(r.bytes(1)), orderedAt: r.int64(2), items: [item],
                        session: nil))
                }
            }
            // Customer attributes: a JSON object of strings each, unpacked by SQLite (anything else counts as
            // no attributes).
            let customerRows = try ReportQuery(db, sql: """
                SELECT c.customer_id, j.key, j.value, j.type FROM customers c
                LEFT JOIN json_each(CASE WHEN json_valid(c.attributes) AND json_type(c.attributes) = 'object'
                                    THEN c.attributes ELSE '{}' END) j
                """)
            var notStrings = Set<String>()
            while try customerRows.step() {
                let r = customerRows
                let id = text.string(r.bytes(0))
                if r.isNull(1) {
                    if data.customers[id] == nil { data.customers[id] = [:] }
                } else if r.bytes(3).elementsEqual("text".utf8) {
                    data.customers[id, default: [:]][r.string(1)] = text.string(r.bytes(2))
                } else {
                    notStrings.insert(id)
                }
            }
            for id in notStrings { data.customers[id] = [:] }
            for r in try Row.fetchAll(db, sql: "SELECT sku, name, category, price_cents FROM products") {
                data.products[r[0]] = ProductRecord(sku: r[0], name: r[1], category: r[2], priceCents: r[3])
            }
            for r in try Row.fetchAll(db, sql: "SELECT date, source, medium, campaign, cost_cents FROM ad_spend ORDER BY date, source, medium, campaign") {
                data.adSpend.append(AdSpendRecord(date: r[0], source: r[1], medium: r[2], campaign: r[3], costCents: r[4]))
            }
            for r in try Row.fetchAll(db, sql: "SELECT day, bot, category, hits FROM bot_traffic ORDER BY day, bot") {
                data.botTraffic.append(BotDay(day: r[0], bot: r[1], category: r[2], hits: r[3]))
            }
            data.botHits = data.botTraffic.reduce(0) { $0 + $1.hits }
            profile.mark("load: orders, customers, products")
            // Set on `data` last: filling in the orders' sessions below would drop them.
            let keys = ReportKeys(sessions: data.sessions, orders: data.orders, sources: data.sources)
            profile.mark("load: keys")

            // Each visitor's sessions by start, and the slot of each store visitor id.
            let sessionCount = data.sessions.count
            let sessionsOfVisitor = keys.sessionsByVisitor
            let maxVisitor = try Int64.fetchOne(db, sql: "SELECT max(id) FROM visitors") ?? 0
            var visitorSlot = RowIDTable(maxID: maxVisitor, count: sessionCount)
            for i in 0..<sessionCount { visitorSlot[sessionVisitor[i]] = keys.visitorOfSession[i] }

            // Bot visitors' pageviews are left out (they have no sessions either).
            let botRows = try ReportQuery(db, sql: "SELECT id FROM visitors WHERE bot_reason IS NOT NULL")
            while try botRows.step() {
                visitorSlot[botRows.int64(0)] = nil
                data.behaviourBotVisitors += 1
            }

            reading.wait()
            var rows = try handoff.value?.get() ?? ReportPageviewRows(db, checkoutsOnly: !withPageviews)
            handoff.value = nil

            // Each pageview goes to the session of its visitor that contains its time (the first
            // session, by start, ending at or after it, if that one has started). Rows are split
            // over the cores; each part writes its own rows of `rowSession`.
            var rowSession = [Int32](repeating: -1, count: rows.count)
            let slotOfVisitor = visitorSlot
            let (starts, visitorSessionList, sessionStarts, sessionEnds) =
                (sessionsOfVisitor.start, sessionsOfVisitor.members, sessionStart, sessionEnd)
            rowSession.withUnsafeMutableBufferPointer { out in
                let out = SharedBuffer(pointer: out)
                let (rowVisitor, rowTime) = (rows.visitor, rows.ts)
                ReportParallel.run(count: rows.count) { _, range in
                    var lastVisitor: Int64 = .min
                    var lastRange = 0..<0
                    for row in range {
                        let visitor = rowVisitor[row]
                        if visitor != lastVisitor {
                            lastVisitor = visitor
                            if let slot = slotOfVisitor[visitor] {
                                lastRange = starts[Int(slot)]..<starts[Int(slot) + 1]
                            } else {
                                lastRange = 0..<0
                            }
                        }
                        guard !lastRange.isEmpty else { continue }
                        let ts = rowTime[row]
                        var low = lastRange.lowerBound
                        var high = lastRange.upperBound
                        while low < high {
                            let mid = (low + high) / 2
                            if sessionEnds[Int(visitorSessionList[mid])] < ts { low = mid + 1 } else { high = mid }
                        }
                        guard low < lastRange.upperBound else { continue }
                        let session = visitorSessionList[low]
                        guard sessionStarts[Int(session)] <= ts else { continue }
                        out.pointer[row] = session
                    }
                }
            }
            rows.visitor = []  // not needed any more: free it before the pageviews are made
            profile.mark("load: matched")

            data.items = rows.items
            var checkoutSession: [Int32: Int] = [:]
            if withPageviews {
                checkoutSession = data.layOut(rows, rowSession: &rowSession)
            } else {
                for (row, s) in rowSession.enumerated() where s >= 0 && rows.item[row] >= 0 && rows.kind[row] == .checkoutComplete {
                    checkoutSession[rows.item[row]] = min(checkoutSession[rows.item[row]] ?? Int(s), Int(s))
                }
            }
            rowSession = []
            let checkoutSessionOfOrder = Dictionary(
                uniqueKeysWithValues: checkoutSession.map { (data.items[Int($0.key)], $0.value) })
            for o in data.orders.indices { data.orders[o].session = checkoutSessionOfOrder[data.orders[o].id] }
            data.storedKeys = keys
            profile.mark("load: pageviews")

            return data
        }
    }

    /// Lays the matched pageview rows out as `pageviews`, in session order, each session's by
    /// (time, id), and sets each session's `pageviewRange`. Sessions are split over the cores by
    /// equal shares of pageviews, each part made in place.
    /// - Returns: The first session of each checkout page's item (order id).
    private mutating func layOut(
        _ rows: ReportPageviewRows, rowSession: inout [Int32]
    ) -> [Int32: Int] {
        let sessionCount = sessions.count
        var checkoutSession: [Int32: Int] = [:]
        // Rows grouped by session: rows are in id order, so each session's rows are too.
        let groups: [Int]
        var order: [Int32]
        do {
            let bySession = ReportGrouping(keys: rowSession, groups: sessionCount)
            groups = bySession.start
            order = bySession.members
        }
        rowSession = []  // freed before the pageviews are made
        let matched = order.count
        // Page ids outside the pages table point at the empty path the loader put last.
        let noPage = Int32(paths.count - 1)
        // Then each session's pageviews by (time, id), made in place: sessions split over the
        // cores by equal shares of pageviews. Each part notes the first session of each
        // checkout's order id.
        let firstCheckouts = UnsafeMutableBufferPointer<[Int32: Int]>.allocate(capacity: ReportParallel.parts)
        firstCheckouts.initialize(repeating: [:])
        defer {
            _ = firstCheckouts.deinitialize()
            firstCheckouts.deallocate()
        }
        let checkoutsOut = SharedBuffer(pointer: firstCheckouts)
        order.withUnsafeMutableBufferPointer { orderBuffer in
            let order = SharedBuffer(pointer: orderBuffer)
            pageviews = [Pageview](unsafeUninitializedCapacity: matched) { buffer, initialized in
                let out = SharedBuffer(pointer: buffer)
                ReportParallel.run(count: sessionCount, boundary: { k in
                    // The first session whose pageviews start at or after the part's share.
                    let target = matched * k / ReportParallel.parts
                    var low = 0
                    var high = sessionCount
                    while low < high {
                        let mid = (low + high) / 2
                        if groups[mid] < target { low = mid + 1 } else { high = mid }
                    }
                    return low
                }) { part, sessionRange in
                    var checkouts: [Int32: Int] = [:]
                    for s in sessionRange {
                        let lower = groups[s]
                        let upper = groups[s + 1]
                        // Insertion sort: a session's rows are few and nearly always in order already.
                        if upper - lower > 1 {
                            for k in (lower + 1)..<upper {
                                let row = order.pointer[k]
                                let key = rows.ts[Int(row)]
                                var j = k
                                while j > lower,
                                    rows.ts[Int(order.pointer[j - 1])] > key
                                        || (rows.ts[Int(order.pointer[j - 1])] == key && order.pointer[j - 1] > row)
                                {
                                    order.pointer[j] = order.pointer[j - 1]
                                    j -= 1
                                }
                                order.pointer[j] = row
                            }
                        }
                        for k in lower..<upper {
                            let row = Int(order.pointer[k])
                            let page = rows.page[row]
                            let kind = rows.kind[row]
                            let item = rows.item[row]
                            (out.pointer.baseAddress! + k).initialize(to: Pageview(
                                session: Int32(s), ts: rows.ts[row],
                                page: page >= 0 && page < Int64(noPage) ? Int32(page) : noPage, kind: kind, item: item,
                                quantity: rows.quantity[row]))
                            if kind == .checkoutComplete, item >= 0, checkouts[item] == nil { checkouts[item] = s }
                        }
                    }
                    checkoutsOut.pointer[part] = checkouts
                }
                initialized = matched
            }
        }
        for s in 0..<sessionCount { sessions[s].pageviewRange = groups[s]..<groups[s + 1] }
        // Parts hold consecutive sessions, so an earlier part's session is the earlier one.
        for part in firstCheckouts { checkoutSession.merge(part) { earlier, _ in earlier } }
        return checkoutSession
    }

}
