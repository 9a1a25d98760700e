import Foundation
import GRDB
import LogModel
import Parsers
import Testing

@testable import ClienteleKit

/// End-to-end ingest on hand-written logs: identity rules case by case, idempotency, grown and
/// rotated files, unfinished last lines.
@Suite struct IngestTests {
    static let format = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$cookie_vid" "$cookie_uid""#
    static let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

    /// One log line; `day` in October 2026, time `hh:mm:ss` UTC.
    static func line(_ ip: String, day: Int, _ time: String, _ target: String, status: Int = 200, referrer: String = "-",
                     ua: String = chrome, vid: String = "-", uid: String = "-", method: String = "GET") -> String {
        let d = day < 10 ? "0\(day)" : "\(day)"
        return #"\#(ip) - - [\#(d)/Oct/2026:\#(time) +0000] "\#(method) \#(target) HTTP/1.1" \#(status) 512 "\#(referrer)" "\#(ua)" "\#(vid)" "\#(uid)""#
    }

    /// A pageview plus the stylesheet it loads (so the visitor looks like a browser).
    static func page(_ ip: String, day: Int, _ time: String, _ target: String, referrer: String = "https://shop.example/", vid: String, uid: String = "-") -> [String] {
        [
            line(ip, day: day, time, target, referrer: referrer, vid: vid, uid: uid),
            line(ip, day: day, time, "/static/app.css", referrer: "https://shop.example" + target, vid: vid, uid: uid),
        ]
    }

