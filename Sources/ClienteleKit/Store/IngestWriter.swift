import Foundation
import GRDB
import LogModel

/// Writes the collectors of one scan into the store (inside the caller's transaction):
/// visitors, pages, referrers, pageviews with their page kind, identity hints and bot traffic.
/// Strings are made once per distinct value of each collector. The work that needs no
/// database runs on other cores while this one writes: merging the visitors, classifying the
/// pageviews (`ClassifiedPageviews`), then sorting them (`write`, `sorted`, `insertPending`).
struct IngestWriter {
    let profile: SiteProfile
    /// Query parameters that carry a customer id on a landing URL (`cid`, `customer_id`, `uid`).
    let customerParameters: [String]

    /// A pageview waiting to be inserted, with its store ids (its collector's until
    /// `ClassifiedPageviews.resolve`) and its texts as indexes into `texts` (plain values:
    /// sorting and binding them touches no reference counts).
    struct PendingPageview {
        var visitor: Int64
        var ts: Int64
        var pageID: Int64
        /// -1: no referrer.
        var referrerID: Int64
        /// Text indexes; -1 for none. `path` orders pageviews of the same microsecond by content.
        var path: Int32
        var query: Int32
        var referrer: Int32
        /// Index into `pageKinds`.
        var kind: Int32
        var status: Int32
    }

    /// A classified page: its kind name, item (text index, -1 for none) and cart quantity (-1 for none).
    struct ClassifiedPage {
        var name: StaticString
        var nameText: String
        var item: Int32
        var quantity: Int32
    }

    /// Visitors that got new data, by store id.
    private(set) var touchedVisitors = Set<Int64>()
    /// The robots.txt and asset hits of the visitors new to the store, by id.
    private(set) var newVisitorHits: [(id: Int64, robots: Int, assets: Int)] = []
    /// Visitor ids above this are new in this run (no earlier pageviews in the store).
    let lastVisitorBefore: Int64
    private(set) var pageviewsWritten = 0
    /// Pageviews waiting for `insertPending`.
    var pendingCount: Int { pending.count }
    private(set) var botHitsWritten = 0
    /// Pageviews of every collector, inserted by `insertPending` in (visitor, time) order so the
    /// `(visitor_id, ts)` index grows at its end and sessions can be cut from memory.
    private var pending: [PendingPageview] = []
    /// The distinct texts of the pending pageviews, and their classified pages.
    private var texts = BatchTexts()
    private var pageKinds: [ClassifiedPage] = []

    init(profile: SiteProfile, customerParameters: [String], lastVisitorBefore: Int64) {
        self.profile = profile
        self.customerParameters = customerParameters.map { $0.lowercased() }
        self.lastVisitorBefore = lastVisitorBefore
    }

    /// Writes the visitors, pages, referrers and bot traffic of one scan. Its pageviews are
    /// classified on another core meanwhile and, once the visitors are numbered and the pages
    /// and referrers have their ids, sorted there while the visitors are inserted (`sorted`
    /// waits for them).
    mutating func write(_ collectors: [PageviewCollector], into db: Database) throws {
        let (profile, customerParameters, lastVisitorBefore) = (profile, customerParameters, lastVisitorBefore)
        let classifying = BackgroundWork { ClassifiedPageviews(collectors, profile: profile, customerParameters: customerParameters) }
        let merging = BackgroundWork { Self.mergeVisitors(collectors) }
        var pageIDs: [[Int64]] = []
        var referrerIDs: [[Int64]] = []
        for collector in collectors {
            let ids = try storeIDs(of: collector, into: db)
            pageIDs.append(ids.pages)
            referrerIDs.append(ids.referrers)
        }
        PhaseClock.mark("  pages")
        let visitors = try numberVisitors(merging.take(), in: db)
        let visitorIDs = visitors.ids
        sorting = BackgroundWork {
            var classified = try classifying.take()
            var hints = classified.resolve(visitorIDs: visitorIDs, pageIDs: pageIDs, referrerIDs: referrerIDs)
            for (c, collector) in collectors.enumerated() {
                for (key, ts) in collector.customerHints {
                    hints.add(visitor: visitorIDs[c][Int(key.visitor)], kind: "field", value: collector.customers.string(key.customer), ts: ts)
                }
            }
            let sorted = Self.sort(classified.pending, texts: classified.texts, kinds: classified.pageKinds, lastVisitorBefore: lastVisitorBefore)
            return (classified, hints.inKeyOrder(), sorted)
        }
        try insertVisitors(visitors, collectors, into: db)
        for collector in collectors { try writeBots(collector, into: db) }
        PhaseClock.mark("  visitors")
    }

