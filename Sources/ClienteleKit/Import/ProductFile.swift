/// Reads products.csv: `sku` (required), `name`, `category`, `price`.
package enum ProductFile {
    /// Reads the products file at `path`.
    ///
    /// Only the `sku` column is required in the header; a missing `name` or `category` column
    /// reads as empty, a missing `price` column as no price. Values are trimmed. Rows with an
    /// empty sku, a sku already seen on an earlier (kept) row, a price that is not a
    /// non-negative amount with at most two decimals (`12`, `12.5`, `0.99`; an empty price is
    /// allowed), or another cell count than the header are skipped and reported. Other columns
    /// are ignored and listed in `droppedColumns`.
    ///
    /// Cost: linear in the file; one dictionary entry per product for duplicate detection.
    ///
    /// - Parameter path: The file to read.
    /// - Returns: The products and the skipped rows.
    /// - Throws: `CSVFileError` when the file cannot be read, is not UTF-8, is empty, has no
    ///   `sku` column, or names one of its columns twice.
    package static func read(path: String) throws(CSVFileError) -> CSVImport<ProductRecord> {
        var reader = try CSVRowReader(path: path)
        let sku = try reader.requiredColumn("sku")
        let name = try reader.optionalColumn("name")
        let category = try reader.optionalColumn("category")
        let price = try reader.optionalColumn("price")
        let dropped = reader.columns(notIn: [sku, name, category, price].compactMap { $0 })
        var firstLine: [String: Int] = [:]
        return reader.importRows(droppedColumns: dropped) { row throws(CSVRowRejection) in
            let skuValue = try row.required(sku)
            var priceCents: Int64?
            let priceText = row.value(price)
            if !priceText.isEmpty {
                guard let cents = CSVValueParser.cents(priceText) else {
                    throw CSVRowRejection(price, "\(priceText.csvExcerpt) is not a price")
                }
                priceCents = cents
            }
            if let first = firstLine[skuValue] {
                throw CSVRowRejection(sku, "duplicate sku, first on line \(first)")
            }
            firstLine[skuValue] = row.line
            return ProductRecord(
                sku: skuValue, name: row.value(name), category: row.value(category), priceCents: priceCents)
        }
    }
}
