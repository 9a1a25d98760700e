import Foundation

extension MarketingReport {
    /// How many rows of each list the terminal shows.
    static let textRowLimit = 10

    /// The terminal report: the question, the headline, coverage, then the top rows of each table.
    package func textLines() -> [String] {
        var out = [
            "Marketing — which ad sources bring valuable customers, not just clicks?",
            "Period \(period.from) to \(period.to) (exclusive)",
            "",
        ]
        out += headline.map { "  " + $0 }
        out += [""] + coverage.lines
        out.append(
            "Attribution: \(attributed.orders) orders (\(attributed.revenue.text)) with a visit in the \(options.lookbackDays) days before; \(unattributed.orders) orders (\(unattributed.revenue.text)) without"
        )

        out += ["", "Channels (revenue by attribution model; per acquired customer over 30/90 days)"]
        out += MarketingTextTable.lines(
            header: [
                "channel", "sessions", "conv", "acquired", "value 30d", "value 90d", "repeat", "last click", "first",
                "linear", "decay", "position", "markov", "cost", "ROAS",
            ],
            rows: channels.prefix(Self.textRowLimit).map { row in
                let m = row.metrics
                return [row.channel, String(m.sessions), Percent.text(m.conversionRate), String(m.customersAcquired)]
                    + [
                        m.revenuePerAcquiredCustomer30d.text, m.revenuePerAcquiredCustomer90d.text,
                        Percent.text(m.repeatPurchaseRate),
                    ]
                    + MarketingAttributionModel.allCases.map { m.revenue[$0].text }
                    + [m.cost?.text ?? "-", m.roas.map { String(format: "%.2f", $0) } ?? "-"]
            })
        if channels.count > Self.textRowLimit {
            out.append("… \(channels.count - Self.textRowLimit) more in the JSON and CSV")
        }

        out += ["", "Top sources"]
        out += MarketingTextTable.lines(
            header: [
                "source / medium / campaign", "channel", "sessions", "acquired", "value 90d", "last click", "markov",
                "cost", "ROAS",
            ],
            rows: sources.prefix(Self.textRowLimit).map { row in
                let m = row.metrics
                return [
                    "\(row.source) / \(row.medium) / \(row.campaign ?? "(not set)")", row.channel, String(m.sessions),
                    String(m.customersAcquired), m.revenuePerAcquiredCustomer90d.text, m.revenue.lastNonDirect.text,
                    m.revenue.markov.text, m.cost?.text ?? "-", m.roas.map { String(format: "%.2f", $0) } ?? "-",
                ]
            })

        out += [
            "",
            "Markov chain: P(conversion) = \(String(format: "%.4f", markov.conversionProbability)) over \(markov.convertingPaths) converting and \(markov.nonConvertingPaths) non-converting journeys",
        ]
        out += MarketingTextTable.lines(
            header: ["channel", "removal effect", "P without"],
            rows: markov.channels.prefix(Self.textRowLimit).map {
                [
                    $0.channel, String(format: "%.4f", $0.removalEffect),
                    String(format: "%.4f", $0.conversionProbabilityWithout),
                ]
            })

        let f = campaignFatigue
        out += [
            "",
            "Campaign fatigue (\(f.thresholdCampaigns)+ campaigns within \(f.windowDays) days): \(f.customers) customers responded to \(Percent.text(f.responseRateBefore)) of campaign visits before and \(Percent.text(f.responseRateAfter)) after; other customers \(Percent.text(f.nonFatiguedResponseRate)) (\(f.nonFatiguedCustomers) customers)",
        ]

        out += ["", "Channel preference by segment (identified sessions)"]
        var seen = Set<String>()
        let topPerSegment = segmentChannelPreference.filter { seen.insert($0.segment).inserted }
        out += MarketingTextTable.lines(
            header: ["segment", "top channel", "sessions", "share"],
            rows: topPerSegment.prefix(Self.textRowLimit).map {
                [$0.segment, $0.channel, String($0.sessions), Percent.text($0.share)]
            })
        return out
    }

