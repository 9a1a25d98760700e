import Foundation

/// Computes the `ProductsReport` from `ReportData`: one pass over the pageviews, one over the
/// orders of the period, then basket pairs and per-customer sequences.
package enum ProductsReportBuilder {
    /// Builds the products report.
    /// - Parameters:
    ///   - data: The loaded store.
    ///   - period: Views and cart adds by pageview time, orders by order time.
    ///   - options: Pair and sequence thresholds, list length.
    /// - Returns: The report. Cost: O(pageviews + order lines + Σ basket size² + Σ per customer
    ///   (distinct items × purchases)).
    package static func build(
        data: ReportData, period: ReportPeriod, options: ProductsReportOptions = .init()
    ) -> ProductsReport {
        func category(_ sku: String) -> String {
            guard let c = data.products[sku]?.category, !c.isEmpty else { return "(unknown)" }
            return c
        }

        // Views and cart adds counted per item id, then named.
        var views = [Int](repeating: 0, count: data.items.count)
        var cartAdds = [Int](repeating: 0, count: data.items.count)
        for pv in data.pageviews where pv.item >= 0 && period.contains(pv.ts) {
            switch pv.kind {
            case .product: views[Int(pv.item)] += 1
            case .cartAdd: cartAdds[Int(pv.item)] += 1
            default: break
            }
        }
        var skus: [String: Tally] = [:]
        for (i, sku) in data.items.enumerated() where (views[i] > 0 || cartAdds[i] > 0) && !sku.isEmpty {
            skus[sku, default: Tally()].views += views[i]
            skus[sku, default: Tally()].cartAdds += cartAdds[i]
        }

        var categories: [String: Tally] = [:]
        var skuBaskets: [[String]] = []
        var categoryBaskets: [[String]] = []
        var purchasesByCustomer: [String: [Purchase]] = [:]
        for order in data.orders where period.contains(order.orderedAt) {
            for item in order.items {
                let revenue = Int64(item.quantity) * item.unitPriceCents
                skus[item.sku, default: Tally()].units += item.quantity
                skus[item.sku]!.revenueCents += revenue
                categories[category(item.sku), default: Tally()].units += item.quantity
                categories[category(item.sku)]!.revenueCents += revenue
            }
            let basket = Array(Set(order.items.map(\.sku))).sorted()
            let categoryBasket = Array(Set(basket.map(category))).sorted()
            for sku in basket {
                skus[sku]!.purchases += 1
                skus[sku]!.ordersByCustomer[order.customerID, default: 0] += 1
            }
            for c in categoryBasket {
                categories[c]!.purchases += 1
                categories[c]!.ordersByCustomer[order.customerID, default: 0] += 1
            }
            skuBaskets.append(basket)
            categoryBaskets.append(categoryBasket)
            purchasesByCustomer[order.customerID, default: []].append(
                Purchase(ts: order.orderedAt, skus: basket, categories: categoryBasket))
        }
        for (sku, t) in skus {
            let c = category(sku)
            categories[c, default: Tally()].views += t.views
            categories[c]!.cartAdds += t.cartAdds
            categories[c]!.products += 1
        }

        var products = skus.map { sku, t in
            ProductsReport.Product(
                sku: sku, name: data.products[sku]?.name ?? "", category: category(sku), views: t.views,
                cartAdds: t.cartAdds, purchases: t.purchases, units: t.units, buyers: t.ordersByCustomer.count,
                repeatBuyers: t.repeatBuyers, revenue: Money(cents: t.revenueCents),
                viewToCartRate: ratio(t.cartAdds, t.views), viewToPurchaseRate: ratio(t.purchases, t.views))
        }
        products.sort { x, y in
            if x.revenue != y.revenue { return x.revenue > y.revenue }
            if x.purchases != y.purchases { return x.purchases > y.purchases }
            if x.views != y.views { return x.views > y.views }
            return x.sku < y.sku
        }
        var categoryRows = categories.map { name, t in
            ProductsReport.Category(
                category: name, products: t.products, views: t.views, cartAdds: t.cartAdds, purchases: t.purchases,
                units: t.units, buyers: t.ordersByCustomer.count, repeatBuyers: t.repeatBuyers,
                revenue: Money(cents: t.revenueCents), viewToCartRate: ratio(t.cartAdds, t.views),
                viewToPurchaseRate: ratio(t.purchases, t.views))
        }
        categoryRows.sort { x, y in
            if x.revenue != y.revenue { return x.revenue > y.revenue }
            if x.purchases != y.purchases { return x.purchases > y.purchases }
            if x.views != y.views { return x.views > y.views }
            return x.category < y.category
        }

        // Viewed but rarely bought.
        let viewed = products.filter { $0.views > 0 }
        let threshold = max(1, median(viewed.map { Double($0.views) }) ?? 1)
        let viewNotBuy = viewed.filter { Double($0.views) >= threshold }.map {
            ProductsReport.ViewNotBuy(
                sku: $0.sku, name: $0.name, views: $0.views, purchases: $0.purchases,
                viewToPurchaseRate: Double($0.purchases) / Double($0.views))
        }.sorted { x, y in
            if x.viewToPurchaseRate != y.viewToPurchaseRate { return x.viewToPurchaseRate < y.viewToPurchaseRate }
            if x.views != y.views { return x.views > y.views }
            return x.sku < y.sku
        }

        let funnel = ProductsReport.Funnel(
            views: products.reduce(0) { $0 + $1.views }, cartAdds: products.reduce(0) { $0 + $1.cartAdds },
            purchases: skuBaskets.count)
        let pairs = pairs(skuBaskets, minCount: options.minPairCount)
        let categoryPairs = Self.pairs(categoryBaskets, minCount: options.minPairCount)
        let customerPurchases = purchasesByCustomer.values.map { $0.sorted { $0.ts < $1.ts } }
        let sequences = sequences(customerPurchases.map { $0.map { ($0.ts, $0.skus) } }, options: options)
        let categorySequences = Self.sequences(
            customerPurchases.map { $0.map { ($0.ts, $0.categories) } }, options: options)

        let top = max(0, options.top)
        return ProductsReport(
            period: period, coverage: .of(data, in: period), options: options,
            headline: headline(products, funnel: funnel, pairs: pairs, viewNotBuy: viewNotBuy), funnel: funnel,
            productsTotal: products.count, products: Array(products.prefix(top)),
            categories: Array(categoryRows.prefix(top)), viewNotBuyThreshold: threshold,
            viewNotBuy: Array(viewNotBuy.prefix(top)), pairs: Array(pairs.prefix(top)),
            categoryPairs: Array(categoryPairs.prefix(top)), sequences: Array(sequences.prefix(top)),
            categorySequences: Array(categorySequences.prefix(top)), definitions: ProductsReport.definitions(options))
    }

    /// Running counts of one sku or category.
    struct Tally {
        var products = 0
        var views = 0
        var cartAdds = 0
        var purchases = 0
        var units = 0
        var revenueCents: Int64 = 0
        /// Customer → orders of theirs containing it.
        var ordersByCustomer: [String: Int] = [:]

        var repeatBuyers: Int { ordersByCustomer.values.filter { $0 >= 2 }.count }
    }

    /// One order of a customer: its time, distinct skus and distinct categories (sorted).
    struct Purchase {
        var ts: Int64
        var skus: [String]
        var categories: [String]
    }

    static func ratio(_ part: Int, _ whole: Int) -> Double? {
        whole == 0 ? nil : Double(part) / Double(whole)
    }

    /// The median (mean of the middle two for an even count), `nil` when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    struct PairKey: Hashable {
        var a: String
        var b: String
    }

    /// Item pairs bought together, from baskets of distinct sorted items.
    /// - Parameters:
    ///   - baskets: One per order (all orders of the period, also single-item ones).
    ///   - minCount: Pairs in fewer baskets are left out.
    /// - Returns: Pairs by count (descending), lift (descending), a, b.
    static func pairs(_ baskets: [[String]], minCount: Int) -> [ProductsReport.Pair] {
        var single: [String: Int] = [:]
        var together: [PairKey: Int] = [:]
        for basket in baskets {
            for (i, a) in basket.enumerated() {
                single[a, default: 0] += 1
                for b in basket[(i + 1)...] { together[PairKey(a: a, b: b), default: 0] += 1 }
            }
        }
        let orders = Double(baskets.count)
        return together.filter { $0.value >= max(1, minCount) }.map { key, count in
            let na = Double(single[key.a]!)
            let nb = Double(single[key.b]!)
            let n = Double(count)
            return ProductsReport.Pair(
                a: key.a, b: key.b, count: count, support: n / orders, confidenceAToB: n / na,
                confidenceBToA: n / nb, lift: n * orders / (na * nb))
        }.sorted { x, y in
            if x.count != y.count { return x.count > y.count }
            if x.lift != y.lift { return x.lift > y.lift }
            return x.a != y.a ? x.a < y.a : x.b < y.b
        }
    }

    /// Items bought in sequence by the same customer.
    /// - Parameters:
    ///   - customers: Per customer, their purchases (time, distinct items) in time order.
    ///   - options: The day window and least customers.
    /// - Returns: For each (first, then) the customers whose first purchase of `first` was followed
    ///   by a purchase of `then` in the window; by customers (descending), rate (descending), first, then.
    static func sequences(_ customers: [[(ts: Int64, items: [String])]], options: ProductsReportOptions)
        -> [ProductsReport.PurchaseSequence]
    {
        let day: Int64 = 86_400_000_000
        let minGap = Int64(options.sequenceMinDays) * day
        let maxGap = Int64(options.sequenceMaxDays) * day
        var buyers: [String: Int] = [:]
        var gaps: [PairKey: [Int64]] = [:]
        for purchases in customers {
            var firstTime: [String: Int64] = [:]
            for p in purchases { for item in p.items where firstTime[item] == nil { firstTime[item] = p.ts } }
            for (a, ta) in firstTime {
                buyers[a, default: 0] += 1
                var seen = Set<String>()
                // Purchases are in time order, so the first one in the window is the first later purchase.
                var i = purchases.firstIndex { $0.ts - ta >= minGap } ?? purchases.count
                while i < purchases.count, purchases[i].ts - ta <= maxGap {
                    for b in purchases[i].items where b != a && seen.insert(b).inserted {
                        gaps[PairKey(a: a, b: b), default: []].append(purchases[i].ts - ta)
                    }
                    i += 1
                }
            }
        }
        return gaps.filter { $0.value.count >= max(1, options.sequenceMinCustomers) }.map { key, list in
            ProductsReport.PurchaseSequence(
                first: key.a, then: key.b, customers: list.count,
                rate: Double(list.count) / Double(buyers[key.a]!),
                medianGapDays: median(list.map { Double($0) / Double(day) })!)
        }.sorted { x, y in
            if x.customers != y.customers { return x.customers > y.customers }
            if x.rate != y.rate { return x.rate > y.rate }
            return x.first != y.first ? x.first < y.first : x.then < y.then
        }
    }

    static func headline(
        _ products: [ProductsReport.Product], funnel: ProductsReport.Funnel, pairs: [ProductsReport.Pair],
        viewNotBuy: [ProductsReport.ViewNotBuy]
    ) -> [String] {
        func label(_ sku: String, _ name: String) -> String { name.isEmpty ? sku : "\(name) (\(sku))" }
        let revenue = products.reduce(Money.zero) { $0 + $1.revenue }
        let units = products.reduce(0) { $0 + $1.units }
        var lines = [
            "\(funnel.views) product views and \(funnel.cartAdds) cart adds; \(funnel.purchases) orders bought \(units) units for \(revenue.text)."
        ]
        if let best = products.first, best.revenue > .zero {
            var sentence =
                "Best seller: \(label(best.sku, best.name)) with \(best.revenue.text) from \(best.purchases) orders by \(best.buyers) customers"
            if let r = best.viewToPurchaseRate { sentence += " (\(best.views) views, view→order \(Percent.text(r)))" }
            lines.append(sentence + ".")
        }
        if let pair = pairs.first {
            lines.append(
                "Most often bought together: \(pair.a) + \(pair.b) in \(pair.count) orders (lift \(String(format: "%.2f", pair.lift)))."
            )
        } else if let miss = viewNotBuy.first {
            lines.append(
                "Most viewed but rarely bought: \(label(miss.sku, miss.name)), \(miss.views) views and \(miss.purchases) orders."
            )
        }
        return lines
    }
}
