/// One line item from orders.csv: which customer bought how many of a product, when, at what
/// unit price.
package struct OrderLine: Sendable, Equatable {
    /// The order this line belongs to (trimmed, never empty).
    package var orderID: String
    /// The customer who placed the order (trimmed, never empty).
    package var customerID: String
    /// When the order was placed, in microseconds since 1970-01-01T00:00:00Z.
    package var orderedAt: Int64
    /// The product's sku (trimmed, never empty).
    package var sku: String
    /// How many units were bought (at least 1).
    package var quantity: Int
    /// The price of one unit in cents (exact: `12.5` is 1250).
    package var unitPriceCents: Int64

    /// Makes a line item.
    /// - Parameters:
    ///   - orderID: The order id.
    ///   - customerID: The customer id.
    ///   - orderedAt: Microseconds since the epoch, UTC.
    ///   - sku: The product's sku.
    ///   - quantity: Units bought.
    ///   - unitPriceCents: Price of one unit in cents.
    package init(
        orderID: String, customerID: String, orderedAt: Int64, sku: String, quantity: Int, unitPriceCents: Int64
    ) {
        self.orderID = orderID
        self.customerID = customerID
        self.orderedAt = orderedAt
        self.sku = sku
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
    }
}
