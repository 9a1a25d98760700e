import Foundation

/// The department reports by name, and how to build, encode and explain each.
package enum ReportCatalog {
    /// Report names in the order `all` produces them.
    package static let names = ["overview", "marketing", "content", "products", "executive"]

    /// The question each report answers, for help text and page titles.
    package static let questions: [String: String] = [
        "overview": "What does the site's traffic look like?",
        "marketing": "Which ad sources bring valuable customers, not just clicks?",
        "content": "Which articles draw and hold readers, and which lead to purchases?",
        "products": "What do customers view, cart and buy, and buy together?",
        "executive": "How is value spread over customers, and who is slipping away?",
    ]

    /// Whether the report `name` reads pageviews (marketing reads only sessions and orders, so
    /// it can be built from `ReportData.load(from:withPageviews: false)`).
    package static func readsPageviews(_ name: String) -> Bool { name != "marketing" }

    /// Builds the report `name` over `period`. - Returns: `nil` for an unknown name.
    package static func build(_ name: String, data: ReportData, period: ReportPeriod) -> (any DepartmentReport)? {
        switch name {
        case "overview": TrafficReportBuilder.build(data: data, period: period)
        case "marketing": MarketingReportBuilder.build(data: data, period: period)
        case "content": ContentReportBuilder.build(data: data, period: period)
        case "products": ProductsReportBuilder.build(data: data, period: period)
        case "executive": ExecutiveReportBuilder.build(data: data, period: period)
        default: nil
        }
    }

    /// Builds the reports `names` over `period`, side by side on the cores (largest first).
    ///
    /// Builders share `data` read-only and count by integer ids, so they do not contend: on a
    /// year of data two cores build all five in 4.2 s against 8.0 s one after the other
    /// (Benchmarks/README.md). (When builders still grouped by strings, two threads were slower
    /// than one, as both kept retaining the same shared strings.)
    /// - Returns: The reports in the order of `names` (unknown names left out).
    package static func buildAll(
        _ names: [String] = names, data: ReportData, period: ReportPeriod
    ) -> [(name: String, report: any DepartmentReport)] {
        let results = UnsafeMutableBufferPointer<(any DepartmentReport)?>.allocate(capacity: names.count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        let out = SharedBuffer(pointer: results)
        let largestFirst = names.indices.sorted { cost(names[$0]) > cost(names[$1]) }
        DispatchQueue.concurrentPerform(iterations: names.count) { k in
            let i = largestFirst[k]
            out.pointer[i] = build(names[i], data: data, period: period)
            ReportProfile.shared.mark("build: \(names[i])")
        }
        return names.indices.compactMap { i in results[i].map { (names[i], $0) } }
    }

    /// Relative build time of a report on a year of data (Benchmarks/README.md), for ordering work.
    private static func cost(_ name: String) -> Int {
        ["marketing": 5, "overview": 4, "executive": 3, "content": 2, "products": 1][name] ?? 0
    }

    /// The report as JSON: sorted keys, pretty-printed (stable and diffable).
    package static func json(_ report: any DepartmentReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(report)
    }

    /// The report as one self-contained HTML page.
    /// A report read back from its JSON document, recognised by its `report` key; `nil` when
    /// the key names no report. - Throws: `DecodingError` when the document does not match.
    package static func decode(_ data: Data) throws -> (any DepartmentReport)? {
        struct Header: Decodable { var report: String? }
        let decoder = JSONDecoder()
        switch try decoder.decode(Header.self, from: data).report {
        case TrafficReport.name: return try decoder.decode(TrafficReport.self, from: data)
        case MarketingReport.name: return try decoder.decode(MarketingReport.self, from: data)
        case ContentReport.name: return try decoder.decode(ContentReport.self, from: data)
        case ProductsReport.name: return try decoder.decode(ProductsReport.self, from: data)
        case ExecutiveReport.name: return try decoder.decode(ExecutiveReport.self, from: data)
        default: return nil
        }
    }

    package static func html(_ report: any DepartmentReport) -> String {
        switch report {
        case let r as TrafficReport: HTMLReportRenderer.page(r)
        case let r as MarketingReport: HTMLReportRenderer.page(r)
        case let r as ContentReport: HTMLReportRenderer.page(r)
        case let r as ProductsReport: HTMLReportRenderer.page(r)
        case let r as ExecutiveReport: HTMLReportRenderer.page(r)
        default: "<!doctype html><meta charset=\"utf-8\"><pre>" + HTMLEscaping.escape(report.textLines().joined(separator: "\n")) + "</pre>"
        }
    }

    /// Every definition the report carries, as `key: text` lines, from an empty report.
    package static func definitionLines(_ name: String) -> [String] {
        guard let report = build(name, data: ReportData(), period: ReportPeriod(fromMicros: 0, toMicros: 1)),
            let data = try? json(report),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        var pairs: [(String, String)] = []
        if let dict = object["definitions"] as? [String: String] {
            pairs = dict.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        } else if let list = object["definitions"] as? [[String: String]] {
            pairs = list.compactMap { d in d["key"].flatMap { k in d["definition"].map { (k, $0) } } }
        }
        return pairs.map { "\($0.0): \($0.1)" }
    }
}
