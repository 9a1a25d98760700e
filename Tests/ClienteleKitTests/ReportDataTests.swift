import Foundation
import Testing

@testable import ClienteleKit

/// The report loader's integer keys and groupings, checked against the sessions' own text.
@Suite struct ReportDataTests {
    @Test func keysMadeAtLoadEqualKeysMadeFromText() throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        let loaded = try #require(data.storedKeys)
        #expect(loaded == ReportKeys(sessions: data.sessions, orders: data.orders))

        // Each id names the session's own values.
        #expect(!data.sessions.isEmpty)
        for (i, s) in data.sessions.enumerated() {
            let c = Int(loaded.customerOfSession[i])
            #expect((c < 0 ? nil : loaded.customers[c]) == s.customerID)
            let source = loaded.sources[Int(loaded.sourceOfSession[i])]
            #expect(source == ReportKeys.Source(s))
            #expect(loaded.channels[Int(loaded.channelOfSource[Int(loaded.sourceOfSession[i])])] == s.channel)
        }
        for (o, order) in data.orders.enumerated() {
            #expect(loaded.customers[Int(loaded.customerOfOrder[o])] == order.customerID)
        }
        // Two sessions share a visitor id exactly when they share a visitor.
        var visitorOfID: [Int64: Int32] = [:]
        for (i, s) in data.sessions.enumerated() {
            #expect(visitorOfID[s.visitorID, default: loaded.visitorOfSession[i]] == loaded.visitorOfSession[i])
            visitorOfID[s.visitorID] = loaded.visitorOfSession[i]
        }
        #expect(Set(visitorOfID.values).count == visitorOfID.count)
        #expect(loaded.visitorCount == visitorOfID.count)
    }

    @Test func changingSessionsDropsTheLoadedKeys() throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        var data = try ReportData.load(from: store)
        #expect(data.storedKeys != nil)
        data.sessions[0].customerID = "someone else"
        #expect(data.storedKeys == nil)
        #expect(data.keys.customers.contains("someone else"))
    }

    @Test func groupingKeepsTheGivenOrderWithinEachGroup() {
        let keys: [Int32] = [1, 0, 1, -1, 0, 1]
        let inIndexOrder = ReportGrouping(keys: keys, groups: 2)
        #expect(inIndexOrder.count == 2)
        #expect(Array(inIndexOrder[0]) == [1, 4])
        #expect(Array(inIndexOrder[1]) == [0, 2, 5])
        let reversed = ReportGrouping(keys: keys, groups: 2, order: [5, 4, 3, 2, 1, 0])
        #expect(Array(reversed[0]) == [4, 1])
        #expect(Array(reversed[1]) == [5, 2, 0])
    }
}
