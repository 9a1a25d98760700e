import GRDB

/// Erases one customer from the store (right to erasure): their row of customers.csv, their
/// orders, every identity hint that names them (login field, URL customer id, their orders'
/// checkout ids), and the link of every session to them. Pageviews stay, as an anonymous
/// visitor's. In one transaction.
package enum CustomerEraser {
    /// What was removed.
    package struct Outcome: Sendable, Equatable {
        package var customerRows = 0
        package var orderLines = 0
        package var identityHints = 0
        package var sessionsUnlinked = 0
    }

    /// Erases `customerID`. A later ingest of new logs that name the customer again links
    /// them again; re-importing a customers or orders file that still lists them restores those rows.
    package static func forget(customerID: String, store: Store) throws -> Outcome {
        var outcome = Outcome()
        try store.queue.inTransaction(.immediate) { db in
            try db.execute(sql: """
                DELETE FROM identity_hints WHERE kind = 'order' AND value IN (SELECT order_id FROM orders WHERE customer_id = ?)
                """, arguments: [customerID])
            outcome.identityHints += db.changesCount
            try db.execute(sql: "DELETE FROM identity_hints WHERE kind IN ('field', 'url') AND value = ?", arguments: [customerID])
            outcome.identityHints += db.changesCount
            try db.execute(sql: "DELETE FROM orders WHERE customer_id = ?", arguments: [customerID])
            outcome.orderLines = db.changesCount
            try db.execute(sql: "DELETE FROM customers WHERE customer_id = ?", arguments: [customerID])
            outcome.customerRows = db.changesCount
            try db.execute(sql: "UPDATE sessions SET customer_id = NULL WHERE customer_id = ?", arguments: [customerID])
            outcome.sessionsUnlinked = db.changesCount
            // Shared devices may now belong to the remaining customer alone.
            try SessionRebuilder.assignCustomers(in: db)
            // Forget the imported files' hashes so that a re-import is not skipped as unchanged.
            try db.execute(sql: "DELETE FROM settings WHERE key IN (?, ?)", arguments: [ShopData.importHashKey("customers"), ShopData.importHashKey("orders")])
            return .commit
        }
        return outcome
    }
}
