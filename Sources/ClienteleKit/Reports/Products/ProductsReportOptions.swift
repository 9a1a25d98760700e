/// Settings of the products report: thresholds for bought-together pairs and bought-in-sequence
/// patterns, and how many rows each list keeps.
package struct ProductsReportOptions: Codable, Sendable, Equatable {
    /// Pairs (of products or categories) bought together in fewer orders are left out.
    package var minPairCount: Int
    /// A later purchase counts as "in sequence" from this many days after the first (inclusive).
    package var sequenceMinDays: Int
    /// … up to this many days after it (inclusive).
    package var sequenceMaxDays: Int
    /// Sequences followed by fewer customers are left out.
    package var sequenceMinCustomers: Int
    /// How many rows each list keeps.
    package var top: Int

    enum CodingKeys: String, CodingKey {
        case minPairCount = "min_pair_count"
        case sequenceMinDays = "sequence_min_days"
        case sequenceMaxDays = "sequence_max_days"
        case sequenceMinCustomers = "sequence_min_customers"
        case top
    }

    /// Makes options.
    /// - Parameters:
    ///   - minPairCount: Least orders for a bought-together pair (default 2).
    ///   - sequenceMinDays: Least days from the first purchase to the next (default 3).
    ///   - sequenceMaxDays: Most days from the first purchase to the next (default 30).
    ///   - sequenceMinCustomers: Least customers for a sequence (default 2).
    ///   - top: Rows kept per list (default 50).
    package init(
        minPairCount: Int = 2, sequenceMinDays: Int = 3, sequenceMaxDays: Int = 30, sequenceMinCustomers: Int = 2,
        top: Int = 50
    ) {
        self.minPairCount = minPairCount
        self.sequenceMinDays = sequenceMinDays
        self.sequenceMaxDays = sequenceMaxDays
        self.sequenceMinCustomers = sequenceMinCustomers
        self.top = top
    }
}
