import Foundation
import LogModel

/// The site-centric overview (GoAccess-style): the JSON contract of `clientele overview --json`.
package struct OverviewReport: Codable, Sendable, Equatable {
    /// Bumped when a key changes meaning or disappears.
    package static let currentSchemaVersion = 1

    package var schemaVersion = OverviewReport.currentSchemaVersion
    package var report = "overview"
    package var period: Period
    package var general: General
    package var statusCodes: [StatusCount]
    package var topPaths: [PathCount]
    package var topNotFound: [PathCount]
    package var referringSites: [NamedCount]
    package var referrers: [NamedCount]
    package var browsers: [NamedCount]
    package var operatingSystems: [NamedCount]
    package var crawlers: Crawlers
    package var methods: [NamedCount]
    package var hitsPerDay: [DayCount]
    package var hitsPerHour: [HourCount]
    package var inputs: ScanReport
    package var definitions: [String: String] = OverviewReport.definitions

    package struct Period: Codable, Sendable, Equatable {
        /// First and last request time, ISO-8601 UTC; `nil` when there were no hits.
        package var first: String?
        package var last: String?
    }

    package struct General: Codable, Sendable, Equatable {
        package var totalRequests: Int
        package var validRequests: Int
        package var failedRequests: Int
        package var uniqueVisitors: Int
        package var bandwidth: Int64
        package var uniquePaths: Int
        package var uniqueNotFound: Int
        package var uniqueReferrers: Int
        package var blankOrDirectiveLines: Int
    }

    package struct StatusCount: Codable, Sendable, Equatable {
        package var status: Int
        package var statusClass: String
        package var hits: Int
    }

    package struct PathCount: Codable, Sendable, Equatable {
        package var path: String
        package var hits: Int
        package var bytes: Int64
    }

    package struct NamedCount: Codable, Sendable, Equatable {
        package var name: String
        package var hits: Int
        package var visitors: Int?
    }

    package struct Crawlers: Codable, Sendable, Equatable {
        package var humanHits: Int
        package var crawlerHits: Int
        package var humanVisitors: Int
        package var crawlerVisitors: Int
        package var top: [NamedCount]
    }

    package struct DayCount: Codable, Sendable, Equatable {
        package var date: String
        package var hits: Int
        package var visitors: Int
        package var bytes: Int64
    }

    package struct HourCount: Codable, Sendable, Equatable {
        package var hour: Int
        package var hits: Int
    }

    /// What each number means; printed by `--help` and carried in the JSON.
    package static let definitions: [String: String] = [
        "total_requests": "lines that are requests or rejected lines: valid_requests + failed_requests (blank lines and #directives are not counted)",
        "valid_requests": "lines parsed as requests",
        "failed_requests": "lines rejected by the parser (counted by reason under inputs)",
        "unique_visitors": "distinct (client address, log-local date, user agent) over requests whose status is not 4xx; GoAccess's definition",
        "bandwidth": "sum of response bytes of valid requests (`-` counts as 0)",
        "hits": "valid requests",
        "visitors": "unique visitors (as above) among the counted requests",
        "paths": "request path without query string, percent-decoded",
        "days_and_hours": "the log's own local time, as written in each line (GoAccess shows the same)",
        "crawlers": "requests whose user agent is a known bot, crawler, monitor or HTTP library, or is empty",
        "referring_sites": "host of the Referer header; referrers '-' and empty are not counted",
    ]

    /// JSON with stable (sorted, snake_case) keys.
    package func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
