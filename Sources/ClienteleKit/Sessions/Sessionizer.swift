/// One stored pageview, as the sessionizer reads it back.
package struct StoredPageview: Sendable {
    package var ts: Int64
    package var pageID: Int64
    package var query: String?
    package var referrer: String?
    package var kind: String
    /// Numbers standing for `query` and `referrer` (the same text, the same number, for the
    /// life of the `Sessionizer` that reads them), or -1: the sessionizer then judges each
    /// distinct value once by array lookup instead of hashing its text for every pageview.
    package var queryNumber: Int32 = -1
    package var referrerNumber: Int32 = -1

    package init(ts: Int64, pageID: Int64, query: String?, referrer: String?, kind: String, queryNumber: Int32 = -1, referrerNumber: Int32 = -1) {
        self.ts = ts
        self.pageID = pageID
        self.query = query
        self.referrer = referrer
        self.kind = kind
        self.queryNumber = queryNumber
        self.referrerNumber = referrerNumber
    }
}

/// A session built from one visitor's pageviews.
package struct SessionDraft: Sendable, Equatable {
    package var start: Int64
    package var end: Int64
    package var pageviews: Int
    package var traffic: TrafficSource
    package var landingPageID: Int64
    package var exitPageID: Int64
    /// True when a pageview of the session is a completed checkout.
    package var converted: Bool
}

