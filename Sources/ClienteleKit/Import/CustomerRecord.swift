import Foundation

/// One customer from customers.csv: the id and the analytic attributes the file carries.
///
/// Personal columns (names, email addresses, phone numbers, postal addresses, birth dates, IP
/// addresses, passwords) are never kept; see `CustomerFile` for the rule.
package struct CustomerRecord: Sendable, Equatable {
    /// The shop's customer id (trimmed, never empty).
    package var customerID: String
    /// Attribute values by lowercased, trimmed column name (`segment`, `region`,
    /// `email_sha256`); values trimmed, possibly empty. Never contains `customer_id`.
    package let attributes: [String: String]
    /// `attributes` as the JSON object the store keeps, made when the file is read (on the
    /// thread that reads it, not in the ingest's transaction).
    package let attributesJSON: String

    /// Makes a record.
    /// - Parameters:
    ///   - customerID: The customer id.
    ///   - attributes: Attribute values by lowercased column name.
    package init(customerID: String, attributes: [String: String] = [:]) {
        self.customerID = customerID
        self.attributes = attributes
        attributesJSON = Self.jsonObject(attributes)
    }

    /// A JSON object of string values with sorted keys (what `JSONEncoder` with `.sortedKeys`
    /// writes, without its per-row cost: 50,000 customers took a quarter of a second).
    static func jsonObject(_ values: [String: String]) -> String {
        var out = "{"
        for (i, key) in values.keys.sorted().enumerated() {
            if i > 0 { out += "," }
            appendJSONString(key, to: &out)
            out += ":"
            appendJSONString(values[key]!, to: &out)
        }
        return out + "}"
    }

    private static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        defer { out += "\"" }
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