    static var shopLog: [String] {
        var l: [String] = []
        // C1 browses anonymously on v1, logs in the next day: both sessions are C1's.
        l += page("10.0.0.1", day: 1, "10:00:00", "/", referrer: "https://www.google.com/", vid: "v1")
        l += page("10.0.0.1", day: 1, "10:02:00", "/product/SKU-1", vid: "v1")
        l += page("10.0.0.1", day: 2, "10:00:00", "/login", referrer: "-", vid: "v1", uid: "C1")
        l += page("10.0.0.1", day: 2, "10:01:00", "/cart/add?sku=SKU-1&qty=2", vid: "v1", uid: "C1")
        // C1's phone (v2) arrives from a newsletter link carrying cid=C1.
        l += page("10.0.0.2", day: 3, "09:00:00", "/?utm_source=newsletter&utm_medium=email&utm_campaign=nov&cid=C1", referrer: "-", vid: "v2")
        // v3 is known only through its order: O-1 is C2's in orders.csv.
        l += page("10.0.0.3", day: 3, "11:00:00", "/product/SKU-2", referrer: "-", vid: "v3")
        l += page("10.0.0.3", day: 3, "11:05:00", "/checkout/complete?order=O-1", vid: "v3")
        // v4 is a shared computer: C3 logs in on day 2, C4 on day 4.
        l += page("10.0.0.4", day: 1, "15:00:00", "/", referrer: "-", vid: "v4")
        l += page("10.0.0.4", day: 2, "15:00:00", "/login", referrer: "-", vid: "v4", uid: "C3")
        l += page("10.0.0.4", day: 4, "15:00:00", "/login", referrer: "-", vid: "v4", uid: "C4")
        l += page("10.0.0.4", day: 5, "15:00:00", "/blog/autumn", referrer: "-", vid: "v4")
        // An anonymous visitor without a cookie: keyed by address + user agent.
        l += page("2001:db8::5", day: 2, "12:00:00", "/blog/autumn", referrer: "https://t.co/x", vid: "-")
        // A listed bot and a 404 and a POST (not pageviews).
        l.append(line("66.249.66.1", day: 2, "13:00:00", "/product/SKU-1", ua: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"))
        l.append(line("10.0.0.1", day: 2, "10:03:00", "/nope", status: 404, vid: "v1", uid: "C1"))
        l.append(line("10.0.0.1", day: 2, "10:03:30", "/cart/add", vid: "v1", uid: "C1", method: "POST"))
        return l
    }

    struct Setup {
        let dir: URL
        let store: Store
        let shop: ShopData
        var options = IngestOptions()

        init() throws {
            dir = Fixtures.temporaryDirectory()
            store = try Store(path: dir.appendingPathComponent("t.db").path)
            let orders = dir.appendingPathComponent("orders.csv")
            try "order_id,customer_id,ordered_at,sku,quantity,unit_price\nO-1,C2,2026-10-03T11:05:00Z,SKU-2,1,19.90\n"
                .write(to: orders, atomically: true, encoding: .utf8)
            shop = try ShopData.read(customers: nil, orders: orders.path, products: nil, adSpend: nil)
            options.format = .fixed(try FormatCatalog.format(logFormat: IngestTests.format))
            options.collector = CollectorConfig(visitorField: "cookie_vid", customerField: "cookie_uid")
            options.workers = 2
        }

        func write(_ lines: [String], to name: String) throws -> String {
            let url = dir.appendingPathComponent(name)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }

        @discardableResult
        func ingest(_ paths: [String]) throws -> IngestSummary {
            try Ingestor.run(paths: paths, shopData: shop, options: options, store: store)
        }

        func sessions() throws -> [SessionRow] {
            var rows: [SessionRow] = []
            try SessionExport.forEach(in: store, from: nil, to: nil) { rows.append($0) }
            return rows
        }

        func count(_ sql: String) throws -> Int {
            try store.queue.read { try Int.fetchOne($0, sql: sql) ?? -1 }
        }
    }

    /// The site hosts are counted by `ChannelClassifier.hostPart(ofReferrer:)`, which must give every referrer's
    /// host as the whole referrer does.
    @Test(arguments: [
        "https://shop.example/product/SKU-1?x=1", "HTTP://Shop.Example:8080/a", "https://user@shop.example/", "https://shop.example",
        "https://shop.example.?q", "https://[2001:db8::1]:443/p", "http://shop.example#frag", "https://bad host/x", "https://-x.example/",
        "https://caf\u{E9}.example/men\u{FC}", "https://shop.example ", "https:///path", "http://", "https://a.example/?u=http://b.example/",
        "android-app://com.google.android.gm/", "shop.example/path", "//shop.example/p", "-", "", "ftp://x.example/", "https:/x.example",
    ])
    func hostPartGivesTheSameHost(_ referrer: String) {
        let bytes = Array(referrer.utf8)
        let part = bytes.withUnsafeBufferPointer { ChannelClassifier.hostPart(ofReferrer: $0).string }
        #expect(ChannelClassifier.host(ofReferrer: part) == ChannelClassifier.host(ofReferrer: referrer))
        #expect(referrer.hasPrefix(part))
    }

    /// The pageview order for inserts and sessions equals a plain sort by (visitor, time, tie
    /// rule), for visitors with one, a few and many pageviews (the counting sort's two paths).
    @Test func pageviewOrderEqualsAPlainSort() {
        var rng = SystemRandomNumberGenerator()
        var pending: [IngestWriter.PendingPageview] = []
        for i in 0..<6_000 {
            // Visitors 1000...1019 get many pageviews each, 1020...3000 a few or one.
            let visitor = Int64(i % 3 == 0 ? Int.random(in: 1000...1019, using: &rng) : Int.random(in: 1020...3000, using: &rng))
            pending.append(.init(
                visitor: visitor, ts: Int64.random(in: 0...40, using: &rng), pageID: 1, referrerID: -1, path: Int32(i % 7), query: -1,
                referrer: -1, kind: 0, status: 200))
        }
        let precedes = { (a: IngestWriter.SortKey, b: IngestWriter.SortKey) in
            a.ts != b.ts ? a.ts < b.ts : pending[Int(a.index)].path < pending[Int(b.index)].path
        }
        let order = IngestWriter.visitorTimeOrder(pending, by: precedes)
        let expected = pending.indices.sorted { a, b in
            let x = pending[a], y = pending[b]
            return (x.visitor, x.ts, x.path) < (y.visitor, y.ts, y.path)
        }
        #expect(order.count == pending.count)
        #expect(Set(order.map(\.index)).count == pending.count)
        let key = { (i: Int) in (pending[i].visitor, pending[i].ts, pending[i].path) }
        #expect(order.map { key(Int($0.index)) }.elementsEqual(expected.map(key)) { $0 == $1 })
    }

    @Test func identityRulesCaseByCase() throws {
        let s = try Setup()
        let log = try s.write(Self.shopLog, to: "access.log")
        let summary = try s.ingest([log])
        #expect(summary.pageviews == 12)
        #expect(summary.botHits == 1)
        let sessions = try s.sessions()
        func customers(_ visitor: String) -> [String?] { sessions.filter { $0.visitor == visitor }.map(\.customerID) }
        #expect(customers("v1") == ["C1", "C1"])  // login after browsing
        #expect(customers("v2") == ["C1"])  // second device, email link
        #expect(customers("v3") == ["C2"])  // order id only
        #expect(customers("v4") == ["C3", "C3", "C4", "C4"])  // shared computer
        #expect(customers("2001:db8::5|" + Self.chrome) == [nil])
        #expect(sessions.count == 9)
        let v2 = try #require(sessions.first { $0.visitor == "v2" })
        #expect(v2.channel == "Email" && v2.campaign == "nov")
        let first = try #require(sessions.first { $0.visitor == "v1" })
        #expect(first.channel == "Organic Search" && first.pageviews == 2 && first.landingPath == "/" && first.exitPath == "/product/SKU-1")
        #expect(sessions.first { $0.visitor == "v3" }?.converted == true)
        #expect(try s.count("SELECT count(*) FROM sessions WHERE bounced = 1") == 6)
    }

    /// Sessions get their customers when written; a hint in a later run re-assigns a known
    /// visitor's earlier sessions, and an orders file given later names an order's visitor.
    @Test func identityJoinsAcrossRunsAndALaterOrdersFile() throws {
        let s = try Setup()
        let noShop = try ShopData.read(customers: nil, orders: nil, products: nil, adSpend: nil)
        let lines = Self.shopLog
        // Day 1 only, then the rest: v1 logs in (as C1) only in the second run.
        let firstDay = lines.filter { $0.contains("/Oct/2026:") && $0.contains("[01/") }
        let rest = lines.filter { !$0.contains("[01/") }
        try Ingestor.run(paths: [try s.write(firstDay, to: "day1.log")], shopData: noShop, options: s.options, store: s.store)
        var sessions = try s.sessions()
        #expect(sessions.filter { $0.visitor == "v1" }.map(\.customerID) == [nil])
        try Ingestor.run(paths: [try s.write(rest, to: "rest.log")], shopData: noShop, options: s.options, store: s.store)
        sessions = try s.sessions()
        func customers(_ visitor: String) -> [String?] { sessions.filter { $0.visitor == visitor }.map(\.customerID) }
        #expect(customers("v1") == ["C1", "C1"])
        #expect(customers("v4") == ["C3", "C3", "C4", "C4"])
        #expect(customers("v3") == [nil])  // order O-1 is in no orders file yet
        // The orders file alone, with no new log data: O-1 is C2's.
        try s.ingest([])
        sessions = try s.sessions()
        #expect(customers("v3") == ["C2"])
        #expect(customers("v1") == ["C1", "C1"])
    }

    /// Paths that differ only in Unicode normalization ("é" composed and decomposed) are two
    /// pages, as SQLite compares text by bytes; a customer id repeated on many pageviews is one
    /// hint per half hour.
    @Test func pagesAndHintsAreKeptByTheirBytes() throws {
        let s = try Setup()
        var lines: [String] = []
        lines += Self.page("10.0.0.9", day: 1, "10:00:00", "/caf%C3%A9?cid=C9", referrer: "-", vid: "v9")
        lines += Self.page("10.0.0.9", day: 1, "10:01:00", "/cafe%CC%81?cid=C9", vid: "v9")
        lines += Self.page("10.0.0.9", day: 1, "10:02:00", "/caf%C3%A9?cid=C9", vid: "v9")
        try s.ingest([try s.write(lines, to: "nfc.log")])
        #expect(try s.count("SELECT count(*) FROM pages WHERE path IN ('/caf\u{E9}', '/cafe\u{301}')") == 2)
        #expect(try s.count("SELECT count(*) FROM pageviews pv JOIN pages p ON p.id = pv.page_id WHERE p.path = '/cafe\u{301}'") == 1)
        #expect(try s.count("SELECT count(*) FROM pageviews pv JOIN pages p ON p.id = pv.page_id WHERE p.path = '/caf\u{E9}'") == 2)
        #expect(try s.count("SELECT count(*) FROM identity_hints WHERE kind = 'url' AND value = 'C9'") == 1)
        #expect(try s.sessions().map(\.customerID) == ["C9"])
        // Product skus likewise: each pageview keeps its own bytes.
        try s.ingest([try s.write(Self.page("10.0.0.9", day: 2, "10:00:00", "/product/caf%C3%A9", vid: "v9")
            + Self.page("10.0.0.9", day: 2, "10:01:00", "/product/cafe%CC%81", vid: "v9"), to: "sku.log")])
        #expect(try s.count("SELECT count(DISTINCT item) FROM pageviews WHERE kind = 'product' AND item IN ('caf\u{E9}', 'cafe\u{301}')") == 2)
    }

    /// A format without user agents (the common log format): visitors are the address, keyed
    /// `address|-` as the Spark job keys them, and their pageviews make sessions.
    @Test func commonLogFormatWithoutUserAgents() throws {
        var s = try Setup()
        s.options.format = .fixed(try FormatCatalog.format(named: "common"))
        s.options.collector = CollectorConfig()
        let lines = [
            #"10.0.0.1 - - [01/Oct/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512"#,
            #"10.0.0.1 - - [01/Oct/2026:10:00:01 +0000] "GET /static/app.css HTTP/1.1" 200 99"#,
            #"10.0.0.1 - - [01/Oct/2026:10:02:00 +0000] "GET /product/SKU-1 HTTP/1.1" 200 512"#,
            #"10.0.0.2 - - [01/Oct/2026:11:00:00 +0000] "GET /blog/autumn HTTP/1.1" 200 512"#,
        ]
        let summary = try s.ingest([try s.write(lines, to: "clf.log")])
        #expect(summary.pageviews == 3 && summary.botHits == 0)
        let sessions = try s.sessions()
        #expect(sessions.map(\.visitor).sorted() == ["10.0.0.1|-", "10.0.0.2|-"])
        #expect(sessions.first { $0.visitor == "10.0.0.1|-" }?.pageviews == 2)
    }

    @Test func reIngestChangesNothingAndGrownFilesReadOnlyTheirNewPart() throws {
        let s = try Setup()
        let lines = Self.shopLog
        let log = try s.write(lines, to: "access.log")
        try s.ingest([log])
        let before = try s.sessions()
        let again = try s.ingest([log])
        #expect(again.pageviews == 0 && again.files.map(\.state) == ["unchanged"])
        #expect(try s.sessions() == before)

        // Append one pageview that continues v1's day-2 session, plus an unfinished line.
        let extra = Self.page("10.0.0.1", day: 2, "10:10:00", "/product/SKU-3", vid: "v1", uid: "C1").joined(separator: "\n") + "\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        handle.write(Data(extra.utf8))
        handle.write(Data(#"10.0.0.9 - - [05/Oct/2026:10:00:00 +0000] "GET /unfinished"#.utf8))
        handle.closeFile()
        let grown = try s.ingest([log])
        #expect(grown.files.first?.state == "grown")
        #expect(grown.files.first?.bytesRead == Int64(extra.utf8.count))
        #expect(grown.pageviews == 1)
        let v1 = try s.sessions().filter { $0.visitor == "v1" }
        #expect(v1.map(\.pageviews) == [2, 3])
        #expect(try s.count("SELECT count(*) FROM pageviews") == 13)
    }

    /// A CSV file with the content the store last imported is not parsed again; a changed one is.
    @Test func anUnchangedShopFileIsNotParsedAgain() throws {
        let s = try Setup()
        try s.ingest([try s.write(Self.shopLog, to: "day1.log")])
        let imported = try ShopData.importedHashes(in: s.store)
        let orders = s.dir.appendingPathComponent("orders.csv").path
        #expect(imported.keys.sorted() == ["orders"])
        #expect(try ShopData.read(customers: nil, orders: orders, products: nil, adSpend: nil, imported: imported).orders == nil)
        try "order_id,customer_id,ordered_at,sku,quantity,unit_price\nO-1,C1,2026-10-03T11:05:00Z,SKU-2,1,19.90\n"
            .write(toFile: orders, atomically: true, encoding: .utf8)
        let changed = try ShopData.read(customers: nil, orders: orders, products: nil, adSpend: nil, imported: imported)
        #expect(changed.orders?.rows.map(\.customerID) == ["C1"])
        let summary = try Ingestor.run(paths: [], shopData: changed, options: s.options, store: s.store)
        #expect(summary.tablesImported == ["orders"])
    }

    /// The shop files are taken after the scan (the CLI reads them beside it): a file refused
    /// whole then ends the run inside its transaction, and the store stays as it was.
    @Test func aRefusedShopFileLeavesTheStoreAsItWas() throws {
        let s = try Setup()
        try s.ingest([try s.write(Self.shopLog, to: "day1.log")])
        let before = (try s.sessions(), try s.count("SELECT count(*) FROM pageviews"), try s.count("SELECT count(*) FROM log_files"))
        let next = try s.write([Self.line("10.0.0.7", day: 4, "09:00:00", "/product/SKU-9", vid: "v7")], to: "day2.log")
        let refused = CSVFileError(.missingColumn, file: "orders.csv", column: "order_id", message: "required column 'order_id' is missing")
        #expect(throws: CSVFileError.self) {
            try Ingestor.run(paths: [next], shopData: try { throw refused }(), options: s.options, store: s.store)
        }
        #expect(try s.sessions() == before.0)
        #expect(try s.count("SELECT count(*) FROM pageviews") == before.1)
        #expect(try s.count("SELECT count(*) FROM log_files") == before.2)
        // The same log with the shop data read is taken in full.
        #expect(try s.ingest([next]).pageviews == 1)
    }

    /// The customer file, read while the sessions are inserted, is imported with its problems
    /// reported; one refused whole ends the run, and the store stays as it was.
    @Test func theCustomerFileIsImportedAfterTheSessions() throws {
        let s = try Setup()
        let customers = s.dir.appendingPathComponent("customers.csv").path
        try "customer_id,segment\nC1,gold\n,silver\nC2,bronze\n".write(toFile: customers, atomically: true, encoding: .utf8)
        let read = { @Sendable () throws -> ShopData in try ShopData.read(customers: customers, orders: nil, products: nil, adSpend: nil) }
        let summary = try Ingestor.run(paths: [try s.write(Self.shopLog, to: "day1.log")], shopData: s.shop, customerFile: read, options: s.options, store: s.store)
        #expect(summary.tablesImported == ["orders", "customers"])
        #expect(summary.customerFileProblems.map(\.line) == [3])
        #expect(try s.store.queue.read { try String.fetchAll($0, sql: "SELECT customer_id || ' ' || attributes FROM customers ORDER BY 1") }
            == [#"C1 {"segment":"gold"}"#, #"C2 {"segment":"bronze"}"#])
        // Without new logs it is read and imported all the same.
        try "customer_id,segment\nC3,gold\n".write(toFile: customers, atomically: true, encoding: .utf8)
        #expect(try Ingestor.run(paths: [], shopData: s.shop, customerFile: read, options: s.options, store: s.store).tablesImported == ["customers"])
        #expect(try s.count("SELECT count(*) FROM customers") == 1)

        let before = (try s.sessions(), try s.count("SELECT count(*) FROM pageviews"))
        try "segment\ngold\n".write(toFile: customers, atomically: true, encoding: .utf8)
        let next = try s.write([Self.line("10.0.0.7", day: 4, "09:00:00", "/product/SKU-9", vid: "v7")], to: "day2.log")
        #expect(throws: CSVFileError.self) {
            try Ingestor.run(paths: [next], shopData: s.shop, customerFile: read, options: s.options, store: s.store)
        }
        #expect(try s.sessions() == before.0)
        #expect(try s.count("SELECT count(*) FROM pageviews") == before.1)
        #expect(try s.count("SELECT count(*) FROM customers") == 1)
    }

    /// Behind a load balancer every request comes from its address: with `clientField`, two
    /// people with the same browser are two visitors (keyed by their forwarded address), and the
    /// store refuses a later run keyed another way.
    @Test func clientFieldKeysVisitorsBehindALoadBalancer() throws {
        var s = try Setup()
        s.options.format = .fixed(try FormatCatalog.format(logFormat: #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for""#))
        s.options.collector = CollectorConfig()
        s.options.clientField = "http_x_forwarded_for"
        let lines = ["198.51.100.7, 10.0.0.9", "203.0.113.4"].flatMap { xff in
            [#"10.0.0.1 - - [01/Oct/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 512 "-" "\#(Self.chrome)" "\#(xff)""#,
             #"10.0.0.1 - - [01/Oct/2026:10:00:01 +0000] "GET /static/app.css HTTP/1.1" 200 99 "-" "\#(Self.chrome)" "\#(xff)""#]
        }
        let log = try s.write(lines, to: "lb.log")
        try s.ingest([log])
        #expect(try s.sessions().map(\.visitor).sorted() == ["198.51.100.7|" + Self.chrome, "203.0.113.4|" + Self.chrome])
        s.options.clientField = nil
        #expect(throws: StoreError.self) { try s.ingest([try s.write(lines, to: "lb2.log")]) }
        // A store from before the setting existed was keyed by the connecting address.
        try s.store.queue.write { try $0.execute(sql: "DELETE FROM settings WHERE key = 'client_field'") }
        s.options.clientField = "http_x_forwarded_for"
        #expect(throws: StoreError.self) { try s.ingest([try s.write(lines, to: "lb3.log")]) }
    }

    @Test func rotatedAndCompressedContentIsRecognised() throws {
        let s = try Setup()
        let log = try s.write(Self.shopLog, to: "access.log")
        try s.ingest([log])
        // Rotate: the old content moves to access.log.1.gz, a new access.log starts.
        let data = try Data(contentsOf: URL(fileURLWithPath: log))
        try GzipTestWriter.member(data).write(to: s.dir.appendingPathComponent("access.log.1.gz"))
        _ = try s.write(Self.page("10.0.0.7", day: 6, "08:00:00", "/", referrer: "-", vid: "v7"), to: "access.log")
        let summary = try s.ingest([s.dir.appendingPathComponent("access.log*").path])
        #expect(summary.pageviews == 1)
        #expect(try s.count("SELECT count(*) FROM pageviews") == 13)
        #expect(try s.count("SELECT count(*) FROM log_files") == 2)
    }

    @Test func aSettledFileIsReadToItsEndEvenWithoutAFinalNewline() throws {
        let s = try Setup()
        let url = s.dir.appendingPathComponent("export.log")
        try Self.shopLog.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)  // no final newline
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: url.path)
        let summary = try s.ingest([url.path])
        #expect(summary.scan?.parsed == Self.shopLog.count)
        #expect(summary.pageviews == 12)
        // Read again: nothing new.
        #expect(try s.ingest([url.path]).pageviews == 0)
    }

    @Test func theSameContentTwiceInOneRunIsReadOnce() throws {
        let s = try Setup()
        let log = try s.write(Self.shopLog, to: "a.log")
        let copy = try s.write(Self.shopLog, to: "b.log")
        let summary = try s.ingest([log, copy])
        #expect(summary.pageviews == 12)
        #expect(summary.files.map(\.state) == ["new", "same content as \(log)"])
    }

    @Test func forgetRemovesTheCustomersLinks() throws {
        let s = try Setup()
        try s.ingest([try s.write(Self.shopLog, to: "access.log")])
        let outcome = try CustomerEraser.forget(customerID: "C2", store: s.store)
        #expect(outcome.orderLines == 1 && outcome.identityHints == 1 && outcome.sessionsUnlinked == 1)
        #expect(try s.count("SELECT count(*) FROM sessions WHERE customer_id = 'C2'") == 0)
        #expect(try s.count("SELECT count(*) FROM sessions WHERE customer_id = 'C1'") == 3)
    }

    @Test func changedVisitorFieldIsRefused() throws {
        var s = try Setup()
        try s.ingest([try s.write(Self.shopLog, to: "access.log")])
        s.options.collector.visitorField = nil
        #expect(throws: StoreError.self) { try s.ingest([try s.write(["x"], to: "other.log")]) }
    }
}

/// Privacy and concurrency guarantees of the store.
@Suite struct StoreGuaranteeTests {
    @Test func anonymizedAddressesNeverReachTheStore() throws {
        var s = try IngestTests.Setup()
        s.options.collector = CollectorConfig(visitorField: nil, customerField: "cookie_uid", anonymizeIP: true)
        try s.ingest([try s.write(IngestTests.shopLog, to: "access.log")])
        let clients = try s.store.queue.read { try String.fetchAll($0, sql: "SELECT client FROM visitors ORDER BY client") }
        #expect(clients == ["10.0.0.0", "2001:db8:0::"])
        // Not a trace of a full address anywhere in the file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: s.store.path))
        bytes += (try? Data(contentsOf: URL(fileURLWithPath: s.store.path + "-wal"))) ?? Data()
        #expect(bytes.range(of: Data("/product/SKU-1".utf8)) != nil)  // the search does find stored text
        for address in ["10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "2001:db8::5"] {
            #expect(bytes.range(of: Data(address.utf8)) == nil, "\(address) is in the store")
        }
    }

    /// A store's first logs are written with a rollback journal, then the store returns to the
    /// write-ahead log; with another connection open the mode cannot change, and the run goes on
    /// with the log.
    @Test func theFirstLogsGoThroughARollbackJournalUnlessTheStoreIsShared() throws {
        let s = try IngestTests.Setup()
        func mode(_ queue: DatabaseQueue) throws -> String? { try queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } }
        let (inside, alone) = try s.store.withRollbackJournal { try mode(s.store.queue) }
        #expect(alone && inside == "delete")
        #expect(try mode(s.store.queue) == "wal")

        let other = try DatabaseQueue(path: s.store.path)
        #expect(try mode(other) == "wal")
        let (insideShared, aloneShared) = try s.store.withRollbackJournal { try mode(s.store.queue) }
        #expect(!aloneShared && insideShared == "wal")
        #expect(try mode(s.store.queue) == "wal")

        try s.ingest([try s.write(IngestTests.shopLog, to: "access.log")])
        #expect(try s.count("SELECT count(*) FROM pageviews") == 12)
        #expect(try mode(other) == "wal")
        #expect(!FileManager.default.fileExists(atPath: s.store.path + "-journal"))
    }

    @Test func aSecondIngestWaitsForTheFirst() throws {
        try #require(FileManager.default.isExecutableFile(atPath: InterruptedIngestTests.binary.path))
        let s = try IngestTests.Setup()
        let log = try s.write(IngestTests.shopLog, to: "access.log")
        let held = try IngestLock(storePath: s.store.path) {}
        let process = Process()
        process.executableURL = InterruptedIngestTests.binary
        process.arguments = ["ingest", log, "--db", s.store.path, "--no-progress", "--log-format", IngestTests.format]
        let err = s.dir.appendingPathComponent("err.txt")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        #expect(process.isRunning, "the second ingest did not wait")
        #expect(try s.count("SELECT count(*) FROM pageviews") == 0)
        withExtendedLifetime(held) {}
        _ = consume held
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: err, encoding: .utf8).contains("another ingest is writing"))
        #expect(try s.count("SELECT count(*) FROM pageviews") == 12)
    }
}
