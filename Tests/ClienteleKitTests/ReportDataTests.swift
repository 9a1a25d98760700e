import Foundation
import GRDB
import Testing

@testable import ClienteleKit

/// The report loader's integer keys and groupings, checked against the sessions' own text.
@Suite struct ReportDataTests {
    @Test func loadedKeysAndSourcesNameEachSessionsValuesInTheStore() throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        let loaded = try #require(data.storedKeys)
        // Made before the orders got their sessions: still the keys of the data as returned.
        #expect(loaded == ReportKeys(sessions: data.sessions, orders: data.orders, sources: data.sources))

        // Each id names the session's own values, as the store has them (read by SQL).
        #expect(!data.sessions.isEmpty)
        #expect(Set(data.sources).count == data.sources.count)
        let stored = try store.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.customer_id, s.channel, s.source, s.medium, s.campaign, l.path, e.path FROM sessions s
                JOIN pages l ON l.id = s.landing_page_id JOIN pages e ON e.id = s.exit_page_id
                """)
        }
        let storedByID = Dictionary(uniqueKeysWithValues: stored.map { ($0[0] as Int64, $0) })
        #expect(storedByID.count == data.sessions.count)
        for (i, s) in data.sessions.enumerated() {
            let row = try #require(storedByID[s.id])
            let c = Int(loaded.customerOfSession[i])
            #expect((c < 0 ? nil : loaded.customers[c]) == row[1] as String?)
            #expect(s.customerID == row[1] as String?)
            let source = data.sources[Int(s.source)]
            #expect(source.channel == row[2] as String)
            #expect(source.source == row[3] as String)
            #expect(source.medium == row[4] as String)
            #expect(source.campaign == row[5] as String?)
            #expect(loaded.channels[Int(loaded.channelOfSource[Int(s.source)])] == row[2] as String)
            #expect(data.paths[Int(s.landingPage)] == row[6] as String)
            #expect(data.paths[Int(s.exitPage)] == row[7] as String)
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

    @Test func loadedPageviewsEqualEachSessionsRowsInTheStore() throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let data = try ReportData.load(from: store)
        var total = 0
        try store.queue.read { db in
            for (i, s) in data.sessions.enumerated() {
                // Independent route: the session's rows by visitor and time window, texts by join.
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT p.ts, pg.path, p.kind, p.item, p.quantity FROM pageviews p JOIN pages pg ON pg.id = p.page_id
                        WHERE p.visitor_id = ? AND p.ts BETWEEN ? AND ? ORDER BY p.ts, p.id
                        """, arguments: [s.visitorID, s.start, s.end])
                let loaded = data.pageviews[s.pageviewRange]
                #expect(loaded.count == rows.count, "session \(s.id)")
                #expect(loaded.count == s.pageviews, "session \(s.id)")
                for (pv, row) in zip(loaded, rows) {
                    #expect(Int(pv.session) == i)
                    #expect(pv.ts == row[0] as Int64)
                    #expect(data.path(of: pv) == row[1] as String)
                    #expect(pv.kind.name == row[2] as String)
                    #expect(data.item(of: pv) == row[3] as String?)
                    #expect((pv.quantity < 0 ? nil : Int(pv.quantity)) == row[4] as Int?)
                }
                total += loaded.count
            }
        }
        #expect(total == data.pageviews.count)
        #expect(data.pageviews.contains { $0.kind == .cartAdd && $0.quantity > 0 })
    }

    @Test func loadingWithoutPageviewsKeepsSessionsOrdersAndTheMarketingReport() throws {
        let (store, _, _) = try ShopFixtureTests.ingestShop()
        let full = try ReportData.load(from: store)
        let lean = try ReportData.load(from: store, withPageviews: false)
        #expect(lean.pageviews.isEmpty && !full.pageviews.isEmpty)
        #expect(lean.sessions.map(\.id) == full.sessions.map(\.id))
        #expect(lean.sessions.allSatisfy { $0.pageviewRange.isEmpty })
        // Each order's session, found from checkout pages alone.
        #expect(lean.orders == full.orders)
        #expect(full.orders.contains { $0.session != nil })
        #expect(!ReportCatalog.readsPageviews("marketing"))
        let period = ReportPeriod.resolve(full, from: nil, to: nil)
        let fromFull = try ReportCatalog.json(try #require(ReportCatalog.build("marketing", data: full, period: period)))
        let fromLean = try ReportCatalog.json(try #require(ReportCatalog.build("marketing", data: lean, period: period)))
        #expect(fromLean == fromFull)
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
