import Foundation
import CSupport
import GRDB
import LogModel

/// What one ingest reads and how it interprets it.
package struct IngestOptions: Sendable {
    package var format: FormatChoice = .auto
    package var workers: Int? = nil
    /// A parsed field whose first address is the client (`LogScanner.clientField`).
    package var clientField: String? = nil
    package var collector = CollectorConfig()
    package var profile: SiteProfile = .generic
    /// The site's own hosts, added to those inferred from the log (see `Ingestor`).
    package var siteHosts: [String] = []
    package var sessionTimeoutMinutes = 30
    package var customerParameters = ["cid", "customer_id", "uid"]
    package var showProgress = false
    /// Content read per batch within the run's transaction (a gzip file counts as 10 times its
    /// size): memory follows the batch, not the size of all the logs. Measured peaks: under
    /// 0.9 GB for 20 million lines and for a year (60.8 million) at this size, against 1.0 and
    /// 1.2 GB at 1.5 GB a batch, for 2–4% more time (Benchmarks/README.md).
    package var batchContentBytes: Int64 = 1_000_000_000

    package init() {}
}

/// What an ingest did.
package struct IngestSummary: Sendable {
    /// One input file and what happened to it.
    package struct FileOutcome: Sendable {
        package var path: String
        /// `new`, `grown` (read from where the last run stopped), `unchanged` (skipped).
        package var state: String
        package var bytesRead: Int64
    }

    package var files: [FileOutcome] = []
    package var scan: ScanReport? = nil
    package var pageviews = 0
    package var botHits = 0
    package var visitorsTouched = 0
    package var sessionsWritten = 0
    package var tablesImported: [String] = []
    package var siteHosts: [String] = []
    /// Identity coverage of the whole store after the run.
    package var coverage: IdentityCoverage? = nil
    /// Problems of the customer file read by the run (`Ingestor.run`'s `customerFile`).
    package var customerFileProblems: [CSVProblem] = []
}

