extension HTMLReportRenderer {
    /// The products page: the funnel (product views → cart adds → orders), the top products by
    /// revenue, the bought-together pairs, and tables of products, categories, viewed-but-not-bought
    /// products and purchase sequences.
    /// - Parameter report: The products report.
    /// - Returns: The HTML document.
    package static func page(_ report: ProductsReport) -> String {
        document(title: "Products", nav: departmentNav(current: ProductsReport.name)) { w in
            header(
                &w, question: question(of: ProductsReport.name) ?? "", headline: report.headline,
                period: report.period, coverage: report.coverage)
            let names = Dictionary(
                report.products.filter { !$0.name.isEmpty }.map { ($0.sku, $0.name) }, uniquingKeysWith: { a, _ in a })
            func product(_ sku: String) -> String { names[sku].map { "\($0) (\(sku))" } ?? sku }
            section(&w, "charts", title: "Charts") { w in
                SVGChart.funnel(
                    &w, title: "Funnel: product views, cart adds, orders",
                    stages: [
                        SVGChart.Stage("Product views", report.funnel.views),
                        SVGChart.Stage("Cart adds", report.funnel.cartAdds),
                        SVGChart.Stage("Orders", report.funnel.purchases),
                    ])
                let top = report.products.prefix(15)
                SVGChart.bars(
                    &w, title: "Top products by revenue", labels: top.map { $0.name.isEmpty ? $0.sku : $0.name },
                    values: top.map { units($0.revenue) }, axis: SVGChart.Axis("Revenue (currency units)", .money))
            }
            section(&w, "tables", title: "Tables") { w in
                let pairColumns: [HTMLTable.Column] = [
                    .text("Item a"), .text("Item b"), .number("Orders with both"), .number("Support"),
                    .number("Confidence a→b"), .number("Confidence b→a"), .number("Lift"),
                ]
                HTMLTable(
                    caption: "Bought together",
                    columns: pairColumns,
                    rows: report.pairs.map { p in
                        [
                            .text(product(p.a)), .text(product(p.b)), .count(p.count), .rate(p.support),
                            .rate(p.confidenceAToB), .rate(p.confidenceBToA), .decimal(p.lift, digits: 2),
                        ]
                    },
                    note: "Pairs bought together in at least \(report.options.minPairCount) orders. "
                        + "Lift above 1 means bought together more often than chance."
                ).write(to: &w)
                func rate(_ x: Double?) -> HTMLTable.Cell { .rate(x) }
                HTMLTable(
                    caption: "Products by revenue",
                    columns: [
                        .text("Sku"), .text("Name"), .text("Category"), .number("Views"), .number("Cart adds"),
                        .number("Orders"), .number("Units"), .number("Buyers"), .number("Repeat buyers"),
                        .number("Revenue"), .number("View → cart"), .number("View → order"),
                    ],
                    rows: report.products.map { p in
                        [
                            .code(p.sku), .text(p.name), .text(p.category), .count(p.views), .count(p.cartAdds),
                            .count(p.purchases), .count(p.units), .count(p.buyers), .count(p.repeatBuyers),
                            .money(p.revenue), rate(p.viewToCartRate), rate(p.viewToPurchaseRate),
                        ]
                    },
                    note: "\(HTMLNumberFormat.count(report.products.count)) of "
                        + "\(HTMLNumberFormat.count(report.productsTotal)) products shown."
                ).write(to: &w)
                HTMLTable(
                    caption: "Categories by revenue",
                    columns: [
                        .text("Category"), .number("Products"), .number("Views"), .number("Cart adds"),
                        .number("Orders"), .number("Units"), .number("Buyers"), .number("Repeat buyers"),
                        .number("Revenue"), .number("View → cart"), .number("View → order"),
                    ],
                    rows: report.categories.map { c in
                        [
                            .text(c.category), .count(c.products), .count(c.views), .count(c.cartAdds),
                            .count(c.purchases), .count(c.units), .count(c.buyers), .count(c.repeatBuyers),
                            .money(c.revenue), rate(c.viewToCartRate), rate(c.viewToPurchaseRate),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Viewed but rarely bought",
                    columns: [
                        .text("Sku"), .text("Name"), .number("Views"), .number("Orders"), .number("View → order"),
                    ],
                    rows: report.viewNotBuy.map { v in
                        [
                            .code(v.sku), .text(v.name), .count(v.views), .count(v.purchases),
                            .rate(v.viewToPurchaseRate),
                        ]
                    },
                    note: "Products with at least "
                        + "\(HTMLNumberFormat.decimal(report.viewNotBuyThreshold, digits: 1)) views (the median)."
                ).write(to: &w)
                HTMLTable(
                    caption: "Categories bought together",
                    columns: pairColumns,
                    rows: report.categoryPairs.map { p in
                        [
                            .text(p.a), .text(p.b), .count(p.count), .rate(p.support), .rate(p.confidenceAToB),
                            .rate(p.confidenceBToA), .decimal(p.lift, digits: 2),
                        ]
                    }
                ).write(to: &w)
                let o = report.options
                let sequenceColumns: [HTMLTable.Column] = [
                    .text("First"), .text("Then"), .number("Customers"), .number("Rate"), .number("Median gap (days)"),
                ]
                HTMLTable(
                    caption: "Bought in sequence (\(o.sequenceMinDays) to \(o.sequenceMaxDays) days later)",
                    columns: sequenceColumns,
                    rows: report.sequences.map { s in
                        [
                            .text(product(s.first)), .text(product(s.then)), .count(s.customers), .rate(s.rate),
                            .decimal(s.medianGapDays, digits: 1),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Categories bought in sequence",
                    columns: sequenceColumns,
                    rows: report.categorySequences.map { s in
                        [
                            .text(s.first), .text(s.then), .count(s.customers), .rate(s.rate),
                            .decimal(s.medianGapDays, digits: 1),
                        ]
                    }
                ).write(to: &w)
            }
            definitions(&w, sorted(report.definitions))
        }
    }
}
