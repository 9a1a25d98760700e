import Foundation

extension HTMLReportRenderer {
    /// The executive page: the customer value pyramid (tiers and their revenue share), the Pareto
    /// curve, RFM segment sizes, and tables of key figures, tiers, segments, top customers,
    /// customers slipping away, comparison shoppers and the orders reconciliation.
    /// - Parameter report: The executive report.
    /// - Returns: The HTML document.
    package static func page(_ report: ExecutiveReport) -> String {
        document(title: "Executive", nav: departmentNav(current: ExecutiveReport.name)) { w in
            let previous = report.previousPeriod
            header(
                &w, question: question(of: ExecutiveReport.name) ?? "", headline: report.headline,
                period: report.period, coverage: report.coverage,
                extraPeriod: "Compared with \(previous.from) to \(HTMLNumberFormat.lastDay(previous)).")
            section(&w, "charts", title: "Charts") { w in
                SVGChart.pyramid(
                    &w, title: "Customer value pyramid: tiers and their share of revenue",
                    tiers: report.pyramid.map {
                        SVGChart.Tier(
                            label: $0.tier, customers: $0.customers, revenue: $0.revenue, share: $0.revenueShare)
                    })
                let pareto = report.pareto
                let curve =
                    pareto.payingCustomers == 0
                    ? []
                    : [SVGChart.Point(0, 0)] + pareto.curve.map { SVGChart.Point($0.customerShare, $0.revenueShare) }
                SVGChart.lines(
                    &w,
                    title: pareto.payingCustomers == 0
                        ? "Pareto curve: share of revenue by share of customers"
                        : "Pareto curve: top \(HTMLNumberFormat.count(pareto.top20Customers)) customers (20%) bring "
                            + "\(HTMLNumberFormat.rate(pareto.top20RevenueShare)) of revenue",
                    lines: curve.isEmpty ? [] : [SVGChart.Line("Cumulative revenue share", curve)],
                    x: SVGChart.Axis("Best paying customers, share of all (%)", .percent, max: 1),
                    y: SVGChart.Axis("Share of revenue (%)", .percent, max: 1),
                    diagonal: "Even spread (reference)")
                SVGChart.bars(
                    &w, title: "RFM segments: customers per segment",
                    labels: report.rfmSegments.map(\.segment.rawValue),
                    values: report.rfmSegments.map { Double($0.customers) },
                    axis: SVGChart.Axis("Paying customers (count)", .count))
            }
            section(&w, "tables", title: "Tables") { w in
                func cell(_ v: ExecutiveReport.KPI.Value) -> HTMLTable.Cell {
                    switch v {
                    case .count(let n): .count(n)
                    case .money(let m): .money(m)
                    case .rate(let r): .rate(r)
                    }
                }
                HTMLTable(
                    caption: "Key figures",
                    columns: [.text("Figure"), .number("This period"), .number("Previous period"), .number("Change")],
                    rows: report.kpis.map {
                        [.text(kpiLabel($0.name)), cell($0.value), cell($0.previous), .change($0.change)]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Customer value pyramid",
                    columns: [.text("Tier"), .number("Customers"), .number("Revenue"), .number("Share of revenue")],
                    rows: report.pyramid.contains { $0.customers > 0 }
                        ? report.pyramid.map {
                            [.text($0.tier), .count($0.customers), .money($0.revenue), .rate($0.revenueShare)]
                        }
                        : []
                ).write(to: &w)
                let pareto = report.pareto
                HTMLTable(
                    caption: "Pareto curve",
                    columns: [
                        .number("Best paying customers (share)"), .number("Customers"), .number("Share of revenue"),
                    ],
                    rows: pareto.payingCustomers == 0
                        ? []
                        : pareto.curve.map { [.rate($0.customerShare), .count($0.customers), .rate($0.revenueShare)] },
                    note: "\(HTMLNumberFormat.count(pareto.payingCustomers)) paying customers; the top "
                        + "\(HTMLNumberFormat.count(pareto.top20Customers)) (20%) bring "
                        + "\(HTMLNumberFormat.rate(pareto.top20RevenueShare)) of revenue."
                ).write(to: &w)
                HTMLTable(
                    caption: "RFM segments",
                    columns: [.text("Segment"), .number("Customers"), .number("Revenue"), .number("Share of revenue")],
                    rows: report.rfmSegments.contains { $0.customers > 0 }
                        ? report.rfmSegments.map {
                            [
                                .text($0.segment.rawValue), .count($0.customers), .money($0.revenue),
                                .rate($0.revenueShare),
                            ]
                        } : []
                ).write(to: &w)
                HTMLTable(
                    caption: "Top customers",
                    columns: [
                        .text("Customer"), .number("Revenue"), .number("Orders"), .number("Sessions"), .text("Segment"),
                        .text("RFM segment"),
                    ],
                    rows: report.topCustomers.map {
                        [
                            .code($0.customerID), .money($0.revenue), .count($0.orders), .count($0.sessions),
                            .text($0.segment ?? "–"), .text($0.rfmSegment.rawValue),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "RFM scores of the top customers",
                    columns: [
                        .text("Customer"), .number("Recency (days)"), .number("Orders"), .number("Revenue"),
                        .number("R"), .number("F"), .number("M"), .number("FM"), .text("Segment"),
                    ],
                    rows: report.customersRFM.map {
                        [
                            .code($0.customerID), .count($0.recencyDays), .count($0.frequency), .money($0.monetary),
                            .count($0.r), .count($0.f), .count($0.m), .count($0.fm), .text($0.segment.rawValue),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Slipping away (churn risk)",
                    columns: [
                        .text("Customer"), .number("Revenue"), .number("Orders"), .number("Median days between orders"),
                        .number("Days since last order"), .number("Days since last visit"),
                    ],
                    rows: report.churnRisk.map {
                        [
                            .code($0.customerID), .money($0.revenue), .count($0.orders),
                            .decimal($0.medianIntervalDays, digits: 1), .decimal($0.daysSinceLastOrder, digits: 1),
                            .decimal($0.daysSinceLastVisit, digits: 1),
                        ]
                    },
                    note: "Away longer than \(HTMLNumberFormat.decimal(report.parameters.churnFactor, digits: 1)) × "
                        + "their usual interval between orders."
                ).write(to: &w)
                HTMLTable(
                    caption: "Comparison shoppers",
                    columns: [
                        .text("Customer or visitor"), .text("Kind"), .number("Sessions"),
                        .number("Sessions with product views"), .number("Product views"), .number("Distinct products"),
                        .number("Orders"), .number("Conversion rate"),
                    ],
                    rows: report.comparisonShoppers.map {
                        [
                            .code($0.id), .text($0.kind), .count($0.sessions), .count($0.productViewSessions),
                            .count($0.productViews), .count($0.distinctProducts), .count($0.orders),
                            .rate($0.conversionRate),
                        ]
                    }
                ).write(to: &w)
                let r = report.reconciliation
                HTMLTable(
                    caption: "Orders file and logs",
                    columns: [.text("Figure"), .number("Value")],
                    rows: [
                        [.text("Orders in orders.csv"), .count(r.ordersInFile)],
                        [.text("… seen on a checkout page in the logs"), .count(r.ordersSeenInLogs)],
                        [.text("… not seen in the logs"), .count(r.unmatchedOrders)],
                        [.text("Checkout order ids not in orders.csv"), .count(r.checkoutOrdersNotInFile)],
                        [.text("Sessions"), .count(r.sessions)],
                        [.text("Sessions tied to a customer"), .count(r.identifiedSessions)],
                        [.text("Share of sessions tied to a customer"), .rate(r.identifiedSessionShare)],
                    ]
                ).write(to: &w)
            }
            definitions(&w, sorted(report.definitions))
        }
    }

    /// `new_customers` → `New customers`.
    static func kpiLabel(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
