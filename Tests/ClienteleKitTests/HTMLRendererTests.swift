import Foundation
import LogModel
import Testing

@testable import ClienteleKit

/// The HTML pages: log-derived text is escaped everywhere, nothing is loaded from the network,
/// every required chart is drawn (or replaced by a "no data" message), headings are in order.
@Suite struct HTMLRendererTests {
    static let day: Int64 = 86_400_000_000
    static let hour: Int64 = 3_600_000_000
    static let t0 = Int64(CivilTime.days(year: 2026, month: 1, day: 5)) * day
    static let period = ReportPeriod(fromMicros: t0, toMicros: t0 + 28 * day)

    /// Attacker-controlled text as it may appear in paths, referrers, campaigns, skus and ids.
    static let script = "<script>alert(1)</script>"
    static let image = "\"><img src=x onerror=alert(1)>"
    static let scheme = "javascript:alert(1)"
    static let quote = "o'brien"
    static let evil = [script, image, scheme, quote]

    /// A month of sessions, pageviews, orders and bots whose every free-text field is hostile.
    static func hostileData() -> ReportData {
        var d = ReportData()
        let customers = ["c-" + script, "c-" + image, scheme, quote]
        let skus = ["sku-" + script, "sku-" + image, scheme, "sku'" + quote]
        for (i, sku) in skus.enumerated() {
            d.products[sku] = ProductRecord(
                sku: sku, name: "name " + evil[i], category: "cat " + evil[(i + 1) % 4], priceCents: 1_000)
        }
        for (i, c) in customers.enumerated() { d.customers[c] = ["segment": "seg " + evil[i]] }
        let channels = ["Email", "Paid Search", script, "Organic Search"]
        for i in 0..<16 {
            let index = d.sessions.count
            let start = t0 + Int64(i) * day + 10 * hour
            let first = d.pageviews.count
            let article = "/blog/" + evil[i % 4]
            let sku = skus[i % 4]
            let pages: [(Int64, String, String, String?)] = [
                (0, article, "article", "slug " + evil[i % 4]),
                (60, "/p/" + evil[(i + 1) % 4], "product", sku),
                (120, "/cart?add=" + evil[(i + 2) % 4], "cart_add", sku),
                (200, "/checkout/done", "checkout_complete", "o\(i)"),
            ]
            for (offset, path, kind, item) in pages {
                d.appendPageview(
                    session: index, ts: start + offset * 1_000_000, path: path, kind: kind, item: item,
                    quantity: kind == "cart_add" ? 1 : nil)
            }
            d.append(
                SessionText(
                    id: Int64(index + 1), visitorID: Int64(i % 6), customerID: customers[i % 4], start: start,
                    end: start + 200 * 1_000_000, pageviews: pages.count, channel: channels[i % 4],
                    source: "src " + evil[i % 4], medium: evil[(i + 3) % 4], campaign: "camp " + evil[(i + 2) % 4],
                    landingPath: article, exitPath: "/checkout/done", bounced: false, converted: true,
                    pageviewRange: first..<d.pageviews.count))
            d.orders.append(
                .init(
                    id: "o\(i)", customerID: customers[i % 4], orderedAt: start + 200 * 1_000_000,
                    items: [
                        .init(sku: skus[i % 2], quantity: 1, unitPriceCents: 1_250 * Int64(i + 1)),
                        .init(sku: skus[2 + i % 2], quantity: 2, unitPriceCents: 999),
                    ],
                    session: index))
        }
        d.botTraffic = [
            .init(day: "2026-01-06", bot: script, category: scheme, hits: 40),
            .init(day: "2026-01-07", bot: image, category: quote, hits: 7),
        ]
        d.botHits = 47
        return d
    }