    /// Waits for the pageviews sorted by `write` and writes their identity hints (the pages'
    /// and the customer field's).
    mutating func sorted(into db: Database) throws -> SortedPageviews {
        guard let sorting else { preconditionFailure("write first") }
        self.sorting = nil
        let (classified, hints, sorted) = try sorting.take()
        (pending, texts, pageKinds) = (classified.pending, classified.texts, classified.pageKinds)
        try Self.writeHints(hints, into: db)
        return sorted
    }

    /// A text compared and hashed by its UTF-8 bytes, as SQLite compares text (`String`'s own
    /// equality treats canonically equivalent texts, such as "é" composed and decomposed, as equal).
    struct ExactText: Hashable {
        var text: String
        static func == (a: ExactText, b: ExactText) -> Bool {
            guard a.text.utf8.count == b.text.utf8.count else { return false }
            let fast = a.text.utf8.withContiguousStorageIfAvailable { x in
                b.text.utf8.withContiguousStorageIfAvailable { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
            }
            return (fast ?? nil) ?? a.text.utf8.elementsEqual(b.text.utf8)
        }
        func hash(into hasher: inout Hasher) {
            var copy = text
            copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }

    /// An identity hint: one row of `identity_hints`.
    struct HintKey: Hashable, Comparable {
        var visitor: Int64
        /// `field`, `url` or `order`.
        var kind: String
        var value: ExactText
        var bucket: Int64

        /// Primary-key order: the value by bytes, as SQLite compares it.
        static func < (a: HintKey, b: HintKey) -> Bool {
            if a.visitor != b.visitor { return a.visitor < b.visitor }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.value != b.value { return a.value.text.utf8.lexicographicallyPrecedes(b.value.text.utf8) }
            return a.bucket < b.bucket
        }
    }

    /// Hints with their earliest time: a customer id in a URL repeats on every pageview
    /// carrying it, and both workers see the same visitors.
    struct HintTable {
        private(set) var times: [HintKey: Int64] = [:]

        mutating func add(visitor: Int64, kind: String, value: String, ts: Int64) {
            let key = HintKey(visitor: visitor, kind: kind, value: ExactText(text: value), bucket: CivilTime.floorDivide(ts, IdentityGraph.hintBucket))
            if let known = times[key], known <= ts { return }
            times[key] = ts
        }

        /// The hints in primary-key order, with their times.
        func inKeyOrder() -> [(key: HintKey, ts: Int64)] {
            times.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
    }

    /// The pageviews classified and sorted on another core (`write`, `sorted`).
    private var sorting: BackgroundWork<(ClassifiedPageviews, [(key: HintKey, ts: Int64)], SortedPageviews)>? = nil

    /// Page and referrer ids by text, shared by the collectors (both workers see the same pages).
    private var pageIDsByPath: [ExactText: Int64] = [:]
    private var referrerIDsByURL: [ExactText: Int64] = [:]

    /// The store ids of page paths or referrer URLs (`table`'s `column`), each text once: from
    /// `known`, else inserted (or found) 64 a statement, and remembered in `known`. A text
    /// compares by its bytes there, as in the `UNIQUE` column.
    private static func storeIDs(of texts: [String], table: String, column: String, known: inout [ExactText: Int64], in db: Database) throws -> [Int64] {
        let missing = texts.filter { known[ExactText(text: $0)] == nil }
        let batch = 64
        for start in stride(from: 0, to: missing.count, by: batch) {
            let chunk = Array(missing[start..<min(start + batch, missing.count)])
            // RETURNING names each row's text: SQLite does not promise to return rows in order.
            let sql = "INSERT INTO \(table)(\(column)) VALUES " + Array(repeating: "(?)", count: chunk.count).joined(separator: ", ")
                + " ON CONFLICT(\(column)) DO UPDATE SET \(column) = excluded.\(column) RETURNING id, \(column)"
            let rows = try Row.fetchCursor(db.cachedStatement(sql: sql), arguments: StatementArguments(chunk))
            while let row = try rows.next() { known[ExactText(text: row[1])] = row[0] }
        }
        return try texts.map { text in
            guard let id = known[ExactText(text: text)] else { throw DatabaseError(message: "no id for a new row of \(table)") }
            return id
        }
    }

    /// Writes hints in key order (the table's primary key), keeping the earliest
    /// time of a hint already stored.
    private static func writeHints(_ hints: [(key: HintKey, ts: Int64)], into db: Database) throws {
        var hint = try BulkStatement(db, sql: """
            INSERT INTO identity_hints(visitor_id, kind, value, bucket, ts) VALUES(?, ?, ?, ?, ?)
            ON CONFLICT(visitor_id, kind, value, bucket) DO UPDATE SET ts = min(ts, excluded.ts)
            """)
        for (key, ts) in hints {
            hint.bind(key.visitor)
            hint.bind(key.kind)
            hint.bind(key.value.text)
            hint.bind(key.bucket)
            hint.bind(ts)
            try hint.run()
        }
    }

    /// The collectors' visitors merged by key, each with its store id.
    struct NumberedVisitors {
        struct Merged {
            var key: String
            var collector: Int
            var local: Int
            var tally: PageviewCollector.VisitorTally
            var id: Int64 = 0
        }
        var merged: [Merged]
        /// Indexes into `merged` of the visitors new to the store, in id order.
        var fresh: [Int]
        /// Each collector's store ids, by its ids.
        var ids: [[Int64]]
    }

    /// The collectors' visitors merged by key (compared by bytes, as the `UNIQUE` key column
    /// compares), and each collector's visitors' indexes into them. Pure: runs on another core.
    static func mergeVisitors(_ collectors: [PageviewCollector]) -> (merged: [NumberedVisitors.Merged], localToMerged: [[Int]]) {
        typealias Merged = NumberedVisitors.Merged
        var merged: [Merged] = []
        var index: [ExactText: Int] = [:]  // by bytes, as the UNIQUE key column compares
        var localToMerged: [[Int]] = []
        for (c, collector) in collectors.enumerated() {
            var map = [Int](repeating: 0, count: collector.visitors.count)
            for (i, v) in collector.visitors.enumerated() {
                let key = collector.visitorKeyText(v)
                if let m = index[ExactText(text: key)] {
                    merged[m].tally.hits += v.hits
                    merged[m].tally.assetHits += v.assetHits
                    merged[m].tally.robotsHits += v.robotsHits
                    merged[m].tally.firstSeen = min(merged[m].tally.firstSeen, v.firstSeen)
                    merged[m].tally.lastSeen = max(merged[m].tally.lastSeen, v.lastSeen)
                    map[i] = m
                } else {
                    index[ExactText(text: key)] = merged.count
                    map[i] = merged.count
                    merged.append(Merged(key: key, collector: c, local: i, tally: v))
                }
            }
            localToMerged.append(map)
        }
        return (merged, localToMerged)
    }

    /// Adds the tallies of the merged visitors (`mergeVisitors`) to stored visitors and numbers
    /// the new ones in order of first hit (ties by key), so ids never depend on which worker
    /// read which block.
    private mutating func numberVisitors(_ merge: (merged: [NumberedVisitors.Merged], localToMerged: [[Int]]), in db: Database) throws -> NumberedVisitors {
        var merged = merge.merged
        let localToMerged = merge.localToMerged

        // Visitors already stored get the new tallies added.
        var fresh: [Int] = []
        if lastVisitorBefore == 0 {
            fresh = Array(merged.indices)
        } else {
            var find = try BulkStatement(db, sql: "SELECT id FROM visitors WHERE key = ?")
            var update = try BulkStatement(db, sql: """
                UPDATE visitors SET first_seen = min(first_seen, ?), last_seen = max(last_seen, ?),
                    hits = hits + ?, asset_hits = asset_hits + ?, robots_hits = robots_hits + ? WHERE id = ?
                """)
            for m in merged.indices {
                find.bind(merged[m].key)
                guard let id = try find.run() else {
                    fresh.append(m)
                    continue
                }
                merged[m].id = id
                let t = merged[m].tally
                update.bind(t.firstSeen)
                update.bind(t.lastSeen)
                update.bind(Int64(t.hits))
                update.bind(Int64(t.assetHits))
                update.bind(Int64(t.robotsHits))
                update.bind(id)
                try update.run()
            }
        }

        // New visitors, numbered in order of first hit.
        fresh.sort { a, b in
            let ta = merged[a].tally.firstSeen, tb = merged[b].tally.firstSeen
            return ta != tb ? ta < tb : merged[a].key.utf8.lexicographicallyPrecedes(merged[b].key.utf8)
        }
        for (n, m) in fresh.enumerated() { merged[m].id = lastVisitorBefore + 1 + Int64(n) }
        touchedVisitors.formUnion(merged.lazy.map(\.id))
        newVisitorHits = fresh.map { (merged[$0].id, merged[$0].tally.robotsHits, merged[$0].tally.assetHits) }
        return NumberedVisitors(merged: merged, fresh: fresh, ids: localToMerged.map { map in map.map { merged[$0].id } })
    }

    /// Inserts the visitors new to the store.
    private func insertVisitors(_ visitors: NumberedVisitors, _ collectors: [PageviewCollector], into db: Database) throws {
        let (merged, fresh) = (visitors.merged, visitors.fresh)
        let batch = 64
        let columns = "INSERT INTO visitors(id, key, client, user_agent, first_seen, last_seen, hits, asset_hits, robots_hits) VALUES "
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        var many = try BulkStatement(db, sql: columns + Array(repeating: row, count: batch).joined(separator: ", "))
        var one = try BulkStatement(db, sql: columns + row)
        for start in stride(from: 0, to: fresh.count, by: batch) {
            let chunk = fresh[start..<min(start + batch, fresh.count)]
            for m in chunk {
                if chunk.count == batch {
                    Self.bind(merged[m], collectors[merged[m].collector], to: &many)
                } else {
                    Self.bind(merged[m], collectors[merged[m].collector], to: &one)
                    try one.run()
                }
            }
            if chunk.count == batch { try many.run() }
        }
    }

    /// Binds one new visitor; its client and user agent straight from the collector's bytes.
    private static func bind(_ visitor: NumberedVisitors.Merged, _ collector: PageviewCollector, to statement: inout BulkStatement) {
        let t = visitor.tally
        statement.bind(visitor.id)
        statement.bind(visitor.key)
        collector.clients.withBytes(t.client) { statement.bind(copying: $0) }
        collector.userAgents.withBytes(t.userAgent) { statement.bind(copying: $0) }
        statement.bind(t.firstSeen)
        statement.bind(t.lastSeen)
        statement.bind(Int64(t.hits))
        statement.bind(Int64(t.assetHits))
        statement.bind(Int64(t.robotsHits))
    }

    /// The store ids of the collector's page paths and referrers (by its ids; -1 where no
    /// pageview uses the value), inserting the new ones in order of first use.
    private mutating func storeIDs(of collector: PageviewCollector, into db: Database) throws -> (pages: [Int64], referrers: [Int64]) {
        // The collector's paths and referrers in order of first use, each once.
        var paths: [Int32] = []
        var referrers: [Int32] = []
        var pathUsed = [Bool](repeating: false, count: collector.paths.count)
        var referrerUsed = [Bool](repeating: false, count: collector.referrers.count)
        for pv in collector.pageviews {
            if !pathUsed[Int(pv.path)] {
                pathUsed[Int(pv.path)] = true
                paths.append(pv.path)
            }
            if pv.referrer >= 0, !referrerUsed[Int(pv.referrer)] {
                referrerUsed[Int(pv.referrer)] = true
                referrers.append(pv.referrer)
            }
        }
        let pathIDs = try Self.storeIDs(of: paths.map { collector.paths.string($0) }, table: "pages", column: "path", known: &pageIDsByPath, in: db)
        let referrerIDs = try Self.storeIDs(
            of: referrers.map { collector.referrers.string($0) }, table: "referrers", column: "url", known: &referrerIDsByURL, in: db)
        var pageIDs = [Int64](repeating: -1, count: collector.paths.count)
        for (p, id) in zip(paths, pathIDs) { pageIDs[Int(p)] = id }
        var referrerIDsByLocal = [Int64](repeating: -1, count: collector.referrers.count)
        for (r, id) in zip(referrers, referrerIDs) { referrerIDsByLocal[Int(r)] = id }
        return (pageIDs, referrerIDsByLocal)
    }

    /// Adds the collector's listed bots' hits, per bot and UTC day.
    private mutating func writeBots(_ collector: PageviewCollector, into db: Database) throws {
        var botNames: [Int32: UserAgentInfo] = [:]
        var bots = try BulkStatement(db, sql: """
            INSERT INTO bot_traffic(day, bot, category, hits) VALUES(?, ?, ?, ?)
            ON CONFLICT(day, bot) DO UPDATE SET hits = hits + excluded.hits
            """)
        for (key, hits) in collector.botHits.sorted(by: { $0.key < $1.key }) {
            let ua = Int32(truncatingIfNeeded: key >> 32)
            let day = Int(Int32(truncatingIfNeeded: key & 0xFFFF_FFFF))
            let info = botNames[ua] ?? UserAgentClassifier.classify(collector.userAgents.string(ua))
            botNames[ua] = info
            bots.bind(CivilTime.isoDate(days: day))
            bots.bind(info.botName ?? UserAgentInfo.unnamedBotName)
            bots.bind(info.botCategory?.rawValue ?? "other")
            bots.bind(Int64(hits))
            try bots.run()
            botHitsWritten += hits
        }
    }

    struct SortKey {
        var visitor: Int64
        var ts: Int64
        var index: Int32
    }

    /// The pageviews' sort keys in visitor order (a counting sort: visitor ids are dense), each
    /// visitor's in `precedes` order (an insertion sort for the usual few pageviews a batch).
    static func visitorTimeOrder(_ pending: [PendingPageview], by precedes: (SortKey, SortKey) -> Bool) -> [SortKey] {
        guard let low = pending.lazy.map(\.visitor).min(), let high = pending.lazy.map(\.visitor).max() else { return [] }
        var starts = [Int](repeating: 0, count: Int(high - low) + 2)
        for p in pending { starts[Int(p.visitor - low) + 1] += 1 }
        for v in 1..<starts.count { starts[v] += starts[v - 1] }
        var order = [SortKey](repeating: SortKey(visitor: 0, ts: 0, index: 0), count: pending.count)
        var next = starts
        for (i, p) in pending.enumerated() {
            let v = Int(p.visitor - low)
            order[next[v]] = SortKey(visitor: p.visitor, ts: p.ts, index: Int32(i))
            next[v] += 1
        }
        order.withUnsafeMutableBufferPointer { keys in
            for v in 0..<(starts.count - 1) where starts[v + 1] - starts[v] > 1 {
                if starts[v + 1] - starts[v] > 32 {
                    var group = UnsafeMutableBufferPointer(rebasing: keys[starts[v]..<starts[v + 1]])
                    group.sort(by: precedes)
                    continue
                }
                for i in (starts[v] + 1)..<starts[v + 1] {
                    let key = keys[i]
                    var j = i
                    while j > starts[v], precedes(key, keys[j - 1]) {
                        keys[j] = keys[j - 1]
                        j -= 1
                    }
                    keys[j] = key
                }
            }
        }
        return order
    }

    /// Byte order of (path, query, referrer), as SQLite's `ORDER BY` compares text (a missing
    /// query or referrer as empty text).
    static func contentPrecedes(_ a: PendingPageview, _ b: PendingPageview, in texts: BatchTexts) -> Bool {
        if a.path != b.path, case let order = texts.compare(a.path, b.path), order != 0 { return order < 0 }
        if a.query != b.query, case let order = texts.compare(a.query, b.query), order != 0 { return order < 0 }
        return a.referrer != b.referrer && texts.compare(a.referrer, b.referrer) < 0
    }

    /// The pageview as the sessionizer reads it.
    private static func stored(_ p: PendingPageview, kinds: [ClassifiedPage], texts: BatchTexts) -> StoredPageview {
        StoredPageview(
            ts: p.ts, pageID: p.pageID, query: texts.string(p.query), referrer: texts.string(p.referrer),
            kind: kinds[Int(p.kind)].nameText, queryNumber: p.query, referrerNumber: p.referrer)
    }

    /// The pending pageviews in (visitor, time) order (`order`, for `insertPending`), and grouped
    /// by visitor for sessionizing from memory: those of the visitors new in this run, and those
    /// of visitors known before.
    struct SortedPageviews {
        var order: [SortKey]
        var fresh: [(visitor: Int64, pageviews: [StoredPageview])]
        var prior: [(visitor: Int64, pageviews: [StoredPageview])]
    }

    /// Sorts pending pageviews (with their store visitor ids). Pure: runs on another core.
    static func sort(_ pending: [PendingPageview], texts: BatchTexts, kinds: [ClassifiedPage], lastVisitorBefore: Int64) -> SortedPageviews {
        // Sort compact keys, not the pageviews themselves; content order for equal times, so
        // the order (and the sessions cut from it) never depends on which worker read which block.
        let order = Self.visitorTimeOrder(pending) { a, b in
            if a.ts != b.ts { return a.ts < b.ts }
            return Self.contentPrecedes(pending[Int(a.index)], pending[Int(b.index)], in: texts)
        }
        var fresh: [(visitor: Int64, pageviews: [StoredPageview])] = []
        var prior: [(visitor: Int64, pageviews: [StoredPageview])] = []
        var start = 0
        while start < order.count {
            let visitor = order[start].visitor
            var end = start + 1
            while end < order.count && order[end].visitor == visitor { end += 1 }
            var pageviews: [StoredPageview] = []
            pageviews.reserveCapacity(end - start)
            for key in order[start..<end] { pageviews.append(Self.stored(pending[Int(key.index)], kinds: kinds, texts: texts)) }
            if visitor > lastVisitorBefore { fresh.append((visitor, pageviews)) } else { prior.append((visitor, pageviews)) }
            start = end
        }
        return SortedPageviews(order: order, fresh: fresh, prior: prior)
    }

    /// Inserts the pending pageviews in `order` (`sortPending`'s), so the `(visitor_id, ts)` index
    /// grows at its end.
    mutating func insertPending(in order: [SortKey], into db: Database) throws {
        // Many rows per statement: one step per 64 pageviews instead of one per pageview
        // (measured: the per-statement overhead was most of the insert time).
        let batch = 64
        let columns = "INSERT INTO pageviews(visitor_id, ts, page_id, query, referrer_id, status, kind, item, quantity) VALUES "
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?)"
        var many = try BulkStatement(db, sql: columns + Array(repeating: row, count: batch).joined(separator: ", "))
        var one = try BulkStatement(db, sql: columns + row)
        // Locals, not `self`'s properties, inside the closures: a method of `self` called there
        // copied the whole writer per row.
        let (pending, pageKinds) = (pending, pageKinds)
        try texts.withUTF8 { utf8 in
            try pending.withUnsafeBufferPointer { rows in
                try pageKinds.withUnsafeBufferPointer { kinds in
                    // The rows are gathered into sort order a few thousand at a time before they
                    // are bound: a tight loop overlaps the cache misses of reading them in that
                    // order, where the binding loop waited for each (measured 0.2 s on 1.45 M).
                    let gatherSize = batch * 64
                    var gathered: [PendingPageview] = []
                    gathered.reserveCapacity(gatherSize)
                    for start in stride(from: 0, to: order.count, by: gatherSize) {
                        gathered.removeAll(keepingCapacity: true)
                        for key in order[start..<min(start + gatherSize, order.count)] { gathered.append(rows[Int(key.index)]) }
                        var done = 0
                        while done < gathered.count {
                            let count = min(batch, gathered.count - done)
                            for p in gathered[done..<(done + count)] {
                                if count == batch {
                                    Self.bind(p, kinds, utf8, to: &many)
                                } else {
                                    Self.bind(p, kinds, utf8, to: &one)
                                    try one.run()
                                }
                            }
                            if count == batch { try many.run() }
                            done += count
                        }
                    }
                }
            }
        }
        pageviewsWritten += order.count
        self.pending = []
        texts = BatchTexts()
        self.pageKinds = []
    }

    /// Binds one pageview; its texts are bound in place from `utf8` (`BatchTexts.withUTF8`),
    /// which outlives the statement's step.
    private static func bind(
        _ p: PendingPageview, _ kinds: UnsafeBufferPointer<ClassifiedPage>, _ utf8: BatchTexts.UTF8, to statement: inout BulkStatement
    ) {
        let kind = Int(p.kind)
        statement.bind(p.visitor)
        statement.bind(p.ts)
        statement.bind(p.pageID)
        statement.bind(inPlace: utf8.text(p.query))
        if p.referrerID < 0 { statement.bindNull() } else { statement.bind(p.referrerID) }
        statement.bind(Int64(p.status))
        statement.bind(static: kinds[kind].name)
        statement.bind(inPlace: utf8.text(kinds[kind].item))
        if kinds[kind].quantity < 0 { statement.bindNull() } else { statement.bind(Int64(kinds[kind].quantity)) }
    }

    /// The stored item of a page kind (sku, slug, term, order id) and a cart add's quantity.
    static func item(of kind: PageKind) -> (String?, Int64?) {
        switch kind {
        case .product(let sku): (sku, nil)
        case .category(let name): (name, nil)
        case .article(let slug): (slug, nil)
        case .search(let term): (term, nil)
        case .cartAdd(let sku, let quantity): (sku.isEmpty ? nil : sku, Int64(quantity))
        case .checkoutComplete(let order): (order.isEmpty ? nil : order, nil)
        case .login, .register, .other: (nil, nil)
        }
    }

    /// The first non-empty value of one of `parameters` (lowercase) in a raw query,
    /// percent-decoded. Names are compared as bytes, so the many queries without such a
    /// parameter cost no String work.
    static func customerID(in query: String, parameters: [String]) -> String? {
        var query = query
        return query.withUTF8 { bytes -> String? in
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                var eq = start
                while eq < end, bytes[eq] != UInt8(ascii: "=") { eq += 1 }
                if eq < end, parameters.contains(where: { Self.equalsLowercased(bytes[start..<eq], $0) }) {
                    let raw = String(decoding: bytes[(eq + 1)..<end], as: UTF8.self).replacingOccurrences(of: "+", with: " ")
                    let value = (raw.removingPercentEncoding ?? raw).trimmingCharacters(in: .whitespaces)
                    if !value.isEmpty { return value }
                }
                start = end + 1
            }
            return nil
        }
    }