/// Reads logs and the shop's files into the store.
///
/// The run: expand the inputs; look each log up in the `LogFileLedger` (content already read
/// is skipped, a grown file is read from where the last run stopped); scan what is new on
/// every core into `PageviewCollector`s; then, in **one transaction**, import the CSV files,
/// write visitors, pageviews, hints and bot traffic, record the files' new offsets, rebuild the
/// sessions (with their customers) of every visitor that got new pageviews, and check every
/// session's customer when the orders file changed. A run killed
/// before the commit leaves the store exactly as it was.
///
/// The site's own hosts (needed to tell internal navigation from referrals) are the
/// `--site-host` values plus the hosts of referrers sent with at least 25% of subresource
/// requests (a site's pages refer its own styles and images), remembered across runs.
package enum Ingestor {
    /// Runs one ingest. - Throws: `StoreError`, `InputExpander.Failure`, or a database error.
    ///
    /// `shopData` is first asked for after the first batch's scan, so the CLI reads the CSV files
    /// beside the scan; a file refused whole (its error thrown here) leaves the store unchanged.
    /// `customerFile` reads the customer file, which no session depends on: it runs on another
    /// core while the first batch's sessions are inserted (the only step that leaves a core
    /// idle; beside the scan it took 0.25 s from it), and is written after the last batch.
    package static func run(
        paths: [String], shopData: @autoclosure () throws -> ShopData, customerFile: (@Sendable () throws -> ShopData)? = nil,
        options: IngestOptions, store: Store
    ) throws -> IngestSummary {
        var summary = IngestSummary()
        let expanded = try InputExpander.expand(paths)
        if expanded.contains(where: { $0.path == nil }) {
            throw StoreError(.cannotOpen, "ingest reads files, not standard input (so that reading the same log twice never counts it twice); save it to a file first")
        }

        // What is new in each file.
        var sources: [LogSource] = []
        var entries: [LogFileLedger.Entry] = []
        var fileStats: [(size: Int64, mtime: Int64)] = []
        try store.queue.read { db in
            for source in expanded {
                let path = source.path!
                let st = try fileStat(path)
                // A file seen with the same path, size and modification time is unchanged.
                if let known = try Row.fetchOne(db, sql: "SELECT 1 FROM log_files WHERE path = ? AND file_size = ? AND file_mtime = ?", arguments: [path, st.size, st.mtime]), known[0] as Int64 == 1 {
                    summary.files.append(.init(path: path, state: "unchanged", bytesRead: 0))
                    continue
                }
                let entry = try LogFileLedger.lookup(source, modified: st.mtime, in: db)
                // The same content given twice in one run (a file and its .gz copy) is read once.
                if let twin = entries.firstIndex(where: { $0.headHash == entry.headHash && $0.headLength == entry.headLength }) {
                    summary.files.append(.init(path: path, state: "same content as \(sources[twin].path!)", bytesRead: 0))
                    continue
                }
                if let end = entry.end, entry.alreadyRead >= end, entry.id != nil {
                    summary.files.append(.init(path: path, state: "already read", bytesRead: 0))
                    entries.append(entry)
                    sources.append(LogSource(path: path, size: 0))  // ledger refresh only, nothing to read
                    sources[sources.count - 1].skipBytes = entry.alreadyRead
                    sources[sources.count - 1].endBytes = entry.alreadyRead
                    fileStats.append(st)
                    continue
                }
                var ranged = source
                ranged.skipBytes = entry.alreadyRead
                ranged.endBytes = entry.end
                sources.append(ranged)
                entries.append(entry)
                fileStats.append(st)
                summary.files.append(.init(path: path, state: entry.id == nil ? "new" : "grown", bytesRead: 0))
            }
        }

        let mark = PhaseClock.mark
        let status = { (text: String?) in Self.status(text, options) }
        mark("files looked up")

        // One transaction for the whole run; inside it, the files are read in batches of about
        // `options.batchContentBytes`, so memory follows the batch, not the size of all the logs.
        // A store's first logs are written with a rollback journal (`Store.withRollbackJournal`);
        // later runs with the write-ahead log, whose checkpoint is left to another connection,
        // beside the coverage queries below.
        let firstLogs = try store.queue.read { try !Bool.fetchOne($0, sql: "SELECT EXISTS (SELECT 1 FROM log_files)")! }
        try store.queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_autocheckpoint = 0") }
        var shopDataWritten = false
        func writeRun() throws {
            try store.queue.inTransaction(.immediate) { db in
                try checkSettings(options, in: db)
                let hadSessions = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sessions)")!
                func writeShopData() throws {
                    guard !shopDataWritten else { return }
                    summary.tablesImported = try shopData().write(into: db)
                    shopDataWritten = true
                    mark("shop files")
                }
                var customerReading: BackgroundWork<ShopData>? = nil
                let batches = Self.batches(sources, limit: options.batchContentBytes)
                for (n, batch) in batches.enumerated() {
                    let step = batches.count > 1 ? "batch \(n + 1) of \(batches.count): " : ""
                    // The last batch's memory, freed on several threads, goes back to the system
                    // before the next scan (a year's peak: 0.9 GB instead of 1.1 GB).
                    if n > 0 { clientele_return_freed_memory() }
                    let batchSources = Array(sources[batch])
                    var scanner = LogScanner(sources: batchSources, format: options.format, workers: options.workers)
                    scanner.clientField = options.clientField
                    scanner.showProgress = options.showProgress
                    let config = options.collector
                    let (collectors, report) = scanner.run(makeSink: { PageviewCollector(config: config) })
                    summary.scan = summary.scan.map { $0.merged(with: report) } ?? report
                    mark("scan")
                    status(step + "storing visitors, pages and identity hints")
                    try writeShopData()  // before the sessions: an order id hint names its customer through the orders
                    let hosts = try siteHosts(options: options, collectors: collectors, in: db)
                    summary.siteHosts = hosts.sorted()
                    mark("site hosts")
                    let lastVisitor = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM visitors") ?? 0
                    var writer = IngestWriter(profile: options.profile, customerParameters: options.customerParameters, lastVisitorBefore: lastVisitor)
                    try writer.write(collectors, into: db)
                    summary.visitorsTouched += writer.touchedVisitors.count
                    var prior = writer.touchedVisitors.filter { $0 <= lastVisitor }
                    let states = try SessionRebuilder.visitorStates(new: writer.newVisitorHits, prior: prior, in: db)
                    mark("  states")
                    let sorted = try writer.sorted(into: db)
                    let (fresh, priorPageviews) = (sorted.fresh, sorted.prior)
                    mark("  sorted")
                    // Known visitors whose new pageviews start well after their stored ones get sessions
                    // cut from those alone; the others are rebuilt from all their pageviews below.
                    var rebuilder = SessionRebuilder(sessionizer: Sessionizer(timeoutMinutes: options.sessionTimeoutMinutes, siteHosts: hosts))
                    let newPageviews = Dictionary(uniqueKeysWithValues: priorPageviews.map { ($0.visitor, $0.pageviews) })
                    let appended = prior.filter { id in states[id].map { rebuilder.canAppend($0, new: newPageviews[id] ?? []) } ?? false }.sorted()
                    prior.subtract(appended)
                    let appendedPageviews = priorPageviews.filter { !prior.contains($0.visitor) }
                    var hints = try SessionRebuilder.hints(ofVisitorsAbove: lastVisitor, in: db)
                    hints.merge(try SessionRebuilder.hints(of: appended, in: db)) { a, _ in a }
                    mark("sort")
                    // Sessions of new and appended visitors are cut on another core while SQLite inserts
                    // the pageviews.
                    let drafting = BackgroundWork { [rebuilder, hints] in
                        var drafter = rebuilder
                        let drafts = drafter.drafts(fresh + appendedPageviews, states: states, hints: hints)
                        return (drafter, drafts)  // the drafter's classification caches are warm for the prior visitors
                    }
                    status(step + "storing \(writer.pendingCount.formatted()) pageviews")
                    try writer.insertPending(in: sorted.order, into: db)
                    summary.pageviews += writer.pageviewsWritten
                    summary.botHits += writer.botHitsWritten
                    mark("write")
                    try SessionRebuilder.reassign(appended, hints: hints, in: db)
                    status(step + "storing sessions")
                    let drafts: [SessionRebuilder.VisitorSessions]
                    (rebuilder, drafts) = try drafting.wait()
                    mark("  drafted")
                    if customerReading == nil, let customerFile { customerReading = BackgroundWork(customerFile) }
                    summary.sessionsWritten += try SessionRebuilder.withIndexesBuiltAfter(in: db) {
                        try SessionRebuilder.write(drafts, replacing: false, in: db)
                    }
                    mark("  sessions inserted")
                    try db.execute(
                        sql: "UPDATE visitors SET bot_reason = 'fetched robots.txt' WHERE id > ? AND robots_hits > 0 AND bot_reason IS NULL",
                        arguments: [lastVisitor])
                    summary.sessionsWritten += try rebuilder.rebuildPrior(prior, states: states, in: db)
                    try recordFiles(
                        sources: batchSources, entries: Array(entries[batch]), stats: Array(fileStats[batch]), report: report,
                        summary: &summary, in: db)
                    mark("sessions")
                }
                try writeShopData()
                if let customers = try customerReading?.wait() ?? customerFile?() {
                    summary.tablesImported += try customers.write(into: db)
                    summary.customerFileProblems = customers.problems
                    mark("customer file")
                }
                if let report = summary.scan { try recordRun(report, summary: summary, in: db) }
                // Sessions are written with their customers, after the orders file is imported; a new
                // orders file can change what an order id hint says for the sessions of earlier runs.
                if summary.tablesImported.contains("orders") && hadSessions {
                    try SessionRebuilder.assignCustomers(in: db)
                }
                mark("identity")
                status("committing")
                return .commit
            }
        }
        var throughLog = true  // then the log wants a checkpoint
        if firstLogs { throughLog = try !store.withRollbackJournal(writeRun).rollbackJournal } else { try writeRun() }
        mark("commit")
        status("counting identity coverage")
        let checkpoint = throughLog ? BackgroundWork { try store.checkpoint() } : nil
        summary.coverage = try IdentityCoverage.compute(in: store)
        mark("coverage")
        // The run is committed whatever this says: a checkpoint that failed is done by SQLite when
        // the last connection closes.
        _ = try? checkpoint?.wait()
        mark("checkpoint")
        status(nil)
        return summary
    }

    /// With `showProgress`, what the run is doing after the scan, on one line of standard error
    /// (the scan has its own progress line); `nil` clears the line.
    private static func status(_ text: String?, _ options: IngestOptions) {
        guard options.showProgress else { return }
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + (text.map { $0 + "..." } ?? "")).utf8))
    }

    /// Refuses a run whose visitor, client or customer fields (or other keying settings) differ
    /// from the store's first run: the visitors already stored were keyed another way.
    static func checkSettings(_ options: IngestOptions, in db: Database) throws {
        let wanted: [(String, String)] = [
            ("visitor_field", options.collector.visitorField ?? ""),
            ("client_field", options.clientField ?? ""),
            ("customer_field", options.collector.customerField ?? ""),
            ("anonymize_ip", options.collector.anonymizeIP ? "yes" : "no"),
            ("session_timeout_minutes", String(options.sessionTimeoutMinutes)),
            ("site_profile", options.profile.name),
        ]
        // A store that has visitors but no `client_field` was built before that setting existed,
        // with the connecting address.
        let builtBefore = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM visitors)")! ? ["client_field": ""] : [:]
        for (key, value) in wanted {
            if let stored = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) ?? builtBefore[key] {
                if stored != value {
                    throw StoreError(
                        .settingsChanged,
                        "this store was built with \(key.replacingOccurrences(of: "_", with: "-")) = '\(stored)', not '\(value)'; use the same setting or a new --db")
                }
            }
            try db.execute(sql: "INSERT OR IGNORE INTO settings(key, value) VALUES(?, ?)", arguments: [key, value])
        }
    }

    /// The site's hosts: configured, stored, and inferred from this run's asset referrers.
    static func siteHosts(options: IngestOptions, collectors: [PageviewCollector], in db: Database) throws -> Set<String> {
        var hosts = Set(options.siteHosts.map { $0.lowercased() })
        if let stored = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'site_hosts'") {
            hosts.formUnion(stored.split(separator: " ").map(String.init))
        }
        // Counted by the part of the referrer its host depends on (an http(s) URL up to its path:
        // a few distinct values), then by host.
        var counts: [String: Int] = [:]
        var total = 0
        for c in collectors {
            for (referrer, n) in c.assetReferrers {
                total += n
                counts[c.referrers.withBytes(referrer) { ChannelClassifier.hostPart(ofReferrer: $0).string }, default: 0] += n
            }
        }
        var hostCounts: [String: Int] = [:]
        for (part, n) in counts {
            if let host = ChannelClassifier.host(ofReferrer: part) { hostCounts[host, default: 0] += n }
        }
        for (host, n) in hostCounts where n * 4 >= total && n >= 3 { hosts.insert(host) }
        try db.execute(sql: "INSERT OR REPLACE INTO settings(key, value) VALUES('site_hosts', ?)", arguments: [hosts.sorted().joined(separator: " ")])
        return hosts
    }

    /// Records each read file's new offset in the ledger.
    static func recordFiles(
        sources: [LogSource], entries: [LogFileLedger.Entry], stats: [(size: Int64, mtime: Int64)], report: ScanReport,
        summary: inout IngestSummary, in db: Database
    ) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1e6)
        for (i, source) in sources.enumerated() {
            let counts = report.sources[i]
            guard let end = counts.contentEnd else { continue }  // not read to its end: read it again next time
            let entry = entries[i]
            if let j = summary.files.firstIndex(where: { $0.path == source.path! && $0.state != "unchanged" }) {
                summary.files[j].bytesRead = end - source.skipBytes
            }
            if let id = entry.id {
                try db.execute(
                    sql: """
                        UPDATE log_files SET head_hash = ?, head_length = ?, path = ?, file_size = ?, file_mtime = ?,
                            content_bytes = max(content_bytes, ?), lines = lines + ?, parsed = parsed + ?, rejected = rejected + ?,
                            format = ?, updated_at = ? WHERE id = ?
                        """,
                    arguments: [entry.headHash, entry.headLength, source.path!, stats[i].size, stats[i].mtime, end, counts.lines, counts.parsed, counts.rejected, counts.format, now, id])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO log_files(head_hash, head_length, path, file_size, file_mtime, content_bytes, lines, parsed, rejected, format, updated_at)
                        VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [entry.headHash, entry.headLength, source.path!, stats[i].size, stats[i].mtime, end, counts.lines, counts.parsed, counts.rejected, counts.format, now])
            }
        }
    }

    /// Records the run's counts and its rejected lines per reason.
    static func recordRun(_ report: ScanReport, summary: IngestSummary, in db: Database) throws {
        let now = Int64(Date().timeIntervalSince1970 * 1e6)
        try db.execute(
            sql: "INSERT INTO ingest_runs(finished_at, files_read, lines, parsed, rejected, pageviews, bot_hits) VALUES(?, ?, ?, ?, ?, ?, ?)",
            arguments: [now, report.sources.count, report.lines, report.parsed, report.rejected, summary.pageviews, summary.botHits])
        let run = db.lastInsertedRowID
        for (reason, count) in report.rejectedByReason.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "INSERT INTO rejected_lines(run_id, reason, count) VALUES(?, ?, ?)", arguments: [run, reason, count])
        }
    }

    /// Groups consecutive sources into batches of about `limit` bytes of content (a gzip file
    /// counted as 10 times its size).
    static func batches(_ sources: [LogSource], limit: Int64) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        var bytes: Int64 = 0
        for (i, source) in sources.enumerated() {
            let gzip = source.path?.hasSuffix(".gz") == true
            let size = max(0, (source.endBytes ?? source.size) - source.skipBytes)
            let estimate = gzip ? source.size * 10 : size
            if i > start && bytes + estimate > limit {
                result.append(start..<i)
                start = i
                bytes = 0
            }
            bytes += estimate
        }
        if start < sources.count { result.append(start..<sources.count) }
        return result
    }

    static func fileStat(_ path: String) throws -> (size: Int64, mtime: Int64) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputError("\(path): cannot read: \(String(cString: strerror(errno)))") }
        return (Int64(st.st_size), Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec))
    }
}
