import Foundation

extension HTMLReportRenderer {
    /// What the numbers of a customer page mean.
    static let customerDefinitions: [(key: String, text: String)] = [
        (
            "device",
            "a visitor key (a cookie, or address + user agent) linked to the customer; sessions on any linked device count as the customer's"
        ),
        (
            "linked_by",
            "how the device was tied to the customer: field (a login in the log's user field or a customer cookie), url (a customer id in a link, e.g. from an email), order (an order id on a checkout page joined to orders.csv)"
        ),
        ("session", "a visit: pageviews of one device with no gap of 30 minutes or more and no change of campaign"),
        ("channel", "GA4 default channel group of the session's landing hit (utm parameters, click ids, referrer)"),
        ("pages", "pageviews of the session (bots and static assets excluded)"),
        ("products_viewed", "distinct skus of product pageviews in the session"),
        ("products_carted", "distinct skus of cart-add pageviews in the session"),
        ("orders", "order ids seen on checkout-complete pages of the session"),
        ("revenue", "sum of quantity × unit price of the customer's order lines in orders.csv"),
        ("order.session", "the session whose checkout page carried the order id; empty when the logs did not see it"),
    ]

    /// A customer's page: their devices, visits by channel, orders, and every visit page by page.
    /// - Parameter timeline: The customer's timeline.
    /// - Returns: The HTML document.
    package static func page(_ timeline: CustomerTimeline) -> String {
        let revenue = HTMLNumberFormat.money(timeline.revenue)
        let id = timeline.customerID
        return document(title: "Customer \(id)", nav: departmentNav(current: nil)) { w in
            let times = timeline.sessions.map(\.start) + timeline.orders.map(\.orderedAt)
            let first = times.min()
            let last = times.max()
            var headline = [
                "Customer \(id) used \(count(timeline.devices.count, "device")), made \(count(timeline.sessions.count, "visit")) "
                    + "and placed \(count(timeline.orders.count, "order")) worth \(revenue.text) in all."
            ]
            var byChannel: [String: Int] = [:]
            for s in timeline.sessions { byChannel[s.channel, default: 0] += 1 }
            let channels = byChannel.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            if let top = channels.first {
                headline.append("Most visits came through \(top.key) (\(count(top.value, "visit"))).")
            }
            if let first, let last { headline.append("First seen \(first), last seen \(last).") }
            w.element("h1", text: "What did customer \(id) do, visit by visit?")
            for sentence in headline { w.element("p", HTMLAttribute("class", "answer"), text: sentence) }
            w.element(
                "p", HTMLAttribute("class", "period"),
                text: first.map { "Period: all data, \($0) to \(last ?? $0) (UTC)." } ?? "Period: all data (UTC).")
            let seen = timeline.orders.filter { $0.sessionID != nil }.count
            w.element(
                "p", HTMLAttribute("class", "coverage"),
                text: "Coverage: \(count(timeline.devices.count, "device")) linked; \(HTMLNumberFormat.count(seen)) of "
                    + "\(count(timeline.orders.count, "order")) seen on a checkout page in the logs.")
            section(&w, "charts", title: "Charts") { w in
                SVGChart.bars(
                    &w, title: "Visits by channel", labels: channels.map(\.key),
                    values: channels.map { Double($0.value) }, axis: SVGChart.Axis("Visits (count)", .count))
                SVGChart.bars(
                    &w, title: "Revenue per order", labels: timeline.orders.map(\.orderID),
                    values: timeline.orders.map { units(HTMLNumberFormat.money($0.revenue)) },
                    axis: SVGChart.Axis("Revenue (currency units)", .money))
            }
            section(&w, "tables", title: "Tables") { w in
                HTMLTable(
                    caption: "Attributes (customers.csv)",
                    columns: [.text("Attribute"), .text("Value")],
                    rows: timeline.attributes.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] }
                ).write(to: &w)
                HTMLTable(
                    caption: "Devices",
                    columns: [
                        .text("Device"), .text("First seen"), .text("Last seen"), .number("Visits"), .text("Linked by"),
                    ],
                    rows: timeline.devices.map {
                        [
                            .code($0.visitor), .text($0.firstSeen), .text($0.lastSeen), .count($0.sessions),
                            .text($0.linkedBy.joined(separator: ", ")),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Orders",
                    columns: [.text("Order"), .text("Ordered at"), .text("Items"), .number("Revenue"), .text("Visit")],
                    rows: timeline.orders.map { o in
                        [
                            .code(o.orderID), .text(o.orderedAt),
                            .text(
                                o.items.map {
                                    "\($0.quantity) × \($0.sku) at \(HTMLNumberFormat.money($0.unitPrice).text)"
                                }
                                .joined(separator: "; ")),
                            .money(HTMLNumberFormat.money(o.revenue)),
                            .text(o.sessionID.map { "session \($0)" } ?? "not seen in the logs"),
                        ]
                    }
                ).write(to: &w)
                HTMLTable(
                    caption: "Visits",
                    columns: [
                        .text("Start"), .text("Channel"), .text("Source / medium"), .text("Campaign"),
                        .text("Landing page"), .number("Pages"), .text("Products viewed"), .text("Carted"),
                        .text("Orders"),
                    ],
                    rows: timeline.sessions.map { s in
                        [
                            .text(s.start), .text(s.channel), .text("\(s.source) / \(s.medium)"),
                            .text(s.campaign ?? "–"),
                            .code(s.landingPath), .count(s.pages.count),
                            .text(s.productsViewed.joined(separator: ", ")),
                            .text(s.productsCarted.joined(separator: ", ")), .text(s.orders.joined(separator: ", ")),
                        ]
                    }
                ).write(to: &w)
            }
            section(&w, "visits", title: "Visit by visit") { w in
                if timeline.sessions.isEmpty {
                    w.element("p", HTMLAttribute("class", "no-data"), text: "No visits were tied to this customer.")
                }
                for (i, s) in timeline.sessions.enumerated() {
                    w.element("h3", text: "Visit \(i + 1): \(s.start), \(s.channel)")
                    var line = "Device \(s.visitor); \(s.source) / \(s.medium)"
                    if let campaign = s.campaign { line += ", campaign \(campaign)" }
                    line += "; ended \(s.end)."
                    w.element("p", HTMLAttribute("class", "note"), text: line)
                    HTMLTable(
                        caption: "Pages of visit \(i + 1) (session \(s.sessionID))",
                        columns: [.text("Time"), .text("Kind"), .text("Page"), .text("Item")],
                        rows: s.pages.map { [.text($0.time), .text($0.kind), .code($0.path), .text($0.item ?? "")] }
                    ).write(to: &w)
                }
            }
            definitions(&w, customerDefinitions)
        }
    }

    /// `1 visit`, `3 visits`.
    static func count(_ n: Int, _ noun: String) -> String {
        HTMLNumberFormat.count(n) + " " + noun + (n == 1 ? "" : "s")
    }
}
