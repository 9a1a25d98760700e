import Foundation

/// The executives' report: how is value spread over customers (pyramid, 80/20, RFM segments),
/// and who is slipping away? Its JSON (stable snake_case keys) is the contract; every number is
/// defined in `definitions`.
package struct ExecutiveReport: DepartmentReport, Equatable {
    /// The report's name on the command line.
    package static let name = "executive"
    /// Bumped when a key changes meaning or disappears.
    package static let currentSchemaVersion = 1

    package var schemaVersion = ExecutiveReport.currentSchemaVersion
    package var report = ExecutiveReport.name
    package var period: ReportPeriod
    /// The period of the same length just before `period`, which the KPIs compare against.
    package var previousPeriod: ReportPeriod
    package var coverage: ReportCoverage
    /// The settings used.
    package var parameters: ExecutiveReportOptions
    /// Two or three plain-words sentences with the headline numbers.
    package var headline: [String]
    package var kpis: [KPI]
    package var pyramid: [PyramidTier]
    package var pareto: Pareto
    package var rfmSegments: [RFMSegmentRow]
    package var customersRFM: [CustomerRFM]
    package var churnRisk: [ChurnRisk]
    package var comparisonShoppers: [ComparisonShopper]
    package var topCustomers: [TopCustomer]
    package var reconciliation: Reconciliation
    package var definitions: [String: String] = ExecutiveReport.definitions

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case report, period
        case previousPeriod = "previous_period"
        case coverage, parameters
        case headline, kpis, pyramid, pareto
        case rfmSegments = "rfm_segments"
        case customersRFM = "customers_rfm"
        case churnRisk = "churn_risk"
        case comparisonShoppers = "comparison_shoppers"
        case topCustomers = "top_customers"
        case reconciliation, definitions
    }

    /// One key figure for the period and the previous period. `value` and `previous` are JSON
    /// numbers whose kind `unit` names: `count` (an integer), `money` (currency units with at most
    /// two decimals, like every `Money`) or `rate` (a fraction 0…1).
    package struct KPI: Codable, Sendable, Equatable {
        /// What kind of number a KPI is.
        package enum Unit: String, Codable, Sendable {
            case count, money, rate
        }

        /// A KPI value of its unit.
        package enum Value: Sendable, Equatable {
            case count(Int)
            case money(Money)
            case rate(Double)

            /// The value as a plain number (money in currency units), for the change.
            package var number: Double {
                switch self {
                case .count(let n): Double(n)
                case .money(let m): Double(m.cents) / 100
                case .rate(let r): r
                }
            }

            /// The unit of this value.
            package var unit: Unit {
                switch self {
                case .count: .count
                case .money: .money
                case .rate: .rate
                }
            }
        }

        package var name: String
        package var value: Value
        package var previous: Value
        /// (value − previous) / previous; `nil` (JSON null) when previous is 0.
        package var change: Double?

        enum CodingKeys: String, CodingKey { case name, unit, value, previous, change }

        /// Makes a KPI; the change is computed from the two values.
        package init(name: String, value: Value, previous: Value) {
            self.name = name
            self.value = value
            self.previous = previous
            let p = previous.number
            change = p == 0 ? nil : (value.number - p) / p
        }

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            let unit = try c.decode(Unit.self, forKey: .unit)
            func decodeValue(_ key: CodingKeys) throws -> Value {
                switch unit {
                case .count: .count(try c.decode(Int.self, forKey: key))
                case .money: .money(try c.decode(Money.self, forKey: key))
                case .rate: .rate(try c.decode(Double.self, forKey: key))
                }
            }
            value = try decodeValue(.value)
            previous = try decodeValue(.previous)
            change = try c.decodeIfPresent(Double.self, forKey: .change)
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(value.unit, forKey: .unit)
            func encodeValue(_ v: Value, _ key: CodingKeys) throws {
                switch v {
                case .count(let n): try c.encode(n, forKey: key)
                case .money(let m): try c.encode(m, forKey: key)
                case .rate(let r): try c.encode(r, forKey: key)
                }
            }
            try encodeValue(value, .value)
            try encodeValue(previous, .previous)
            try c.encode(change, forKey: .change)
        }
    }

    /// One tier of the customer pyramid.
    package struct PyramidTier: Codable, Sendable, Equatable {
        /// `top 1%`, `next 4%`, `next 15%` or `bottom 80%`.
        package var tier: String
        package var customers: Int
        package var revenue: Money
        /// Tier revenue / period revenue of all paying customers (0 when that is 0).
        package var revenueShare: Double
        enum CodingKeys: String, CodingKey {
            case tier, customers, revenue
            case revenueShare = "revenue_share"
        }
    }

    /// The 80/20 view: revenue share of the top 20% of paying customers, and the whole curve.
    package struct Pareto: Codable, Sendable, Equatable {
        /// One point of the cumulative revenue curve.
        package struct Point: Codable, Sendable, Equatable {
            /// The nominal share p of paying customers (0.05, 0.10, … 1.0).
            package var customerShare: Double
            /// ceil(n × p): how many of the best customers the point covers.
            package var customers: Int
            /// Their revenue / all paying customers' revenue.
            package var revenueShare: Double
            enum CodingKeys: String, CodingKey {
                case customerShare = "customer_share"
                case customers
                case revenueShare = "revenue_share"
            }
        }

        /// Paying customers in the period (n).
        package var payingCustomers: Int
        /// ceil(n × 0.2).
        package var top20Customers: Int
        package var top20RevenueShare: Double
        package var curve: [Point]
        enum CodingKeys: String, CodingKey {
            case payingCustomers = "paying_customers"
            case top20Customers = "top20_customers"
            case top20RevenueShare = "top20_revenue_share"
            case curve
        }
    }

    /// Customers and revenue of one RFM segment.
    package struct RFMSegmentRow: Codable, Sendable, Equatable {
        package var segment: ExecutiveRFMSegment
        package var customers: Int
        package var revenue: Money
        /// Segment revenue / period revenue of all paying customers.
        package var revenueShare: Double
        enum CodingKeys: String, CodingKey {
            case segment, customers, revenue
            case revenueShare = "revenue_share"
        }
    }

    /// One customer's RFM values and scores.
    package struct CustomerRFM: Codable, Sendable, Equatable {
        package var customerID: String
        /// Whole days from the last order in the period to the period end (floor).
        package var recencyDays: Int
        /// Orders in the period.
        package var frequency: Int
        /// Revenue in the period.
        package var monetary: Money
        package var r: Int
        package var f: Int
        package var m: Int
        package var fm: Int
        package var segment: ExecutiveRFMSegment
        enum CodingKeys: String, CodingKey {
            case customerID = "customer_id"
            case recencyDays = "recency_days"
            case frequency, monetary, r, f, m, fm, segment
        }
    }

    /// A repeat customer who has been away much longer than usual.
    package struct ChurnRisk: Codable, Sendable, Equatable {
        package var customerID: String
        /// Revenue of all their orders up to the period end.
        package var revenue: Money
        /// Their orders up to the period end.
        package var orders: Int
        package var medianIntervalDays: Double
        package var daysSinceLastOrder: Double
        /// `nil` (JSON null) when no session was ever tied to the customer.
        package var daysSinceLastVisit: Double?
        enum CodingKeys: String, CodingKey {
            case customerID = "customer_id"
            case revenue, orders
            case medianIntervalDays = "median_interval_days"
            case daysSinceLastOrder = "days_since_last_order"
            case daysSinceLastVisit = "days_since_last_visit"
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(customerID, forKey: .customerID)
            try c.encode(revenue, forKey: .revenue)
            try c.encode(orders, forKey: .orders)
            try c.encode(medianIntervalDays, forKey: .medianIntervalDays)
            try c.encode(daysSinceLastOrder, forKey: .daysSinceLastOrder)
            try c.encode(daysSinceLastVisit, forKey: .daysSinceLastVisit)
        }
    }

    /// A customer or anonymous visitor who looks at many products and rarely buys.
    package struct ComparisonShopper: Codable, Sendable, Equatable {
        /// The customer id, or `visitor:<16 hex digits of the FNV-1a hash of its key>` for an
        /// anonymous visitor (`ReportData.visitorName`).
        package var id: String
        /// `customer` or `visitor`.
        package var kind: String
        /// Sessions in the period.
        package var sessions: Int
        /// Sessions in the period with at least one product pageview.
        package var productViewSessions: Int
        package var productViews: Int
        package var distinctProducts: Int
        package var orders: Int
        /// Converted sessions / sessions.
        package var conversionRate: Double
        enum CodingKeys: String, CodingKey {
            case id, kind, sessions
            case productViewSessions = "product_view_sessions"
            case productViews = "product_views"
            case distinctProducts = "distinct_products"
            case orders
            case conversionRate = "conversion_rate"
        }
    }

    /// One of the best customers of the period.
    package struct TopCustomer: Codable, Sendable, Equatable {
        package var customerID: String
        package var revenue: Money
        package var orders: Int
        /// Sessions in the period tied to the customer.
        package var sessions: Int
        /// The customers.csv `segment` attribute; `nil` (JSON null) when absent.
        package var segment: String?
        package var rfmSegment: ExecutiveRFMSegment
        enum CodingKeys: String, CodingKey {
            case customerID = "customer_id"
            case revenue, orders, sessions, segment
            case rfmSegment = "rfm_segment"
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(customerID, forKey: .customerID)
            try c.encode(revenue, forKey: .revenue)
            try c.encode(orders, forKey: .orders)
            try c.encode(sessions, forKey: .sessions)
            try c.encode(segment, forKey: .segment)
            try c.encode(rfmSegment, forKey: .rfmSegment)
        }
    }

    /// How well orders.csv and the logs agree in the period.
    package struct Reconciliation: Codable, Sendable, Equatable {
        package var ordersInFile: Int
        package var ordersSeenInLogs: Int
        package var unmatchedOrders: Int
        package var checkoutOrdersNotInFile: Int
        package var sessions: Int
        package var identifiedSessions: Int
        package var identifiedSessionShare: Double
        enum CodingKeys: String, CodingKey {
            case ordersInFile = "orders_in_file"
            case ordersSeenInLogs = "orders_seen_in_logs"
            case unmatchedOrders = "unmatched_orders"
            case checkoutOrdersNotInFile = "checkout_orders_not_in_file"
            case sessions
            case identifiedSessions = "identified_sessions"
            case identifiedSessionShare = "identified_session_share"
        }
    }

    /// What each number means, in plain words; carried in the JSON.
    package static let definitions: [String: String] = [
        "period":
            "half-open [from, to) in whole UTC days; sessions count by their start, orders by ordered_at, pageviews by their time",
        "previous_period": "the period of the same length just before `period`",
        "paying_customer": "a customer id with at least one order (orders.csv) in the period",
        "kpis.visitors": "distinct visitor ids of sessions (bots excluded)",
        "kpis.sessions": "sessions",
        "kpis.identified_customers": "distinct customer ids of sessions",
        "kpis.orders": "orders in orders.csv",
        "kpis.revenue": "sum of quantity × unit price of those orders",
        "kpis.conversion_rate": "converted sessions / sessions (0 when there are no sessions)",
        "kpis.new_customers": "customers whose first order ever (in all of orders.csv) falls in the period",
        "kpis.returning_customers": "customers with an order in the period and an earlier order before the period",
        "kpis.change": "(value − previous) / previous; null when previous is 0",
        "kpis.unit": "count: an integer; money: currency units, two decimals at most; rate: a fraction 0…1",
        "pyramid":
            "paying customers ranked by period revenue (highest first, ties by customer id) and cut by count: top 1% = ceil(n×0.01), next 4% = ceil(n×0.05) − ceil(n×0.01), next 15% = ceil(n×0.20) − ceil(n×0.05), bottom 80% = the rest; sizes sum to n",
        "pyramid.revenue_share": "tier revenue / period revenue of all paying customers (0 when that is 0)",
        "pareto.top20_revenue_share":
            "period revenue of the top ceil(n×0.2) paying customers (ranked as in the pyramid) / revenue of all n",
        "pareto.curve": "for p = 0.05, 0.10, … 1.0: revenue share of the top ceil(n×p) paying customers",
        "rfm.recency":
            "days from the customer's last order in the period to the period end (recency_days is its floor)",
        "rfm.frequency": "orders in the period",
        "rfm.monetary": "revenue in the period",
        "rfm.scores":
            "each of R, F, M ranks the paying customers best first (latest last order, most orders, most revenue; ties by customer id); the customer at 0-based rank i of n scores 5 − floor(i×5/n), so 5 is best and each score holds a fifth",
        "rfm.fm": "round half up of (F + M) / 2",
        "rfm_segments": ExecutiveRFMSegment.tableDefinition + "; all 11 segments listed in this order, 0 when empty",
        "rfm_segments.revenue_share": "segment revenue / period revenue of all paying customers",
        "customers_rfm": "RFM values and scores of the top customers (as in top_customers)",
        "churn_risk":
            "customers with at least 2 orders up to the period end whose days since their last order AND since their last session (start), both measured at the period end, exceed churn_factor × their median interval between consecutive orders; a customer never seen in sessions passes the session test; ranked by revenue, then customer id",
        "churn_risk.revenue": "revenue of all their orders up to the period end",
        "churn_risk.median_interval_days":
            "median of the days between consecutive orders (mean of the middle two for an even count)",
        "churn_risk.days_since_last_visit":
            "days from the start of their last session before the period end to the period end; null when no session was ever tied to them",
        "comparison_shoppers":
            "customers (their identified sessions) and anonymous visitors (visitor:<16 hex digits of the 64-bit FNV-1a hash of the visitor key>, their sessions without a customer) with at least comparison_min_product_views product pageviews in at least comparison_min_sessions sessions with product pageviews in the period, and a conversion rate at most comparison_max_conversion_rate; sorted by product_views, then id",
        "comparison_shoppers.conversion_rate": "converted sessions / sessions in the period",
        "comparison_shoppers.orders":
            "customers: their orders in the period; visitors: orders in the period matched to one of their sessions",
        "comparison_shoppers.distinct_products": "distinct skus among the product pageviews",
        "top_customers": "the top `top` paying customers by period revenue (ties by customer id)",
        "top_customers.sessions": "sessions in the period tied to the customer",
        "top_customers.segment": "the customers.csv `segment` attribute (null when absent)",
        "reconciliation.orders_in_file": "orders in orders.csv in the period",
        "reconciliation.orders_seen_in_logs":
            "those whose order id appeared on a checkout-complete page of a logged session",
        "reconciliation.unmatched_orders": "orders_in_file − orders_seen_in_logs",
        "reconciliation.checkout_orders_not_in_file":
            "distinct order ids on checkout-complete pageviews in the period that are not in orders.csv at all",
        "reconciliation.identified_session_share":
            "sessions tied to a customer / sessions (0 when there are no sessions)",
    ]

    /// JSON with stable (sorted) keys.
    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
