import Foundation
import LogModel

/// Formatting helpers of the executive report's terminal and CSV output.
package enum ExecutiveReportRendering {
    /// Rows shown per list in the terminal (the JSON and CSV carry all rows).
    static let terminalRows = 10

    /// `2` for 2.0, `2.5` for 2.5.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
    }

    /// A change as `+12.3%`, `-4.0%` or `n/a` (no previous value).
    static func change(_ x: Double?) -> String {
        guard let x else { return "n/a" }
        return (x >= 0 ? "+" : "") + Percent.text(x)
    }

    /// A fraction or a number of days for CSV: up to six decimals, trailing zeros dropped.
    static func decimal(_ x: Double) -> String {
        guard x.isFinite else { return "" }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s == "-0" ? "0" : s
    }

    /// Days with one decimal, for the terminal.
    static func days(_ x: Double) -> String { String(format: "%.1f", x) }

    /// Aligned table lines: the columns in `left` left-aligned, the others right-aligned.
    static func table(_ header: [String], _ rows: [[String]], left: Set<Int> = [0]) -> [String] {
        var widths = header.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        return ([header] + rows).map { row in
            var line = ""
            for (i, cell) in row.enumerated() where i < widths.count {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                if i > 0 { line += "  " }
                line += left.contains(i) ? cell + pad : pad + cell
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return "  " + line
        }
    }

    /// The last day of a period (its `to` is exclusive).
    static func lastDay(_ p: ReportPeriod) -> String {
        CivilTime.isoDate(days: Int(p.toMicros / 86_400_000_000) - 1)
    }
}

extension ExecutiveReport {
    private typealias R = ExecutiveReportRendering

    /// Readable terminal lines: the question, the headline, then aligned tables of the top rows.
    package func textLines() -> [String] {
        var out: [String] = []
        out.append("Executive report, \(period.from) to \(R.lastDay(period)) (\(period.days) days)")
        out.append("How is value spread over customers, and who is slipping away?")
        out.append("")
        out += headline.map { "  " + $0 }
        out.append("")

        out.append("Key figures (previous period \(previousPeriod.from) to \(R.lastDay(previousPeriod)))")
        func kpiText(_ v: KPI.Value) -> String {
            switch v {
            case .count(let n): String(n)
            case .money(let m): m.text
            case .rate(let r): Percent.text(r)
            }
        }
        out += R.table(
            ["figure", "value", "previous", "change"],
            kpis.map { [$0.name, kpiText($0.value), kpiText($0.previous), R.change($0.change)] })
        out.append("")

        out.append("Customer pyramid (\(pareto.payingCustomers) paying customers ranked by revenue in the period)")
        out += R.table(
            ["tier", "customers", "revenue", "share"],
            pyramid.map { [$0.tier, String($0.customers), $0.revenue.text, Percent.text($0.revenueShare)] })
        out.append("")

        let shown = [0.05, 0.1, 0.2, 0.5, 0.8]
        let points = pareto.curve.filter { p in shown.contains { abs($0 - p.customerShare) < 1e-9 } }
        out.append(
            "80/20: the top 20% (\(pareto.top20Customers) customers) bring \(Percent.text(pareto.top20RevenueShare)) "
                + "of revenue; "
                + points.map { "top \(Int(($0.customerShare * 100).rounded()))%: \(Percent.text($0.revenueShare))" }
                .joined(separator: ", "))
        out.append("")

        out.append("RFM segments (recency, frequency, monetary in the period)")
        out += R.table(
            ["segment", "customers", "revenue", "share"],
            rfmSegments.map {
                [$0.segment.rawValue, String($0.customers), $0.revenue.text, Percent.text($0.revenueShare)]
            })
        out.append("")

        let rfmByID = Dictionary(customersRFM.map { ($0.customerID, $0) }, uniquingKeysWith: { a, _ in a })
        out.append("Top customers (\(min(topCustomers.count, R.terminalRows)) of \(topCustomers.count) shown)")
        out += R.table(
            ["customer", "revenue", "orders", "sessions", "segment", "RFM", "rfm segment"],
            topCustomers.prefix(R.terminalRows).map { c in
                let rfm = rfmByID[c.customerID].map { "\($0.r)\($0.f)\($0.m)" } ?? "-"
                return [
                    c.customerID, c.revenue.text, String(c.orders), String(c.sessions), c.segment ?? "-", rfm,
                    c.rfmSegment.rawValue,
                ]
            }, left: [0, 4, 5, 6])
        out.append("")

        out.append(
            "Slipping away: \(churnRisk.count) repeat \(churnRisk.count == 1 ? "customer" : "customers") away more than "
                + "\(R.number(parameters.churnFactor))× their median time between orders "
                + "(\(min(churnRisk.count, R.terminalRows)) shown)")
        if !churnRisk.isEmpty {
            out += R.table(
                ["customer", "revenue", "orders", "median gap (d)", "since order (d)", "since visit (d)"],
                churnRisk.prefix(R.terminalRows).map {
                    [
                        $0.customerID, $0.revenue.text, String($0.orders), R.days($0.medianIntervalDays),
                        R.days($0.daysSinceLastOrder), $0.daysSinceLastVisit.map(R.days) ?? "never seen",
                    ]
                })
        }
        out.append("")

        out.append(
            "Comparison shoppers: \(comparisonShoppers.count) with \(parameters.comparisonMinProductViews)+ product views "
                + "over \(parameters.comparisonMinSessions)+ sessions, converting at most "
                + "\(Percent.text(parameters.comparisonMaxConversionRate)) (\(min(comparisonShoppers.count, R.terminalRows)) shown)"
        )
        if !comparisonShoppers.isEmpty {
            out += R.table(
                ["id", "kind", "sessions", "product views", "products", "orders", "conversion"],
                comparisonShoppers.prefix(R.terminalRows).map {
                    [
                        $0.id, $0.kind, String($0.sessions), String($0.productViews), String($0.distinctProducts),
                        String($0.orders), Percent.text($0.conversionRate),
                    ]
                }, left: [0, 1])
        }
        out.append("")

        out.append("Orders file against the logs")
        out += R.table(
            ["check", "value"],
            [
                ["orders in orders.csv", String(reconciliation.ordersInFile)],
                ["seen at a checkout in the logs", String(reconciliation.ordersSeenInLogs)],
                ["not seen in the logs", String(reconciliation.unmatchedOrders)],
                ["checkout order ids missing from orders.csv", String(reconciliation.checkoutOrdersNotInFile)],
                ["sessions tied to a customer", Percent.text(reconciliation.identifiedSessionShare)],
            ])
        out.append("")
        out += coverage.lines
        return out
    }

