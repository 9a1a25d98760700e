/// Settings of the marketing report: the attribution lookback, the time-decay half-life and the
/// campaign-fatigue rule.
package struct MarketingReportOptions: Sendable, Equatable, Codable {
    /// A session is a touch of an order when it starts at most this many days before the order (and not after it).
    package var lookbackDays: Int
    /// Time-decay attribution: a touch this many days before the order weighs half as much as one at the order time.
    package var timeDecayHalfLifeDays: Double
    /// A customer is fatigued once this many distinct campaigns reached them within `fatigueWindowDays`.
    package var fatigueCampaigns: Int
    /// The width of the campaign-fatigue window, in days.
    package var fatigueWindowDays: Int

    enum CodingKeys: String, CodingKey {
        case lookbackDays = "lookback_days"
        case timeDecayHalfLifeDays = "time_decay_half_life_days"
        case fatigueCampaigns = "fatigue_campaigns"
        case fatigueWindowDays = "fatigue_window_days"
    }

    /// Makes options; the defaults are a 30-day lookback, a 7-day half-life and 3 campaigns within 7 days.
    /// - Parameters:
    ///   - lookbackDays: The attribution lookback in days.
    ///   - timeDecayHalfLifeDays: The time-decay half-life in days (must be positive).
    ///   - fatigueCampaigns: Distinct campaigns that make a customer fatigued.
    ///   - fatigueWindowDays: The window in which those campaigns must fall, in days.
    package init(
        lookbackDays: Int = 30, timeDecayHalfLifeDays: Double = 7, fatigueCampaigns: Int = 3, fatigueWindowDays: Int = 7
    ) {
        self.lookbackDays = lookbackDays
        self.timeDecayHalfLifeDays = timeDecayHalfLifeDays
        self.fatigueCampaigns = fatigueCampaigns
        self.fatigueWindowDays = fatigueWindowDays
    }
}
