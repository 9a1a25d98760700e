import Foundation
import GRDB
import LogModel

/// One session as exported by `clientele sessions`: the JSON keys are the contract.
package struct SessionRow: Codable, Sendable, Equatable {
    package var sessionID: Int64
    /// The visitor key: the visitor cookie, or `client|user agent`.
    package var visitor: String
    package var customerID: String?
    /// ISO-8601 UTC times of the first and last pageview.
    package var start: String
    package var end: String
    package var pageviews: Int
    package var channel: String
    package var source: String
    package var medium: String
    package var campaign: String?
    package var landingPath: String
    package var exitPath: String
    package var bounced: Bool
    package var converted: Bool

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", visitor, customerID = "customer_id", start, end, pageviews, channel, source, medium
        case campaign, landingPath = "landing_path", exitPath = "exit_path", bounced, converted
    }

    /// Writes every key, `null` for absent values (synthesised coding would leave them out).
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sessionID, forKey: .sessionID)
        try c.encode(visitor, forKey: .visitor)
        try c.encode(customerID as String?, forKey: .customerID)
        try c.encode(start, forKey: .start)
        try c.encode(end, forKey: .end)
        try c.encode(pageviews, forKey: .pageviews)
        try c.encode(channel, forKey: .channel)
        try c.encode(source, forKey: .source)
        try c.encode(medium, forKey: .medium)
        try c.encode(campaign as String?, forKey: .campaign)
        try c.encode(landingPath, forKey: .landingPath)
        try c.encode(exitPath, forKey: .exitPath)
        try c.encode(bounced, forKey: .bounced)
        try c.encode(converted, forKey: .converted)
    }

    /// Column names for CSV, in order.
    package static let csvHeader = [
        "session_id", "visitor", "customer_id", "start", "end", "pageviews", "channel", "source", "medium", "campaign",
        "landing_path", "exit_path", "bounced", "converted",
    ]

    /// The row's cells for CSV, in `csvHeader` order.
    package var csvCells: [String] {
        [
            String(sessionID), visitor, customerID ?? "", start, end, String(pageviews), channel, source, medium, campaign ?? "",
            landingPath, exitPath, bounced ? "true" : "false", converted ? "true" : "false",
        ]
    }
}

/// Reads sessions from the store, ordered by start time.
package enum SessionExport {
    /// Sessions starting in `[from, to)` (microseconds; `nil` for unbounded), passed one by one to `body`.
    package static func forEach(in store: Store, from: Int64?, to: Int64?, _ body: (SessionRow) throws -> Void) throws {
        try store.queue.read { db in
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT s.id, v.key, s.customer_id, s.start_ts, s.end_ts, s.pageviews, s.channel, s.source, s.medium,
                           s.campaign, lp.path, ep.path, s.bounced, s.converted
                    FROM sessions s JOIN visitors v ON v.id = s.visitor_id
                    JOIN pages lp ON lp.id = s.landing_page_id JOIN pages ep ON ep.id = s.exit_page_id
                    WHERE s.start_ts >= ? AND s.start_ts < ?
                    ORDER BY s.start_ts, v.key, s.id
                    """,
                arguments: [from ?? Int64.min, to ?? Int64.max])
            while let r = try rows.next() {
                try body(
                    SessionRow(
                        sessionID: r[0], visitor: r[1], customerID: r[2], start: CivilTime.iso8601(micros: r[3]),
                        end: CivilTime.iso8601(micros: r[4]), pageviews: r[5], channel: r[6], source: r[7], medium: r[8],
                        campaign: r[9], landingPath: r[10], exitPath: r[11], bounced: r[12], converted: r[13]))
            }
        }
    }
}

/// CSV output safe to open in a spreadsheet: fields are quoted when needed, and a cell that
/// starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so it is never
/// taken as a formula (log content is attacker-controlled).
package enum CSVWriter {
    /// One CSV line (with `\r\n`, as RFC 4180) for `cells`.
    package static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }

    /// One cell, neutralised and quoted as needed.
    package static func escape(_ cell: String) -> String {
        var value = cell
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil {
            value = "'" + value
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }
}
