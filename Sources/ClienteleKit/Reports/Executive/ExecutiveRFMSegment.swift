/// The eleven named RFM segments of the executive report, in report order, and the total mapping
/// from a customer's recency score R and frequency-monetary score FM (both 1–5) to a segment.
///
/// FM = round half up of (F + M) / 2, i.e. `(F + M + 1) / 2` in integer arithmetic. The table
/// (rows R, columns FM):
///
/// ```
///        FM=1          FM=2                 FM=3                 FM=4        FM=5
/// R=5    New           Potential Loyalists  Potential Loyalists  Champions   Champions
/// R=4    Promising     Potential Loyalists  Potential Loyalists  Champions   Champions
/// R=3    About to Sleep About to Sleep      Need Attention       Loyal       Loyal
/// R=2    Hibernating   Hibernating          At Risk              At Risk     Can't Lose Them
/// R=1    Lost          Lost                 At Risk              At Risk     Can't Lose Them
/// ```
package enum ExecutiveRFMSegment: String, Codable, Sendable, CaseIterable {
    case champions = "Champions"
    case loyal = "Loyal"
    case potentialLoyalists = "Potential Loyalists"
    case new = "New"
    case promising = "Promising"
    case needAttention = "Need Attention"
    case aboutToSleep = "About to Sleep"
    case atRisk = "At Risk"
    case cantLoseThem = "Can't Lose Them"
    case hibernating = "Hibernating"
    case lost = "Lost"

    /// The segment of scores `r` and `fm` (each clamped to 1…5).
    package static func of(r: Int, fm: Int) -> ExecutiveRFMSegment {
        let r = min(max(r, 1), 5)
        let fm = min(max(fm, 1), 5)
        switch (r, fm) {
        case (4...5, 4...5): return .champions
        case (3, 4...5): return .loyal
        case (4...5, 2...3): return .potentialLoyalists
        case (5, 1): return .new
        case (4, 1): return .promising
        case (3, 3): return .needAttention
        case (3, _): return .aboutToSleep
        case (_, 5): return .cantLoseThem
        case (_, 3...4): return .atRisk
        case (2, _): return .hibernating
        default: return .lost
        }
    }

    /// FM: the average of the frequency and monetary scores, rounded half up.
    package static func fm(f: Int, m: Int) -> Int { (f + m + 1) / 2 }

    /// Quintile score (5 best) of the customer at `rankIndex` (0 = best) among `count` customers:
    /// `5 − floor(rankIndex × 5 / count)`.
    package static func score(rankIndex: Int, count: Int) -> Int {
        count == 0 ? 0 : 5 - (rankIndex * 5) / count
    }

    /// The table above in words, for the report's definitions.
    static let tableDefinition = """
        segment by recency score R and FM = round half up of (F+M)/2: Champions R 4-5 & FM 4-5; \
        Loyal R 3 & FM 4-5; Potential Loyalists R 4-5 & FM 2-3; New R 5 & FM 1; Promising R 4 & FM 1; \
        Need Attention R 3 & FM 3; About to Sleep R 3 & FM 1-2; At Risk R 1-2 & FM 3-4; \
        Can't Lose Them R 1-2 & FM 5; Hibernating R 2 & FM 1-2; Lost R 1 & FM 1-2
        """
}