/// Cuts one visitor's pageviews into sessions.
///
/// Rules (Google Analytics'): a session ends after `timeout` (default 30 minutes) without a
/// pageview, so a gap longer than the timeout starts a new one; a pageview that brings a new
/// traffic source (a campaign-tagged URL, a click id, or a referrer outside the site) whose
/// channel, source, medium or campaign differs from the session's also starts a new one. A
/// session's traffic source is its landing pageview's (`ChannelClassifier`); internal
/// navigation and pageviews without a referrer never change it.
package struct Sessionizer {
    /// Longest gap inside a session, in microseconds.
    package var timeout: Int64
    /// The site's own host names: referrers from them are internal.
    package var siteHosts: Set<String>

    /// Whether each referrer seen so far is outside the site, and whether each query carries
    /// campaign tags: pageviews repeat them, so each is judged once.
    private var externalReferrer: [String: Bool] = [:]
    private var taggedQuery: [String: Bool] = [:]
    /// The same by `StoredPageview`'s numbers: 0 not judged yet, 1 no, 2 yes.
    private var externalReferrerNumber: [UInt8] = []
    private var taggedQueryNumber: [UInt8] = []
    /// Classified sources by query and referrer (`query \u{1F} referrer`), and by their numbers.
    private var classified: [String: TrafficSource] = [:]
    private var classifiedNumbers: [UInt64: TrafficSource] = [:]

    package init(timeoutMinutes: Int = 30, siteHosts: Set<String>) {
        timeout = Int64(timeoutMinutes) * 60_000_000
        self.siteHosts = siteHosts
    }

    /// Sessions of one visitor. - Parameter pageviews: ordered by time.
    package mutating func sessions(_ pageviews: [StoredPageview]) -> [SessionDraft] {
        var result: [SessionDraft] = []
        var current: SessionDraft? = nil
        for pv in pageviews {
            let brought = broughtSource(pv)
            if var s = current {
                let changed = brought.map { !Self.sameCampaign($0, s.traffic) } ?? false
                if pv.ts - s.end <= timeout && !changed {
                    s.end = pv.ts
                    s.pageviews += 1
                    s.exitPageID = pv.pageID
                    if pv.kind == "checkout_complete" { s.converted = true }
                    current = s
                    continue
                }
                result.append(s)
            }
            let traffic = brought ?? TrafficSource(channel: .direct, source: "(direct)", medium: "(none)", campaign: "(direct)")
            current = SessionDraft(
                start: pv.ts, end: pv.ts, pageviews: 1, traffic: traffic, landingPageID: pv.pageID, exitPageID: pv.pageID,
                converted: pv.kind == "checkout_complete")
        }
        if let s = current { result.append(s) }
        return result
    }

    /// The traffic source a pageview brings, or `nil` when it brings none (internal or no
    /// referrer, no campaign tags).
    mutating func broughtSource(_ pv: StoredPageview) -> TrafficSource? {
        var tagged = false
        if let query = pv.query {
            tagged = Self.judge(query, number: pv.queryNumber, &taggedQuery, &taggedQueryNumber) { Self.hasCampaignTags($0) }
        }
        var external = false
        if let referrer = pv.referrer {
            let siteHosts = siteHosts
            external = Self.judge(referrer, number: pv.referrerNumber, &externalReferrer, &externalReferrerNumber) {
                !ChannelClassifier.isInternalReferrer($0, siteHosts: siteHosts)
            }
        }
        guard tagged || external else { return nil }
        let numbered = (pv.query == nil || pv.queryNumber >= 0) && (pv.referrer == nil || pv.referrerNumber >= 0)
        let numbers = UInt64(UInt32(bitPattern: pv.queryNumber)) << 32 | UInt64(UInt32(bitPattern: pv.referrerNumber))
        if numbered, let known = classifiedNumbers[numbers] { return known }
        let key = numbered ? "" : (pv.query ?? "") + "\u{1F}" + (pv.referrer ?? "")
        if !numbered, let known = classified[key] { return known }
        let source = ChannelClassifier.classify(query: pv.query, referrer: pv.referrer, siteHosts: siteHosts)
        if numbered { classifiedNumbers[numbers] = source } else { classified[key] = source }
        return source
    }

    /// `judgement(text)`, remembered by the text's number when it has one, else by the text.
    private static func judge(
        _ text: String, number: Int32, _ byText: inout [String: Bool], _ byNumber: inout [UInt8], _ judgement: (String) -> Bool
    ) -> Bool {
        guard number >= 0 else {
            if let known = byText[text] { return known }
            let verdict = judgement(text)
            byText[text] = verdict
            return verdict
        }
        let n = Int(number)
        if n >= byNumber.count { byNumber.append(contentsOf: repeatElement(0, count: n + 1 - byNumber.count)) }
        if byNumber[n] == 0 { byNumber[n] = judgement(text) ? 2 : 1 }
        return byNumber[n] == 2
    }

    static func sameCampaign(_ a: TrafficSource, _ b: TrafficSource) -> Bool {
        a.channel == b.channel && a.source == b.source && a.medium == b.medium && a.campaign == b.campaign
    }

    /// Whether a raw query carries `utm_*` tags or an ad click id.
    static func hasCampaignTags(_ query: String) -> Bool {
        var query = query
        return query.withUTF8 { bytes in
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "&") { end += 1 }
                var nameEnd = start
                while nameEnd < end, bytes[nameEnd] != UInt8(ascii: "=") { nameEnd += 1 }
                if isCampaignTag(UnsafeBufferPointer(rebasing: bytes[start..<nameEnd])) { return true }
                start = end + 1
            }
            return false
        }
    }

    /// Whether a parameter name is `utm_*` or an ad click id, ignoring case. ASCII names are
    /// compared as bytes (the usual case, and the cost of judging every distinct query); others
    /// through `lowercased()`, as some non-ASCII letters lowercase to ASCII ones.
    private static func isCampaignTag(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.allSatisfy({ $0 < 0x80 }) else {
            let lowered = String(decoding: name, as: UTF8.self).lowercased()
            return lowered.hasPrefix("utm_") || ChannelClassifier.clickIDs.contains(lowered)
        }
        func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte | 0x20 : byte }
        if name.count >= 4, zip(name.prefix(4), "utm_".utf8).allSatisfy({ lower($0) == $1 }) { return true }
        return ChannelClassifier.clickIDs.contains { id in id.utf8.count == name.count && zip(name, id.utf8).allSatisfy { lower($0) == $1 } }
    }
}
