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
        PhaseClock.mark("merged")
        return build(merged, scan: scan, top: top)
    }

    /// Builds the report from one sink holding every worker's counts.
    ///
    /// Paths and referrers stay interned ids until ranked: only the rows shown become Strings.
    static func build(_ sink: OverviewSink, scan: ScanReport, top: Int) -> OverviewReport {
        let paths = sink.paths
        let referrers = sink.referrers
        let notFoundIDs = sink.pathNotFound.indices.filter { sink.pathNotFound[$0] > 0 }
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
        // Referring sites: each distinct referrer's host, read from its bytes.
        let sites = ByteInterner(capacity: 1 << 10)
        var siteHits: [Int] = []
        var hostBuffer = ScratchBuffer(capacity: 1024)
        for id in 0..<referrers.count {
            let site = referrers.withBytes(Int32(id)) { url in sites.intern(Self.host(ofURL: url, into: &hostBuffer)) }
            if Int(site) == siteHits.count { siteHits.append(0) }
            siteHits[Int(site)] += sink.referrerHits[id]
        }

        let rejected = scan.rejected
        let report = OverviewReport(
            period: .init(
                first: first == .max ? nil : CivilTime.iso8601(micros: first),
                last: last == .min ? nil : CivilTime.iso8601(micros: last)),
            general: .init(
                totalRequests: hits + rejected, validRequests: hits, failedRequests: rejected,
                uniqueVisitors: uniqueVisitors, bandwidth: sink.bandwidth, uniquePaths: paths.count,
                uniqueNotFound: notFoundIDs.count, uniqueReferrers: referrers.count,
                blankOrDirectiveLines: scan.ignored),
            statusCodes: sink.statusCounts.indices.filter { sink.statusCounts[$0] > 0 }.map {
                .init(status: $0, statusClass: "\($0 / 100)xx", hits: sink.statusCounts[$0])
            },
            topPaths: ranked(ids: sink.pathHits.indices, counts: sink.pathHits, names: paths, top).map {
                .init(path: paths.string($0), hits: sink.pathHits[Int($0)], bytes: sink.pathBytes[Int($0)])
            },
            topNotFound: ranked(ids: notFoundIDs, counts: sink.pathNotFound, names: paths, top).map {
                .init(path: paths.string($0), hits: sink.pathNotFound[Int($0)], bytes: sink.pathBytes[Int($0)])
            },
            referringSites: ranked(ids: siteHits.indices, counts: siteHits, names: sites, top).map {
                .init(name: sites.string($0), hits: siteHits[Int($0)], visitors: nil)
            },
            referrers: ranked(ids: sink.referrerHits.indices, counts: sink.referrerHits, names: referrers, top).map {
                .init(name: referrers.string($0), hits: sink.referrerHits[Int($0)], visitors: nil)
            },
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

    /// The `top` ids of `ids` with the largest counts, ties broken by name (byte order) so
    /// output is stable. Only ids at or above the `top`-th largest count are compared by name.
    static func ranked<IDs: Collection<Int>>(ids: IDs, counts: [Int], names: ByteInterner, _ top: Int) -> [Int32] {
        guard top > 0, !ids.isEmpty else { return [] }
        var threshold = Int.min
        if ids.count > top {
            var largest = ids.map { counts[$0] }
            largest.sort(by: >)
            threshold = largest[top - 1]
        }
        var candidates = ids.filter { counts[$0] >= threshold }.map { Int32($0) }
        candidates.sort { a, b in
            let ca = counts[Int(a)], cb = counts[Int(b)]
            if ca != cb { return ca > cb }
            return names.withBytes(a) { x in names.withBytes(b) { y in x.lexicographicallyPrecedes(y) } }
        }
        return Array(candidates.prefix(top))
    }

    /// The host of a URL, ASCII-lowercased, without user info or port
    /// (`https://user@www.Example.com:443/x` → `www.example.com`); text that is not a URL is
    /// returned as is. The result lives in `buffer` until its next use.
    static func host(ofURL url: ByteView, into buffer: inout ScratchBuffer) -> ByteView {
        let colon = UInt8(ascii: ":"), slash = UInt8(ascii: "/")
        var schemeEnd = -1
        var i = 0
        while i + 2 < url.count {
            if url[i] == colon && url[i + 1] == slash && url[i + 2] == slash {
                schemeEnd = i + 3
                break
            }
            if url[i] == slash || url[i] == UInt8(ascii: "?") { break }
            i += 1
        }
        guard schemeEnd >= 0 else { return url }
        var end = schemeEnd
        while end < url.count, url[end] != slash, url[end] != UInt8(ascii: "?"), url[end] != UInt8(ascii: "#") { end += 1 }
        var start = schemeEnd
        var at = end - 1
        while at >= start, url[at] != UInt8(ascii: "@") { at -= 1 }
        if at >= start { start = at + 1 }
        if start < end, url[start] != UInt8(ascii: "[") {
            var c = end - 1
            while c >= start, url[c] != colon { c -= 1 }
            if c >= start { end = c }
        }
        let count = end - start
        buffer.reset()
        return (try? buffer.append(maxCount: count) { out in
            for k in 0..<count {
                let b = url[start + k]
                out[k] = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
            }
            return count
        }) ?? UnsafeBufferPointer(rebasing: url[start..<end])
    }
}
