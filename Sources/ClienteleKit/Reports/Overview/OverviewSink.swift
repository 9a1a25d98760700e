import Foundation
import LogModel

/// One worker's share of the overview: counts by interned value. Workers' sinks are folded
/// into one with `merge(_:)`, then `OverviewBuilder` turns it into a report.
///
/// Days and hours are the log's own local time (as GoAccess shows them). A unique visitor is
/// a distinct client address + local date + user agent, not counting 4xx responses (GoAccess's
/// default definition). Visitors are kept in one set per day: logs arrive in time order, so the
/// set being filled stays small enough to live in cache.
package struct OverviewSink: HitSink {
    var hits = 0
    var bandwidth: Int64 = 0
    var statusCounts = [Int](repeating: 0, count: 600)
    var hourHits = [Int](repeating: 0, count: 24)
    var days = DayCounts()
    let clients = ByteInterner(capacity: 1 << 14)
    let userAgents = ByteInterner(capacity: 1 << 12)
    var userAgentHits: [Int] = []
    let paths = ByteInterner(capacity: 1 << 14)
    var pathHits: [Int] = []
    var pathBytes: [Int64] = []
    var pathNotFound: [Int] = []
    let referrers = ByteInterner(capacity: 1 << 12)
    var referrerHits: [Int] = []
    let methods = ByteInterner(capacity: 16)
    var methodHits: [Int] = []
    /// The last visitor key added, to skip the set for runs of one visitor's requests.
    var lastVisitor: (key: UInt64, day: Int32) = (.max, .min)
    var firstTime = Int64.max
    var lastTime = Int64.min
    var decodeBuffer = ScratchBuffer(capacity: 128 * 1024)

    package init() {}

    package mutating func consume(_ hit: Hit, source: Int) {
        hits += 1
        let bytes = max(hit.bytes, 0)
        bandwidth += bytes
        let status = Int(hit.status)
        if status < 600 { statusCounts[status] += 1 }
        if hit.time < firstTime { firstTime = hit.time }
        if hit.time > lastTime { lastTime = hit.time }
        let local = CivilTime.floorDivide(hit.time, 1_000_000) + Int64(hit.utcOffsetSeconds)
        let day = CivilTime.floorDivide(local, 86_400)
        hourHits[Int((local - day * 86_400) / 3600)] += 1
        let dayIndex = days.add(day: Int32(truncatingIfNeeded: day), bytes: bytes)

        var path = hit.path
        if !hit.pathIsDecoded, ByteDecoding.needsPercentDecoding(path) {
            decodeBuffer.reset()
            if let decoded = try? decodeBuffer.append(maxCount: path.count, { ByteDecoding.percentDecode(path, into: $0) }) {
                path = decoded
            }
        }
        let referrer = hit.referrer
        let hasReferrer = !referrer.isEmpty && !referrer.isDash
        let countsAsVisitor = status < 400 || status >= 500
        // Hash every value first and prefetch its table slot, so the cache misses of the four
        // lookups overlap instead of queueing one behind the other.
        let pathHash = paths.prefetch(path)
        let uaHash = userAgents.prefetch(hit.userAgent)
        let clientHash = countsAsVisitor ? clients.prefetch(hit.client) : 0
        let referrerHash = hasReferrer ? referrers.prefetch(referrer) : 0
        paths.prefetchBytes(hash: pathHash)
        userAgents.prefetchBytes(hash: uaHash)
        if countsAsVisitor { clients.prefetchBytes(hash: clientHash) }
        if hasReferrer { referrers.prefetchBytes(hash: referrerHash) }

        let ua = userAgents.intern(hit.userAgent, hash: uaHash)
        if Int(ua) == userAgentHits.count { userAgentHits.append(0) }
        userAgentHits[Int(ua)] += 1
        if countsAsVisitor {
            let client = clients.intern(hit.client, hash: clientHash)
            let key = Self.visitorKey(client: client, userAgent: ua)
            if key != lastVisitor.key || days.firstDay + Int32(dayIndex) != lastVisitor.day {
                days.visitors[dayIndex].insert(key)
                lastVisitor = (key, days.firstDay + Int32(dayIndex))
            }
        }
        let p = Int(paths.intern(path, hash: pathHash))
        if p == pathHits.count {
            pathHits.append(0)
            pathBytes.append(0)
            pathNotFound.append(0)
        }
        pathHits[p] += 1
        pathBytes[p] += bytes
        if status == 404 { pathNotFound[p] += 1 }
        if hasReferrer {
            let r = Int(referrers.intern(referrer, hash: referrerHash))
            if r == referrerHits.count { referrerHits.append(0) }
            referrerHits[r] += 1
        }
        let m = Int(methods.intern(hit.method))
        if m == methodHits.count { methodHits.append(0) }
        methodHits[m] += 1
    }

    package mutating func finishBlock() {}

    /// Adds another worker's counts to these, re-keying its interned values to this sink's ids.
    /// - Complexity: O(distinct values and visitors of `other`).
    package mutating func merge(_ other: OverviewSink) {
        hits += other.hits
        bandwidth += other.bandwidth
        firstTime = min(firstTime, other.firstTime)
        lastTime = max(lastTime, other.lastTime)
        for i in 0..<600 { statusCounts[i] += other.statusCounts[i] }
        for i in 0..<24 { hourHits[i] += other.hourHits[i] }
        let uaMap = Self.remap(other.userAgents, into: userAgents, counts: other.userAgentHits, adding: &userAgentHits)
        let clientMap = (0..<other.clients.count).map { id in other.clients.withBytes(Int32(id)) { clients.intern($0) } }
        _ = Self.remap(other.referrers, into: referrers, counts: other.referrerHits, adding: &referrerHits)
        _ = Self.remap(other.methods, into: methods, counts: other.methodHits, adding: &methodHits)
        for id in 0..<other.paths.count {
            let p = Int(other.paths.withBytes(Int32(id)) { paths.intern($0) })
            if p == pathHits.count {
                pathHits.append(0)
                pathBytes.append(0)
                pathNotFound.append(0)
            }
            pathHits[p] += other.pathHits[id]
            pathBytes[p] += other.pathBytes[id]
            pathNotFound[p] += other.pathNotFound[id]
        }
        for (i, dayHits) in other.days.hits.enumerated() where dayHits > 0 {
            let target = days.index(for: other.days.firstDay + Int32(i))
            days.hits[target] += dayHits
            days.bytes[target] += other.days.bytes[i]
            other.days.visitors[i].forEach { key in
                let client = clientMap[Int(key >> 32)]
                let ua = uaMap[Int(key & 0xFFFF_FFFF)]
                days.visitors[target].insert(Self.visitorKey(client: client, userAgent: ua))
            }
        }
    }

    /// Interns every value of `source` into `target`, adds its counts, and returns the id map.
    static func remap(_ source: ByteInterner, into target: ByteInterner, counts: [Int], adding totals: inout [Int]) -> [Int32] {
        (0..<source.count).map { id in
            let mapped = source.withBytes(Int32(id)) { target.intern($0) }
            if Int(mapped) == totals.count { totals.append(0) }
            totals[Int(mapped)] += counts[id]
            return mapped
        }
    }

    @inline(__always)
    static func visitorKey(client: Int32, userAgent: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: client)) << 32 | UInt64(UInt32(bitPattern: userAgent))
    }

}

