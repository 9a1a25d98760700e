import Foundation
import GRDB

/// Everything the department reports read, loaded from the store once: human sessions with
/// their pageviews, orders, customers, products and ad spend. Reports are pure functions of
/// this value, so each can be tested on a hand-made `ReportData`.
///
/// Times are microseconds since 1970 UTC, money integer cents.
package struct ReportData: Sendable {
    /// One session (bots excluded).
    package struct Session: Sendable, Equatable {
        package var id: Int64
        package var visitorID: Int64
        package var customerID: String?
        package var start: Int64
        package var end: Int64
        package var pageviews: Int
        /// GA4 default channel group name (`Organic Search`, `Email`, …).
        package var channel: String
        package var source: String
        package var medium: String
        package var campaign: String?
        package var landingPath: String
        package var exitPath: String
        package var bounced: Bool
        package var converted: Bool
        /// Index range of this session's pageviews in `ReportData.pageviews`.
        package var pageviewRange: Range<Int>

        package init(
            id: Int64, visitorID: Int64, customerID: String?, start: Int64, end: Int64, pageviews: Int, channel: String,
            source: String, medium: String, campaign: String?, landingPath: String, exitPath: String, bounced: Bool,
            converted: Bool, pageviewRange: Range<Int>
        ) {
            self.id = id
            self.visitorID = visitorID
            self.customerID = customerID
            self.start = start
            self.end = end
            self.pageviews = pageviews
            self.channel = channel
            self.source = source
            self.medium = medium
            self.campaign = campaign
            self.landingPath = landingPath
            self.exitPath = exitPath
            self.bounced = bounced
            self.converted = converted
            self.pageviewRange = pageviewRange
        }
    }

    /// One pageview of a session.
    package struct Pageview: Sendable, Equatable {
        /// Index of its session in `ReportData.sessions`.
        package var session: Int
        package var ts: Int64
        package var path: String
        /// Page kind name: `product`, `category`, `article`, `search`, `cart_add`,
        /// `checkout_complete`, `login`, `register`, `other`.
        package var kind: String
        /// sku, category name, article slug, search term or order id, by kind.
        package var item: String?
        /// A cart add's quantity.
        package var quantity: Int?

        package init(session: Int, ts: Int64, path: String, kind: String, item: String?, quantity: Int?) {
            self.session = session
            self.ts = ts
            self.path = path
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
    package var sessions: [Session] = []
    /// Pageviews grouped by session (in `sessions` order), each group ordered by time.
    package var pageviews: [Pageview] = []
    /// Orders ordered by time (then id).
    package var orders: [Order] = []
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
    /// Hits of bots listed by user agent, and visitors judged bots by behaviour.
    package var botHits = 0
    package var behaviourBotVisitors = 0

    package init() {}

    /// Loads the whole store. Cost: one pass over sessions and pageviews.
    package static func load(from store: Store) throws -> ReportData {
        try store.queue.read { db in
            var data = ReportData()
            var sessionIndexByID: [Int64: Int] = [:]
            let sessionRows = try Row.fetchCursor(db, sql: """
                SELECT s.id, s.visitor_id, s.customer_id, s.start_ts, s.end_ts, s.pageviews, s.channel, s.source, s.medium,
                       s.campaign, lp.path, ep.path, s.bounced, s.converted
                FROM sessions s JOIN pages lp ON lp.id = s.landing_page_id JOIN pages ep ON ep.id = s.exit_page_id
                ORDER BY s.start_ts, s.id
                """)
            while let r = try sessionRows.next() {
                sessionIndexByID[r[0]] = data.sessions.count
                data.sessions.append(Session(
                    id: r[0], visitorID: r[1], customerID: r[2], start: r[3], end: r[4], pageviews: r[5], channel: r[6],
                    source: r[7], medium: r[8], campaign: r[9], landingPath: r[10], exitPath: r[11], bounced: r[12],
                    converted: r[13], pageviewRange: 0..<0))
            }
            // Pageviews to sessions: walk each visitor's pageviews beside its sessions (both by time).
            var byVisitor: [Int64: [Int]] = [:]
            for (i, s) in data.sessions.enumerated() { byVisitor[s.visitorID, default: []].append(i) }
            var grouped = [[Pageview]](repeating: [], count: data.sessions.count)
            var currentVisitor: Int64 = -1
            var candidates: [Int] = []
            var cursor = 0
            let pageviewRows = try Row.fetchCursor(db, sql: """
                SELECT p.visitor_id, p.ts, pg.path, p.kind, p.item, p.quantity
                FROM pageviews p JOIN pages pg ON pg.id = p.page_id
                JOIN visitors v ON v.id = p.visitor_id AND v.bot_reason IS NULL
                ORDER BY p.visitor_id, p.ts, p.id
                """)
            while let r = try pageviewRows.next() {
                let visitor: Int64 = r[0]
                if visitor != currentVisitor {
                    currentVisitor = visitor
                    candidates = byVisitor[visitor] ?? []
                    cursor = 0
                }
                let ts: Int64 = r[1]
                while cursor < candidates.count && data.sessions[candidates[cursor]].end < ts { cursor += 1 }
                guard cursor < candidates.count, data.sessions[candidates[cursor]].start <= ts else { continue }
                let index = candidates[cursor]
                grouped[index].append(Pageview(session: index, ts: ts, path: r[2], kind: r[3], item: r[4], quantity: r[5]))
            }
            for (i, group) in grouped.enumerated() {
                let start = data.pageviews.count
                data.pageviews += group
                data.sessions[i].pageviewRange = start..<data.pageviews.count
            }
            // Orders, and the session whose checkout carried each.
            var checkoutSession: [String: Int] = [:]
            for (i, pv) in data.pageviews.enumerated() where pv.kind == "checkout_complete" {
                if let item = pv.item, checkoutSession[item] == nil { checkoutSession[item] = data.pageviews[i].session }
            }
            let orderRows = try Row.fetchCursor(db, sql: """
                SELECT order_id, customer_id, ordered_at, sku, quantity, unit_price_cents FROM orders ORDER BY ordered_at, order_id, sku
                """)
            while let r = try orderRows.next() {
                let id: String = r[0]
                let item = Order.Item(sku: r[3], quantity: r[4], unitPriceCents: r[5])
                if data.orders.last?.id == id {
                    data.orders[data.orders.count - 1].items.append(item)
                } else {
                    data.orders.append(Order(id: id, customerID: r[1], orderedAt: r[2], items: [item], session: checkoutSession[id]))
                }
            }
            for r in try Row.fetchAll(db, sql: "SELECT customer_id, attributes FROM customers") {
                let json: String = r[1]
                data.customers[r[0]] = (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
            }
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
            data.behaviourBotVisitors = try Int.fetchOne(db, sql: "SELECT count(*) FROM visitors WHERE bot_reason IS NOT NULL") ?? 0
            return data
        }
    }
}
