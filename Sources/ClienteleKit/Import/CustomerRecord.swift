/// One customer from customers.csv: the id and the analytic attributes the file carries.
///
/// Personal columns (names, email addresses, phone numbers, postal addresses, birth dates, IP
/// addresses, passwords) are never kept; see `CustomerFile` for the rule.
package struct CustomerRecord: Sendable, Equatable {
    /// The shop's customer id (trimmed, never empty).
    package var customerID: String
    /// Attribute values by lowercased, trimmed column name (`segment`, `region`,
    /// `email_sha256`); values trimmed, possibly empty. Never contains `customer_id`.
    package var attributes: [String: String]

    /// Makes a record.
    /// - Parameters:
    ///   - customerID: The customer id.
    ///   - attributes: Attribute values by lowercased column name.
    package init(customerID: String, attributes: [String: String] = [:]) {
        self.customerID = customerID
        self.attributes = attributes
    }
}
