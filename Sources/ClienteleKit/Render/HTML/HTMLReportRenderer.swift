import Foundation
import LogModel

/// Renders the department reports as self-contained HTML pages, plus an index page.
///
/// Each page is one HTML5 document with an inline style sheet and one small inline script (table
/// sorting); it loads nothing from anywhere (its Content-Security-Policy forbids it), works
/// opened from disk and prints cleanly. A page reads top to bottom: the department's question
/// (`<h1>`), the headline sentences as the answer, the period and coverage, charts (inline SVG),
/// tables, and the definitions of every number. Every string from logs or CSV files is escaped
/// (`HTMLWriter`); only checked relative file names are ever linked. Pages are expected next to
/// each other as `index.html`, `overview.html`, `marketing.html`, `content.html`,
/// `products.html` and `executive.html` (see `departments`).
package enum HTMLReportRenderer {
    /// The message shown in place of a chart or table without data.
    package static let noDataMessage = "No data in this period."

    /// A department page: report name, file name, navigation label and the question it answers.
    package struct Department: Sendable {
        /// The report's name on the command line (`marketing`).
        package var name: String
        /// The page's file name (`marketing.html`).
        package var file: String
        /// The name in the navigation bar.
        package var label: String
        /// The department's question, the page's `<h1>`.
        package var question: String
    }

    /// The department pages in navigation order.
    package static let departments: [Department] = [
        Department(
            name: TrafficReport.name, file: "overview.html", label: "Overview",
            question: "What does the site's traffic look like?"),
        Department(
            name: MarketingReport.name, file: "marketing.html", label: "Marketing",
            question: "Which ad sources bring valuable customers?"),
        Department(
            name: ContentReport.name, file: "content.html", label: "Content",
            question: "Which articles draw and hold readers, and which lead to purchases?"),
        Department(
            name: ProductsReport.name, file: "products.html", label: "Products",
            question: "What do customers view, cart and buy, and buy together?"),
        Department(
            name: ExecutiveReport.name, file: "executive.html", label: "Executive",
            question: "How is value spread over customers, and who is slipping away?"),
    ]

    /// The question of a department report by its name (`marketing`), for the index.
    /// - Parameter name: The report's name.
    /// - Returns: The question, or `nil` for an unknown name.
    package static func question(of name: String) -> String? {
        departments.first { $0.name == name }?.question
    }

    /// A safe, stable file name for a customer's page: `customer-<id with other characters as _>-<hash>.html`.
    ///
    /// The id is cut to 40 characters and anything but ASCII letters, digits, `-` and `_` becomes `_`;
    /// the FNV-1a hash of the full id keeps different ids apart.
    /// - Parameter id: The customer id (from customers.csv or orders.csv).
    /// - Returns: A plain relative file name that `HTMLFileName` accepts.
    package static func customerFileName(id: String) -> String {
        let hash = FNV1a.hash(id.utf8)
        let safe = String(
            id.unicodeScalars.prefix(40).map { s -> Character in
                s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == "_")
                    ? Character(s) : "_"
            })
        let hex = String(hash & 0xffff_ffff, radix: 16)
        return "customer-" + safe + "-" + String(repeating: "0", count: 8 - hex.count) + hex + ".html"
    }

    // MARK: - Index

    /// The index page: every report with its question and headline, and the customer pages.
    /// - Parameters:
    ///   - reports: Report name, file name (linked only when a plain relative `.html` name), question and headline.
    ///   - customers: Customer id, the file of their page (see `customerFileName(id:)`) and revenue.
    ///   - period: The period the reports cover.
    /// - Returns: The HTML document.
    package static func index(
        reports: [(name: String, file: String, question: String, headline: [String])],
        customers: [(id: String, file: String, revenue: Money)], period: ReportPeriod
    ) -> String {
        let nav =
            [NavItem(label: "All reports", file: HTMLFileName("index.html"), current: true)]
            + reports.map { NavItem(label: label(of: $0.name), file: HTMLFileName($0.file), current: false) }
        return document(title: "Clientele reports", nav: nav) { w in
            w.element("h1", text: "Clientele reports")
            w.element(
                "p", HTMLAttribute("class", "answer"),
                text: "Each page answers one department's question about the site's visitors and customers.")
            periodLine(&w, period)
            section(&w, "reports", title: "Department reports") { w in
                if reports.isEmpty {
                    w.element("p", HTMLAttribute("class", "no-data"), text: noDataMessage)
                } else {
                    w.open("ul", HTMLAttribute("class", "reports"))
                    for r in reports {
                        w.markup("<li><h3>")
                        w.link(to: HTMLFileName(r.file), text: label(of: r.name))
                        w.markup("</h3>")
                        w.element("p", HTMLAttribute("class", "question"), text: r.question)
                        for sentence in r.headline.prefix(3) { w.element("p", text: sentence) }
                        w.markup("</li>")
                    }
                    w.close("ul")
                }
            }
            section(&w, "customers", title: "Customers") { w in
                HTMLTable(
                    caption: "Customer pages (\(HTMLNumberFormat.count(customers.count)))",
                    columns: [.text("Customer"), .number("Revenue")],
                    rows: customers.map { [.link(HTMLFileName($0.file), $0.id), .money($0.revenue)] },
                    note: "Revenue of all the customer's orders. Click a column header to sort."
                ).write(to: &w)
            }
        }
    }

    // MARK: - Page parts

    /// One entry of the navigation bar.
    struct NavItem {
        var label: String
        var file: HTMLFileName?
        var current: Bool
    }

    /// The navigation of a department or customer page: the index and the five department pages.
    static func departmentNav(current: String?) -> [NavItem] {
        [NavItem(label: "All reports", file: HTMLFileName("index.html"), current: false)]
            + departments.map { NavItem(label: $0.label, file: HTMLFileName($0.file), current: $0.name == current) }
    }

    static func label(of name: String) -> String {
        departments.first { $0.name == name }?.label ?? name
    }

    /// A whole document: head (charset, viewport, CSP, title, style), skip link, navigation,
    /// pattern definitions, `<main>` with `body`, footer, and the script.
    static func document(title: String, nav: [NavItem], body: (inout HTMLWriter) -> Void) -> String {
        var w = HTMLWriter()
        w.markup("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        w.markup("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        w.empty(
            "meta", HTMLAttribute("http-equiv", "Content-Security-Policy"),
            HTMLAttribute("content", HTMLPageAssets.contentSecurityPolicy))
        w.markup(
            "\n<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"generator\" content=\"Clientele\">\n")
        w.element("title", text: title + " — Clientele")
        w.markup("\n<style>\n")
        w.markup(HTMLPageAssets.style)
        w.markup("\n</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
        w.markup("<nav class=\"site\" aria-label=\"Reports\"><ul>")
        for item in nav {
            w.markup("<li>")
            w.link(to: item.file, text: item.label, current: item.current)
            w.markup("</li>")
        }
        w.markup("</ul></nav>\n")
        SVGChart.definitions(&w)
        w.markup("\n<main id=\"main\">\n")
        body(&w)
        w.markup("\n<footer>")
        w.text("Made by Clientele from web server logs and the shop's customer, order and product files. ")
        w.text("All times are UTC. This page loads nothing from the network and can be printed.")
        // The script's text between the tags is exactly what the CSP hash covers: no added whitespace.
        w.markup("</footer>\n</main>\n<script>")
        w.markup(HTMLPageAssets.script)
        w.markup("</script>\n</body>\n</html>\n")
        return w.html
    }

    /// The top of a report page: the question, the headline sentences, the period and coverage.
    static func header(
        _ w: inout HTMLWriter, question: String, headline: [String], period: ReportPeriod, coverage: ReportCoverage?,
        extraPeriod: String? = nil
    ) {
        w.element("h1", text: question)
        if headline.isEmpty {
            w.element("p", HTMLAttribute("class", "answer"), text: noDataMessage)
        }
        for sentence in headline {
            w.element("p", HTMLAttribute("class", "answer"), text: sentence)
        }
        periodLine(&w, period, extra: extraPeriod)
        if let coverage { coverageLine(&w, coverage) }
    }

    /// `Period: 2026-01-01 to 2026-01-31 (31 days, UTC).`
    static func periodLine(_ w: inout HTMLWriter, _ period: ReportPeriod, extra: String? = nil) {
        var text = "Period: \(period.from) to \(HTMLNumberFormat.lastDay(period)) "
        text += "(\(HTMLNumberFormat.count(period.days)) \(period.days == 1 ? "day" : "days"), UTC)."
        if let extra { text += " " + extra }
        w.element("p", HTMLAttribute("class", "period"), text: text)
    }

    static func coverageLine(_ w: inout HTMLWriter, _ c: ReportCoverage) {
        let text =
            "Coverage: \(HTMLNumberFormat.count(c.sessions)) sessions, "
            + "\(HTMLNumberFormat.rate(c.identifiedSessionShare)) tied to a known customer; "
            + "\(HTMLNumberFormat.count(c.orders)) orders, \(HTMLNumberFormat.rate(c.ordersMatchedShare)) "
            + "matched to a session. Excluded: \(HTMLNumberFormat.count(c.botHitsExcluded)) hits of listed bots "
            + "and \(HTMLNumberFormat.count(c.behaviourBotVisitorsExcluded)) visitors that behaved like bots."
        w.element("p", HTMLAttribute("class", "coverage"), text: text)
    }

    /// `<section aria-labelledby=id><h2 id=id>title</h2>…</section>`.
    static func section(
        _ w: inout HTMLWriter, _ id: StaticString, title: String, body: (inout HTMLWriter) -> Void
    ) {
        w.open("section", HTMLAttribute("aria-labelledby", id.description))
        w.element("h2", HTMLAttribute("id", id.description), text: title)
        body(&w)
        w.close("section")
    }

    /// The Definitions section: every key and its meaning, in the order given.
    static func definitions(_ w: inout HTMLWriter, _ items: [(key: String, text: String)]) {
        section(&w, "definitions", title: "Definitions") { w in
            w.open("dl", HTMLAttribute("class", "definitions"))
            for item in items {
                w.markup("<dt><code>")
                w.text(item.key)
                w.markup("</code></dt>")
                w.element("dd", text: item.text)
            }
            w.close("dl")
        }
    }

    /// Dictionary definitions in key order (stable output).
    static func sorted(_ definitions: [String: String]) -> [(key: String, text: String)] {
        definitions.sorted { $0.key < $1.key }.map { (key: $0.key, text: $0.value) }
    }

    /// Money as a chart value (currency units).
    static func units(_ m: Money) -> Double { Double(m.cents) / 100 }
}
