import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through SQLite's C API directly: the bulk-insert
/// path of ingest, where GRDB's per-row `StatementArguments` (an array of boxed values) was
/// the largest cost. Values are bound as parameters, never spliced into SQL.
struct BulkStatement {
    /// Keeps `handle` alive.
    private let statement: Statement
    /// The SQLite statement, read once: GRDB's accessor costs a retain and a release per call.
    private let handle: OpaquePointer
    var index: Int32 = 0

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    mutating func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    mutating func bind(_ value: Int64?) {
        if let value { bind(value) } else { bindNull() }
    }

    mutating func bind(_ value: String?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        var copy = value
        let i = index
        let handle = handle
        copy.withUTF8 { utf8 in
            // Safe because SQLITE_TRANSIENT makes SQLite copy the bytes before this returns.
            utf8.withMemoryRebound(to: CChar.self) { chars in
                _ = sqlite3_bind_text(handle, i, chars.baseAddress ?? UnsafePointer(bitPattern: 1), Int32(chars.count), Self.transient)
            }
        }
    }

    /// Binds UTF-8 text, which SQLite copies.
    mutating func bind(copying text: UnsafeBufferPointer<UInt8>) {
        index += 1
        text.withMemoryRebound(to: CChar.self) { chars in
            // Empty text needs a pointer all the same (a null pointer binds NULL).
            let pointer = chars.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, pointer, Int32(chars.count), Self.transient)
        }
    }

    /// Binds a string literal without copying it (SQLite reads it in place: it lives forever).
    mutating func bind(static value: StaticString) {
        index += 1
        value.withUTF8Buffer { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                // Safe because a StaticString's bytes are in the binary and never move or go away.
                _ = sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), nil)
            }
        }
    }

    /// Binds UTF-8 text without copying it (`nil`: NULL). - Precondition: the bytes stay
    /// valid and unchanged until the statement has been run.
    mutating func bind(inPlace text: UnsafeBufferPointer<UInt8>?) {
        index += 1
        guard let text else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withMemoryRebound(to: CChar.self) { chars in
            // SQLITE_STATIC (nil): SQLite reads the bytes in place during the step.
            // Empty text needs a pointer all the same (a null pointer binds NULL): a literal's.
            let pointer = chars.baseAddress ?? UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_text(handle, index, pointer, Int32(chars.count), nil)
        }
    }

    mutating func bindNull() {
        index += 1
        sqlite3_bind_null(handle, index)
    }

    /// Runs the statement with the values bound since the last run; returns the first column
    /// of the first row (for `RETURNING id`), if any.
    @discardableResult
    mutating func run() throws -> Int64? {
        defer {
            sqlite3_reset(handle)
            index = 0
        }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { 
            let value = sqlite3_column_int64(handle, 0)
            while sqlite3_step(handle) == SQLITE_ROW {}
            return value
        }
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        return nil
    }
}
