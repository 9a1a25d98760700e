/// Dense integer ids of what the reports group by (visitors, customers, channels), with each
/// session's and order's ids, so that builders count with arrays instead of hashing text once per
/// session in every report. Traffic sources are ids already (`ReportData.Session.source`).
///
/// Ids are numbered in first-seen order: visitors over `sessions`, customers over `sessions` then
/// `orders`, channels over `sources`. The same data therefore always gets the same ids.
package struct ReportKeys: Sendable, Equatable {
    /// Per session: its visitor, `0..<visitorCount`.
    package var visitorOfSession: [Int32] = []
    package var visitorCount = 0
    /// Per session: its customer (index into `customers`), -1 when anonymous.
    package var customerOfSession: [Int32] = []
    /// Per order: its customer (index into `customers`).
    package var customerOfOrder: [Int32] = []
    /// Customer ids: those of sessions in session order, then those seen only in orders.
    package var customers: [String] = []
    /// Per traffic source (`ReportData.sources`): its channel (index into `channels`).
    package var channelOfSource: [Int32] = []
    /// Channel group names, first seen first.
    package var channels: [String] = []

    package init() {}

    /// Numbers the values of `sessions`, `orders` and `sources`.
    ///
    /// Cost: one array access per session for its visitor (ids are store row ids), one hash
    /// lookup per identified session and per order for its customer.
    package init(sessions: [ReportData.Session], orders: [ReportData.Order], sources: [ReportData.TrafficSource]) {
        // Fields read by index: copying a session would retain its customer id.
        var maxVisitor: Int64 = 0
        for i in sessions.indices { maxVisitor = max(maxVisitor, sessions[i].visitorID) }
        var visitorIndex = RowIDTable(maxID: maxVisitor, count: sessions.count)
        var customerIndex: [String: Int32] = [:]
        visitorOfSession.reserveCapacity(sessions.count)
        customerOfSession.reserveCapacity(sessions.count)
        func customer(_ id: String) -> Int32 {
            if let known = customerIndex[id] { return known }
            let new = Int32(customers.count)
            customerIndex[id] = new
            customers.append(id)
            return new
        }
        for i in sessions.indices {
            let v = sessions[i].visitorID
            if let known = visitorIndex[v] {
                visitorOfSession.append(known)
            } else {
                visitorIndex[v] = Int32(visitorCount)
                visitorOfSession.append(Int32(visitorCount))
                visitorCount += 1
            }
            customerOfSession.append(sessions[i].customerID.map(customer) ?? -1)
        }
        customerOfOrder = orders.map { customer($0.customerID) }
        numberChannels(of: sources)
    }

    /// Sets `channels` and `channelOfSource`.
    private mutating func numberChannels(of sources: [ReportData.TrafficSource]) {
        var channelIndex: [String: Int32] = [:]
        channelOfSource = sources.map { s in
            if let known = channelIndex[s.channel] { return known }
            let new = Int32(channels.count)
            channelIndex[s.channel] = new
            channels.append(s.channel)
            return new
        }
    }

    /// The orders of each customer, in `orders` order.
    package var ordersByCustomer: ReportGrouping {
        ReportGrouping(keys: customerOfOrder, groups: customers.count)
    }

    /// The sessions of each visitor, in `sessions` order.
    package var sessionsByVisitor: ReportGrouping {
        ReportGrouping(keys: visitorOfSession, groups: visitorCount)
    }
}
/// Indices grouped by a dense key, each group in index order: `members[start[g]..<start[g + 1]]`
/// (a counting sort, one array for all groups instead of one per group).
package struct ReportGrouping: Sendable {
    package private(set) var start: [Int]
    package private(set) var members: [Int32]

    /// Groups `0..<keys.count` by `keys[i]` (negative keys are left out), each group in the order
    /// of `order` (a permutation of the indices) or else in index order.
    package init(keys: [Int32], groups: Int, order: [Int32]? = nil) {
        start = [Int](repeating: 0, count: groups + 1)
        for k in keys where k >= 0 { start[Int(k) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        members = [Int32](repeating: 0, count: start[groups])
        var fill = start
        func place(_ i: Int) {
            let k = Int(keys[i])
            guard k >= 0 else { return }
            members[fill[k]] = Int32(i)
            fill[k] += 1
        }
        if let order {
            for i in order { place(Int(i)) }
        } else {
            for i in keys.indices { place(i) }
        }
    }

    /// Number of groups.
    package var count: Int { start.count - 1 }

    /// The members of group `g`.
    package subscript(g: Int) -> ArraySlice<Int32> { members[start[g]..<start[g + 1]] }
}
