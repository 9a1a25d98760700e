/// One product from products.csv.
package struct ProductRecord: Sendable, Equatable {
    /// The product's sku (trimmed, never empty; unique in the file).
    package var sku: String
    /// The product's name (trimmed; empty when the file has none).
    package var name: String
    /// The product's category (trimmed; empty when the file has none).
    package var category: String
    /// The list price in cents, `nil` when the file gives none.
    package var priceCents: Int64?

    /// Makes a product.
    /// - Parameters:
    ///   - sku: The sku.
    ///   - name: The name, possibly empty.
    ///   - category: The category, possibly empty.
    ///   - priceCents: The price in cents, if known.
    package init(sku: String, name: String, category: String, priceCents: Int64?) {
        self.sku = sku
        self.name = name
        self.category = category
        self.priceCents = priceCents
    }
}
