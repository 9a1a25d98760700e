/// Campaign fatigue: do customers reached by many campaigns in a short time stop responding?
///
/// A campaign session is an identified session in the period whose campaign is set and is not one of GA4's
/// placeholder names `(direct)`, `(referral)`, `(organic)`, `(not set)` (compared ignoring case). A customer is
/// fatigued at the first of their campaign sessions (in start order) at which the campaign sessions started in the
/// `windowDays` before it (inclusive, that session included) carry at least `threshold` distinct campaign names.
/// Their campaign sessions before that one are "before", that one and the later ones "after". Rates pool sessions
/// over customers: converted campaign sessions / campaign sessions, 0 when there are none.
package struct MarketingCampaignFatigue: Codable, Sendable, Equatable {
    /// The distinct-campaign threshold and the window (days) it was measured in.
    package var thresholdCampaigns: Int
    package var windowDays: Int
    /// Customers who reached the threshold.
    package var customers: Int
    /// Their campaign sessions before / from the threshold session on.
    package var sessionsBefore: Int
    package var sessionsAfter: Int
    /// Converted share of those sessions.
    package var responseRateBefore: Double
    package var responseRateAfter: Double
    /// Customers with campaign sessions who never reached the threshold, their campaign sessions and the converted
    /// share.
    package var nonFatiguedCustomers: Int
    package var nonFatiguedSessions: Int
    package var nonFatiguedResponseRate: Double

    enum CodingKeys: String, CodingKey {
        case thresholdCampaigns = "threshold_campaigns"
        case windowDays = "window_days"
        case customers
        case sessionsBefore = "sessions_before"
        case sessionsAfter = "sessions_after"
        case responseRateBefore = "response_rate_before"
        case responseRateAfter = "response_rate_after"
        case nonFatiguedCustomers = "non_fatigued_customers"
        case nonFatiguedSessions = "non_fatigued_sessions"
        case nonFatiguedResponseRate = "non_fatigued_response_rate"
    }

    /// Campaign names that are GA4 placeholders, not campaigns (lowercased).
    package static let placeholderCampaigns: Set<String> = ["(direct)", "(referral)", "(organic)", "(not set)"]

    /// Whether a session campaign counts as a campaign.
    package static func isCampaign(_ campaign: String?) -> Bool {
        guard let campaign, !campaign.isEmpty else { return false }
        return !placeholderCampaigns.contains(campaign.lowercased())
    }

    /// Measures fatigue.
    ///
    /// Cost: O(sessions) with one sliding window per customer.
    ///
    /// - Parameters:
    ///   - sessions: All sessions.
    ///   - periodSessionsOfCustomer: Each customer's sessions in the period, as indices into `sessions`, by start.
    ///   - campaign: The campaign of the session at an index when it counts as one (`isCampaign(_:)`), else `nil`.
    ///   - threshold: Distinct campaigns that make a customer fatigued.
    ///   - windowDays: The window in days.
    package static func measure(
        sessions: [ReportData.Session], periodSessionsOfCustomer: [ArraySlice<Int32>], campaign: (Int) -> String?,
        threshold: Int, windowDays: Int
    ) -> MarketingCampaignFatigue {
        let window = Int64(windowDays) * 86_400_000_000
        var out = MarketingCampaignFatigue(
            thresholdCampaigns: threshold, windowDays: windowDays, customers: 0, sessionsBefore: 0, sessionsAfter: 0,
            responseRateBefore: 0, responseRateAfter: 0, nonFatiguedCustomers: 0, nonFatiguedSessions: 0,
            nonFatiguedResponseRate: 0)
        var convertedBefore = 0
        var convertedAfter = 0
        var convertedOther = 0
        for indices in periodSessionsOfCustomer {
            let campaignSessions = indices.map(Int.init).filter { campaign($0) != nil }
            guard !campaignSessions.isEmpty else { continue }
            var inWindow: [String: Int] = [:]
            var left = 0
            var reachedAt: Int?
            for k in campaignSessions.indices {
                let s = sessions[campaignSessions[k]]
                inWindow[campaign(campaignSessions[k])!, default: 0] += 1
                while sessions[campaignSessions[left]].start < s.start - window {
                    let old = campaign(campaignSessions[left])!
                    inWindow[old]! -= 1
                    if inWindow[old] == 0 { inWindow[old] = nil }
                    left += 1
                }
                if inWindow.count >= threshold {
                    reachedAt = k
                    break
                }
            }
            let converted = { (range: Range<Int>) in campaignSessions[range].filter { sessions[$0].converted }.count }
            if let k = reachedAt {
                out.customers += 1
                out.sessionsBefore += k
                out.sessionsAfter += campaignSessions.count - k
                convertedBefore += converted(0..<k)
                convertedAfter += converted(k..<campaignSessions.count)
            } else {
                out.nonFatiguedCustomers += 1
                out.nonFatiguedSessions += campaignSessions.count
                convertedOther += converted(0..<campaignSessions.count)
            }
        }
        func rate(_ n: Int, _ d: Int) -> Double { d == 0 ? 0 : Double(n) / Double(d) }
        out.responseRateBefore = rate(convertedBefore, out.sessionsBefore)
        out.responseRateAfter = rate(convertedAfter, out.sessionsAfter)
        out.nonFatiguedResponseRate = rate(convertedOther, out.nonFatiguedSessions)
        return out
    }
}
