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
        var statusCounts = [Int](repeating: 0, count: 600)
        var hourHits = [Int](repeating: 0, count: 24)
        var dayHits: [Int32: Int] = [:]
        var dayBytes: [Int32: Int64] = [:]
        var pathHits: [String: Int] = [:]
        var pathBytes: [String: Int64] = [:]
        var notFound: [String: Int] = [:]
        var referrerHits: [String: Int] = [:]
        var methodHits: [String: Int] = [:]
        let userAgents = ByteInterner(capacity: 1 << 12)
        var userAgentHits: [Int] = []
        let clients = ByteInterner(capacity: 1 << 14)
        var visitors = PairSet(capacity: 1 << 14)
        var hits = 0
        var bandwidth: Int64 = 0
        var first = Int64.max
        var last = Int64.min

        for sink in sinks {
            hits += sink.hits
            bandwidth += sink.bandwidth
            first = min(first, sink.firstTime)
            last = max(last, sink.lastTime)
            for i in 0..<600 { statusCounts[i] += sink.statusCounts[i] }
            for i in 0..<24 { hourHits[i] += sink.hourHits[i] }
            for (i, h) in sink.days.hits.enumerated() where h > 0 {
                let day = sink.days.firstDay + Int32(i)
                dayHits[day, default: 0] += h
                dayBytes[day, default: 0] += sink.days.bytes[i]
            }
            for id in 0..<sink.paths.count {
                let path = sink.paths.string(Int32(id))
                pathHits[path, default: 0] += sink.pathHits[id]
                pathBytes[path, default: 0] += sink.pathBytes[id]
                if sink.pathNotFound[id] > 0 { notFound[path, default: 0] += sink.pathNotFound[id] }
            }
            for id in 0..<sink.referrers.count {
                referrerHits[sink.referrers.string(Int32(id)), default: 0] += sink.referrerHits[id]
            }
            for id in 0..<sink.methods.count {
                methodHits[sink.methods.string(Int32(id)), default: 0] += sink.methodHits[id]
            }
            // Re-key the worker's user agents and clients to merged ids.
            var uaMap = [Int32](repeating: 0, count: sink.userAgents.count)
            for id in 0..<sink.userAgents.count {
                let global = sink.userAgents.withBytes(Int32(id)) { userAgents.intern($0) }
                uaMap[id] = global
                if Int(global) == userAgentHits.count { userAgentHits.append(0) }
                userAgentHits[Int(global)] += sink.userAgentHits[id]
            }
            var clientMap = [Int32](repeating: 0, count: sink.clients.count)
            for id in 0..<sink.clients.count {
                clientMap[id] = sink.clients.withBytes(Int32(id)) { clients.intern($0) }
            }
            sink.visitors.forEach { key, day in
                let client = UInt64(UInt32(bitPattern: clientMap[Int(key >> 32)]))
                let ua = UInt64(UInt32(bitPattern: uaMap[Int(key & 0xFFFF_FFFF)]))
                visitors.insert(client << 32 | ua, day)
            }
        }

        // Classify each distinct user agent once.
        let infos = (0..<userAgents.count).map { UserAgentClassifier.classify(userAgents.string(Int32($0))) }
        var visitorsPerDay: [Int32: Int] = [:]
        var visitorsPerUA = [Int](repeating: 0, count: userAgents.count)
        visitors.forEach { key, day in
            visitorsPerDay[Int32(truncatingIfNeeded: Int64(bitPattern: day)), default: 0] += 1
            visitorsPerUA[Int(key & 0xFFFF_FFFF)] += 1
        }
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
                uniqueVisitors: visitors.count, bandwidth: bandwidth, uniquePaths: pathHits.count,
                uniqueNotFound: notFound.count, uniqueReferrers: referrerHits.count,
                blankOrDirectiveLines: scan.ignored),
            statusCodes: statusCounts.indices.filter { statusCounts[$0] > 0 }.map {
                .init(status: $0, statusClass: "\($0 / 100)xx", hits: statusCounts[$0])
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
                humanVisitors: visitors.count - crawlerVisitors, crawlerVisitors: crawlerVisitors,
                top: ranked(bots.mapValues(\.hits), top).map {
                    .init(name: $0.key, hits: $0.value, visitors: bots[$0.key]!.visitors)
                }),
            methods: ranked(methodHits, top).map { .init(name: $0.key.isEmpty ? "(none)" : $0.key, hits: $0.value, visitors: nil) },
            hitsPerDay: dayHits.keys.sorted().map {
                .init(date: CivilTime.isoDate(days: Int($0)), hits: dayHits[$0]!, visitors: visitorsPerDay[$0] ?? 0, bytes: dayBytes[$0]!)
            },
            hitsPerHour: (0..<24).map { .init(hour: $0, hits: hourHits[$0]) },
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
