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

    /// Numbers the values of hand-made (or changed) data.
    ///
    /// Cost: one hash lookup per session for its visitor and customer, one per order.
    package init(sessions: [ReportData.Session], orders: [ReportData.Order], sources: [ReportData.TrafficSource]) {
        var visitorIndex: [Int64: Int32] = [:]
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
        for s in sessions {
            if let known = visitorIndex[s.visitorID] {
                visitorOfSession.append(known)
            } else {
                let new = Int32(visitorIndex.count)
                visitorIndex[s.visitorID] = new
                visitorOfSession.append(new)
            }
            customerOfSession.append(s.customerID.map(customer) ?? -1)
        }
        visitorCount = visitorIndex.count
        customerOfOrder = orders.map { customer($0.customerID) }
        numberChannels(of: sources)
    }

    /// Numbers the same values from the integer ids the loader read them as (text ids of one
    /// `ReportTextInterner`, store row ids of visitors), with no text hashed: the same ids as
    /// `init(sessions:orders:sources:)` gives.
    /// - Parameters:
    ///   - sessions: The sessions, in their final order.
    ///   - visitorIDs: Per session, its `visitorID`.
    ///   - customerText: Per session, the text id of its customer, -1 when anonymous.
    ///   - orderCustomerText: Per order, the text id of its customer.
    ///   - texts: The strings by text id.
    ///   - sources: The traffic sources.
    init(
        sessions: [ReportData.Session], visitorIDs: [Int64], customerText: [Int32], orderCustomerText: [Int32],
        texts: [String], sources: [ReportData.TrafficSource]
    ) {
        var visitorIndex = RowIDTable(maxID: visitorIDs.max() ?? 0, count: sessions.count)
        var customerIndex = [Int32](repeating: -1, count: texts.count)
        visitorOfSession.reserveCapacity(sessions.count)
        customerOfSession.reserveCapacity(sessions.count)
        func customer(_ text: Int32) -> Int32 {
            if customerIndex[Int(text)] < 0 {
                customerIndex[Int(text)] = Int32(customers.count)
                customers.append(texts[Int(text)])
            }
            return customerIndex[Int(text)]
        }
        for i in sessions.indices {
            let v = visitorIDs[i]
            if let known = visitorIndex[v] {
                visitorOfSession.append(known)
            } else {
                visitorIndex[v] = Int32(visitorCount)
                visitorOfSession.append(Int32(visitorCount))
                visitorCount += 1
            }
            customerOfSession.append(customerText[i] < 0 ? -1 : customer(customerText[i]))
        }
        customerOfOrder = orderCustomerText.map(customer)
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
