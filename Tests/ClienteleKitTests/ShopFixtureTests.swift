import Foundation
import GRDB
import Parsers
import Testing

@testable import ClienteleKit

/// Ingests the simulated shop (`fixtures/shop`, written by `fixtures/scripts/make_shop.py`)
/// and compares every session, identity and bot count with `expected.json`, which the
/// generator computed from its simulation's ground truth, not from the logs.
@Suite(.serialized) struct ShopFixtureTests {
    static let format = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$cookie_vid" "$cookie_uid""#

    struct Expected: Decodable {
        struct Lines: Decodable { var total: Int; var malformed: Int }
        struct Bots: Decodable { var ua_bot_hits: Int; var behaviour_bot_visitors: Int }
        struct Human: Decodable { var pageviews: Int; var visitors: Int; var sessions: Int }
        struct Identity: Decodable {
            var identified_visitors: Int
            var identified_customers: Int
            var customers_with_2plus_devices: Int
            var shared_visitors: Int
            var orders_in_csv: Int
            var orders_seen_in_logs: Int
        }
        struct Session: Decodable, Hashable {
            var visitor: String
            var start: String
            var end: String
            var pageviews: Int
            var channel: String
            var customer_id: String?
            var converted: Bool
            var landing_path: String
            var exit_path: String
        }
        var lines: Lines
        var bots: Bots
        var human: Human
        var identity: Identity
        var channels: [String: Int]
        var sessions: [Session]
    }

    static func options() throws -> IngestOptions {
        var options = IngestOptions()
        options.format = .fixed(try FormatCatalog.format(logFormat: format))
        options.collector = CollectorConfig(visitorField: "cookie_vid", customerField: "cookie_uid")
        return options
    }

    static func sessions(_ store: Store) throws -> [Expected.Session] {
        var got: [Expected.Session] = []
        try SessionExport.forEach(in: store, from: nil, to: nil) { r in
            got.append(Expected.Session(
                visitor: r.visitor, start: r.start, end: r.end, pageviews: r.pageviews, channel: r.channel, customer_id: r.customerID,
                converted: r.converted, landing_path: r.landingPath, exit_path: r.exitPath))
        }
        return got
    }

    /// Sessions that span files and runs join up: the logs in three separate ingests, in
    /// reverse order (newest first), give the same sessions as the simulation.
    @Test func sessionsJoinAcrossRunsAndFileOrder() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("shop/expected.json"))))
        let dir = Fixtures.temporaryDirectory()
        let store = try Store(path: dir.appendingPathComponent("shop.db").path)
        let shop = try ShopData.read(customers: nil, orders: Fixtures.path("shop/orders.csv"), products: nil, adSpend: nil)
        let logs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("shop/logs")).sorted().map { Fixtures.path("shop/logs/" + $0) }
        let batches = [Array(logs[9...]), Array(logs[4..<9]), Array(logs[..<4])]
        for batch in batches {
            // Each batch newest file first: one file per run keeps InputExpander from reordering.
            for file in batch.reversed() {
                _ = try Ingestor.run(paths: [file], shopData: shop, options: try Self.options(), store: store)
            }
        }
        let got = try Self.sessions(store)
        #expect(got.count == expected.human.sessions)
        #expect(Set(got) == Set(expected.sessions))
    }

    /// The same sessions when one run reads the files in many small batches (one transaction).
    @Test func sessionsJoinAcrossBatchesOfOneRun() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("shop/expected.json"))))
        let store = try Store(path: Fixtures.temporaryDirectory().appendingPathComponent("shop.db").path)
        var options = try Self.options()
        options.batchContentBytes = 1  // every file its own batch
        let shop = try ShopData.read(customers: nil, orders: Fixtures.path("shop/orders.csv"), products: nil, adSpend: nil)
        let summary = try Ingestor.run(paths: [Fixtures.path("shop/logs")], shopData: shop, options: options, store: store)
        #expect(summary.scan?.sources.count == 14)
        #expect(summary.pageviews == (try Self.ingestShop().1.pageviews))  // as in one batch
        #expect(Set(try Self.sessions(store)) == Set(expected.sessions))
        #expect(try store.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ingest_runs") } == 1)
    }

    static func ingestShop() throws -> (Store, IngestSummary, Expected) {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("shop/expected.json"))))
        let dir = Fixtures.temporaryDirectory()
        let store = try Store(path: dir.appendingPathComponent("shop.db").path)
        var options = IngestOptions()
        options.format = .fixed(try FormatCatalog.format(logFormat: format))
        options.collector = CollectorConfig(visitorField: "cookie_vid", customerField: "cookie_uid")
        let shop = try ShopData.read(
            customers: Fixtures.path("shop/customers.csv"), orders: Fixtures.path("shop/orders.csv"),
            products: Fixtures.path("shop/products.csv"), adSpend: Fixtures.path("shop/ad_spend.csv"))
        #expect(shop.problems.isEmpty)
        let summary = try Ingestor.run(paths: [Fixtures.path("shop/logs")], shopData: shop, options: options, store: store)
        return (store, summary, expected)
    }

    @Test func everySessionMatchesTheSimulation() throws {
        let (store, summary, expected) = try Self.ingestShop()
        var got: [Expected.Session] = []
        try SessionExport.forEach(in: store, from: nil, to: nil) { r in
            got.append(Expected.Session(
                visitor: r.visitor, start: r.start, end: r.end, pageviews: r.pageviews, channel: r.channel, customer_id: r.customerID,
                converted: r.converted, landing_path: r.landingPath, exit_path: r.exitPath))
        }
        #expect(got.count == expected.human.sessions)
        let missing = Set(expected.sessions).subtracting(got)
        let extra = Set(got).subtracting(expected.sessions)
        #expect(missing.isEmpty && extra.isEmpty, "first missing: \(String(describing: missing.first)); first extra: \(String(describing: extra.first))")

        let scan = try #require(summary.scan)
        #expect(scan.lines == expected.lines.total)
        #expect(scan.rejected == expected.lines.malformed)
        #expect(summary.botHits == expected.bots.ua_bot_hits)
        var channels: [String: Int] = [:]
        for s in got { channels[s.channel, default: 0] += 1 }
        #expect(channels == expected.channels)
        let humanPageviews = try store.queue.read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM pageviews p JOIN visitors v ON v.id = p.visitor_id WHERE v.bot_reason IS NULL")
        }
        #expect(humanPageviews == expected.human.pageviews)
    }

    @Test func identityCoverageMatchesTheSimulation() throws {
        let (_, summary, expected) = try Self.ingestShop()
        let c = try #require(summary.coverage)
        #expect(c.visitors == expected.human.visitors)
        #expect(c.identifiedVisitors == expected.identity.identified_visitors)
        #expect(c.identifiedCustomers == expected.identity.identified_customers)
        #expect(c.customersWith2PlusDevices == expected.identity.customers_with_2plus_devices)
        #expect(c.sharedVisitors == expected.identity.shared_visitors)
        #expect(c.ordersInFile == expected.identity.orders_in_csv)
        #expect(c.ordersMatchedToSession == expected.identity.orders_seen_in_logs)
        #expect(c.behaviourBotVisitors == expected.bots.behaviour_bot_visitors)
    }
}
