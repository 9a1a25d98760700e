/// One day's advertising cost for one source, medium and campaign, from ad_spend.csv.
package struct AdSpendRecord: Sendable, Equatable {
    /// The day, `YYYY-MM-DD` (a valid calendar date).
    package var date: String
    /// The traffic source as in `utm_source` (`google`, `newsletter`); never empty.
    package var source: String
    /// The medium as in `utm_medium` (`cpc`, `email`); never empty.
    package var medium: String
    /// The campaign as in `utm_campaign`; may be empty.
    package var campaign: String
    /// What was spent, in cents (exact).
    package var costCents: Int64

    /// Makes a record.
    /// - Parameters:
    ///   - date: The day, `YYYY-MM-DD`.
    ///   - source: The traffic source.
    ///   - medium: The medium.
    ///   - campaign: The campaign, possibly empty.
    ///   - costCents: The cost in cents.
    package init(date: String, source: String, medium: String, campaign: String, costCents: Int64) {
        self.date = date
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.costCents = costCents
    }
}
