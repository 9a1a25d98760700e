extension HTMLReportRenderer {
    /// The site overview page: traffic per day (human pageviews beside bot hits), sessions by
    /// channel, and tables of days, channels, top pages, landing pages and bots.
    /// - Parameter report: The overview report.
    /// - Returns: The HTML document.
    package static func page(_ report: TrafficReport) -> String {
        document(title: "Overview", nav: departmentNav(current: TrafficReport.name)) { w in
            header(
                &w, question: question(of: TrafficReport.name) ?? "", headline: report.headline,
                period: report.period, coverage: report.coverage)
            section(&w, "charts", title: "Charts") { w in
                SVGChart.lines(
                    &w, title: "Traffic per day: human pageviews and bot hits",
                    lines: [
                        SVGChart.Line(
                            "Human pageviews",
                            report.days.enumerated().map {
                                SVGChart.Point(Double($0.offset), Double($0.element.pageviews))
                            }),
                        SVGChart.Line(
                            "Bot hits",
                            report.days.enumerated().map {
                                SVGChart.Point(Double($0.offset), Double($0.element.botHits))
                            }),
                    ],
                    x: SVGChart.Axis("Day (UTC)", .count), y: SVGChart.Axis("Requests per day (count)", .count),
                    xLabels: report.days.map(\.date))
                SVGChart.bars(
                    &w, title: "Sessions by channel", labels: report.channels.map(\.channel),
                    values: report.channels.map { Double($0.sessions) }, axis: SVGChart.Axis("Sessions (count)", .count)
                )
            }
            section(&w, "tables", title: "Tables") { w in
                let t = report.totals
                HTMLTable(
                    caption: "Traffic per day",
                    columns: [
                        .text("Day"), .number("Pageviews"), .number("Sessions"), .number("Visitors"),
                        .number("Bot hits"),
                    ],
                    rows: report.days.map {
                        [
                            .text($0.date), .count($0.pageviews), .count($0.sessions), .count($0.visitors),
                            .count($0.botHits),
                        ]
                    },
                    note:
                        "Totals: \(HTMLNumberFormat.count(t.pageviews)) pageviews, \(HTMLNumberFormat.count(t.sessions)) sessions, "
                        + "\(HTMLNumberFormat.count(t.visitors)) visitors (each counted once), \(HTMLNumberFormat.count(t.botHits)) bot hits."
                ).write(to: &w)
                HTMLTable(
                    caption: "Channels",
                    columns: [.text("Channel"), .number("Sessions"), .number("Share of sessions")],
                    rows: report.channels.map { [.text($0.channel), .count($0.sessions), .rate($0.share)] }
                ).write(to: &w)
                HTMLTable(
                    caption: "Top pages",
                    columns: [.text("Page"), .number("Pageviews"), .number("Visitors")],
                    rows: report.topPages.map { [.code($0.path), .count($0.pageviews), .count($0.visitors)] }
                ).write(to: &w)
                HTMLTable(
                    caption: "Top landing pages",
                    columns: [.text("Landing page"), .number("Entrances"), .number("Bounce rate")],
                    rows: report.topLandingPages.map { [.code($0.path), .count($0.entrances), .rate($0.bounceRate)] }
                ).write(to: &w)
                HTMLTable(
                    caption: "Bots (listed user agents)",
                    columns: [.text("Bot"), .text("Category"), .number("Hits")],
                    rows: report.bots.map { [.text($0.bot), .text($0.category), .count($0.hits)] }
                ).write(to: &w)
            }
            definitions(&w, sorted(report.definitions))
        }
    }
}