    /// Whether `name` equals the lowercase ASCII `lowercase`, ignoring ASCII case.
    private static func equalsLowercased(_ name: Slice<UnsafeBufferPointer<UInt8>>, _ lowercase: String) -> Bool {
        guard name.count == lowercase.utf8.count else { return false }
        return zip(name, lowercase.utf8).allSatisfy { a, b in (a >= 65 && a <= 90 ? a | 0x20 : a) == b }
    }
}

/// The texts and page kinds of one collector's pageviews, each made once per distinct value
/// (indexed by the collector's ids; `nil` where no pageview uses the value). Needs no database,
/// so it is worked out on another core (`ClassifiedPageviews`) while the visitors are written.
struct CollectorPages {
    var paths: [String?]
    var queries: [String?]
    /// The customer id a query carries (`IngestWriter.customerID(in:parameters:)`).
    var queryCustomers: [String?]
    var referrers: [String?]
    /// By `path id << 32 | query id` (as 32-bit patterns).
    var kinds: [UInt64: PageKind] = [:]

    /// - Parameter customerParameters: lowercase names of the query parameters that carry a customer id.
    init(_ collector: PageviewCollector, profile: SiteProfile, customerParameters: [String]) {
        paths = Array(repeating: nil, count: collector.paths.count)
        queries = Array(repeating: nil, count: collector.queries.count)
        queryCustomers = Array(repeating: nil, count: collector.queries.count)
        referrers = Array(repeating: nil, count: collector.referrers.count)
        var queryDone = [Bool](repeating: false, count: collector.queries.count)
        for pv in collector.pageviews {
            let p = Int(pv.path)
            if paths[p] == nil { paths[p] = collector.paths.string(pv.path) }
            if pv.query >= 0, !queryDone[Int(pv.query)] {
                let q = Int(pv.query)
                queryDone[q] = true
                queries[q] = collector.queries.string(pv.query)
                queryCustomers[q] = IngestWriter.customerID(in: queries[q]!, parameters: customerParameters)
            }
            if pv.referrer >= 0, referrers[Int(pv.referrer)] == nil { referrers[Int(pv.referrer)] = collector.referrers.string(pv.referrer) }
            let key = UInt64(UInt32(bitPattern: pv.path)) << 32 | UInt64(UInt32(bitPattern: pv.query))
            if kinds[key] == nil { kinds[key] = profile.classify(path: paths[p]!, query: pv.query >= 0 ? queries[Int(pv.query)] : nil) }
        }
    }
}

/// One scan's pageviews classified without the database, on another core while `IngestWriter`
/// writes the visitors, pages and referrers: texts, kinds, items and identity hints worked
/// out, each once per distinct value, but visitors, pages and referrers still by their
/// collectors' ids (in `visitor`, `pageID` and `referrerID`), which `IngestWriter.write`
/// replaces by the store's.
struct ClassifiedPageviews {
    var pending: [IngestWriter.PendingPageview] = []
    /// `pending[ranges[c]]` are collector `c`'s pageviews, in its order.
    var ranges: [Range<Int>] = []
    var texts = BatchTexts()
    var pageKinds: [IngestWriter.ClassifiedPage] = []
    /// The hints the pageviews carry (an order id, a customer id in the query), by the
    /// collector's visitor id; repeats included.
    var hints: [(collector: Int, visitor: Int32, kind: String, value: String, ts: Int64)] = []

