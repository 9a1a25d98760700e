import Testing

@testable import ClienteleKit

@Suite struct SessionizerTests {
    var sessionizer = Sessionizer(timeoutMinutes: 30, siteHosts: ["shop.example"])
    static let minute: Int64 = 60_000_000

    func pv(_ minute: Int64, page: Int64 = 1, query: String? = nil, referrer: String? = nil, kind: String = "other") -> StoredPageview {
        StoredPageview(ts: minute * Self.minute, pageID: page, query: query, referrer: referrer, kind: kind)
    }

    /// Campaign tags are `utm_*` names and ad click ids in any case; other names, values and
    /// look-alikes are not. A non-ASCII name is lowercased as Unicode (the Kelvin sign is a k).
    @Test(arguments: [
        ("utm_source=a", true), ("UTM_Medium=b", true), ("x=1&&Utm_campaign", true), ("a=1&GCLID=z", true),
        ("MsClKiD=1", true), ("mscl\u{212A}id=1", true), ("gclid", true),
        ("", false), ("utm=1", false), ("xutm_source=1", false), ("a=utm_source&b=gclid", false), ("ütm_source=1", false),
        ("gclids=1", false), ("q=shoes&page=2", false),
    ])
    func campaignTagsAreFoundByName(query: String, tagged: Bool) {
        #expect(Sessionizer.hasCampaignTags(query) == tagged, "\(query)")
    }

    @Test mutating func gapOfExactlyTheTimeoutStaysInTheSessionAndLongerSplits() {
        let sessions = sessionizer.sessions([pv(0), pv(30), pv(61), pv(62)])
        // 0→30 is exactly 30 minutes (kept), 30→61 is 31 minutes (new session).
        #expect(sessions.map(\.pageviews) == [2, 2])
        #expect(sessions.map(\.start) == [0, 61 * Self.minute])
        #expect(sessions.map(\.end) == [30 * Self.minute, 62 * Self.minute])
    }

    @Test mutating func campaignChangeStartsANewSessionButInternalNavigationDoesNot() {
        let sessions = sessionizer.sessions([
            pv(0, page: 1, referrer: "https://www.google.com/"),
            pv(1, page: 2, referrer: "https://shop.example/"),
            pv(2, page: 3, query: "utm_source=newsletter&utm_medium=email&utm_campaign=nov", referrer: nil),
            pv(3, page: 4, referrer: "https://shop.example/p"),
            // Same campaign again: no new session.
            pv(4, page: 5, query: "utm_source=newsletter&utm_medium=email&utm_campaign=nov"),
            // A direct pageview (no referrer) never changes the session.
            pv(5, page: 6),
        ])
        #expect(sessions.count == 2)
        #expect(sessions[0].traffic.channel == .organicSearch)
        #expect(sessions[0].pageviews == 2)
        #expect(sessions[0].exitPageID == 2)
        #expect(sessions[1].traffic.channel == .email)
        #expect(sessions[1].traffic.campaign == "nov")
        #expect(sessions[1].landingPageID == 3)
        #expect(sessions[1].pageviews == 4)
    }

    @Test mutating func landingWithoutSourceIsDirectAndCheckoutConverts() {
        let sessions = sessionizer.sessions([pv(0), pv(1, kind: "checkout_complete")])
        #expect(sessions.count == 1)
        #expect(sessions[0].traffic.channel == .direct)
        #expect(sessions[0].converted)
    }
}

@Suite struct IdentityGraphTests {
    typealias Hint = IdentityGraph.Hint

    @Test func oneCustomerOwnsEverySessionBeforeAndAfterTheHint() {
        let result = IdentityGraph.assign(hints: [Hint(ts: 50, customerID: "C1")], sessionEnds: [10, 60, 100])
        #expect(result.customers == ["C1", "C1", "C1"])
        #expect(!result.shared)
    }

    @Test func sharedComputerGoesToTheLatestHintAtOrBeforeEachSessionsEnd() {
        let hints = [Hint(ts: 200, customerID: "B"), Hint(ts: 50, customerID: "A")]
        let result = IdentityGraph.assign(hints: hints, sessionEnds: [10, 50, 150, 200, 300])
        // Before any hint → the first hint's customer (A); from 200 on → B.
        #expect(result.customers == ["A", "A", "A", "B", "B"])
        #expect(result.shared)
    }

    @Test func noHintsNoCustomer() {
        #expect(IdentityGraph.assign(hints: [], sessionEnds: [1, 2]).customers == [nil, nil])
    }
}

@Suite struct BotBehaviourTests {
    @Test func robotsTxtMakesABot() {
        #expect(BotBehaviour.reason(robotsHits: 1, assetHits: 10, pageviewTimes: [0]) == "fetched robots.txt")
    }

    @Test func metronomicPagesWithoutAssetsMakeABot() {
        let times = (0..<12).map { Int64($0) * 15_000_000 }
        #expect(BotBehaviour.reason(robotsHits: 0, assetHits: 0, pageviewTimes: times) != nil)
        // The same rhythm with assets loaded is a human (a slideshow reader, say).
        #expect(BotBehaviour.reason(robotsHits: 0, assetHits: 3, pageviewTimes: times) == nil)
    }

    @Test func irregularHumanIsNotABot() {
        let gaps: [Int64] = [5, 40, 12, 90, 7, 30, 15, 60, 8, 22, 45]
        var t: Int64 = 0
        var times: [Int64] = [0]
        for g in gaps {
            t += g * 1_000_000
            times.append(t)
        }
        #expect(BotBehaviour.reason(robotsHits: 0, assetHits: 0, pageviewTimes: times) == nil)
    }
}

@Suite struct IPAnonymizerTests {
    @Test(arguments: [
        ("203.0.113.77", "203.0.113.0"),
        ("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::"),
        ("2001:db8::1f", "2001:db8:0::"),
        ("crawl.example.org", "crawl.example.org"),
    ])
    func masks(input: String, expected: String) {
        #expect(IPAnonymizer.mask(input) == expected)
    }
}
