import Foundation
import LogModel

/// What the ingest collector needs to know about the log's fields.
package struct CollectorConfig: Sendable {
    /// Parsed field carrying a visitor cookie (`cookie_vid`); `nil`: visitors are IP + user agent.
    package var visitorField: String?
    /// Parsed field carrying a logged-in customer id (`cookie_uid`, or `user` for the
    /// authenticated-user field); `nil`: none.
    package var customerField: String?
    /// Mask client addresses before anything is kept (IPv4 to /24, IPv6 to /48).
    package var anonymizeIP = false

    package init(visitorField: String? = nil, customerField: String? = nil, anonymizeIP: Bool = false) {
        self.visitorField = visitorField
        self.customerField = customerField
        self.anonymizeIP = anonymizeIP
    }
}

/// One worker's share of an ingest: human pageviews, per-visitor tallies, identity hints and
/// bot hits, with every repeated value interned. Strings are made later, once per distinct
/// value, by `IngestWriter`.
///
/// Per hit: the user agent is classified once per distinct string (a listed bot's hits are only
/// counted per bot and day); the path is classified once per distinct path (asset, robots.txt,
/// page). A *pageview* is a GET (or a line without a method) with status 200–399 of a page
/// path by a client that is not a listed bot.
package struct PageviewCollector: HitSink {
    /// A pageview as ids into this collector's interners.
    package struct RawPageview {
        package var visitor: Int32
        package var path: Int32
        package var query: Int32
        package var referrer: Int32
        package var status: Int32
        package var time: Int64
    }

    /// Everything counted about one visitor in this worker's share.
    package struct VisitorTally {
        /// `cookie id | 1 << 63` for cookie visitors, else `client id << 32 | user-agent id`.
        package var key: UInt64
        package var client: Int32
        package var userAgent: Int32
        package var firstSeen: Int64
        package var lastSeen: Int64
        package var hits = 0
        /// Subresources (styles, scripts, images, fonts) fetched: browsers fetch them, bots
        /// rarely do.
        package var assetHits = 0
        package var robotsHits = 0
    }

    /// Classification of a user agent: `unknown` until first seen.
    enum AgentClass: UInt8 { case unknown, human, bot }
    /// Classification of a path: `unknown` until first seen.
    enum PathClass: UInt8 { case unknown, page, subresource, otherAsset, robots }

    let config: CollectorConfig
    package let clients = ByteInterner(capacity: 1 << 12)
    package let userAgents = ByteInterner(capacity: 1 << 10)
    package let cookies = ByteInterner(capacity: 1 << 12)
    package let customers = ByteInterner(capacity: 1 << 10)
    package let paths = ByteInterner(capacity: 1 << 12)
    package let queries = ByteInterner(capacity: 1 << 10)
    package let referrers = ByteInterner(capacity: 1 << 10)
    var agentClass: [AgentClass] = []
    var pathClass: [PathClass] = []
    var visitorIndex: [UInt64: Int32] = [:]
    package private(set) var visitors: [VisitorTally] = []
    package private(set) var pageviews: [RawPageview] = []
    /// A customer-field value seen on a visitor's hits within one half hour.
    package struct HintKey: Hashable {
        package var visitor: Int32
        package var customer: Int32
        /// `time / 30 minutes`: one hint per half hour keeps every change of customer on a
        /// shared device without storing the field of every hit.
        package var bucket: Int64
    }

    /// Earliest time of each (visitor, customer-field value, half hour).
    package private(set) var customerHints: [HintKey: Int64] = [:]
    /// Hits of listed bots per (user-agent id, UTC day).
    package private(set) var botHits: [UInt64: Int] = [:]
    /// How often each referrer was sent with a subresource request: the site's own pages
    /// refer its styles and images, so these referrers' hosts are the site's hosts.
    package private(set) var assetReferrers: [Int32: Int] = [:]
    /// Hits of clients that are not listed bots, and of those, pageviews.
    package private(set) var humanHits = 0
    package private(set) var botHitCount = 0
    var decodeBuffer = ScratchBuffer(capacity: 128 * 1024)
    var maskBuffer = ScratchBuffer(capacity: 256)
    var fieldNames: UnsafePointer<String>? = nil
    var visitorFieldIndex: Int? = nil
    var customerFieldIndex: Int? = nil

    package init(config: CollectorConfig) {
        self.config = config
    }

    package mutating func consume(_ hit: Hit, source: Int) {
        let ua = userAgents.intern(hit.userAgent)
        if Int(ua) == agentClass.count {
            let info = UserAgentClassifier.classify(userAgents.string(ua))
            agentClass.append(info.isBot ? .bot : .human)
        }
        if agentClass[Int(ua)] == .bot {
            botHitCount += 1
            let day = CivilTime.floorDivide(hit.time, 86_400_000_000)
            botHits[UInt64(UInt32(bitPattern: ua)) << 32 | UInt64(UInt32(truncatingIfNeeded: day)), default: 0] += 1
            return
        }
        humanHits += 1
        resolveFieldIndices(hit.extras)

        // The visitor.
        var key: UInt64
        var clientID: Int32 = -1
        if let i = visitorFieldIndex, case let v = hit.extras.values[i], !v.isEmpty, !v.isDash {
            key = UInt64(UInt32(bitPattern: cookies.intern(v))) | (1 << 63)
        } else {
            key = 0
        }
        clientID = clients.intern(config.anonymizeIP ? masked(hit.client) : hit.client)
        if key == 0 { key = UInt64(UInt32(bitPattern: clientID)) << 32 | UInt64(UInt32(bitPattern: ua)) }
        let visitor: Int32
        if let known = visitorIndex[key] {
            visitor = known
        } else {
            visitor = Int32(visitors.count)
            visitorIndex[key] = visitor
            visitors.append(VisitorTally(key: key, client: clientID, userAgent: ua, firstSeen: hit.time, lastSeen: hit.time))
        }
        visitors[Int(visitor)].hits += 1
        if hit.time < visitors[Int(visitor)].firstSeen { visitors[Int(visitor)].firstSeen = hit.time }
        if hit.time > visitors[Int(visitor)].lastSeen { visitors[Int(visitor)].lastSeen = hit.time }

        if let i = customerFieldIndex ?? (config.customerField == "user" ? -1 : nil) {
            let v = i >= 0 ? hit.extras.values[i] : hit.user
            if !v.isEmpty && !v.isDash {
                let c = customers.intern(v)
                let hintKey = HintKey(visitor: visitor, customer: c, bucket: CivilTime.floorDivide(hit.time, IdentityGraph.hintBucket))
                if let t = customerHints[hintKey] {
                    if hit.time < t { customerHints[hintKey] = hit.time }
                } else {
                    customerHints[hintKey] = hit.time
                }
            }
        }

        // The path.
        var path = hit.path
        if !hit.pathIsDecoded, ByteDecoding.needsPercentDecoding(path) {
            decodeBuffer.reset()
            if let decoded = try? decodeBuffer.append(maxCount: path.count, { ByteDecoding.percentDecode(path, into: $0) }) {
                path = decoded
            }
        }
        let p = paths.intern(path)
        if Int(p) == pathClass.count { pathClass.append(Self.classify(paths.string(p))) }
        switch pathClass[Int(p)] {
        case .subresource:
            visitors[Int(visitor)].assetHits += 1
            if !hit.referrer.isEmpty && !hit.referrer.isDash {
                assetReferrers[referrers.intern(hit.referrer), default: 0] += 1
            }
            return
        case .robots:
            visitors[Int(visitor)].robotsHits += 1
            return
        case .otherAsset, .unknown:
            return
        case .page:
            break
        }
        guard hit.status >= 200 && hit.status < 400 else { return }
        guard hit.method.isEmpty || hit.method.equals("GET") else { return }
        let q = hit.query.isEmpty ? -1 : queries.intern(hit.query)
        let r = hit.referrer.isEmpty || hit.referrer.isDash ? -1 : referrers.intern(hit.referrer)
        pageviews.append(RawPageview(visitor: visitor, path: p, query: q, referrer: r, status: hit.status, time: hit.time))
    }

    package mutating func finishBlock() {}

    /// Finds the configured fields among the line's extras (once per distinct field list).
    @inline(__always)
    mutating func resolveFieldIndices(_ extras: ExtraFields) {
        guard extras.names.baseAddress != fieldNames || fieldNames == nil else { return }
        fieldNames = extras.names.baseAddress
        visitorFieldIndex = config.visitorField.flatMap { extras.index(of: $0) }
        customerFieldIndex = config.customerField.flatMap { $0 == "user" ? nil : extras.index(of: $0) }
    }

    /// The client address with its host part zeroed: IPv4 to /24, IPv6 to /48 (as GoAccess's
    /// `--anonymize-ip`). Host names are kept as they are.
    mutating func masked(_ client: ByteView) -> ByteView {
        maskBuffer.reset()
        let text = String(decoding: client, as: UTF8.self)
        let out = IPAnonymizer.mask(text)
        return (try? maskBuffer.append(maxCount: out.utf8.count) { buffer in
            var i = 0
            for b in out.utf8 {
                buffer[i] = b
                i += 1
            }
            return i
        }) ?? client
    }

    static func classify(_ path: String) -> PathClass {
        switch AssetClassifier.kind(path: path) {
        case .page: return .page
        case .subresource: return .subresource
        case .download: return .otherAsset
        case .metadata:
            return path.lowercased().hasSuffix("/robots.txt") ? .robots : .otherAsset
        }
    }

    /// The visitor key text stored: the cookie value, or `client|user agent`.
    package func visitorKeyText(_ tally: VisitorTally) -> String {
        if tally.key & (1 << 63) != 0 { return cookies.string(Int32(truncatingIfNeeded: tally.key & 0xFFFF_FFFF)) }
        // A format without user agents gives "-", as `clientele parse` writes it (null) and the
        // Spark job keys it.
        let agent = userAgents.string(tally.userAgent)
        return clients.string(tally.client) + "|" + (agent.isEmpty ? "-" : agent)
    }

}