    static func pages(_ data: ReportData) -> [(name: String, html: String)] {
        [
            ("overview", HTMLReportRenderer.page(TrafficReportBuilder.build(data: data, period: period))),
            ("marketing", HTMLReportRenderer.page(MarketingReportBuilder.build(data: data, period: period))),
            ("content", HTMLReportRenderer.page(ContentReportBuilder.build(data: data, period: period))),
            ("products", HTMLReportRenderer.page(ProductsReportBuilder.build(data: data, period: period))),
            ("executive", HTMLReportRenderer.page(ExecutiveReportBuilder.build(data: data, period: period))),
            ("customer", HTMLReportRenderer.page(hostileTimeline())),
            (
                "index",
                HTMLReportRenderer.index(
                    reports: [
                        (name: "marketing", file: "marketing.html", question: "Q " + script, headline: [image]),
                        (name: "overview", file: scheme, question: quote, headline: [script]),
                    ],
                    customers: evil.map {
                        (id: $0, file: HTMLReportRenderer.customerFileName(id: $0), revenue: Money(cents: 123_456))
                    }
                        + [
                            (id: "bad file", file: scheme, revenue: .zero),
                            (id: "abs", file: "https://evil.example/x.html", revenue: .zero),
                        ],
                    period: period)
            ),
        ]
    }

    static func hostileTimeline() -> CustomerTimeline {
        let page = { (i: Int) in
            CustomerTimeline.Page(
                time: "2026-01-05T10:00:0\(i)Z", path: "/p/" + evil[i % 4], kind: "product", item: evil[(i + 1) % 4])
        }
        let session = CustomerTimeline.Session(
            sessionID: 7, visitor: "visitor " + image, start: "2026-01-05T10:00:00Z", end: "2026-01-05T10:03:00Z",
            channel: script, source: scheme, medium: quote, campaign: image, landingPath: "/" + script,
            pages: (0..<4).map(page), productsViewed: evil, productsCarted: [script], orders: [image])
        return CustomerTimeline(
            customerID: script, attributes: ["segment": image, scheme: quote],
            devices: [
                .init(
                    visitor: image, firstSeen: "2026-01-05T10:00:00Z", lastSeen: "2026-01-05T10:03:00Z", sessions: 1,
                    linkedBy: ["url", script])
            ],
            sessions: [session],
            orders: [
                .init(
                    orderID: image, orderedAt: "2026-01-05T10:03:00Z",
                    items: [.init(sku: script, quantity: 2, unitPrice: Decimal(string: "12.5")!)], revenue: Decimal(25),
                    sessionID: 7)
            ],
            revenue: Decimal(25))
    }

    // MARK: - A tiny tag scanner (the pages are our own markup, so a strict scan is enough)

    struct Tag {
        var name: String
        var attributes: [(name: String, value: String)]
    }

