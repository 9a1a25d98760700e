/// Reads orders.csv: one row per line item, `order_id, customer_id, ordered_at, sku, quantity,
/// unit_price`.
package enum OrderFile {
    /// Reads the orders file at `path`.
    ///
    /// All six columns are required in the header; values are trimmed and none may be empty.
    /// A row is skipped and reported when:
    /// - it has another cell count than the header, or a value is empty;
    /// - `ordered_at` is not ISO-8601 (`2026-11-03T14:05:00Z`, `…+01:00`, fractional seconds,
    ///   or a plain date meaning midnight UTC; a time without `Z` or an offset is refused, see
    ///   `CSVValueParser.timestamp(_:)`);
    /// - `quantity` is not a whole number of at least 1;
    /// - `unit_price` is not a non-negative amount with at most two decimals;
    /// - the same (order_id, sku) pair is on an earlier kept row;
    /// - the order_id is on an earlier kept row with another customer_id.
    /// Other columns are ignored and listed in `droppedColumns`.
    ///
    /// Cost: linear in the file; one dictionary entry per line item and one per order for the
    /// duplicate and consistency checks (fine for millions of rows).
    ///
    /// - Parameter path: The file to read.
    /// - Returns: The line items and the skipped rows.
    /// - Throws: `CSVFileError` when the file cannot be read, is not UTF-8, is empty, lacks one
    ///   of the columns, or names one twice.
    package static func read(path: String) throws(CSVFileError) -> CSVImport<OrderLine> {
        var reader = try CSVRowReader(path: path)
        let order = try reader.requiredColumn("order_id")
        let customer = try reader.requiredColumn("customer_id")
        let orderedAt = try reader.requiredColumn("ordered_at")
        let sku = try reader.requiredColumn("sku")
        let quantity = try reader.requiredColumn("quantity")
        let unitPrice = try reader.requiredColumn("unit_price")
        let dropped = reader.columns(notIn: [order, customer, orderedAt, sku, quantity, unitPrice])
        var itemLines: [LineItemKey: Int] = [:]
        var orderOwners: [String: (customerID: String, line: Int)] = [:]
        return reader.importRows(droppedColumns: dropped) { row throws(CSVRowRejection) in
            let orderID = try row.required(order)
            let customerID = try row.required(customer)
            let timeText = try row.required(orderedAt)
            let skuValue = try row.required(sku)
            let quantityText = try row.required(quantity)
            let priceText = try row.required(unitPrice)
            let micros: Int64
            switch CSVValueParser.timestamp(timeText) {
            case .micros(let value):
                micros = value
            case .missingZone:
                throw CSVRowRejection(
                    orderedAt, "\(timeText.csvExcerpt) has no time zone (add Z for UTC or an offset like +01:00)")
            case .invalid:
                throw CSVRowRejection(
                    orderedAt, "\(timeText.csvExcerpt) is not an ISO-8601 date or time (like 2026-11-03T14:05:00Z)")
            }
            guard let units = CSVValueParser.positiveInteger(quantityText) else {
                throw CSVRowRejection(quantity, "\(quantityText.csvExcerpt) is not a whole number of at least 1")
            }
            guard let cents = CSVValueParser.cents(priceText) else {
                throw CSVRowRejection(unitPrice, "\(priceText.csvExcerpt) is not a price")
            }
            let key = LineItemKey(orderID: orderID, sku: skuValue)
            if let first = itemLines[key] {
                throw CSVRowRejection(sku, "duplicate order_id and sku, first on line \(first)")
            }
            if let owner = orderOwners[orderID], owner.customerID != customerID {
                throw CSVRowRejection(customer, "order_id has another customer_id on line \(owner.line)")
            }
            itemLines[key] = row.line
            if orderOwners[orderID] == nil {
                orderOwners[orderID] = (customerID, row.line)
            }
            return OrderLine(
                orderID: orderID, customerID: customerID, orderedAt: micros, sku: skuValue, quantity: units,
                unitPriceCents: cents)
        }
    }

    /// An (order_id, sku) pair, the identity of a line item.
    private struct LineItemKey: Hashable {
        var orderID: String
        var sku: String
    }
}