    /// CSV tables: `marketing_channels`, `marketing_sources`, `marketing_markov`, `marketing_campaign_fatigue`,
    /// `marketing_attribution_totals` and `marketing_segment_channel_preference`.
    package func csvTables() -> [CSVTable] {
        let metricHeader =
            [
                "sessions", "visitors", "new_visitors", "bounce_rate", "identified_customers", "conversion_rate",
                "customers_acquired", "revenue_per_acquired_customer_30d", "revenue_per_acquired_customer_90d",
                "repeat_purchase_rate",
            ] + MarketingAttributionModel.allCases.map { "orders_\($0.rawValue)" }
            + MarketingAttributionModel.allCases.map { "revenue_\($0.rawValue)" }
            + ["cost", "cost_per_acquired_customer", "roas"]
        func cells(_ m: Metrics) -> [String] {
            [
                String(m.sessions), String(m.visitors), String(m.newVisitors), Self.decimal(m.bounceRate),
                String(m.identifiedCustomers), Self.decimal(m.conversionRate), String(m.customersAcquired),
                m.revenuePerAcquiredCustomer30d.plain, m.revenuePerAcquiredCustomer90d.plain,
                Self.decimal(m.repeatPurchaseRate),
            ] + MarketingAttributionModel.allCases.map { Self.decimal(m.orders[$0]) }
                + MarketingAttributionModel.allCases.map { m.revenue[$0].plain }
                + [m.cost?.plain ?? "", m.costPerAcquiredCustomer?.plain ?? "", m.roas.map(Self.decimal) ?? ""]
        }
        let f = campaignFatigue
        return [
            CSVTable(
                name: "marketing_channels", header: ["channel"] + metricHeader,
                rows: channels.map { [$0.channel] + cells($0.metrics) }),
            CSVTable(
                name: "marketing_sources", header: ["channel", "source", "medium", "campaign"] + metricHeader,
                rows: sources.map { [$0.channel, $0.source, $0.medium, $0.campaign ?? ""] + cells($0.metrics) }),
            CSVTable(
                name: "marketing_markov",
                header: ["channel", "removal_effect", "conversion_probability_without", "conversion_probability"],
                rows: markov.channels.map {
                    [
                        $0.channel, Self.decimal($0.removalEffect), Self.decimal($0.conversionProbabilityWithout),
                        Self.decimal(markov.conversionProbability),
                    ]
                }),
            CSVTable(
                name: "marketing_attribution_totals", header: ["kind", "orders", "revenue"],
                rows: [
                    ["attributed", String(attributed.orders), attributed.revenue.plain],
                    ["unattributed", String(unattributed.orders), unattributed.revenue.plain],
                ]),
            CSVTable(
                name: "marketing_campaign_fatigue",
                header: [
                    "threshold_campaigns", "window_days", "customers", "sessions_before", "sessions_after",
                    "response_rate_before",
                    "response_rate_after", "non_fatigued_customers", "non_fatigued_sessions",
                    "non_fatigued_response_rate",
                ],
                rows: [
                    [
                        String(f.thresholdCampaigns), String(f.windowDays), String(f.customers),
                        String(f.sessionsBefore),
                        String(f.sessionsAfter), Self.decimal(f.responseRateBefore), Self.decimal(f.responseRateAfter),
                        String(f.nonFatiguedCustomers), String(f.nonFatiguedSessions),
                        Self.decimal(f.nonFatiguedResponseRate),
                    ]
                ]),
            CSVTable(
                name: "marketing_segment_channel_preference", header: ["segment", "channel", "sessions", "share"],
                rows: segmentChannelPreference.map {
                    [$0.segment, $0.channel, String($0.sessions), Self.decimal($0.share)]
                }),
        ]
    }

    /// A rate or fractional count as a plain decimal (shortest text that reads back exactly).
    static func decimal(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }
}
