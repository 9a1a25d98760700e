/// The knobs of the executive report; the values used are written to the JSON as `parameters`.
package struct ExecutiveReportOptions: Codable, Sendable, Equatable {
    /// How many customers `top_customers` and `customers_rfm` list.
    package var top: Int
    /// A customer is slipping away when the days since both their last order and their last visit
    /// exceed this many times their own median interval between orders.
    package var churnFactor: Double
    /// Fewest product pageviews (in the period) of a comparison shopper.
    package var comparisonMinProductViews: Int
    /// Fewest sessions with at least one product pageview (in the period) of a comparison shopper.
    package var comparisonMinSessions: Int
    /// Highest session conversion rate (converted sessions / sessions) of a comparison shopper.
    package var comparisonMaxConversionRate: Double

    enum CodingKeys: String, CodingKey {
        case top
        case churnFactor = "churn_factor"
        case comparisonMinProductViews = "comparison_min_product_views"
        case comparisonMinSessions = "comparison_min_sessions"
        case comparisonMaxConversionRate = "comparison_max_conversion_rate"
    }

    /// Makes options; the defaults are the report's standard settings.
    /// - Parameters:
    ///   - top: Customers listed in `top_customers` and `customers_rfm` (20).
    ///   - churnFactor: Multiple of a customer's median order interval that counts as slipping away (2.0).
    ///   - comparisonMinProductViews: Product pageviews needed to be a comparison shopper (10).
    ///   - comparisonMinSessions: Sessions with product pageviews needed to be a comparison shopper (3).
    ///   - comparisonMaxConversionRate: Highest session conversion rate of a comparison shopper (0.1).
    package init(
        top: Int = 20, churnFactor: Double = 2.0, comparisonMinProductViews: Int = 10, comparisonMinSessions: Int = 3,
        comparisonMaxConversionRate: Double = 0.1
    ) {
        self.top = top
        self.churnFactor = churnFactor
        self.comparisonMinProductViews = comparisonMinProductViews
        self.comparisonMinSessions = comparisonMinSessions
        self.comparisonMaxConversionRate = comparisonMaxConversionRate
    }
}
