import Foundation
import LogModel

/// One worker's share of the overview: counts by interned value, merged by `OverviewBuilder`.
///
/// Days and hours are the log's own local time (as GoAccess shows them). A unique visitor is
/// a distinct client address + local date + user agent, not counting 4xx responses (GoAccess's
/// default definition).
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
    /// (client id << 32 | user-agent id, local day) for hits that count toward visitors.
    var visitors = PairSet(capacity: 1 << 14)
    var lastVisitor: (UInt64, UInt64) = (.max, .max)
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
        let local = Self.floorDivide(hit.time, 1_000_000) + Int64(hit.utcOffsetSeconds)
        let day = Self.floorDivide(local, 86_400)
        hourHits[Int((local - day * 86_400) / 3600)] += 1
        days.add(day: Int32(truncatingIfNeeded: day), bytes: bytes)

        let ua = Int(userAgents.intern(hit.userAgent))
        if ua == userAgentHits.count { userAgentHits.append(0) }
        userAgentHits[ua] += 1
        if status < 400 || status >= 500 {
            let client = UInt64(UInt32(bitPattern: clients.intern(hit.client)))
            let key = (client << 32 | UInt64(ua), UInt64(bitPattern: day))
            if key != lastVisitor {
                visitors.insert(key.0, key.1)
                lastVisitor = key
            }
        }

        var path = hit.path
        if !hit.pathIsDecoded, ByteDecoding.needsPercentDecoding(path) {
            decodeBuffer.reset()
            if let decoded = try? decodeBuffer.append(maxCount: path.count, { ByteDecoding.percentDecode(path, into: $0) }) {
                path = decoded
            }
        }
        let p = Int(paths.intern(path))
        if p == pathHits.count {
            pathHits.append(0)
            pathBytes.append(0)
            pathNotFound.append(0)
        }
        pathHits[p] += 1
        pathBytes[p] += bytes
        if status == 404 { pathNotFound[p] += 1 }

        let referrer = hit.referrer
        if !referrer.isEmpty && !referrer.isDash {
            let r = Int(referrers.intern(referrer))
            if r == referrerHits.count { referrerHits.append(0) }
            referrerHits[r] += 1
        }
        let m = Int(methods.intern(hit.method))
        if m == methodHits.count { methodHits.append(0) }
        methodHits[m] += 1
    }

    package mutating func finishBlock() {}

    @inline(__always)
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }
}

/// Hits and bytes per day, in a dense array around the days seen (logs cover a short range).
struct DayCounts {
    var firstDay: Int32 = 0
    var hits: [Int] = []
    var bytes: [Int64] = []
    var lastDay: Int32 = .min
    var lastIndex = 0

    @inline(__always)
    mutating func add(day: Int32, bytes b: Int64) {
        if day != lastDay {
            lastIndex = index(for: day)
            lastDay = day
        }
        hits[lastIndex] += 1
        bytes[lastIndex] += b
    }

    mutating func index(for day: Int32) -> Int {
        if hits.isEmpty {
            firstDay = day
            hits = [0]
            bytes = [0]
            return 0
        }
        if day < firstDay {
            let extra = Int(firstDay - day)
            hits.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            bytes.insert(contentsOf: repeatElement(0, count: extra), at: 0)
            firstDay = day
            lastDay = .min
        }
        let i = Int(day - firstDay)
        if i >= hits.count {
            hits += repeatElement(0, count: i - hits.count + 1)
            bytes += repeatElement(0, count: i - bytes.count + 1)
        }
        return i
    }
}
