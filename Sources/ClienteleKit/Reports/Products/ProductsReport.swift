import Foundation

/// The merchandising report: what customers view, put in the cart and buy, what they buy
/// together and what they buy next. Built by `ProductsReportBuilder`; the JSON is the contract.
package struct ProductsReport: DepartmentReport, Equatable {
    /// The report's name on the command line.
    package static let name = "products"
    /// Bumped when a key changes meaning or disappears.
    package static let currentSchemaVersion = 1

    /// JSON `schema_version`: the contract's version (1).
    package var schemaVersion = ProductsReport.currentSchemaVersion
    /// JSON `report`: the report's name.
    package var report = ProductsReport.name
    /// The period covered, `[from, to)` in whole UTC days.
    package var period: ReportPeriod
    /// How far to trust the numbers: identified sessions, matched orders, exclusions.
    package var coverage: ReportCoverage
    /// The options the report was built with.
    package var options: ProductsReportOptions
    /// Two or three plain-words sentences with the headline numbers.
    package var headline: [String]
    /// Views, cart adds and orders over all products.
    package var funnel: Funnel
    /// Distinct skus seen in the period (also those beyond `top`).
    package var productsTotal: Int
    /// By revenue, then purchases, then views (descending), ties by sku; at most `top`.
    package var products: [Product]
    /// By revenue, then purchases, then views (descending), ties by category; at most `top`.
    package var categories: [Category]
    /// The least views a product needs to be listed in `view_not_buy`.
    package var viewNotBuyThreshold: Double
    /// By view→purchase ratio (ascending), then views (descending), then sku; at most `top`.
    package var viewNotBuy: [ViewNotBuy]
    /// By count (descending), then lift (descending), then a, b; at most `top`.
    package var pairs: [Pair]
    /// Category pairs bought together, sorted like `pairs`.
    package var categoryPairs: [Pair]
    /// By customers (descending), then rate (descending), then first, then; at most `top`.
    package var sequences: [PurchaseSequence]
    /// Categories bought in sequence, sorted like `sequences`.
    package var categorySequences: [PurchaseSequence]
    /// What every number means, by JSON key.
    package var definitions: [String: String]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case report, period, coverage, options, headline, funnel
        case productsTotal = "products_total"
        case products, categories
        case viewNotBuyThreshold = "view_not_buy_threshold"
        case viewNotBuy = "view_not_buy"
        case pairs
        case categoryPairs = "category_pairs"
        case sequences
        case categorySequences = "category_sequences"
        case definitions
    }

    /// Views, cart adds and orders over all products.
    package struct Funnel: Codable, Sendable, Equatable {
        /// Product pageviews in the period.
        package var views: Int
        /// Cart-add pageviews in the period.
        package var cartAdds: Int
        /// Orders in the period containing it.
        package var purchases: Int

        enum CodingKeys: String, CodingKey {
            case views
            case cartAdds = "cart_adds"
            case purchases
        }
    }

    /// One sku.
    package struct Product: Codable, Sendable, Equatable {
        /// The product id.
        package var sku: String
        /// From products.csv; empty when the sku is not there.
        package var name: String
        /// From products.csv; `(unknown)` when the sku is not there or has no category.
        package var category: String
        /// Product pageviews in the period.
        package var views: Int
        /// Cart-add pageviews in the period.
        package var cartAdds: Int
        /// Orders in the period containing it.
        package var purchases: Int
        /// Sum of quantities ordered in the period.
        package var units: Int
        /// Distinct customers of those orders.
        package var buyers: Int
        /// Customers with two or more of those orders.
        package var repeatBuyers: Int
        /// Sum of quantity × unit price of its order lines in the period.
        package var revenue: Money
        /// `nil` (JSON null) when the product had no views; so is the next.
        package var viewToCartRate: Double?
        /// purchases / views; `nil` (JSON null) without views; may exceed 1.
        package var viewToPurchaseRate: Double?

        enum CodingKeys: String, CodingKey {
            case sku, name, category, views
            case cartAdds = "cart_adds"
            case purchases, units, buyers
            case repeatBuyers = "repeat_buyers"
            case revenue
            case viewToCartRate = "view_to_cart_rate"
            case viewToPurchaseRate = "view_to_purchase_rate"
        }

        /// Encodes every key, writing `null` for missing rates.
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sku, forKey: .sku)
            try c.encode(name, forKey: .name)
            try c.encode(category, forKey: .category)
            try c.encode(views, forKey: .views)
            try c.encode(cartAdds, forKey: .cartAdds)
            try c.encode(purchases, forKey: .purchases)
            try c.encode(units, forKey: .units)
            try c.encode(buyers, forKey: .buyers)
            try c.encode(repeatBuyers, forKey: .repeatBuyers)
            try c.encode(revenue, forKey: .revenue)
            try c.encode(viewToCartRate, forKey: .viewToCartRate)
            try c.encode(viewToPurchaseRate, forKey: .viewToPurchaseRate)
        }
    }

    /// One category (products.csv), the same figures as `Product` over its skus.
    package struct Category: Codable, Sendable, Equatable {
        /// The category name (`(unknown)` when the sku is not in products.csv).
        package var category: String
        /// Distinct skus of the category seen in the period.
        package var products: Int
        /// Product pageviews in the period.
        package var views: Int
        /// Cart-add pageviews in the period.
        package var cartAdds: Int
        /// Orders in the period containing it.
        package var purchases: Int
        /// Sum of quantities ordered in the period.
        package var units: Int
        /// Distinct customers of those orders.
        package var buyers: Int
        /// Customers with two or more of those orders.
        package var repeatBuyers: Int
        /// Sum of quantity × unit price of its order lines in the period.
        package var revenue: Money
        /// cart_adds / views; `nil` (JSON null) without views.
        package var viewToCartRate: Double?
        /// purchases / views; `nil` (JSON null) without views; may exceed 1.
        package var viewToPurchaseRate: Double?

        enum CodingKeys: String, CodingKey {
            case category, products, views
            case cartAdds = "cart_adds"
            case purchases, units, buyers
            case repeatBuyers = "repeat_buyers"
            case revenue
            case viewToCartRate = "view_to_cart_rate"
            case viewToPurchaseRate = "view_to_purchase_rate"
        }

        /// Encodes every key, writing `null` for missing rates.
        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(category, forKey: .category)
            try c.encode(products, forKey: .products)
            try c.encode(views, forKey: .views)
            try c.encode(cartAdds, forKey: .cartAdds)
            try c.encode(purchases, forKey: .purchases)
            try c.encode(units, forKey: .units)
            try c.encode(buyers, forKey: .buyers)
            try c.encode(repeatBuyers, forKey: .repeatBuyers)
            try c.encode(revenue, forKey: .revenue)
            try c.encode(viewToCartRate, forKey: .viewToCartRate)
            try c.encode(viewToPurchaseRate, forKey: .viewToPurchaseRate)
        }
    }

    /// A much-viewed product that is rarely bought.
    package struct ViewNotBuy: Codable, Sendable, Equatable {
        /// The product id.
        package var sku: String
        /// The product name from products.csv (empty when unknown).
        package var name: String
        /// Product pageviews in the period.
        package var views: Int
        /// Orders in the period containing it.
        package var purchases: Int
        /// purchases / views; `nil` (JSON null) without views; may exceed 1.
        package var viewToPurchaseRate: Double

        enum CodingKeys: String, CodingKey {
            case sku, name, views, purchases
            case viewToPurchaseRate = "view_to_purchase_rate"
        }
    }

    /// Two items (skus or categories, `a < b`) bought in the same order.
    package struct Pair: Codable, Sendable, Equatable {
        /// The first item (sorts before `b`).
        package var a: String
        /// The second item.
        package var b: String
        /// Orders containing both.
        package var count: Int
        /// count / orders in the period.
        package var support: Double
        /// count / orders containing `a`.
        package var confidenceAToB: Double
        /// count / orders containing `b`.
        package var confidenceBToA: Double
        /// support / (support of a × support of b).
        package var lift: Double

        enum CodingKeys: String, CodingKey {
            case a, b, count, support
            case confidenceAToB = "confidence_a_to_b"
            case confidenceBToA = "confidence_b_to_a"
            case lift
        }
    }

    /// Customers who bought `then` some days after first buying `first`.
    package struct PurchaseSequence: Codable, Sendable, Equatable {
        /// What was bought first.
        package var first: String
        /// What was bought next, within the day window.
        package var then: String
        /// Customers who did the sequence.
        package var customers: Int
        /// customers / customers who bought `first` in the period.
        package var rate: Double
        /// Median days between the two purchases.
        package var medianGapDays: Double

        enum CodingKeys: String, CodingKey {
            case first, then, customers, rate
            case medianGapDays = "median_gap_days"
        }
    }

    /// The definitions of every number, worded for the given options.
    /// - Parameter options: The options the report was built with.
    package static func definitions(_ options: ProductsReportOptions) -> [String: String] {
        let window = "\(options.sequenceMinDays) to \(options.sequenceMaxDays) days"
        return [
            "period": "product views and cart adds by pageview time, orders by order time (orders.csv)",
            "sku":
                "product id: the item of product and cart-add pageviews, the sku of order lines; products[] holds every sku seen in the period",
            "name": "from products.csv; empty when the sku is not there",
            "category": "from products.csv; (unknown) when the sku is not there or has no category",
            "views": "product pageviews of the sku in the period (bots excluded)",
            "cart_adds": "cart-add pageviews of the sku in the period (pageviews, not quantities)",
            "purchases": "orders in the period containing the sku (an order counts once however many lines it has)",
            "units": "sum of quantities of the sku over order lines in the period",
            "buyers": "distinct customers of those orders",
            "repeat_buyers": "customers with two or more of those orders",
            "revenue": "sum of quantity × unit price of the sku's order lines in the period",
            "view_to_cart_rate": "cart_adds / views; null when there are no views",
            "view_to_purchase_rate":
                "purchases / views; null when there are no views; may exceed 1 when orders come without logged views (other devices, phone orders)",
            "categories":
                "the same figures per category: views, cart_adds, units and revenue summed over its skus; purchases, buyers and repeat_buyers count orders containing any sku of the category; products is the number of its skus seen",
            "view_not_buy":
                "products with views ≥ view_not_buy_threshold, by lowest view_to_purchase_rate, then most views",
            "view_not_buy_threshold":
                "the median views of the products viewed in the period (mean of the middle two for an even count), at least 1",
            "pairs":
                "unordered sku pairs {a, b} (a < b) bought in the same order (distinct skus per order, orders in the period), kept when count ≥ \(options.minPairCount)",
            "count": "orders containing both a and b",
            "support": "count / orders in the period",
            "confidence_a_to_b":
                "count / orders containing a (the share of a's orders that also have b); confidence_b_to_a likewise",
            "lift":
                "support / (support of a × support of b) = count × orders / (orders with a × orders with b); above 1 means bought together more often than chance",
            "category_pairs":
                "the same over categories: distinct categories per order, pairs of two different categories",
            "sequences":
                "the customer's first purchase of `first` in the period followed by their first purchase of `then` (a different sku) \(window) after it (inclusive), both in the period; kept when customers ≥ \(options.sequenceMinCustomers)",
            "customers": "customers who did the sequence",
            "rate": "customers / customers who bought `first` in the period",
            "median_gap_days": "median over those customers of (time of `then` − time of `first`) in days (fractional)",
            "category_sequences":
                "the same over categories (the first purchase of any sku of a category, then the first later purchase of a different category)",
            "funnel":
                "views and cart_adds: product and cart-add pageviews with a sku in the period (the sums over products); purchases: orders in the period",
            "products_total": "distinct skus seen in the period (products[] keeps at most `top`)",
        ]
    }

    // MARK: - Rendering

    /// Readable terminal lines: the question, the headline, coverage and the top rows.
    package func textLines() -> [String] {
        var out = [
            "Products — what do customers view, cart and buy, and buy together?",
            "Period \(period.from) to \(period.to) (exclusive), \(period.days) days",
            "",
        ]
        out += headline
        out.append("")
        out += coverage.lines
        func rate(_ x: Double?) -> String { x.map(Percent.text) ?? "-" }
        let productRows = products.prefix(20).map { p in
            [
                p.name.isEmpty ? p.sku : "\(p.name) (\(p.sku))", String(p.views), String(p.cartAdds),
                String(p.purchases), String(p.units), String(p.buyers), String(p.repeatBuyers), p.revenue.text,
                rate(p.viewToCartRate), rate(p.viewToPurchaseRate),
            ]
        }
        let header = [
            "", "Views", "Cart adds", "Orders", "Units", "Buyers", "Repeat", "Revenue", "View→cart", "View→order",
        ]
        out += OverviewTextRenderer.table(
            ["Product"] + header.dropFirst(), productRows,
            title: "Top products by revenue (\(productRows.count) of \(productsTotal))")
        out += OverviewTextRenderer.table(
            ["Category"] + header.dropFirst(),
            categories.prefix(20).map { c in
                [
                    c.category, String(c.views), String(c.cartAdds), String(c.purchases), String(c.units),
                    String(c.buyers), String(c.repeatBuyers), c.revenue.text, rate(c.viewToCartRate),
                    rate(c.viewToPurchaseRate),
                ]
            }, title: "Categories")
        out += OverviewTextRenderer.table(
            ["Product", "Views", "Orders", "View→order"],
            viewNotBuy.prefix(10).map { v in
                [
                    v.name.isEmpty ? v.sku : "\(v.name) (\(v.sku))", String(v.views), String(v.purchases),
                    Percent.text(v.viewToPurchaseRate),
                ]
            }, title: "Viewed but rarely bought (views ≥ \(String(format: "%g", viewNotBuyThreshold)))")
        func pairRows(_ pairs: [Pair]) -> [[String]] {
            pairs.prefix(15).map {
                [
                    "\($0.a) + \($0.b)", String($0.count), Percent.text($0.support), Percent.text($0.confidenceAToB),
                    Percent.text($0.confidenceBToA), String(format: "%.2f", $0.lift),
                ]
            }
        }
        let pairHeader = ["Pair", "Orders", "Support", "Conf a→b", "Conf b→a", "Lift"]
        out += OverviewTextRenderer.table(pairHeader, pairRows(pairs), title: "Bought together")
        out += OverviewTextRenderer.table(pairHeader, pairRows(categoryPairs), title: "Categories bought together")
        func sequenceRows(_ sequences: [PurchaseSequence]) -> [[String]] {
            sequences.prefix(15).map {
                [
                    "\($0.first) → \($0.then)", String($0.customers), Percent.text($0.rate),
                    String(format: "%.1f", $0.medianGapDays),
                ]
            }
        }
        let sequenceHeader = ["Sequence", "Customers", "Rate", "Median gap (days)"]
        out += OverviewTextRenderer.table(
            sequenceHeader, sequenceRows(sequences),
            title: "Bought in sequence (\(options.sequenceMinDays)–\(options.sequenceMaxDays) days later)")
        out += OverviewTextRenderer.table(
            sequenceHeader, sequenceRows(categorySequences), title: "Categories bought in sequence")
        return out
    }

    /// One CSV table per list; rates as decimals, money with two decimals, null as an empty cell.
    package func csvTables() -> [CSVTable] {
        func rate(_ x: Double?) -> String { x.map { String($0) } ?? "" }
        let figures = [
            "views", "cart_adds", "purchases", "units", "buyers", "repeat_buyers", "revenue", "view_to_cart_rate",
            "view_to_purchase_rate",
        ]
        let pairHeader = ["a", "b", "count", "support", "confidence_a_to_b", "confidence_b_to_a", "lift"]
        func pairRows(_ pairs: [Pair]) -> [[String]] {
            pairs.map {
                [
                    $0.a, $0.b, String($0.count), String($0.support), String($0.confidenceAToB),
                    String($0.confidenceBToA), String($0.lift),
                ]
            }
        }
        let sequenceHeader = ["first", "then", "customers", "rate", "median_gap_days"]
        func sequenceRows(_ sequences: [PurchaseSequence]) -> [[String]] {
            sequences.map { [$0.first, $0.then, String($0.customers), String($0.rate), String($0.medianGapDays)] }
        }
        return [
            CSVTable(
                name: "products_funnel", header: ["views", "cart_adds", "purchases"],
                rows: [[String(funnel.views), String(funnel.cartAdds), String(funnel.purchases)]]),
            CSVTable(
                name: "products", header: ["sku", "name", "category"] + figures,
                rows: products.map { p in
                    [
                        p.sku, p.name, p.category, String(p.views), String(p.cartAdds), String(p.purchases),
                        String(p.units), String(p.buyers), String(p.repeatBuyers), p.revenue.plain,
                        rate(p.viewToCartRate), rate(p.viewToPurchaseRate),
                    ]
                }),
            CSVTable(
                name: "products_categories", header: ["category", "products"] + figures,
                rows: categories.map { c in
                    [
                        c.category, String(c.products), String(c.views), String(c.cartAdds), String(c.purchases),
                        String(c.units), String(c.buyers), String(c.repeatBuyers), c.revenue.plain,
                        rate(c.viewToCartRate), rate(c.viewToPurchaseRate),
                    ]
                }),
            CSVTable(
                name: "products_view_not_buy", header: ["sku", "name", "views", "purchases", "view_to_purchase_rate"],
                rows: viewNotBuy.map {
                    [$0.sku, $0.name, String($0.views), String($0.purchases), String($0.viewToPurchaseRate)]
                }),
            CSVTable(name: "products_pairs", header: pairHeader, rows: pairRows(pairs)),
            CSVTable(name: "products_category_pairs", header: pairHeader, rows: pairRows(categoryPairs)),
            CSVTable(name: "products_sequences", header: sequenceHeader, rows: sequenceRows(sequences)),
            CSVTable(
                name: "products_category_sequences", header: sequenceHeader, rows: sequenceRows(categorySequences)),
        ]
    }
}
