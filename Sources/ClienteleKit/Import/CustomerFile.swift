/// Reads customers.csv: one row per customer, `customer_id` required, every other column an
/// attribute, except personal columns, which are dropped unread.
package enum CustomerFile {
    /// Reads the customers file at `path`.
    ///
    /// Column names are matched case-insensitively after trimming; values are trimmed. Rows with
    /// an empty `customer_id`, a `customer_id` already seen on an earlier (kept) row, or another
    /// cell count than the header are skipped and reported. Columns that `PersonalColumns`
    /// calls personal (names, emails, phones, addresses, birth dates, IPs, passwords; not
    /// `*_sha256`/`*_hash`) are listed in `droppedColumns` and never read into a record; columns
    /// with an empty header name are ignored.
    ///
    /// Cost: linear in the file; one dictionary entry per customer for duplicate detection.
    ///
    /// - Parameter path: The file to read.
    /// - Returns: The customers, the skipped rows, and the dropped columns.
    /// - Throws: `CSVFileError` when the file cannot be read, is not UTF-8, is empty, has no
    ///   `customer_id` column, or names a kept column twice.
    package static func read(path: String) throws(CSVFileError) -> CSVImport<CustomerRecord> {
        var reader = try CSVRowReader(path: path)
        let id = try reader.requiredColumn("customer_id")
        var attributes: [CSVColumn] = []
        var dropped: [String] = []
        for (index, name) in reader.columns.enumerated() where index != id.index && !name.isEmpty {
            if PersonalColumns.isPersonal(reader.headerNames[index]) {
                if !dropped.contains(name) { dropped.append(name) }
            } else {
                // Throws for a kept column named twice.
                guard let column = try reader.optionalColumn(name) else { continue }
                attributes.append(column)
            }
        }
        var firstLine: [String: Int] = [:]
        return reader.importRows(droppedColumns: dropped) { row throws(CSVRowRejection) in
            let customerID = try row.required(id)
            if let first = firstLine[customerID] {
                throw CSVRowRejection(id, "duplicate customer_id, first on line \(first)")
            }
            firstLine[customerID] = row.line
            var values: [String: String] = [:]
            values.reserveCapacity(attributes.count)
            for column in attributes {
                values[column.name] = row.value(column)
            }
            return CustomerRecord(customerID: customerID, attributes: values)
        }
    }
}
