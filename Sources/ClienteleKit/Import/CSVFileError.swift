/// An import file that was refused as a whole: it cannot be read, is not UTF-8, has no header
/// row, or its header lacks a required column (or names a column it reads twice).
///
/// The message names the file and what to fix; it never quotes the file's data rows.
package struct CSVFileError: Error, Sendable, CustomStringConvertible {
    /// Why the file was refused.
    package enum Code: Sendable, Equatable {
        /// The file cannot be opened or read (missing, a directory, no permission).
        case unreadable
        /// The file is not valid UTF-8.
        case notUTF8
        /// The file has no header row (it is empty or blank).
        case empty
        /// A required column is missing from the header.
        case missingColumn
        /// A column the reader uses appears more than once in the header.
        case duplicateColumn
    }

    /// Why the file was refused.
    package var code: Code
    /// The file as given to the reader.
    package var file: String
    /// The line at fault, when there is one (the first line that is not UTF-8).
    package var line: Int?
    /// The column at fault (lowercased), for `missingColumn` and `duplicateColumn`.
    package var column: String?
    /// What is wrong, without the file name.
    package var message: String

    /// Makes an error.
    /// - Parameters:
    ///   - code: Why the file was refused.
    ///   - file: The file name or path.
    ///   - line: The line at fault, if any.
    ///   - column: The column at fault, if any.
    ///   - message: What is wrong.
    package init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `orders.csv: required column 'unit_price' is missing from the header row`.
    package var description: String {
        if let line {
            return "\(file):\(line): \(message)"
        }
        return "\(file): \(message)"
    }
}