    /// One CSV table per list: kpis, pyramid, pareto_curve, rfm_segments, customers_rfm, churn_risk,
    /// comparison_shoppers, top_customers, reconciliation.
    package func csvTables() -> [CSVTable] {
        func kpiCell(_ v: KPI.Value) -> String {
            switch v {
            case .count(let n): String(n)
            case .money(let m): m.plain
            case .rate(let r): R.decimal(r)
            }
        }
        return [
            CSVTable(
                name: "kpis", header: ["name", "unit", "value", "previous", "change"],
                rows: kpis.map {
                    [
                        $0.name, $0.value.unit.rawValue, kpiCell($0.value), kpiCell($0.previous),
                        $0.change.map(R.decimal) ?? "",
                    ]
                }),
            CSVTable(
                name: "pyramid", header: ["tier", "customers", "revenue", "revenue_share"],
                rows: pyramid.map { [$0.tier, String($0.customers), $0.revenue.plain, R.decimal($0.revenueShare)] }),
            CSVTable(
                name: "pareto_curve", header: ["customer_share", "customers", "revenue_share"],
                rows: pareto.curve.map {
                    [R.decimal($0.customerShare), String($0.customers), R.decimal($0.revenueShare)]
                }),
            CSVTable(
                name: "rfm_segments", header: ["segment", "customers", "revenue", "revenue_share"],
                rows: rfmSegments.map {
                    [$0.segment.rawValue, String($0.customers), $0.revenue.plain, R.decimal($0.revenueShare)]
                }),
            CSVTable(
                name: "customers_rfm",
                header: ["customer_id", "recency_days", "frequency", "monetary", "r", "f", "m", "fm", "segment"],
                rows: customersRFM.map {
                    [
                        $0.customerID, String($0.recencyDays), String($0.frequency), $0.monetary.plain, String($0.r),
                        String($0.f), String($0.m), String($0.fm), $0.segment.rawValue,
                    ]
                }),
            CSVTable(
                name: "churn_risk",
                header: [
                    "customer_id", "revenue", "orders", "median_interval_days", "days_since_last_order",
                    "days_since_last_visit",
                ],
                rows: churnRisk.map {
                    [
                        $0.customerID, $0.revenue.plain, String($0.orders), R.decimal($0.medianIntervalDays),
                        R.decimal($0.daysSinceLastOrder), $0.daysSinceLastVisit.map(R.decimal) ?? "",
                    ]
                }),
            CSVTable(
                name: "comparison_shoppers",
                header: [
                    "id", "kind", "sessions", "product_view_sessions", "product_views", "distinct_products", "orders",
                    "conversion_rate",
                ],
                rows: comparisonShoppers.map {
                    [
                        $0.id, $0.kind, String($0.sessions), String($0.productViewSessions), String($0.productViews),
                        String($0.distinctProducts), String($0.orders), R.decimal($0.conversionRate),
                    ]
                }),
            CSVTable(
                name: "top_customers",
                header: ["customer_id", "revenue", "orders", "sessions", "segment", "rfm_segment"],
                rows: topCustomers.map {
                    [
                        $0.customerID, $0.revenue.plain, String($0.orders), String($0.sessions), $0.segment ?? "",
                        $0.rfmSegment.rawValue,
                    ]
                }),
            CSVTable(
                name: "reconciliation", header: ["name", "value"],
                rows: [
                    ["orders_in_file", String(reconciliation.ordersInFile)],
                    ["orders_seen_in_logs", String(reconciliation.ordersSeenInLogs)],
                    ["unmatched_orders", String(reconciliation.unmatchedOrders)],
                    ["checkout_orders_not_in_file", String(reconciliation.checkoutOrdersNotInFile)],
                    ["sessions", String(reconciliation.sessions)],
                    ["identified_sessions", String(reconciliation.identifiedSessions)],
                    ["identified_session_share", R.decimal(reconciliation.identifiedSessionShare)],
                ]),
        ]
    }
}
