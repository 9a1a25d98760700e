/// What an import file yielded: the good rows, the rows that were skipped, and the columns
/// that were not kept.
package struct CSVImport<Row: Sendable>: Sendable {
    /// The valid rows, in file order.
    package var rows: [Row]
    /// One problem per skipped row, in file order.
    package var problems: [CSVProblem]
    /// Header columns whose values were not kept (lowercased, trimmed, in header order). For
    /// customers.csv these are the personal columns dropped for privacy; for the other files,
    /// extra columns the reader does not use.
    package var droppedColumns: [String]

    /// Makes an import result.
    /// - Parameters:
    ///   - rows: The valid rows.
    ///   - problems: The skipped rows.
    ///   - droppedColumns: The columns not kept.
    package init(rows: [Row] = [], problems: [CSVProblem] = [], droppedColumns: [String] = []) {
        self.rows = rows
        self.problems = problems
        self.droppedColumns = droppedColumns
    }
}
