import Foundation
import GRDB

/// How much of the traffic is tied to known customers, so readers know how far to trust the
/// customer numbers. Every count is over human visitors (bots excluded) with at least one session.
package struct IdentityCoverage: Codable, Sendable, Equatable {
    /// Visitors (devices) with at least one session.
    package var visitors: Int
    /// Of those, visitors with at least one session attributed to a customer.
    package var identifiedVisitors: Int
    /// Distinct customers with at least one session.
    package var identifiedCustomers: Int
    /// Customers whose sessions come from two or more visitors (devices).
    package var customersWith2PlusDevices: Int
    /// Visitors linked to two or more customers (shared computers): their sessions are split by
    /// the latest hint (see `IdentityGraph`).
    package var sharedVisitors: Int
    package var sessions: Int
    package var identifiedSessions: Int
    /// Distinct orders in orders.csv.
    package var ordersInFile: Int
    /// Of those, orders whose id appeared on a completed-checkout page of a session.
    package var ordersMatchedToSession: Int
    /// Checkout pages whose order id is not in orders.csv.
    package var checkoutOrdersNotInFile: Int
    /// Visitors judged bots by behaviour (robots.txt, metronomic pages without assets).
    package var behaviourBotVisitors: Int

    enum CodingKeys: String, CodingKey {
        case visitors, identifiedVisitors = "identified_visitors", identifiedCustomers = "identified_customers"
        case customersWith2PlusDevices = "customers_with_2plus_devices", sharedVisitors = "shared_visitors", sessions
        case identifiedSessions = "identified_sessions", ordersInFile = "orders_in_file"
        case ordersMatchedToSession = "orders_matched_to_session", checkoutOrdersNotInFile = "checkout_orders_not_in_file"
        case behaviourBotVisitors = "behaviour_bot_visitors"
    }

    /// Computes the coverage of the whole store: the counts over hints, orders and visitors on
    /// a second connection, beside those over sessions on the store's own (each takes about
    /// half the time).
    package static func compute(in store: Store) throws -> IdentityCoverage {
        let reader = try store.readerConnection()
        let identity = BackgroundWork { try reader.read { try IdentityCounts($0) } }
        // One query a count: each is an index scan, where one query for all of them sorted.
        let counts = try store.queue.read { db in
            try [
                "SELECT count(DISTINCT visitor_id) FROM sessions",
                "SELECT count(DISTINCT visitor_id) FROM sessions WHERE customer_id IS NOT NULL",
                "SELECT count(DISTINCT customer_id) FROM sessions WHERE customer_id IS NOT NULL",
                """
                SELECT count(*) FROM (SELECT customer_id FROM sessions WHERE customer_id IS NOT NULL
                                      GROUP BY customer_id HAVING count(DISTINCT visitor_id) >= 2)
                """,
                "SELECT count(*) FROM sessions",
                "SELECT count(*) FROM sessions WHERE customer_id IS NOT NULL",
            ].map { try Int.fetchOne(db, sql: $0) ?? 0 }
        }
        let other = try identity.wait()
        return IdentityCoverage(
            visitors: counts[0], identifiedVisitors: counts[1], identifiedCustomers: counts[2], customersWith2PlusDevices: counts[3],
            sharedVisitors: other.shared, sessions: counts[4], identifiedSessions: counts[5], ordersInFile: other.ordersInFile,
            ordersMatchedToSession: other.ordersMatched, checkoutOrdersNotInFile: other.ordersNotInFile, behaviourBotVisitors: other.behaviourBots)
    }

    /// The counts over hints, orders and visitors.
    private struct IdentityCounts {
        var shared, ordersInFile, ordersMatched, ordersNotInFile, behaviourBots: Int

        init(_ db: Database) throws {
            func int(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
            shared = try int("""
                SELECT count(*) FROM (
                    SELECT h.visitor_id FROM identity_hints h
                    LEFT JOIN (SELECT DISTINCT order_id, customer_id FROM orders) o ON h.kind = 'order' AND o.order_id = h.value
                    JOIN visitors v ON v.id = h.visitor_id AND v.bot_reason IS NULL
                    WHERE h.kind != 'order' OR o.customer_id IS NOT NULL
                    GROUP BY h.visitor_id
                    HAVING count(DISTINCT CASE h.kind WHEN 'order' THEN o.customer_id ELSE h.value END) > 1)
                """)
            ordersInFile = try int("SELECT count(DISTINCT order_id) FROM orders")
            ordersMatched = try int("""
                SELECT count(DISTINCT h.value) FROM identity_hints h JOIN visitors v ON v.id = h.visitor_id AND v.bot_reason IS NULL
                WHERE h.kind = 'order' AND h.value IN (SELECT order_id FROM orders)
                """)
            ordersNotInFile = try int("""
                SELECT count(DISTINCT h.value) FROM identity_hints h JOIN visitors v ON v.id = h.visitor_id AND v.bot_reason IS NULL
                WHERE h.kind = 'order' AND h.value NOT IN (SELECT order_id FROM orders)
                """)
            behaviourBots = try int("SELECT count(*) FROM visitors WHERE bot_reason IS NOT NULL")
        }
    }

    /// Terminal lines.
    package var lines: [String] {
        func pct(_ a: Int, _ b: Int) -> String { b == 0 ? "-" : String(format: "%.1f%%", Double(a) * 100 / Double(b)) }
        return [
            "visitors \(visitors), identified \(identifiedVisitors) (\(pct(identifiedVisitors, visitors))); sessions \(sessions), identified \(identifiedSessions) (\(pct(identifiedSessions, sessions)))",
            "customers seen \(identifiedCustomers), on 2+ devices \(customersWith2PlusDevices); shared devices \(sharedVisitors)",
            "orders in orders.csv \(ordersInFile), matched to a session \(ordersMatchedToSession) (\(pct(ordersMatchedToSession, ordersInFile))); checkout order ids not in the file \(checkoutOrdersNotInFile)",
            "bots by behaviour \(behaviourBotVisitors) visitors",
        ]
    }
}