    /// Puts the store's ids in the pageviews (`visitorIDs[collector][its id]`, and so on);
    /// returns their hints.
    mutating func resolve(visitorIDs: [[Int64]], pageIDs: [[Int64]], referrerIDs: [[Int64]]) -> IngestWriter.HintTable {
        pending.withUnsafeMutableBufferPointer { rows in
            for (c, range) in ranges.enumerated() {
                let (visitors, pages, referrers) = (visitorIDs[c], pageIDs[c], referrerIDs[c])
                for i in range {
                    rows[i].visitor = visitors[Int(rows[i].visitor)]
                    rows[i].pageID = pages[Int(rows[i].pageID)]
                    if rows[i].referrerID >= 0 { rows[i].referrerID = referrers[Int(rows[i].referrerID)] }
                }
            }
        }
        var table = IngestWriter.HintTable()
        for hint in hints { table.add(visitor: visitorIDs[hint.collector][Int(hint.visitor)], kind: hint.kind, value: hint.value, ts: hint.ts) }
        return table
    }

    /// - Parameter customerParameters: lowercase names of the query parameters that carry a customer id.
    init(_ collectors: [PageviewCollector], profile: SiteProfile, customerParameters: [String]) {
        pending.reserveCapacity(collectors.reduce(0) { $0 + $1.pageviews.count })
        for (c, collector) in collectors.enumerated() {
            let start = pending.count
            add(collector, c, pages: CollectorPages(collector, profile: profile, customerParameters: customerParameters))
            ranges.append(start..<pending.count)
        }
    }

