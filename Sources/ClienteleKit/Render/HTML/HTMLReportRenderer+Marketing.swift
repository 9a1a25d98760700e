extension HTMLReportRenderer {
    /// The attribution models in report order, with their names for people.
    static let attributionModels: [(model: MarketingAttributionModel, label: String)] = [
        (.lastNonDirect, "Last non-direct"), (.firstClick, "First click"), (.linear, "Linear"),
        (.timeDecay, "Time decay"), (.positionBased, "Position based"), (.markov, "Markov"),
    ]

    /// The marketing page: channel value (new visitors against revenue per acquired customer,
    /// bubble size = customers acquired), revenue by attribution model per channel, the Markov
    /// removal effects, and tables of channels, models, sources, campaign fatigue and segments.
    /// - Parameter report: The marketing report.
    /// - Returns: The HTML document.
    package static func page(_ report: MarketingReport) -> String {
        document(title: "Marketing", nav: departmentNav(current: MarketingReport.name)) { w in
            header(
                &w, question: question(of: MarketingReport.name) ?? "", headline: report.headline,
                period: report.period, coverage: report.coverage,
                extraPeriod: "Attribution lookback: \(report.options.lookbackDays) days.")
            let channels = report.channels
            section(&w, "charts", title: "Charts") { w in
                SVGChart.scatter(
                    &w, title: "Channel value: new visitors and revenue per acquired customer (90 days)",
                    dots: channels.map { c in
                        let m = c.metrics
                        return SVGChart.Dot(
                            label: c.channel, x: Double(m.newVisitors), y: units(m.revenuePerAcquiredCustomer90d),
                            size: Double(m.customersAcquired),
                            detail: "\(c.channel): \(HTMLNumberFormat.count(m.newVisitors)) new visitors, "
                                + "\(HTMLNumberFormat.count(m.customersAcquired)) customers acquired, "
                                + "\(m.revenuePerAcquiredCustomer90d.text) revenue per acquired customer in 90 days")
                    },
                    x: SVGChart.Axis("New visitors (count)", .count),
                    y: SVGChart.Axis("Revenue / acquired customer, 90d (currency)", .money),
                    size: "customers acquired", labelled: 14)
                SVGChart.groupedBars(
                    &w, title: "Revenue by attribution model, per channel",
                    categories: channels.map(\.channel),
                    series: attributionModels.map { model in
                        SVGChart.Series(model.label, channels.map { units($0.metrics.revenue[model.model]) })
                    },
                    axis: SVGChart.Axis("Attributed revenue (currency units)", .money))
                SVGChart.bars(
                    &w, title: "Markov removal effect by channel",
                    labels: report.markov.channels.map(\.channel),
                    values: report.markov.channels.map(\.removalEffect),
                    axis: SVGChart.Axis("Conversions lost without the channel (%)", .percent))
            }
            section(&w, "tables", title: "Tables") { w in
                func optionalMoney(_ m: Money?) -> HTMLTable.Cell { m.map { .money($0) } ?? .decimal(nil, digits: 2) }
                HTMLTable(
                    caption: "Channels",
                    columns: [
                        .text("Channel"), .number("Sessions"), .number("Visitors"), .number("New visitors"),
                        .number("Bounce rate"), .number("Conversion rate"), .number("Customers acquired"),
                        .number("Revenue / customer 30d"), .number("Revenue / customer 90d"),
                        .number("Repeat purchase rate"), .number("Revenue (last non-direct)"), .number("Cost"),
                        .number("Cost / customer"), .number("ROAS"),
                    ],
                    rows: channels.map { c in
                        let m = c.metrics
                        return [
                            .text(c.channel), .count(m.sessions), .count(m.visitors), .count(m.newVisitors),
                            .rate(m.bounceRate), .rate(m.conversionRate), .count(m.customersAcquired),
                            .money(m.revenuePerAcquiredCustomer30d), .money(m.revenuePerAcquiredCustomer90d),
                            .rate(m.repeatPurchaseRate), .money(m.revenue.lastNonDirect), optionalMoney(m.cost),
                            optionalMoney(m.costPerAcquiredCustomer), .decimal(m.roas, digits: 2),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Revenue by attribution model",
                    columns: [.text("Channel")] + attributionModels.map { .number($0.label) },
                    rows: channels.map { c in
                        [.text(c.channel)] + attributionModels.map { .money(c.metrics.revenue[$0.model]) }
                    },
                    note: "Attributed orders: \(HTMLNumberFormat.count(report.attributed.orders)) with revenue "
                        + "\(report.attributed.revenue.text); every model shares exactly this revenue. Orders without "
                        + "a touch in the lookback: \(HTMLNumberFormat.count(report.unattributed.orders)) "
                        + "(\(report.unattributed.revenue.text))."
                ).write(to: &w)
                HTMLTable(
                    caption: "Orders by attribution model",
                    columns: [.text("Channel")] + attributionModels.map { .number($0.label) },
                    rows: channels.map { c in
                        [.text(c.channel)] + attributionModels.map { .decimal(c.metrics.orders[$0.model], digits: 2) }
                    },
                    note: "An order's credit sums to 1 over its touches, so counts may be fractional."
                ).write(to: &w)
                HTMLTable(
                    caption: "Sources and campaigns",
                    columns: [
                        .text("Channel"), .text("Source"), .text("Medium"), .text("Campaign"), .number("Sessions"),
                        .number("New visitors"), .number("Customers acquired"), .number("Revenue / customer 90d"),
                        .number("Revenue (last non-direct)"), .number("Cost"), .number("ROAS"),
                    ],
                    rows: report.sources.map { s in
                        let m = s.metrics
                        return [
                            .text(s.channel), .text(s.source), .text(s.medium), .text(s.campaign ?? "–"),
                            .count(m.sessions), .count(m.newVisitors), .count(m.customersAcquired),
                            .money(m.revenuePerAcquiredCustomer90d), .money(m.revenue.lastNonDirect),
                            optionalMoney(m.cost), .decimal(m.roas, digits: 2),
                        ]
                    }
                ).write(to: &w)
                let markov = report.markov
                HTMLTable(
                    caption: "Markov chain removal effects",
                    columns: [
                        .text("Channel"), .number("Conversion probability without it"), .number("Removal effect"),
                    ],
                    rows: markov.channels.map {
                        [.text($0.channel), .rate($0.conversionProbabilityWithout), .rate($0.removalEffect)]
                    },
                    note: "Conversion probability of the chain: \(HTMLNumberFormat.rate(markov.conversionProbability)) "
                        + "over \(HTMLNumberFormat.count(markov.convertingPaths)) converting and "
                        + "\(HTMLNumberFormat.count(markov.nonConvertingPaths)) non-converting paths."
                ).write(to: &w)
                let f = report.campaignFatigue
                HTMLTable(
                    caption: "Campaign fatigue (\(f.thresholdCampaigns) or more campaigns within \(f.windowDays) days)",
                    columns: [
                        .text("Customers"), .number("Customers"), .number("Campaign sessions"),
                        .number("Response rate"),
                    ],
                    rows: f.customers + f.nonFatiguedCustomers == 0
                        ? []
                        : [
                            [
                                .text("Fatigued, before the threshold"), .count(f.customers), .count(f.sessionsBefore),
                                .rate(f.responseRateBefore),
                            ],
                            [
                                .text("Fatigued, from the threshold on"), .count(f.customers), .count(f.sessionsAfter),
                                .rate(f.responseRateAfter),
                            ],
                            [
                                .text("Never fatigued"), .count(f.nonFatiguedCustomers), .count(f.nonFatiguedSessions),
                                .rate(f.nonFatiguedResponseRate),
                            ],
                        ]
                ).write(to: &w)
                HTMLTable(
                    caption: "Channel mix of customer segments",
                    columns: [
                        .text("Segment"), .text("Channel"), .number("Identified sessions"), .number("Share of segment"),
                    ],
                    rows: report.segmentChannelPreference.map {
                        [.text($0.segment), .text($0.channel), .count($0.sessions), .rate($0.share)]
                    }
                ).write(to: &w)
            }
            definitions(&w, report.definitions.map { (key: $0.key, text: $0.definition) })
        }
    }
}
