import CSV
import Foundation

/// Reads an import file's rows after its header, with the physical line each row starts on.
///
/// The whole file is read and checked to be UTF-8 up front (a byte-order mark is skipped);
/// `CSVReader` (RFC 4180: quoted values with commas, quotes and line breaks; CRLF, LF or CR
/// line ends) splits it into rows. Rows whose cells are all blank are skipped silently.
///
/// Cost: the file is held in memory once as bytes and once as a `String` while reading; each
/// row costs its cells' `String`s and one scan of them for line breaks. Linear in the file.
struct CSVRowReader {
    /// The file as given by the caller, for messages.
    let file: String
    /// The header's column names, trimmed and lowercased, in file order.
    let columns: [String]
    /// The header's column names, trimmed, as written (for `PersonalColumns`, which reads
    /// camelCase word boundaries).
    let headerNames: [String]
    /// The header's column positions by name (all positions, to detect duplicates).
    private let positions: [String: [Int]]
    /// The parser, positioned after the header.
    private let reader: CSVReader
    /// The physical line on which the next row starts.
    private var nextLine: Int

    /// Opens `path` and reads its header row (the first row that is not blank).
    /// - Throws: `CSVFileError` when the file cannot be read, is not UTF-8, or has no header.
    init(path: String) throws(CSVFileError) {
        file = path
        let bytes = try Self.contents(of: path)
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = bytes[bomLength...]
        guard let text = String(validating: body, as: UTF8.self) else {
            let line = Self.lineOfFirstInvalidByte(in: body)
            throw CSVFileError(
                .notUTF8, file: path, line: line,
                message: "not valid UTF-8 text; save the file as UTF-8")
        }
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            // Without a header row to read, CSVReader(string:) has nothing that can fail.
            throw CSVFileError(.unreadable, file: path, message: "cannot parse as CSV: \(error)")
        }
        nextLine = 1
        var header: [String]?
        while let cells = reader.next() {
            nextLine += 1 + Self.lineBreaks(in: cells)
            if !cells.allSatisfy({ $0.csvTrimmed.isEmpty }) {
                header = cells
                break
            }
        }
        guard let header else {
            throw CSVFileError(.empty, file: path, message: "the file is empty; a header row is required")
        }
        headerNames = header.map(\.csvTrimmed)
        columns = headerNames.map { $0.lowercased() }
        var positions: [String: [Int]] = [:]
        for (index, name) in columns.enumerated() where !name.isEmpty {
            positions[name, default: []].append(index)
        }
        self.positions = positions
    }

    /// The position of a column the file must have.
    /// - Throws: `CSVFileError` with `missingColumn` when the header lacks `name`, or
    ///   `duplicateColumn` when it has it twice.
    func requiredColumn(_ name: String) throws(CSVFileError) -> CSVColumn {
        guard let column = try optionalColumn(name) else {
            // The header is not echoed: in a file without one, the first row is customer data.
            throw CSVFileError(
                .missingColumn, file: file, column: name,
                message: "required column '\(name)' is missing from the header row")
        }
        return column
    }

    /// The position of a column the file may have; `nil` when the header lacks it.
    /// - Throws: `CSVFileError` with `duplicateColumn` when the header has `name` twice.
    func optionalColumn(_ name: String) throws(CSVFileError) -> CSVColumn? {
        guard let found = positions[name] else { return nil }
        guard found.count == 1 else {
            throw CSVFileError(
                .duplicateColumn, file: file, column: name,
                message: "column '\(name)' appears \(found.count) times in the header")
        }
        return CSVColumn(name: name, index: found[0])
    }

    /// The next row that is not blank, or `nil` at the end of the file.
    mutating func next() -> CSVRow? {
        while let cells = reader.next() {
            let line = nextLine
            nextLine += 1 + Self.lineBreaks(in: cells)
            if cells.allSatisfy({ $0.csvTrimmed.isEmpty }) { continue }
            return CSVRow(line: line, cells: cells)
        }
        return nil
    }

    /// Reads every remaining row: rows with as many cells as the header go to `convert`; what
    /// it returns is kept, what it rejects (and rows with another cell count) become problems.
    /// - Parameters:
    ///   - droppedColumns: The columns not kept, for the result.
    ///   - convert: Makes a row's record, or throws why the row is skipped.
    mutating func importRows<Row: Sendable>(
        droppedColumns: [String],
        _ convert: (CSVRow) throws(CSVRowRejection) -> Row
    ) -> CSVImport<Row> {
        var result = CSVImport<Row>(droppedColumns: droppedColumns)
        while let row = next() {
            guard row.cells.count == columns.count else {
                let cells = row.cells.count == 1 ? "1 cell" : "\(row.cells.count) cells"
                let header = columns.count == 1 ? "1 column" : "\(columns.count) columns"
                let message = "the row has \(cells) but the header has \(header)"
                result.problems.append(CSVProblem(file: file, line: row.line, column: nil, message: message))
                continue
            }
            do {
                result.rows.append(try convert(row))
            } catch {
                result.problems.append(
                    CSVProblem(file: file, line: row.line, column: error.column, message: error.message))
            }
        }
        return result
    }

    /// The columns of the header not in `used` (non-empty names, in header order).
    func columns(notIn used: [CSVColumn]) -> [String] {
        let usedIndices = Set(used.map(\.index))
        return columns.indices.filter { !usedIndices.contains($0) && !columns[$0].isEmpty }.map { columns[$0] }
    }

    /// Line breaks inside a row's cells (CRLF, LF or a lone CR counts one, as `CSVReader` does
    /// for row ends). A row spans this many lines plus its own line end.
    private static func lineBreaks(in cells: [String]) -> Int {
        var count = 0
        for cell in cells {
            var afterCR = false
            for byte in cell.utf8 {
                switch byte {
                case UInt8(ascii: "\r"):
                    count += 1
                    afterCR = true
                case UInt8(ascii: "\n"):
                    if !afterCR { count += 1 }
                    afterCR = false
                default:
                    afterCR = false
                }
            }
        }
        return count
    }

    /// The 1-based line holding the first byte that is not part of valid UTF-8.
    private static func lineOfFirstInvalidByte(in bytes: ArraySlice<UInt8>) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = bytes.startIndex
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: break loop
            }
        }
        return 1 + bytes[..<offset].reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    }

    /// The bytes of the file at `path`.
    private static func contents(of path: String) throws(CSVFileError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVFileError(.unreadable, file: path, message: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_size > 0 {
            bytes.reserveCapacity(Int(info.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            // Safe because read(2) writes at most `count` bytes into the chunk's own storage.
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: chunk[..<n])
            } else if n == 0 {
                return bytes
            } else if errno != EINTR {
                throw CSVFileError(.unreadable, file: path, message: "cannot read: \(String(cString: strerror(errno)))")
            }
        }
    }
}
