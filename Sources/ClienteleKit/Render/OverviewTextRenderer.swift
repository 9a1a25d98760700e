import Foundation

/// Renders an `OverviewReport` as a terminal summary: headline numbers, then ranked tables.
package enum OverviewTextRenderer {
    package static func render(_ r: OverviewReport) -> String {
        var out: [String] = []
        let g = r.general
        out.append("Overview  \(r.period.first ?? "-") → \(r.period.last ?? "-")")
        out.append("")
        out += table(
            ["", "value"],
            [
                ["total requests", number(g.totalRequests)],
                ["valid requests", number(g.validRequests)],
                ["failed requests", number(g.failedRequests)],
                ["unique visitors", number(g.uniqueVisitors)],
                ["bandwidth", bytes(g.bandwidth)],
                ["unique paths", number(g.uniquePaths)],
                ["unique 404 paths", number(g.uniqueNotFound)],
                ["unique referrers", number(g.uniqueReferrers)],
                ["human / crawler hits", "\(number(r.crawlers.humanHits)) / \(number(r.crawlers.crawlerHits))"],
            ], title: nil)
        out += table(["status", "hits", "share"], r.statusCodes.map {
            [String($0.status), number($0.hits), percent($0.hits, g.validRequests)]
        }, title: "Status codes")
        out += table(["path", "hits", "bytes"], r.topPaths.map { [$0.path, number($0.hits), bytes($0.bytes)] }, title: "Top paths")
        out += table(["path", "hits"], r.topNotFound.map { [$0.path, number($0.hits)] }, title: "Top 404 paths")
        out += table(["site", "hits"], r.referringSites.map { [$0.name, number($0.hits)] }, title: "Referring sites")
        out += table(["referrer", "hits"], r.referrers.map { [$0.name, number($0.hits)] }, title: "Referrers")
        out += table(["browser", "hits", "visitors"], r.browsers.map { [$0.name, number($0.hits), number($0.visitors ?? 0)] }, title: "Browsers")
        out += table(["operating system", "hits", "visitors"], r.operatingSystems.map {
            [$0.name, number($0.hits), number($0.visitors ?? 0)]
        }, title: "Operating systems")
        out += table(["crawler", "hits"], r.crawlers.top.map { [$0.name, number($0.hits)] }, title: "Crawlers")
        out += table(["date", "hits", "visitors", "bytes"], r.hitsPerDay.map {
            [$0.date, number($0.hits), number($0.visitors), bytes($0.bytes)]
        }, title: "Hits per day")
        let peak = max(r.hitsPerHour.map(\.hits).max() ?? 1, 1)
        out += table(["hour", "hits", ""], r.hitsPerHour.map {
            [String(format: "%02d", $0.hour), number($0.hits), String(repeating: "▇", count: $0.hits * 30 / peak)]
        }, title: "Hits per hour")
        return out.joined(separator: "\n") + "\n"
    }

    /// A left/right aligned table; the first column is text, others are right-aligned.
    static func table(_ header: [String], _ rows: [[String]], title: String?) -> [String] {
        guard !rows.isEmpty else { return [] }
        let clipped = rows.map { row in row.enumerated().map { $0.offset == 0 ? clip($0.element, 60) : $0.element } }
        var widths = header.map(\.count)
        for row in clipped { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                return i == 0 || i == cells.count - 1 && header[i].isEmpty ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var out: [String] = []
        if let title { out += ["", title, String(repeating: "─", count: title.count)] }
        if header.contains(where: { !$0.isEmpty }) { out.append(line(header)) }
        out += clipped.map(line)
        return out
    }

    /// Shortens text for a terminal column and removes control characters.
    static func clip(_ s: String, _ width: Int) -> String {
        let clean = String(s.map { $0.isASCII && ($0.asciiValue! < 0x20 || $0.asciiValue! == 0x7F) ? "?" : $0 })
        return clean.count <= width ? clean : String(clean.prefix(width - 1)) + "…"
    }

    static func number(_ n: Int) -> String { n.formatted(.number.grouping(.automatic)) }

    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : String(format: "%.1f%%", Double(part) * 100 / Double(whole))
    }

    static func bytes(_ b: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(b)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(b) B" : String(format: "%.1f %@", value, units[unit])
    }
}
