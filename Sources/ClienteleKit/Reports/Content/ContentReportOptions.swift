/// Settings of the content report: the purchase window after a read, what counts as a top-value
/// customer, and how many articles to list.
package struct ContentReportOptions: Codable, Sendable, Equatable {
    /// A reader "purchased after reading" when one of their orders falls within this many days
    /// (inclusive) after one of their reads of the article.
    package var purchaseWindowDays: Int
    /// Top-value customers are this share (0…1) of buyers, ranked by total revenue over all data.
    package var topValueShare: Double
    /// How many articles the report lists (by engagement score).
    package var top: Int

    enum CodingKeys: String, CodingKey {
        case purchaseWindowDays = "purchase_window_days"
        case topValueShare = "top_value_share"
        case top
    }

    /// Makes options.
    /// - Parameters:
    ///   - purchaseWindowDays: Days after a read in which an order counts (default 7).
    ///   - topValueShare: Share of buyers counted as top-value customers (default 0.2).
    ///   - top: Articles to list (default 50).
    package init(purchaseWindowDays: Int = 7, topValueShare: Double = 0.2, top: Int = 50) {
        self.purchaseWindowDays = purchaseWindowDays
        self.topValueShare = topValueShare
        self.top = top
    }
}
