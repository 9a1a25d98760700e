import Foundation
import LogModel

/// Merges the workers' `OverviewSink`s into one `OverviewReport`.
package enum OverviewBuilder {
    /// Builds the report.
    /// - Parameters:
    ///   - sinks: one per worker.
    ///   - scan: the scan's report (failed lines, sources).
    ///   - top: how many rows to keep in each ranked table.
    package static func build(sinks: [OverviewSink], scan: ScanReport, top: Int = 20) -> OverviewReport {
        var merged = sinks.first ?? OverviewSink()
        for sink in sinks.dropFirst() { merged.merge(sink) }
        return build(merged, scan: scan, top: top)
    }

    /// Builds the report from one sink holding every worker's counts.
    static func build(_ sink: OverviewSink, scan: ScanReport, top: Int) -> OverviewReport {
        var pathHits: [String: Int] = [:]
        var pathBytes: [String: Int64] = [:]
        var notFound: [String: Int] = [:]
        for id in 0..<sink.paths.count {
            let path = sink.paths.string(Int32(id))
            pathHits[path, default: 0] += sink.pathHits[id]
            pathBytes[path, default: 0] += sink.pathBytes[id]
            if sink.pathNotFound[id] > 0 { notFound[path, default: 0] += sink.pathNotFound[id] }
        }
        var referrerHits: [String: Int] = [:]
        for id in 0..<sink.referrers.count { referrerHits[sink.referrers.string(Int32(id)), default: 0] += sink.referrerHits[id] }
        var methodHits: [String: Int] = [:]
        for id in 0..<sink.methods.count { methodHits[sink.methods.string(Int32(id)), default: 0] += sink.methodHits[id] }
        let userAgents = sink.userAgents
        let userAgentHits = sink.userAgentHits
        let hits = sink.hits
        let first = sink.firstTime
        let last = sink.lastTime
        var visitorsPerUA = [Int](repeating: 0, count: userAgents.count)
        var uniqueVisitors = 0
        for set in sink.days.visitors {
            uniqueVisitors += set.count
            set.forEach { visitorsPerUA[Int($0 & 0xFFFF_FFFF)] += 1 }
        }

        // Classify each distinct user agent once.
        let infos = (0..<userAgents.count).map { UserAgentClassifier.classify(userAgents.string(Int32($0))) }
        var browsers: [String: (hits: Int, visitors: Int)] = [:]
        var systems: [String: (hits: Int, visitors: Int)] = [:]
        var bots: [String: (hits: Int, visitors: Int)] = [:]
        var crawlerHits = 0
        var crawlerVisitors = 0
        for (id, info) in infos.enumerated() {
            let h = userAgentHits[id]
            let v = visitorsPerUA[id]
            browsers[info.browser, default: (0, 0)].hits += h
            browsers[info.browser, default: (0, 0)].visitors += v
            systems[info.operatingSystem, default: (0, 0)].hits += h
            systems[info.operatingSystem, default: (0, 0)].visitors += v
            if info.isBot {
                crawlerHits += h
                crawlerVisitors += v
                let name = info.botName ?? "Unknown bot"
                bots[name, default: (0, 0)].hits += h
                bots[name, default: (0, 0)].visitors += v
            }
        }
        var sites: [String: Int] = [:]
        for (referrer, h) in referrerHits {
            sites[Self.host(ofURL: referrer), default: 0] += h
        }

        let rejected = scan.rejected
        let report = OverviewReport(
            period: .init(
                first: first == .max ? nil : CivilTime.iso8601(micros: first),
                last: last == .min ? nil : CivilTime.iso8601(micros: last)),
            general: .init(
                totalRequests: hits + rejected, validRequests: hits, failedRequests: rejected,
                uniqueVisitors: uniqueVisitors, bandwidth: sink.bandwidth, uniquePaths: pathHits.count,
                uniqueNotFound: notFound.count, uniqueReferrers: referrerHits.count,
                blankOrDirectiveLines: scan.ignored),
            statusCodes: sink.statusCounts.indices.filter { sink.statusCounts[$0] > 0 }.map {
                .init(status: $0, statusClass: "\($0 / 100)xx", hits: sink.statusCounts[$0])
            },
            topPaths: ranked(pathHits, top).map { .init(path: $0.key, hits: $0.value, bytes: pathBytes[$0.key] ?? 0) },
            topNotFound: ranked(notFound, top).map { .init(path: $0.key, hits: $0.value, bytes: pathBytes[$0.key] ?? 0) },
            referringSites: ranked(sites, top).map { .init(name: $0.key, hits: $0.value, visitors: nil) },
            referrers: ranked(referrerHits, top).map { .init(name: $0.key, hits: $0.value, visitors: nil) },
            browsers: ranked(browsers.mapValues(\.hits), top).map {
                .init(name: $0.key, hits: $0.value, visitors: browsers[$0.key]!.visitors)
            },
            operatingSystems: ranked(systems.mapValues(\.hits), top).map {
                .init(name: $0.key, hits: $0.value, visitors: systems[$0.key]!.visitors)
            },
            crawlers: .init(
                humanHits: hits - crawlerHits, crawlerHits: crawlerHits,
                humanVisitors: uniqueVisitors - crawlerVisitors, crawlerVisitors: crawlerVisitors,
                top: ranked(bots.mapValues(\.hits), top).map {
                    .init(name: $0.key, hits: $0.value, visitors: bots[$0.key]!.visitors)
                }),
            methods: ranked(methodHits, top).map { .init(name: $0.key.isEmpty ? "(none)" : $0.key, hits: $0.value, visitors: nil) },
            hitsPerDay: sink.days.hits.indices.filter { sink.days.hits[$0] > 0 }.map { i in
                .init(
                    date: CivilTime.isoDate(days: Int(sink.days.firstDay) + i), hits: sink.days.hits[i],
                    visitors: sink.days.visitors[i].count, bytes: sink.days.bytes[i])
            },
            hitsPerHour: (0..<24).map { .init(hour: $0, hits: sink.hourHits[$0]) },
            inputs: scan)
        return report
    }

    /// The `top` largest counts, ties broken by name so output is stable.
    static func ranked(_ counts: [String: Int], _ top: Int) -> [(key: String, value: Int)] {
        Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top))
    }

    /// The lowercased host of a URL (`https://www.Example.com:443/x` → `www.example.com`);
    /// text that is not a URL is returned as is.
    static func host(ofURL url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        var host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if !host.hasPrefix("["), let colon = host.lastIndex(of: ":") { host = host[..<colon] }
        return host.lowercased()
    }
}
