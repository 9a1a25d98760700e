import GRDB
import GRDBSQLite
import LogModel

/// One read-only query stepped through SQLite's C API: the loading path of the reports, where
/// GRDB's per-row `Row` (boxed values, one String per text cell) cost more than the query.
/// Columns are read in place; text comes as bytes valid until the next `step()`.
struct ReportQuery {
    let statement: Statement

    /// Prepares `sql` (a constant query: no values are spliced in).
    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Moves to the next row. - Returns: `false` after the last row.
    /// - Throws: `DatabaseError` when SQLite reports one.
    func step() throws -> Bool {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }

    /// The integer in `column` (0 for NULL).
    @inline(__always)
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement.sqliteStatement, column) }

    /// Whether `column` is NULL.
    @inline(__always)
    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement.sqliteStatement, column) == SQLITE_NULL }

    /// The text of `column` as bytes, valid until the next `step()` (empty for NULL).
    @inline(__always)
    func bytes(_ column: Int32) -> ByteView {
        let handle = statement.sqliteStatement
        // sqlite3_column_text first, then sqlite3_column_bytes: the order SQLite documents, so
        // the count is that of the UTF-8 text returned.
        guard let text = sqlite3_column_text(handle, column) else { return ByteView(start: nil, count: 0) }
        return ByteView(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// The text of `column` as a new String (empty for NULL).
    func string(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }
}

/// One String per distinct text value read from the store: each value is decoded once and every
/// copy shares its storage, so millions of rows cost no allocation per repeated value.
final class ReportTextInterner {
    private let ids = ByteInterner(capacity: 256)
    /// The strings by id (ids are dense, in first-seen order).
    private(set) var strings: [String] = []

    /// The id of `bytes`, adding it if new.
    func id(_ bytes: ByteView) -> Int32 {
        let id = ids.intern(bytes)
        if Int(id) == strings.count { strings.append(String(decoding: bytes, as: UTF8.self)) }
        return id
    }

    /// The canonical String equal to `bytes`.
    func string(_ bytes: ByteView) -> String { strings[Int(id(bytes))] }
}
