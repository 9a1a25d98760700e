import Foundation
import GRDB
import GRDBSQLite

/// A problem with the store itself (not with a log line): it cannot be opened, is locked by
/// another ingest, or was built with other settings.
package struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    package enum Code: String, Sendable {
        case cannotOpen
        case locked
        case settingsChanged
        case notFound
    }

    package var code: Code
    package var description: String

    package init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }
}

/// The embedded SQLite store: one file (default `clientele.db`) holding everything ingested.
///
/// Writes happen in one transaction per ingest, so a run that is killed leaves the store as it
/// was (SQLite's write-ahead log rolls the unfinished transaction back on the next open). An
/// ingest also holds an advisory lock (`FILE.lock`), so a second ingest on the same store waits
/// for the first instead of interleaving with it.
package final class Store {
    /// The database file.
    package let path: String
    /// The connection; GRDB serialises access to it.
    package let queue: DatabaseQueue

    /// How long a statement waits for another connection's lock before it fails.
    private static let busyTimeoutSeconds: Int32 = 60

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    /// - Parameter mustExist: fail with `.notFound` instead of creating a new store (reports).
    /// - Throws: `StoreError` when the file cannot be opened or migrated.
    package init(path: String, mustExist: Bool = false) throws(StoreError) {
        self.path = path
        if mustExist && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.notFound, "\(path): no such store; run `clientele ingest LOGS... --db \(path)` first")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds))
        // The schema's REFERENCES document the joins; SQLite does not check them here (its own
        // default, as in the sqlite3 shell). Ingest writes only ids it resolved in the same
        // transaction and never deletes a referenced row, and the per-row parent lookups took
        // 0.8 s of the 1.9 s that inserting 1.45 million pageviews took (GRDB turns them on).
        configuration.foreignKeysEnabled = false
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Bulk ingest touches index pages all over the file: keep up to 64 MiB of them cached.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
            try StoreSchema.migrator.migrate(queue)
        } catch {
            throw StoreError(.cannotOpen, "\(path): cannot open the store: \(Self.describe(error))")
        }
    }

    /// A second, read-only connection to the store, for reading beside the store's own (it
    /// waits for locks as long as the store's connection does).
    package func readerConnection() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(TimeInterval(Self.busyTimeoutSeconds))
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Copies the write-ahead log into the database file, on a connection of its own (so that
    /// the store's own connection can read meanwhile). Readers still reading older content keep
    /// the part of the log they need; SQLite copies the rest when the last connection closes.
    package func checkpoint() throws {
        let connection = try DatabaseQueue(path: path)
        _ = try connection.writeWithoutTransaction { try $0.checkpoint(.passive) }
    }

    /// Runs `body` with a rollback journal instead of the write-ahead log, then returns to the
    /// log. For filling a store that holds nothing yet: its new pages are written once, into the
    /// file, where the log writes them twice (into the log, then the checkpoint copies them),
    /// and the journal stays as small as the store was. Still atomic: a run killed meanwhile
    /// leaves a journal that rolls it back on the next open. Best-effort: when another
    /// connection has the store open the mode does not change, and `body` runs with the log.
    /// - Returns: `body`'s result, and whether it ran with the rollback journal.
    package func withRollbackJournal<T>(_ body: () throws -> T) throws -> (T, rollbackJournal: Bool) {
        let mode = queue.writeWithoutTransaction { db in
            // Without waiting for other connections: any open one keeps the log.
            sqlite3_busy_timeout(db.sqliteConnection, 0)
            defer { sqlite3_busy_timeout(db.sqliteConnection, Self.busyTimeoutSeconds * 1000) }
            return (try? String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")) ?? nil
        }
        guard mode == "delete" else { return (try body(), false) }
        defer { try? queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") } }
        return (try body(), true)
    }

    /// A short message for a database error, without statement arguments (they may hold
    /// customer data).
    package static func describe(_ error: any Error) -> String {
        if let e = error as? DatabaseError { return e.message ?? "SQLite error \(e.resultCode.rawValue)" }
        return "\(error)"
    }
}
