/// One data row of an import file: its cells and the physical line it starts on.
struct CSVRow {
    /// The 1-based line on which the row starts.
    let line: Int
    /// The cells as parsed (unquoted, untrimmed), as many as the header has columns once the
    /// reader has checked the count.
    let cells: [String]

    /// The trimmed value in `column` (empty when the column is absent).
    func value(_ column: CSVColumn?) -> String {
        guard let column else { return "" }
        return cells[column.index].csvTrimmed
    }

    /// The trimmed value in `column`.
    /// - Throws: `CSVRowRejection` when it is empty.
    func required(_ column: CSVColumn) throws(CSVRowRejection) -> String {
        let text = value(column)
        guard !text.isEmpty else { throw CSVRowRejection(column, "the value is empty") }
        return text
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII or Unicode) and line breaks.
    /// Cost: two byte checks when there is nothing to trim.
    var csvTrimmed: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        func plain(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x80 }
        if plain(first) && plain(last) { return self }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }

    /// The string for quoting in a message: at most 40 characters, line breaks as spaces.
    var csvExcerpt: String {
        let limit = 40
        var excerpt = String(prefix(limit).map { $0.isNewline ? " " : $0 })
        if count > limit { excerpt += "…" }
        return "'" + excerpt + "'"
    }
}