    private mutating func add(_ collector: PageviewCollector, _ c: Int, pages: CollectorPages) {
        var pathTexts = [Int32](repeating: -1, count: collector.paths.count)
        var referrerTexts = [Int32](repeating: -1, count: collector.referrers.count)
        var queryTexts = [Int32](repeating: -1, count: collector.queries.count)
        var kinds: [UInt64: (kind: PageKind, index: Int32)] = [:]
        var itemTexts: [IngestWriter.ExactText: Int32] = [:]
        for pv in collector.pageviews {
            let p = Int(pv.path)
            if pathTexts[p] < 0 { pathTexts[p] = texts.add(pages.paths[p]!) }
            var queryText: Int32 = -1
            if pv.query >= 0 {
                let q = Int(pv.query)
                if queryTexts[q] < 0 { queryTexts[q] = texts.add(pages.queries[q]!) }
                queryText = queryTexts[q]
            }
            var referrerText: Int32 = -1
            if pv.referrer >= 0 {
                let r = Int(pv.referrer)
                if referrerTexts[r] < 0 { referrerTexts[r] = texts.add(pages.referrers[r]!) }
                referrerText = referrerTexts[r]
            }
            let kindKey = UInt64(UInt32(bitPattern: pv.path)) << 32 | UInt64(UInt32(bitPattern: pv.query))
            let kind: PageKind
            let kindIndex: Int32
            if let known = kinds[kindKey] {
                (kind, kindIndex) = known
            } else {
                kind = pages.kinds[kindKey]!
                let (item, quantity) = IngestWriter.item(of: kind)
                var itemText: Int32 = -1
                if let item {
                    if let known = itemTexts[IngestWriter.ExactText(text: item)] {
                        itemText = known
                    } else {
                        itemText = texts.add(item)
                        itemTexts[IngestWriter.ExactText(text: item)] = itemText
                    }
                }
                kindIndex = Int32(pageKinds.count)
                pageKinds.append(.init(name: kind.staticName, nameText: kind.name, item: itemText, quantity: quantity.map { Int32(clamping: $0) } ?? -1))
                kinds[kindKey] = (kind, kindIndex)
            }
            pending.append(IngestWriter.PendingPageview(
                visitor: Int64(pv.visitor), ts: pv.time, pageID: Int64(pv.path), referrerID: Int64(pv.referrer), path: pathTexts[p],
                query: queryText, referrer: referrerText, kind: kindIndex, status: pv.status))
            if case .checkoutComplete(let order) = kind, !order.isEmpty {
                hints.append((c, pv.visitor, "order", order, pv.time))
            }
            if pv.query >= 0, let customer = pages.queryCustomers[Int(pv.query)] {
                hints.append((c, pv.visitor, "url", customer, pv.time))
            }
        }
    }
}
