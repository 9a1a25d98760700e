import Foundation
import GRDB
import Testing

@testable import ClienteleKit

/// `kill -9` at any moment leaves the store as it was before the run; the next run completes.
/// Runs the real `clientele` binary (built by `swift test` next to the test bundle).
@Suite struct InterruptedIngestTests {
    static var binary: URL {
        Fixtures.root.deletingLastPathComponent().appendingPathComponent(".build/debug/clientele")
    }

    /// A combined log of `count` lines: visitors browsing a few pages each, with assets.
    static func writeLog(to url: URL, count: Int) throws {
        var text = ""
        text.reserveCapacity(count * 200)
        for i in 0..<count {
            let visitor = i / 8
            let second = i * 7
            let time = String(format: "%02d/Oct/2026:%02d:%02d:%02d +0000", 1 + second / 86_400, second / 3600 % 24, second / 60 % 60, second % 60)
            let target = i % 2 == 0 ? "/product/SKU-\(i % 50)" : "/static/app.css"
            text += "10.\(visitor / 65_536 % 256).\(visitor / 256 % 256).\(visitor % 256) - - [\(time)] \"GET \(target) HTTP/1.1\" 200 100 \"https://shop.example/\" \"Mozilla/5.0 (X11; Linux x86_64) Firefox/\(visitor % 7 + 120).0\"\n"
        }
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func pageviews(_ db: String) throws -> Int {
        let queue = try DatabaseQueue(path: db)
        return try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            // Killed before the new store's schema was committed: an empty database, no rows.
            guard try db.tableExists("pageviews") else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM pageviews") ?? -1
        }
    }

    func ingest(_ log: URL, db: String, killAfter delay: Double?) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["ingest", log.path, "--db", db, "--no-progress", "--format", "combined"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        if let delay {
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }

    @Test func killedIngestLeavesTheStoreWholeAndTheNextRunCompletes() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary.path), "build the clientele binary first (swift build)")
        let dir = Fixtures.temporaryDirectory()
        let log = dir.appendingPathComponent("access.log")
        let lines = 150_000
        try Self.writeLog(to: log, count: lines)
        let db = dir.appendingPathComponent("t.db").path
        var sawEmpty = false
        for delay in [0.2, 0.6, 1.0, 1.5, 2.0, 3.0] {
            try ingest(log, db: db, killAfter: delay)
            guard FileManager.default.fileExists(atPath: db) else { continue }
            let count = try pageviews(db)
            // Never a partial batch: nothing, or the whole file's pageviews.
            #expect(count == 0 || count == lines / 2, "after a kill at \(delay) s: \(count) pageviews")
            if count == 0 { sawEmpty = true }
            if count == lines / 2 { break }
        }
        try ingest(log, db: db, killAfter: nil)
        #expect(try pageviews(db) == lines / 2)
        // A further run adds nothing.
        try ingest(log, db: db, killAfter: nil)
        #expect(try pageviews(db) == lines / 2)
        _ = sawEmpty
    }
}
