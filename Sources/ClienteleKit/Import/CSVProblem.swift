/// A row of an import file that was skipped, and why.
///
/// The message says what is wrong with which column; it quotes at most a short excerpt of the
/// offending value (never ids or whole rows), so problems can be shown and logged.
package struct CSVProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file as given to the reader (`orders.csv`, `data/orders.csv`).
    package var file: String
    /// The 1-based physical line where the row starts (the header is line 1; a quoted value
    /// spanning lines moves later rows down accordingly).
    package var line: Int
    /// The column at fault (lowercased header name), `nil` when the row as a whole is wrong.
    package var column: String?
    /// What is wrong: `'12,5x' is not a price`.
    package var message: String

    /// Makes a problem.
    /// - Parameters:
    ///   - file: The file name or path.
    ///   - line: The 1-based line where the row starts.
    ///   - column: The column at fault, if one.
    ///   - message: What is wrong.
    package init(file: String, line: Int, column: String?, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `orders.csv:14: column unit_price: '12,5x' is not a price`.
    package var description: String {
        if let column {
            return "\(file):\(line): column \(column): \(message)"
        }
        return "\(file):\(line): \(message)"
    }
}
