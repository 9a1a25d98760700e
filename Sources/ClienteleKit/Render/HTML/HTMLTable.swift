/// A data table of a report page: a caption, column headers (`<th scope="col">`), and cells
/// that know their kind, so numbers are right-aligned and carry a `data-sort` key for the
/// page's sorting script. Wrapped in a horizontally scrolling region for narrow screens.
package struct HTMLTable: Sendable {
    /// One column: its header and whether it holds numbers (right-aligned, sorted numerically).
    package struct Column: Sendable {
        /// The header text.
        package var title: String
        /// Whether the column holds numbers (right-aligned, sorted numerically).
        package var numeric: Bool

        /// A text column.
        package static func text(_ title: String) -> Column { Column(title: title, numeric: false) }
        /// A number column.
        package static func number(_ title: String) -> Column { Column(title: title, numeric: true) }
    }

    /// One cell.
    package enum Cell: Sendable {
        /// Text (log-derived text is fine: it is escaped).
        case text(String)
        /// Text in a monospace font: paths, skus, ids.
        case code(String)
        /// An integer with thousands separators.
        case count(Int)
        /// Money with two decimals.
        case money(Money)
        /// A fraction shown as a percentage with one decimal; `nil` is "–".
        case rate(Double?)
        /// A number with the given decimals; `nil` is "–".
        case decimal(Double?, digits: Int)
        /// A duration in seconds (`1m35s`); `nil` is "–".
        case seconds(Double?)
        /// A change as a signed percentage; `nil` is "n/a".
        case change(Double?)
        /// Text linking to a file next to the page (not linked when the name is unsafe).
        case link(HTMLFileName?, String)

        var isNumber: Bool {
            switch self {
            case .text, .code, .link: false
            default: true
            }
        }

        var display: String {
            switch self {
            case .text(let s), .code(let s), .link(_, let s): s
            case .count(let n): HTMLNumberFormat.count(n)
            case .money(let m): m.text
            case .rate(let r): HTMLNumberFormat.rate(r)
            case .decimal(let x, let digits): HTMLNumberFormat.decimal(x, digits: digits)
            case .seconds(let s): HTMLNumberFormat.duration(s)
            case .change(let c): HTMLNumberFormat.change(c)
            }
        }

        /// The `data-sort` key of number cells (`nil` for text, which sorts by its text).
        var sortKey: String? {
            switch self {
            case .text, .code, .link: nil
            case .count(let n): String(n)
            case .money(let m): String(m.cents)
            case .rate(let x), .decimal(let x, _), .seconds(let x), .change(let x): HTMLNumberFormat.sortKey(x)
            }
        }
    }

    /// The table's caption (visible, also the scroll region's label).
    package var caption: String
    /// The column headers.
    package var columns: [Column]
    /// The rows, each with one cell per column.
    package var rows: [[Cell]]
    /// A sentence under the table (what the rows are, how many are shown).
    package var note: String?

    /// Makes a table.
    /// - Parameters:
    ///   - caption: The visible caption.
    ///   - columns: Column headers.
    ///   - rows: Rows of cells, each as many as `columns`.
    ///   - note: An optional sentence under the table.
    package init(caption: String, columns: [Column], rows: [[Cell]], note: String? = nil) {
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.note = note
    }

    /// Writes the table, or its caption and "No data in this period." when there are no rows.
    /// - Parameter w: The page being written.
    package func write(to w: inout HTMLWriter) {
        guard !rows.isEmpty else {
            w.open("div", HTMLAttribute("class", "table-empty"))
            w.element("p", HTMLAttribute("class", "table-title"), text: caption)
            w.element("p", HTMLAttribute("class", "no-data"), text: HTMLReportRenderer.noDataMessage)
            w.close("div")
            return
        }
        w.open(
            "div", HTMLAttribute("class", "table-wrap"), HTMLAttribute("role", "region"),
            HTMLAttribute("aria-label", caption), HTMLAttribute("tabindex", "0"))
        w.open("table", HTMLAttribute("class", "sortable"))
        w.element("caption", text: caption)
        w.markup("<thead><tr>")
        for c in columns {
            if c.numeric {
                w.element("th", HTMLAttribute("scope", "col"), HTMLAttribute("class", "num"), text: c.title)
            } else {
                w.element("th", HTMLAttribute("scope", "col"), text: c.title)
            }
        }
        w.markup("</tr></thead><tbody>")
        for row in rows {
            w.markup("<tr>")
            for cell in row {
                write(cell, to: &w)
            }
            w.markup("</tr>")
        }
        w.markup("</tbody></table>")
        w.close("div")
        if let note { w.element("p", HTMLAttribute("class", "note"), text: note) }
    }

    private func write(_ cell: Cell, to w: inout HTMLWriter) {
        switch cell {
        case .code(let s):
            w.markup("<td><code>")
            w.text(s)
            w.markup("</code></td>")
        case .link(let file, let s):
            w.markup("<td>")
            w.link(to: file, text: s)
            w.markup("</td>")
        case .text(let s):
            w.element("td", text: s)
        default:
            w.element(
                "td", HTMLAttribute("class", "num"), HTMLAttribute("data-sort", cell.sortKey ?? ""), text: cell.display)
        }
    }
}
