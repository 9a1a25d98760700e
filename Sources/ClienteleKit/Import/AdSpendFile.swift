/// Reads ad_spend.csv: `date` (`YYYY-MM-DD`), `source`, `medium`, `campaign`, `cost`.
package enum AdSpendFile {
    /// Reads the ad spend file at `path`.
    ///
    /// All five columns are required in the header. Values are trimmed. Rows with an empty
    /// date, source, medium or cost, a date that is not a real `YYYY-MM-DD` day, a cost that
    /// is not a non-negative amount with at most two decimals, or another cell count than the
    /// header are skipped and reported. `campaign` may be empty. Other columns are ignored and
    /// listed in `droppedColumns`. Repeated (date, source, medium, campaign) rows are all kept.
    ///
    /// Cost: linear in the file.
    ///
    /// - Parameter path: The file to read.
    /// - Returns: The spend records and the skipped rows.
    /// - Throws: `CSVFileError` when the file cannot be read, is not UTF-8, is empty, lacks one
    ///   of the columns, or names one twice.
    package static func read(path: String) throws(CSVFileError) -> CSVImport<AdSpendRecord> {
        var reader = try CSVRowReader(path: path)
        let date = try reader.requiredColumn("date")
        let source = try reader.requiredColumn("source")
        let medium = try reader.requiredColumn("medium")
        let campaign = try reader.requiredColumn("campaign")
        let cost = try reader.requiredColumn("cost")
        let dropped = reader.columns(notIn: [date, source, medium, campaign, cost])
        return reader.importRows(droppedColumns: dropped) { row throws(CSVRowRejection) in
            let day = try row.required(date)
            let sourceValue = try row.required(source)
            let mediumValue = try row.required(medium)
            let costText = try row.required(cost)
            guard CSVValueParser.date(day) != nil else {
                throw CSVRowRejection(date, "\(day.csvExcerpt) is not a date (YYYY-MM-DD)")
            }
            guard let costCents = CSVValueParser.cents(costText) else {
                throw CSVRowRejection(cost, "\(costText.csvExcerpt) is not an amount")
            }
            return AdSpendRecord(
                date: day, source: sourceValue, medium: mediumValue, campaign: row.value(campaign),
                costCents: costCents)
        }
    }
}
