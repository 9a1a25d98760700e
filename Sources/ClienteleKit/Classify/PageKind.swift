/// What a page request is, for the customer: a product view, an add-to-cart, a completed
/// checkout, and so on. Made by `SiteProfile.classify(path:query:)` for requests that are not
/// static assets (see `AssetClassifier`).
///
/// Identifiers are what the URL carries, not what the shop's own files call them: a
/// WooCommerce `sku` is the product's slug, a Shopify `sku` its handle (or a variant id on
/// cart adds), a Magento `sku` its URL key or entity id. Joining them to `products.csv` is a
/// later stage's job.
///
/// JSON (synthesised `Codable`): `{"product":{"sku":"blue-mug"}}`, `{"login":{}}`.
package enum PageKind: Sendable, Hashable, Codable {
    /// A product detail page; `sku` as the URL names the product.
    case product(sku: String)
    /// A category, collection or product listing page; `name` may contain `/` for nested
    /// categories (`men/shoes`).
    case category(name: String)
    /// A blog post or other editorial page; `slug` may contain `/` when a profile captures
    /// several path segments.
    case article(slug: String)
    /// A search results page; `term` is the decoded, trimmed search text (never empty).
    case search(term: String)
    /// An add-to-cart request; `sku` is empty when the URL does not carry it (POSTs whose
    /// body is not logged), `quantity` is 1 when absent or unreadable.
    case cartAdd(sku: String, quantity: Int)
    /// A completed checkout (thank-you or order-confirmation page); `orderID` is empty when
    /// the URL does not carry it (Magento keeps it in the session).
    case checkoutComplete(orderID: String)
    /// A login page or login form submission.
    case login
    /// A sign-up page or sign-up form submission.
    case register
    /// Any other page.
    case other

    /// The kind's stable snake_case name, as used in reports and in profile TOML files:
    /// `product`, `category`, `article`, `search`, `cart_add`, `checkout_complete`, `login`,
    /// `register`, `other`.
    package var name: String { tag.name }

    /// `name` as a literal, for binding without a copy.
    package var staticName: StaticString { tag.staticName }
}

extension PageKind {
    /// A kind without its values, in one byte: what the reports keep per pageview.
    package enum Tag: UInt8, CaseIterable, Sendable {
        case product, category, article, search, cartAdd, checkoutComplete, login, register, other

        /// The kind's `name` (`cart_add`).
        package var name: String { String(describing: staticName) }

        /// `name` as a literal.
        package var staticName: StaticString {
            switch self {
            case .product: "product"
            case .category: "category"
            case .article: "article"
            case .search: "search"
            case .cartAdd: "cart_add"
            case .checkoutComplete: "checkout_complete"
            case .login: "login"
            case .register: "register"
            case .other: "other"
            }
        }

        /// The tag whose `name` is `name`; `nil` for any other text.
        package init?(name: String) {
            self.init(nameBytes: Array(name.utf8))
        }

        /// The tag whose `name` has the UTF-8 bytes `bytes`; `nil` for any other text. Compares
        /// lengths and first bytes before whole names (the report loader calls it once per row).
        package init?<Bytes: Collection<UInt8>>(nameBytes bytes: Bytes) {
            guard let first = bytes.first else { return nil }
            for tag in Self.allCases {
                let name = tag.staticName
                guard name.utf8CodeUnitCount == bytes.count, name.utf8Start.pointee == first else { continue }
                if UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount).elementsEqual(bytes) {
                    self = tag
                    return
                }
            }
            return nil
        }
    }

    /// This kind's tag.
    package var tag: Tag {
        switch self {
        case .product: .product
        case .category: .category
        case .article: .article
        case .search: .search
        case .cartAdd: .cartAdd
        case .checkoutComplete: .checkoutComplete
        case .login: .login
        case .register: .register
        case .other: .other
        }
    }
}