    static let allowedTags: Set<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "a", "nav", "ul", "li", "svg", "defs",
        "pattern", "rect", "circle", "path", "line", "polygon", "g", "text", "desc", "main", "h1", "h2", "h3", "p",
        "section", "figure", "figcaption", "table", "caption", "thead", "tbody", "tr", "th", "td", "code", "div",
        "dl", "dt", "dd", "footer", "script",
    ]

    /// Every start tag of the document with its attributes; fails on anything that is not a well-formed tag.
    static func tags(_ html: String) -> [Tag] {
        var out: [Tag] = []
        let s = Array(html.unicodeScalars)
        var i = 0
        var rawText: String?
        while i < s.count {
            guard s[i] == "<" else {
                i += 1
                continue
            }
            if let raw = rawText {
                // Inside <style> or <script>: only the matching end tag ends it.
                let end = "</" + raw
                if String(String.UnicodeScalarView(s[i..<min(s.count, i + end.unicodeScalars.count)])).lowercased()
                    == end
                {
                    rawText = nil
                } else {
                    i += 1
                    continue
                }
            }
            var j = i + 1
            let closing = j < s.count && s[j] == "/"
            if closing { j += 1 }
            var name = ""
            while j < s.count, s[j] != " ", s[j] != ">", s[j] != "/", s[j] != "\n" {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            var attributes: [(String, String)] = []
            while j < s.count, s[j] != ">" {
                if s[j] == " " || s[j] == "/" || s[j] == "\n" {
                    j += 1
                    continue
                }
                var attr = ""
                while j < s.count, s[j] != "=", s[j] != " ", s[j] != ">" {
                    attr.unicodeScalars.append(s[j])
                    j += 1
                }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    #expect(s[j] == "\"", "unquoted attribute \(attr) in <\(name)>")
                    j += 1
                    while j < s.count, s[j] != "\"" {
                        value.unicodeScalars.append(s[j])
                        j += 1
                    }
                    j += 1
                }
                attributes.append((attr, value))
            }
            if !closing {
                out.append(Tag(name: name.lowercased(), attributes: attributes))
                if name == "style" || name == "script" { rawText = name }
            }
            i = j + 1
        }
        return out
    }

    // MARK: - Safety

    @Test func logDerivedTextIsEscapedOnEveryPage() {
        for (name, html) in Self.pages(Self.hostileData()) {
            #expect(!html.contains("<script>alert"), "\(name)")
            #expect(!html.lowercased().contains("<img"), "\(name)")
            #expect(!html.contains("<script>alert(1)</script>"), "\(name)")
            // The hostile text is there, escaped, not dropped.
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name)")
            #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "\(name)")
            #expect(html.contains("o&#39;brien"), "\(name)")
            // The only script element is ours.
            #expect(html.components(separatedBy: "<script").count == 2, "\(name)")
            let scriptBody = html.components(separatedBy: "<script>")[1].components(separatedBy: "</script>")[0]
            #expect(scriptBody == HTMLPageAssets.script.description, "\(name)")
            // The CSP lets exactly this script run: its hash covers the text between the tags.
            #expect(html.contains("script-src &#39;sha256-\(SHA256Digest.base64(of: scriptBody))&#39;"), "\(name)")
            for tag in Self.tags(html) {
                #expect(Self.allowedTags.contains(tag.name), "\(name): unexpected <\(tag.name)>")
                for (attr, value) in tag.attributes {
                    let a = attr.lowercased()
                    #expect(!a.hasPrefix("on"), "\(name): event handler \(attr) on <\(tag.name)>")
                    #expect(a != "src" && a != "style" && a != "srcset", "\(name): \(attr) on <\(tag.name)>")
                    // Text attributes (aria-label, title) may hold the escaped words; URL attributes never.
                    if ["href", "action", "formaction", "xlink:href", "data", "poster"].contains(a) {
                        #expect(!value.lowercased().contains("javascript:"), "\(name): \(attr)=\(value)")
                    }
                    #expect(!value.contains("<") && !value.contains(">"), "\(name): \(attr)=\(value)")
                    if a == "href" {
                        #expect(value == "#main" || HTMLFileName(value) != nil, "\(name): href=\(value)")
                    }
                }
            }
        }
    }

    @Test func nothingIsLoadedFromAnotherHost() throws {
        let remote = try Regex(#"(?i)(src|href)\s*=\s*["']?\s*(https?:)?//"#)
        let remoteURL = try Regex(#"(?i)url\(\s*["']?\s*(https?:)?//"#)
        for (name, html) in Self.pages(Self.hostileData()) + Self.pages(ReportData()) {
            #expect(!html.contains(remote), "\(name)")
            #expect(!html.contains(remoteURL), "\(name)")
            #expect(!html.contains("@import"), "\(name)")
            #expect(!html.contains("http://") && !html.contains("https://"), "\(name)")
            #expect(
                html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;"),
                "\(name)")
            #expect(html.hasPrefix("<!DOCTYPE html>"), "\(name)")
        }
    }

    @Test func unsafeFileNamesAreNotLinked() {
        let html = Self.pages(Self.hostileData()).first { $0.name == "index" }!.html
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("<a href=\"marketing.html\">Marketing</a>"))
        #expect(html.contains("<td>bad file</td>"))
        for id in Self.evil {
            let file = HTMLReportRenderer.customerFileName(id: id)
            #expect(HTMLFileName(file) != nil, "\(file)")
            #expect(html.contains("<a href=\"\(file)\">"))
        }
        #expect(HTMLReportRenderer.customerFileName(id: "a/b") != HTMLReportRenderer.customerFileName(id: "a_b"))
    }

    @Test(arguments: [
        ("marketing.html", true), ("customer-c_1-00ff00ff.html", true), ("javascript:alert(1)", false),
        ("javascript:x.html", false), ("../etc.html", false), ("https://x.example/a.html", false),
        ("//x/a.html", false),
        ("a b.html", false), (".hidden.html", false), ("page.htm", false), ("", false), ("ü.html", false),
    ])
    func fileNames(name: String, accepted: Bool) {
        #expect((HTMLFileName(name) != nil) == accepted)
    }

    @Test(arguments: [
        ("plain", "plain"), ("a & b", "a &amp; b"), ("<b>", "&lt;b&gt;"), ("\"q\"", "&quot;q&quot;"),
        ("it's", "it&#39;s"),
        ("\u{0}\u{1B}[31m", "\u{FFFD}\u{FFFD}[31m"), ("tab\tnew\nline", "tab\tnew\nline"), ("é→✓", "é→✓"),
    ])
    func escaping(input: String, escaped: String) {
        #expect(HTMLEscaping.escape(input) == escaped)
    }

    @Test func writerEscapesTextAndAttributes() {
        var w = HTMLWriter()
        w.element("p", HTMLAttribute("title", Self.image), text: Self.script)
        w.link(to: HTMLFileName(Self.scheme), text: Self.quote)
        #expect(
            w.html
                == "<p title=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">&lt;script&gt;alert(1)&lt;/script&gt;</p>o&#39;brien"
        )
    }

    @Test func scriptHashIsSHA256() {
        #expect(SHA256Digest.base64(of: "abc") == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
        #expect(SHA256Digest.base64(of: "") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=")
        #expect(
            SHA256Digest.base64(of: String(repeating: "a", count: 1_000))
                == "Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM=")
        #expect(HTMLPageAssets.contentSecurityPolicy.contains(HTMLPageAssets.scriptHash))
    }

    // MARK: - Charts

    static func svgTitles(_ html: String) -> [String] {
        html.components(separatedBy: "<svg viewBox=").dropFirst().compactMap { chunk in
            guard chunk.contains("role=\"img\""), let title = chunk.components(separatedBy: "<title>").dropFirst().first
            else { return nil }
            return title.components(separatedBy: "</title>")[0]
        }
    }

    @Test func everyRequiredChartIsDrawn() throws {
        let pages = Dictionary(uniqueKeysWithValues: Self.pages(Self.hostileData()).map { ($0.name, $0.html) })
        let required: [String: [String]] = [
            "overview": ["Traffic per day: human pageviews and bot hits"],
            "marketing": [
                "Channel value: new visitors and revenue per acquired customer (90 days)",
                "Revenue by attribution model, per channel",
            ],
            "content": ["Articles: pageviews and reader purchase rate (7 days)"],
            "products": ["Funnel: product views, cart adds, orders"],
            "executive": [
                "Customer value pyramid: tiers and their share of revenue", "RFM segments: customers per segment",
            ],
        ]
        for (name, titles) in required {
            let drawn = Self.svgTitles(pages[name]!)
            for title in titles { #expect(drawn.contains(title), "\(name): \(title) in \(drawn)") }
            #expect(!pages[name]!.contains(HTMLReportRenderer.noDataMessage) || name == "executive", "\(name)")
        }
        #expect(Self.svgTitles(pages["executive"]!).contains { $0.hasPrefix("Pareto curve") })
        // Every chart has its text alternative and a visible title.
        for (name, html) in pages {
            let charts = html.components(separatedBy: "<svg viewBox=").count - 1
            #expect(html.components(separatedBy: "role=\"img\" aria-label=").count - 1 == charts, "\(name)")
            #expect(html.components(separatedBy: "class=\"chart-title\"").count - 1 >= charts, "\(name)")
        }
        // Several series: a legend; the attribution chart names every model.
        for model in ["Last non-direct", "First click", "Linear", "Time decay", "Position based", "Markov"] {
            #expect(pages["marketing"]!.contains(try Regex("class=\"legend-label\"[^>]*>\(model)</text>")), "\(model)")
        }
        // The bought-together table lists pairs with count, support, confidence and lift.
        let products = pages["products"]!
        #expect(products.contains("<caption>Bought together</caption>"))
        for header in ["Orders with both", "Support", "Confidence a→b", "Lift"] {
            #expect(products.contains("<th scope=\"col\" class=\"num\">\(header)</th>"))
        }
    }

    @Test func emptyReportsSayNoData() {
        for (name, html) in Self.pages(ReportData()) where name != "customer" && name != "index" {
            #expect(html.contains("<p class=\"no-data\">No data in this period.</p>"), "\(name)")
            #expect(!html.contains("role=\"img\""), "\(name): an empty chart was drawn")
            #expect(!html.contains("<tbody>") || name == "executive", "\(name)")
        }
    }

    // MARK: - Structure

    @Test func headingsAreInOrder() throws {
        let heading = try Regex(#"<h([1-6])[ >]"#)
        for (name, html) in Self.pages(Self.hostileData()) + Self.pages(ReportData()) {
            let levels = html.matches(of: heading).map { Int(html[$0.range].dropFirst(2).prefix(1))! }
            #expect(levels.first == 1, "\(name)")
            #expect(levels.filter { $0 == 1 }.count == 1, "\(name)")
            #expect(levels.dropFirst().first == 2, "\(name): \(levels)")
            for (a, b) in zip(levels, levels.dropFirst()) { #expect(b <= a + 1, "\(name): h\(a) then h\(b)") }
        }
    }

    @Test func pageReadsQuestionAnswerPeriodChartsTablesDefinitions() throws {
        let report = MarketingReportBuilder.build(data: Self.hostileData(), period: Self.period)
        let html = HTMLReportRenderer.page(report)
        let order = [
            "<h1>Which ad sources bring valuable customers?</h1>", "<p class=\"answer\">", "<p class=\"period\">",
            "<p class=\"coverage\">", "<h2 id=\"charts\">", "<h2 id=\"tables\">", "<h2 id=\"definitions\">",
        ]
        var last = html.startIndex
        for marker in order {
            let found = try #require(html.range(of: marker, range: last..<html.endIndex), "\(marker)")
            last = found.upperBound
        }
        for d in report.definitions { #expect(html.contains("<dt><code>\(HTMLEscaping.escape(d.key))</code></dt>")) }
        #expect(html.contains("<nav class=\"site\" aria-label=\"Reports\">"))
        #expect(html.contains("<a href=\"marketing.html\" aria-current=\"page\">Marketing</a>"))
        #expect(html.contains("<a href=\"index.html\">All reports</a>"))
        #expect(html.contains("@media print"))
        #expect(html.contains("class=\"table-wrap\""))
    }

    @Test func tablesFormatNumbersAndCarrySortKeys() {
        let table = HTMLTable(
            caption: "t", columns: [.text("Name"), .number("Count"), .number("Money"), .number("Rate")],
            rows: [[.text("x"), .count(1_234_567), .money(Money(cents: 123_456_789)), .rate(0.12345)]])
        var w = HTMLWriter()
        table.write(to: &w)
        #expect(w.html.contains("<th scope=\"col\">Name</th><th scope=\"col\" class=\"num\">Count</th>"))
        #expect(w.html.contains("<td class=\"num\" data-sort=\"1234567\">1,234,567</td>"))
        #expect(w.html.contains("<td class=\"num\" data-sort=\"123456789\">1,234,567.89</td>"))
        #expect(w.html.contains("<td class=\"num\" data-sort=\"0.12345\">12.3%</td>"))
        #expect(HTMLNumberFormat.decimal(-1234.56, digits: 1) == "-1,234.6")
        #expect(HTMLNumberFormat.count(-1_000) == "-1,000")
        #expect(HTMLNumberFormat.rate(nil) == "–")
    }
}
