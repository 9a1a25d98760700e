/// Why a row is skipped: the column at fault (if any) and a message without the row's data.
struct CSVRowRejection: Error {
    /// The column at fault, `nil` when the row as a whole is wrong.
    var column: String?
    /// What is wrong.
    var message: String

    /// A rejection of the value in `column`.
    init(_ column: CSVColumn?, _ message: String) {
        self.column = column?.name
        self.message = message
    }
}
