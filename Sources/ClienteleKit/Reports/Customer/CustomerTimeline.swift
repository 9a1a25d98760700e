import Foundation
import GRDB
import LogModel

/// One customer, visit by visit: the devices linked to them, each session with its pages, and
/// their orders (`clientele customer ID`).
package struct CustomerTimeline: Codable, Sendable {
    package struct Device: Codable, Sendable {
        package var visitor: String
        package var firstSeen: String
        package var lastSeen: String
        package var sessions: Int
        /// How the device was linked: `field` (login), `url` (customer id in a link), `order`.
        package var linkedBy: [String]
        enum CodingKeys: String, CodingKey { case visitor, firstSeen = "first_seen", lastSeen = "last_seen", sessions, linkedBy = "linked_by" }
    }

    package struct Page: Codable, Sendable {
        package var time: String
        package var path: String
        package var kind: String
        package var item: String?
    }

    package struct Session: Codable, Sendable {
        package var sessionID: Int64
        package var visitor: String
        package var start: String
        package var end: String
        package var channel: String
        package var source: String
        package var medium: String
        package var campaign: String?
        package var landingPath: String
        package var pages: [Page]
        package var productsViewed: [String]
        package var productsCarted: [String]
        package var orders: [String]
        enum CodingKeys: String, CodingKey {
            case sessionID = "session_id", visitor, start, end, channel, source, medium, campaign, landingPath = "landing_path", pages
            case productsViewed = "products_viewed", productsCarted = "products_carted", orders
        }
    }

    package struct OrderItem: Codable, Sendable {
        package var sku: String
        package var quantity: Int
        package var unitPrice: Decimal
        enum CodingKeys: String, CodingKey { case sku, quantity, unitPrice = "unit_price" }
    }

    package struct Order: Codable, Sendable {
        package var orderID: String
        package var orderedAt: String
        package var items: [OrderItem]
        package var revenue: Decimal
        /// The session whose checkout page carried this order id, if the logs saw it.
        package var sessionID: Int64?
        enum CodingKeys: String, CodingKey { case orderID = "order_id", orderedAt = "ordered_at", items, revenue, sessionID = "session_id" }
    }

    package var schemaVersion = 1
    package var customerID: String
    package var attributes: [String: String]
    package var devices: [Device]
    package var sessions: [Session]
    package var orders: [Order]
    package var revenue: Decimal

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", customerID = "customer_id", attributes, devices, sessions, orders, revenue
    }

    /// Builds the timeline. - Throws: `StoreError(.notFound)` when the store knows nothing of `customerID`.
    package static func build(customerID: String, store: Store) throws -> CustomerTimeline {
        try store.queue.read { db in
            let attributesJSON = try String.fetchOne(db, sql: "SELECT attributes FROM customers WHERE customer_id = ?", arguments: [customerID])
            let attributes = attributesJSON.flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) } ?? [:]
            var sessions: [Session] = []
            var sessionOfOrder: [String: Int64] = [:]
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.id, v.key, s.start_ts, s.end_ts, s.channel, s.source, s.medium, s.campaign, lp.path, s.visitor_id
                FROM sessions s JOIN visitors v ON v.id = s.visitor_id JOIN pages lp ON lp.id = s.landing_page_id
                WHERE s.customer_id = ? ORDER BY s.start_ts, s.id
                """, arguments: [customerID])
            for r in rows {
                let pageRows = try Row.fetchAll(db, sql: """
                    SELECT p.ts, pg.path, p.kind, p.item FROM pageviews p JOIN pages pg ON pg.id = p.page_id
                    WHERE p.visitor_id = ? AND p.ts BETWEEN ? AND ? ORDER BY p.ts, p.id
                    """, arguments: [r[9] as Int64, r[2] as Int64, r[3] as Int64])
                var session = Session(
                    sessionID: r[0], visitor: r[1], start: CivilTime.iso8601(micros: r[2]), end: CivilTime.iso8601(micros: r[3]),
                    channel: r[4], source: r[5], medium: r[6], campaign: r[7], landingPath: r[8], pages: [], productsViewed: [],
                    productsCarted: [], orders: [])
                for p in pageRows {
                    let kind: String = p[2]
                    let item: String? = p[3]
                    session.pages.append(Page(time: CivilTime.iso8601(micros: p[0]), path: p[1], kind: kind, item: item))
                    guard let item else { continue }
                    switch kind {
                    case "product": if !session.productsViewed.contains(item) { session.productsViewed.append(item) }
                    case "cart_add": if !session.productsCarted.contains(item) { session.productsCarted.append(item) }
                    case "checkout_complete":
                        if !session.orders.contains(item) { session.orders.append(item) }
                        sessionOfOrder[item] = session.sessionID
                    default: break
                    }
                }
                sessions.append(session)
            }
            var orders: [Order] = []
            var total = Decimal(0)
            let orderRows = try Row.fetchAll(db, sql: """
                SELECT order_id, ordered_at, sku, quantity, unit_price_cents FROM orders WHERE customer_id = ?
                ORDER BY ordered_at, order_id, sku
                """, arguments: [customerID])
            for r in orderRows {
                let id: String = r[0]
                let cents: Int64 = r[4]
                let quantity: Int = r[3]
                let item = OrderItem(sku: r[2], quantity: quantity, unitPrice: Decimal(cents) / 100)
                if orders.last?.orderID != id {
                    orders.append(Order(orderID: id, orderedAt: CivilTime.iso8601(micros: r[1]), items: [], revenue: 0, sessionID: sessionOfOrder[id]))
                }
                orders[orders.count - 1].items.append(item)
                orders[orders.count - 1].revenue += Decimal(cents * Int64(quantity)) / 100
                total += Decimal(cents * Int64(quantity)) / 100
            }
            var devices: [Device] = []
            let visitorRows = try Row.fetchAll(db, sql: """
                SELECT v.id, v.key, min(s.start_ts), max(s.end_ts), count(*) FROM sessions s JOIN visitors v ON v.id = s.visitor_id
                WHERE s.customer_id = ? GROUP BY v.id ORDER BY min(s.start_ts)
                """, arguments: [customerID])
            for r in visitorRows {
                let kinds = try String.fetchAll(db, sql: "SELECT DISTINCT kind FROM identity_hints WHERE visitor_id = ? ORDER BY kind", arguments: [r[0] as Int64])
                devices.append(Device(visitor: r[1], firstSeen: CivilTime.iso8601(micros: r[2]), lastSeen: CivilTime.iso8601(micros: r[3]), sessions: r[4], linkedBy: kinds))
            }
            if attributesJSON == nil && sessions.isEmpty && orders.isEmpty {
                throw StoreError(.notFound, "customer '\(customerID)' is not in the store (no customers.csv row, session or order)")
            }
            return CustomerTimeline(customerID: customerID, attributes: attributes, devices: devices, sessions: sessions, orders: orders, revenue: total)
        }
    }

    /// A terminal rendering.
    package var text: String {
        var out = ["Customer \(customerID)"]
        if !attributes.isEmpty { out.append("  " + attributes.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")) }
        out.append("  \(devices.count) device\(devices.count == 1 ? "" : "s"), \(sessions.count) session\(sessions.count == 1 ? "" : "s"), \(orders.count) order\(orders.count == 1 ? "" : "s"), revenue \(Self.money(revenue))")
        for d in devices { out.append("  device \(d.visitor) (\(d.sessions) sessions, linked by \(d.linkedBy.joined(separator: "+")))") }
        out.append("")
        for s in sessions {
            out.append("\(s.start)  \(s.channel) (\(s.source) / \(s.medium)\(s.campaign.map { " / \($0)" } ?? ""))  landed on \(s.landingPath)")
            for p in s.pages { out.append("    \(p.time.dropFirst(11).prefix(8))  \(p.kind.padding(toLength: 17, withPad: " ", startingAt: 0)) \(p.path)\(p.item.map { "  [\($0)]" } ?? "")") }
        }
        if !orders.isEmpty { out.append("") }
        for o in orders {
            out.append("\(o.orderedAt)  order \(o.orderID): \(Self.money(o.revenue))  \(o.sessionID.map { "(session \($0))" } ?? "(not seen in the logs)")")
            for i in o.items { out.append("    \(i.quantity) x \(i.sku) at \(Self.money(i.unitPrice))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func money(_ d: Decimal) -> String {
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let f = NumberFormatter()
        f.minimumFractionDigits = 2
        f.maximumFractionDigits = 2
        f.minimumIntegerDigits = 1
        return f.string(from: rounded as NSDecimalNumber) ?? "\(rounded)"
    }
}
