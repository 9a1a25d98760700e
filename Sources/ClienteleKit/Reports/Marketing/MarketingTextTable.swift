/// Aligned plain-text tables for the marketing report's terminal output.
package enum MarketingTextTable {
    /// Lays out a table: the header, a rule, then the rows; the first column is left-aligned, the others
    /// right-aligned; columns are separated by two spaces.
    /// - Parameters:
    ///   - header: Column titles.
    ///   - rows: Cells, one array per row, as many as the header.
    /// - Returns: The lines, without trailing spaces.
    package static func lines(header: [String], rows: [[String]]) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for (i, cell) in cells.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { out += "  " }
                out += i == 0 ? cell + pad : pad + cell
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        return [line(header), String(repeating: "-", count: widths.reduce(0, +) + 2 * max(0, widths.count - 1))]
            + rows.map(line)
    }
}
