import Foundation
import LogModel

/// How the HTML pages write numbers: thousands separators, rates as percentages with one
/// decimal, money with two decimals. Independent of the machine's locale, so pages are stable.
package enum HTMLNumberFormat {
    /// `1234567` → `1,234,567`.
    package static func count(_ n: Int) -> String {
        n < 0 ? "-" + Money.grouped(Int64(clamping: n.magnitude)) : Money.grouped(Int64(n))
    }

    /// `0.1234` → `12.3%`; `nil` → `–` (not defined).
    package static func rate(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "–" }
        return decimal(x * 100, digits: 1) + "%"
    }

    /// `1234.5` with `digits: 1` → `1,234.5`; `nil` → `–`.
    package static func decimal(_ x: Double?, digits: Int) -> String {
        guard let x, x.isFinite else { return "–" }
        let text = String(format: "%.\(max(0, min(digits, 6)))f", abs(x))
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = Money.grouped(Int64(parts[0]) ?? 0)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        let negative = x < 0 && text.contains(where: { $0 != "0" && $0 != "." })
        return (negative ? "-" : "") + whole + fraction
    }

    /// Seconds as `42s` or `1m35s`; `nil` → `–`.
    package static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "–" }
        return ContentReport.duration(seconds)
    }

    /// A change as `+12.3%` or `-4.0%`; `nil` → `n/a`.
    package static func change(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "n/a" }
        return (x >= 0 ? "+" : "") + rate(x)
    }

    /// A machine-readable sort key for a number: plain decimal, no separators.
    package static func sortKey(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return String(x)
    }

    /// A Decimal amount (the customer timeline's) as `Money`, rounded to the cent.
    package static func money(_ amount: Decimal) -> Money {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return Money(cents: (rounded as NSDecimalNumber).int64Value)
    }

    /// The last day of a period (its `to` is exclusive).
    package static func lastDay(_ period: ReportPeriod) -> String {
        CivilTime.isoDate(days: Int(ReportPeriod.floorDay(period.toMicros - 1)))
    }
}
