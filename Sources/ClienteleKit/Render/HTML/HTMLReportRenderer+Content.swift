extension HTMLReportRenderer {
    /// The content page: articles' pageviews against reader purchase rate (bubble size = average
    /// time on page), the top articles by engagement score, and the articles table.
    /// - Parameter report: The content report.
    /// - Returns: The HTML document.
    package static func page(_ report: ContentReport) -> String {
        document(title: "Content", nav: departmentNav(current: ContentReport.name)) { w in
            header(
                &w, question: question(of: ContentReport.name) ?? "", headline: report.headline,
                period: report.period, coverage: report.coverage)
            let days = report.options.purchaseWindowDays
            section(&w, "charts", title: "Charts") { w in
                let plotted = report.articles.filter { $0.readerPurchaseRate7d != nil }
                    .sorted { ($0.pageviews, $1.path) > ($1.pageviews, $0.path) }
                SVGChart.scatter(
                    &w, title: "Articles: pageviews and reader purchase rate (\(days) days)",
                    dots: plotted.map { a in
                        SVGChart.Dot(
                            label: a.path, x: Double(a.pageviews), y: a.readerPurchaseRate7d ?? 0,
                            size: a.avgTimeOnPageS,
                            detail: "\(a.path): \(HTMLNumberFormat.count(a.pageviews)) pageviews, "
                                + "\(HTMLNumberFormat.rate(a.readerPurchaseRate7d)) of identified readers bought, "
                                + "average time on page \(HTMLNumberFormat.duration(a.avgTimeOnPageS))")
                    },
                    x: SVGChart.Axis("Pageviews (count)", .count),
                    y: SVGChart.Axis("Readers who bought within \(days) days (%)", .percent),
                    size: "average time on page", labelled: 8)
                let left = report.articles.count - plotted.count
                if left > 0 {
                    w.element(
                        "p", HTMLAttribute("class", "note"),
                        text: "\(HTMLNumberFormat.count(left)) listed \(left == 1 ? "article has" : "articles have") "
                            + "no identified readers, so no purchase rate, and \(left == 1 ? "is" : "are") not plotted."
                    )
                }
                let top = report.articles.prefix(15)
                SVGChart.bars(
                    &w, title: "Top articles by engagement score", labels: top.map(\.path),
                    values: top.map(\.engagementScore), axis: SVGChart.Axis("Engagement score (points)", .count))
            }
            section(&w, "tables", title: "Tables") { w in
                let t = report.totals
                HTMLTable(
                    caption: "Articles by engagement score",
                    columns: [
                        .number("Rank"), .text("Article"), .number("Pageviews"), .number("Visitors"),
                        .number("Identified readers"), .number("Entrances"), .number("Bounce rate"),
                        .number("Exit rate"), .number("Avg time on page"), .number("Returning readers"),
                        .number("Bought ≤\(days)d"), .number("Reader purchase rate"), .number("Assisted revenue"),
                        .number("Top-value reader share"), .number("Engagement score"),
                    ],
                    rows: report.articles.enumerated().map { i, a in
                        [
                            .count(i + 1), .code(a.path), .count(a.pageviews), .count(a.uniqueVisitors),
                            .count(a.identifiedReaders), .count(a.entrances), .rate(a.bounceRate), .rate(a.exitRate),
                            .seconds(a.avgTimeOnPageS), .count(a.returningReaders), .count(a.readersPurchased7d),
                            .rate(a.readerPurchaseRate7d), .money(a.assistedRevenue), .rate(a.topValueReaderShare),
                            .decimal(a.engagementScore, digits: 1),
                        ]
                    },
                    note: "\(HTMLNumberFormat.count(report.articles.count)) of \(HTMLNumberFormat.count(t.articles)) "
                        + "articles shown; all articles: \(HTMLNumberFormat.count(t.pageviews)) pageviews, "
                        + "\(HTMLNumberFormat.count(t.uniqueVisitors)) visitors, "
                        + "\(HTMLNumberFormat.count(t.identifiedReaders)) identified readers."
                ).write(to: &w)
                HTMLTable(
                    caption: "Top entry channels",
                    columns: [.text("Article"), .text("Channel"), .number("Entrances")],
                    rows: report.articles.flatMap { a in
                        a.topEntryChannels.map { [.code(a.path), .text($0.channel), .count($0.entrances)] }
                    }
                ).write(to: &w)
            }
            definitions(&w, sorted(report.definitions))
        }
    }
}