/// Hits, bytes and visitor sets per day, in dense arrays around the days seen.
struct DayCounts {
    var firstDay: Int32 = 0
    var hits: [Int] = []
    var bytes: [Int64] = []
    /// Visitor keys (client id, user-agent id) seen on each day.
    var visitors: [UInt64Set] = []
    var lastDay: Int32 = .min
    var lastIndex = 0

    /// Counts a hit on `day` and returns the day's index.
    @inline(__always)
    mutating func add(day: Int32, bytes b: Int64) -> Int {
        if day != lastDay {
            lastIndex = index(for: day)
            lastDay = day
        }
        hits[lastIndex] += 1
        bytes[lastIndex] += b
        return lastIndex
    }

    /// The index of `day`, growing the arrays to include it.
    mutating func index(for day: Int32) -> Int {
        if hits.isEmpty {
            firstDay = day
            hits = [0]
            bytes = [0]
            visitors = [UInt64Set()]
            return 0
        }
        if day < firstDay {
            let extra = Int(firstDay - day)
            hits.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            bytes.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            visitors.insert(contentsOf: repeatElement(UInt64Set(), count: extra), at: 0)
            firstDay = day
            lastDay = .min
        }
        let i = Int(day - firstDay)
        if i >= hits.count {
            let extra = i - hits.count + 1
            hits += repeatElement(0, count: extra)
            bytes += repeatElement(0, count: extra)
            visitors += repeatElement(UInt64Set(), count: extra)
        }
        return i
    }
}
