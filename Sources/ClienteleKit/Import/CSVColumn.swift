/// A header column an import reads: its lowercased name and position.
struct CSVColumn {
    /// The column's trimmed, lowercased name.
    let name: String
    /// The column's position in the header (and in each row).
    let index: Int
}
