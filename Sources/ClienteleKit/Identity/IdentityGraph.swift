/// Ties visitors (devices) to customers from identity hints, and says which customer each
/// session belongs to.
///
/// Hints: the customer field of a hit (a login cookie, the authenticated user), a customer id
/// in a landing URL (`?cid=`), and the order id of a completed checkout joined to the orders
/// file. Visitors and customers form a bipartite graph; every visitor linked to a customer
/// counts as that customer for all its sessions, before and after the hint, and a customer's
/// visitors on several devices are all that customer.
///
/// **Conflicts.** Customers are never merged through a device: a visitor linked to two or more
/// customers (a shared computer) is *shared*. Each session of a shared visitor belongs to the
/// customer of the latest hint at or before the session's end; sessions before the first hint
/// belong to the first hint's customer. Union-find over customers would instead fuse two
/// people into one and give each the other's purchases, which is worse for every report.
package struct IdentityGraph: Sendable {
    /// Hints are kept once per visitor, customer and half hour (the earliest in it), in microseconds.
    package static let hintBucket: Int64 = 30 * 60_000_000

    /// A hint, already resolved to a customer id.
    package struct Hint: Sendable {
        package var ts: Int64
        package var customerID: String
        package init(ts: Int64, customerID: String) {
            self.ts = ts
            self.customerID = customerID
        }
    }

    /// The customer of each session of one visitor.
    /// - Parameters:
    ///   - hints: every hint of the visitor (any order).
    ///   - sessionEnds: each session's last pageview time.
    /// - Returns: one customer id (or `nil`) per session, and whether the visitor is shared.
    package static func assign(hints: [Hint], sessionEnds: [Int64]) -> (customers: [String?], shared: Bool) {
        guard !hints.isEmpty else { return (Array(repeating: nil, count: sessionEnds.count), false) }
        let sorted = hints.sorted { ($0.ts, $0.customerID) < ($1.ts, $1.customerID) }
        let distinct = Set(sorted.map(\.customerID))
        if distinct.count == 1 { return (Array(repeating: sorted[0].customerID, count: sessionEnds.count), false) }
        let customers = sessionEnds.map { end -> String? in
            var chosen = sorted[0].customerID
            for hint in sorted where hint.ts <= end { chosen = hint.customerID }
            return chosen
        }
        return (customers, true)
    }
}
