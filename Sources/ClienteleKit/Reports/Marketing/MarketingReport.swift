import Foundation

/// The marketing report: which ad sources bring *valuable* customers, not just clicks?
///
/// Per GA4 channel (and drilled down by source / medium / campaign): traffic, the customers each channel acquired and
/// what they were worth over 30 and 90 days, the revenue of the period's orders under six attribution models, and
/// cost and ROAS when ad spend is loaded. Also campaign fatigue and each customer segment's channel mix. Every number
/// is defined in `definitions`.
package struct MarketingReport: DepartmentReport, Equatable {
    /// The report's name on the command line.
    package static let name = "marketing"
    /// Bumped when a key changes meaning or disappears.
    package static let currentSchemaVersion = 1

    package var schemaVersion = MarketingReport.currentSchemaVersion
    package var report = MarketingReport.name
    package var period: ReportPeriod
    package var coverage: ReportCoverage
    package var options: MarketingReportOptions
    /// Key → plain-words definition of every number, in reading order.
    package var definitions: [Definition] = MarketingReport.definitionList
    /// Two or three plain-words sentences with the headline numbers.
    package var headline: [String]
    /// One row per channel, by last-non-direct revenue, then sessions, then name.
    package var channels: [ChannelRow]
    /// One row per (channel, source, medium, campaign), ordered like `channels`.
    package var sources: [SourceRow]
    /// Orders in the period that had at least one touch, and their revenue.
    package var attributed: OrderTotal
    /// Orders in the period without any touch in the lookback, and their revenue.
    package var unattributed: OrderTotal
    /// The Markov chain behind the `markov` attribution.
    package var markov: MarkovSummary
    /// Campaign fatigue.
    package var campaignFatigue: MarketingCampaignFatigue
    /// Per segment and channel: identified sessions and their share of the segment's identified sessions.
    package var segmentChannelPreference: [SegmentChannelRow]

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case report, period, coverage, options, definitions, headline, channels, sources
        case attributed, unattributed, markov
        case campaignFatigue = "campaign_fatigue"
        case segmentChannelPreference = "segment_channel_preference"
    }

    /// One definition: a JSON key (dotted for nested keys) and what its number means.
    package struct Definition: Codable, Sendable, Equatable {
        package var key: String
        package var definition: String
    }

    /// A value per attribution model, keyed by the model's name in JSON.
    package struct ByModel<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        package var lastNonDirect: Value
        package var firstClick: Value
        package var linear: Value
        package var timeDecay: Value
        package var positionBased: Value
        package var markov: Value

        enum CodingKeys: String, CodingKey {
            case lastNonDirect = "last_non_direct"
            case firstClick = "first_click"
            case linear
            case timeDecay = "time_decay"
            case positionBased = "position_based"
            case markov
        }

        /// The same value for every model.
        package init(repeating value: Value) {
            lastNonDirect = value
            firstClick = value
            linear = value
            timeDecay = value
            positionBased = value
            markov = value
        }

        /// The value of one model.
        package subscript(model: MarketingAttributionModel) -> Value {
            get {
                switch model {
                case .lastNonDirect: lastNonDirect
                case .firstClick: firstClick
                case .linear: linear
                case .timeDecay: timeDecay
                case .positionBased: positionBased
                case .markov: markov
                }
            }
            set {
                switch model {
                case .lastNonDirect: lastNonDirect = newValue
                case .firstClick: firstClick = newValue
                case .linear: linear = newValue
                case .timeDecay: timeDecay = newValue
                case .positionBased: positionBased = newValue
                case .markov: markov = newValue
                }
            }
        }
    }

    /// The numbers of a channel or source row (see `definitions`). Optional values are written as JSON `null`.
    package struct Metrics: Codable, Sendable, Equatable {
        package var sessions = 0
        package var visitors = 0
        package var newVisitors = 0
        package var bounceRate = 0.0
        package var identifiedCustomers = 0
        package var conversionRate = 0.0
        package var customersAcquired = 0
        package var revenuePerAcquiredCustomer30d = Money.zero
        package var revenuePerAcquiredCustomer90d = Money.zero
        package var repeatPurchaseRate = 0.0
        package var orders = ByModel(repeating: 0.0)
        package var revenue = ByModel(repeating: Money.zero)
        package var cost: Money?
        package var costPerAcquiredCustomer: Money?
        package var roas: Double?

        enum CodingKeys: String, CodingKey {
            case sessions, visitors
            case newVisitors = "new_visitors"
            case bounceRate = "bounce_rate"
            case identifiedCustomers = "identified_customers"
            case conversionRate = "conversion_rate"
            case customersAcquired = "customers_acquired"
            case revenuePerAcquiredCustomer30d = "revenue_per_acquired_customer_30d"
            case revenuePerAcquiredCustomer90d = "revenue_per_acquired_customer_90d"
            case repeatPurchaseRate = "repeat_purchase_rate"
            case orders, revenue, cost
            case costPerAcquiredCustomer = "cost_per_acquired_customer"
            case roas
        }

        /// Empty metrics.
        package init() {}

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            sessions = try c.decode(Int.self, forKey: .sessions)
            visitors = try c.decode(Int.self, forKey: .visitors)
            newVisitors = try c.decode(Int.self, forKey: .newVisitors)
            bounceRate = try c.decode(Double.self, forKey: .bounceRate)
            identifiedCustomers = try c.decode(Int.self, forKey: .identifiedCustomers)
            conversionRate = try c.decode(Double.self, forKey: .conversionRate)
            customersAcquired = try c.decode(Int.self, forKey: .customersAcquired)
            revenuePerAcquiredCustomer30d = try c.decode(Money.self, forKey: .revenuePerAcquiredCustomer30d)
            revenuePerAcquiredCustomer90d = try c.decode(Money.self, forKey: .revenuePerAcquiredCustomer90d)
            repeatPurchaseRate = try c.decode(Double.self, forKey: .repeatPurchaseRate)
            orders = try c.decode(ByModel<Double>.self, forKey: .orders)
            revenue = try c.decode(ByModel<Money>.self, forKey: .revenue)
            cost = try c.decodeIfPresent(Money.self, forKey: .cost)
            costPerAcquiredCustomer = try c.decodeIfPresent(Money.self, forKey: .costPerAcquiredCustomer)
            roas = try c.decodeIfPresent(Double.self, forKey: .roas)
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sessions, forKey: .sessions)
            try c.encode(visitors, forKey: .visitors)
            try c.encode(newVisitors, forKey: .newVisitors)
            try c.encode(bounceRate, forKey: .bounceRate)
            try c.encode(identifiedCustomers, forKey: .identifiedCustomers)
            try c.encode(conversionRate, forKey: .conversionRate)
            try c.encode(customersAcquired, forKey: .customersAcquired)
            try c.encode(revenuePerAcquiredCustomer30d, forKey: .revenuePerAcquiredCustomer30d)
            try c.encode(revenuePerAcquiredCustomer90d, forKey: .revenuePerAcquiredCustomer90d)
            try c.encode(repeatPurchaseRate, forKey: .repeatPurchaseRate)
            try c.encode(orders, forKey: .orders)
            try c.encode(revenue, forKey: .revenue)
            if let cost { try c.encode(cost, forKey: .cost) } else { try c.encodeNil(forKey: .cost) }
            if let costPerAcquiredCustomer {
                try c.encode(costPerAcquiredCustomer, forKey: .costPerAcquiredCustomer)
            } else {
                try c.encodeNil(forKey: .costPerAcquiredCustomer)
            }
            if let roas { try c.encode(roas, forKey: .roas) } else { try c.encodeNil(forKey: .roas) }
        }
    }

    /// A channel's row: `channel` and the metrics, flat in one JSON object.
    package struct ChannelRow: Codable, Sendable, Equatable {
        package var channel: String
        package var metrics: Metrics

        enum CodingKeys: String, CodingKey { case channel }

        /// Makes a row.
        package init(channel: String, metrics: Metrics) {
            self.channel = channel
            self.metrics = metrics
        }

        package init(from decoder: any Decoder) throws {
            channel = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .channel)
            metrics = try Metrics(from: decoder)
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(channel, forKey: .channel)
            try metrics.encode(to: encoder)
        }
    }

    /// A (channel, source, medium, campaign) row and its metrics, flat in one JSON object; `campaign` may be `null`.
    package struct SourceRow: Codable, Sendable, Equatable {
        package var channel: String
        package var source: String
        package var medium: String
        package var campaign: String?
        package var metrics: Metrics

        enum CodingKeys: String, CodingKey { case channel, source, medium, campaign }

        /// Makes a row.
        package init(channel: String, source: String, medium: String, campaign: String?, metrics: Metrics) {
            self.channel = channel
            self.source = source
            self.medium = medium
            self.campaign = campaign
            self.metrics = metrics
        }

        package init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            channel = try c.decode(String.self, forKey: .channel)
            source = try c.decode(String.self, forKey: .source)
            medium = try c.decode(String.self, forKey: .medium)
            campaign = try c.decodeIfPresent(String.self, forKey: .campaign)
            metrics = try Metrics(from: decoder)
        }

        package func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(channel, forKey: .channel)
            try c.encode(source, forKey: .source)
            try c.encode(medium, forKey: .medium)
            if let campaign { try c.encode(campaign, forKey: .campaign) } else { try c.encodeNil(forKey: .campaign) }
            try metrics.encode(to: encoder)
        }
    }

    /// A count of orders and their revenue.
    package struct OrderTotal: Codable, Sendable, Equatable {
        package var orders: Int
        package var revenue: Money
    }

    /// The solved Markov chain.
    package struct MarkovSummary: Codable, Sendable, Equatable {
        /// One channel state of the chain.
        package struct ChannelEffect: Codable, Sendable, Equatable {
            package var channel: String
            package var conversionProbabilityWithout: Double
            package var removalEffect: Double
            enum CodingKeys: String, CodingKey {
                case channel
                case conversionProbabilityWithout = "conversion_probability_without"
                case removalEffect = "removal_effect"
            }
        }

        package var convertingPaths: Int
        package var nonConvertingPaths: Int
        package var conversionProbability: Double
        /// By removal effect (largest first), then channel name.
        package var channels: [ChannelEffect]

        enum CodingKeys: String, CodingKey {
            case convertingPaths = "converting_paths"
            case nonConvertingPaths = "non_converting_paths"
            case conversionProbability = "conversion_probability"
            case channels
        }
    }

    /// Identified sessions of one segment in one channel.
    package struct SegmentChannelRow: Codable, Sendable, Equatable {
        package var segment: String
        package var channel: String
        package var sessions: Int
        /// sessions / the segment's identified sessions in the period.
        package var share: Double
    }

    /// The definitions carried in every marketing report.
    package static let definitionList: [Definition] = [
        (
            "period",
            "sessions count when they start in the period, orders when ordered_at is in the period; ad spend by its date"
        ),
        (
            "channels",
            "GA4 default channel group of the session's landing hit; a channel is listed when it has sessions in the period, a touch of an order of the period (touches may start before the period, within the lookback), or ad spend in the period"
        ),
        (
            "sources",
            "the same numbers per (channel, source, medium, campaign) of the session; campaign null when the landing URL had no utm_campaign"
        ),
        ("sessions", "sessions that started in the period"),
        ("visitors", "distinct visitors (devices) among those sessions"),
        (
            "new_visitors",
            "visitors whose first session in all the data starts in the period; counted in that first session's channel"
        ),
        ("bounce_rate", "single-pageview sessions / sessions (0 when no sessions)"),
        (
            "identified_customers",
            "distinct customers among the sessions (a session is identified when its visitor is linked to a customer, on any device)"
        ),
        ("conversion_rate", "sessions with a completed checkout / sessions (0 when no sessions)"),
        (
            "customers_acquired",
            "customers whose first session in all the data (by start time, then session id) starts in the period; counted in that session's channel"
        ),
        (
            "revenue_per_acquired_customer_30d",
            "revenue of all orders the acquired customers placed from the start of their first session until 30 days after it (exclusive), / customers_acquired; windows may run past the period and, for recent customers, past the end of the data"
        ),
        ("revenue_per_acquired_customer_90d", "as revenue_per_acquired_customer_30d with a 90-day window"),
        (
            "repeat_purchase_rate",
            "acquired customers with 2 or more orders in their 90-day window / customers_acquired (0 when none acquired)"
        ),
        (
            "touches",
            "an order's touches are the sessions of its customer, on all devices, that started at most lookback_days before the order and not after it, oldest first"
        ),
        (
            "orders",
            "orders of the period credited to the row by each attribution model; an order's credit sums to 1 over its touches, so counts may be fractional; orders without touches are under unattributed"
        ),
        (
            "revenue",
            "revenue of the period's orders credited to the row by each attribution model; each order's revenue is split over its touches in whole cents that add up to the order exactly (largest remainder; ties go to the touch nearest the order)"
        ),
        (
            "revenue.last_non_direct",
            "all to the last touch whose channel is not Direct, or to the last touch when all are Direct (GA's rule)"
        ),
        ("revenue.first_click", "all to the first touch"),
        ("revenue.linear", "equal shares to every touch"),
        ("revenue.time_decay", "shares proportional to 2^(-(order time - touch start) / time_decay_half_life_days)"),
        (
            "revenue.position_based",
            "one touch 100%; two touches 50/50; three or more: 40% first, 40% last, 20% split evenly over the middle touches"
        ),
        (
            "revenue.markov",
            "first-order Markov chain over journeys (start -> channels -> conversion or null; repeated channels kept as self-loops): each order's touch path converts; each customer with sessions in the period but no order in it adds a path of those sessions' channels ending in null; P = probability of reaching conversion from start, solved exactly as an absorbing-chain linear system; removal effect of a channel = 1 - P(transitions into the channel go to null) / P; an order's revenue goes to the channels on its path in proportion to their removal effects normalised to sum to 1 over the path's distinct channels (the per-path variant), each channel's share split evenly over its touches; linear when the effects on the path sum to 0 (e.g. P = 0)"
        ),
        (
            "cost",
            "ad_spend.csv cost in the period (by date) of rows whose source/medium/campaign classify to the channel (GA4 rules); for sources, rows with exactly the same channel, source, medium and campaign (empty campaign = null); null when no ad spend row matches"
        ),
        ("cost_per_acquired_customer", "cost / customers_acquired; null when no cost or no customer acquired"),
        ("roas", "revenue.last_non_direct / cost; null when there is no cost or it is 0"),
        (
            "attributed",
            "orders of the period with at least one touch, and their revenue (the revenue of every model sums to this)"
        ),
        (
            "unattributed",
            "orders of the period with no touch in the lookback (also orders whose customer id is empty), and their revenue"
        ),
        ("markov.conversion_probability", "P(conversion from start) of the chain"),
        ("markov.conversion_probability_without", "P(conversion from start) with the channel removed"),
        (
            "markov.removal_effect",
            "1 - conversion_probability_without / conversion_probability (0 when conversion_probability is 0)"
        ),
        (
            "campaign_fatigue",
            "campaign sessions are identified sessions of the period whose campaign is set and not (direct), (referral), (organic) or (not set); a customer is fatigued at the first campaign session at which the campaign sessions started in the fatigue_window_days before it (inclusive) carry fatigue_campaigns or more distinct campaigns"
        ),
        ("campaign_fatigue.customers", "fatigued customers"),
        (
            "campaign_fatigue.response_rate_before",
            "converted / all campaign sessions of fatigued customers before the session that reached the threshold (0 when none)"
        ),
        (
            "campaign_fatigue.response_rate_after",
            "converted / all campaign sessions of fatigued customers from the session that reached the threshold on (0 when none)"
        ),
        (
            "campaign_fatigue.non_fatigued_response_rate",
            "converted / all campaign sessions of customers with campaign sessions who never reached the threshold (0 when none)"
        ),
        (
            "segment_channel_preference.sessions",
            "identified sessions of the period of customers of the segment (customers.csv segment; (none) when missing or empty) in the channel"
        ),
        ("segment_channel_preference.share", "sessions / all identified sessions of the segment in the period"),
    ].map { Definition(key: $0.0, definition: $0.1) }
}
