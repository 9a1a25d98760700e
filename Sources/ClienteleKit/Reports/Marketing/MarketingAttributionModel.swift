import Foundation

/// The attribution models of the marketing report: how one order's credit (its revenue and the
/// order itself) is shared over its touches, the customer's sessions in the lookback before it.
///
/// Every model gives each touch a weight; the weights of one order sum to 1. Revenue is then split
/// in whole cents by `allocate(cents:weights:)`, so the parts add up to the order's revenue exactly.
package enum MarketingAttributionModel: String, CaseIterable, Sendable, Codable {
    /// All credit to the last touch whose channel is not Direct; to the last touch when all are Direct (GA's rule).
    case lastNonDirect = "last_non_direct"
    /// All credit to the first touch.
    case firstClick = "first_click"
    /// Equal credit to every touch.
    case linear
    /// Weight `2^(-(order time − touch start) / half-life)` per touch, normalised.
    case timeDecay = "time_decay"
    /// One touch: 100%; two: 50/50; three or more: 40% first, 40% last, 20% split evenly over the middle ones.
    case positionBased = "position_based"
    /// Markov-chain removal effect of each channel on the path, normalised over the path's distinct channels; a
    /// channel's share is split evenly over its touches. Falls back to linear when the effects sum to 0.
    case markov

    /// The channel name GA4 gives direct traffic, which last non-direct click skips.
    package static let directChannel = Channel.direct.rawValue

    /// The weights of one order's touches under this model.
    ///
    /// Cost: O(touches).
    ///
    /// - Parameters:
    ///   - channels: The touches' channels, oldest first.
    ///   - starts: The touches' start times (microseconds), oldest first, same count as `channels`.
    ///   - orderTime: When the order was placed (microseconds).
    ///   - halfLifeDays: The time-decay half-life in days.
    ///   - removalEffects: The Markov removal effect of each channel (only read by `.markov`).
    /// - Returns: One weight per touch, summing to 1; empty when there are no touches.
    package func weights(
        channels: [String], starts: [Int64], orderTime: Int64, halfLifeDays: Double, removalEffects: [String: Double]
    ) -> [Double] {
        let n = channels.count
        guard n > 0 else { return [] }
        var w = [Double](repeating: 0, count: n)
        switch self {
        case .lastNonDirect:
            let index = channels.lastIndex { $0 != Self.directChannel } ?? (n - 1)
            w[index] = 1
        case .firstClick:
            w[0] = 1
        case .linear:
            w = [Double](repeating: 1 / Double(n), count: n)
        case .timeDecay:
            let halfLife = halfLifeDays * 86_400_000_000
            for i in 0..<n { w[i] = exp2(-Double(orderTime - starts[i]) / halfLife) }
            let total = w.reduce(0, +)
            guard total > 0, total.isFinite else {
                return Self.linear.weights(
                    channels: channels, starts: starts, orderTime: orderTime, halfLifeDays: halfLifeDays,
                    removalEffects: removalEffects)
            }
            for i in 0..<n { w[i] /= total }
        case .positionBased:
            switch n {
            case 1: w[0] = 1
            case 2: w = [0.5, 0.5]
            default:
                w[0] = 0.4
                w[n - 1] = 0.4
                for i in 1..<(n - 1) { w[i] = 0.2 / Double(n - 2) }
            }
        case .markov:
            var touchesOfChannel: [String: Int] = [:]
            for c in channels { touchesOfChannel[c, default: 0] += 1 }
            // Summed in channel order, so the last bits do not change with the dictionary's per-run order.
            let total = touchesOfChannel.keys.sorted().reduce(0) { $0 + max(0, removalEffects[$1] ?? 0) }
            guard total > 0, total.isFinite else {
                return Self.linear.weights(
                    channels: channels, starts: starts, orderTime: orderTime, halfLifeDays: halfLifeDays,
                    removalEffects: removalEffects)
            }
            for i in 0..<n {
                let c = channels[i]
                w[i] = max(0, removalEffects[c] ?? 0) / total / Double(touchesOfChannel[c] ?? 1)
            }
        }
        return w
    }

    /// Splits an amount of cents over weights in whole cents that add up to the amount exactly.
    ///
    /// Largest remainder: each part is first rounded down from `cents × weight / Σ weights`, then the cents left over
    /// go one each to the parts with the largest fractional remainders; equal remainders (to 1e-9 of a cent) favour
    /// the later part, i.e. the touch nearest the order (so 100.00 over three equal touches is 33.33, 33.33, 33.34).
    /// Negative amounts are split like their absolute value and negated.
    ///
    /// Cost: O(n log n) in the number of weights.
    ///
    /// - Parameters:
    ///   - cents: The amount to split.
    ///   - weights: Non-negative weights (need not be normalised).
    /// - Returns: One part per weight; all of `cents` on the last part when the weights sum to 0.
    package static func allocate(cents: Int64, weights: [Double]) -> [Int64] {
        guard !weights.isEmpty else { return [] }
        let total = weights.reduce(0) { $0 + max(0, $1) }
        var parts = [Int64](repeating: 0, count: weights.count)
        guard total > 0, total.isFinite else {
            parts[parts.count - 1] = cents
            return parts
        }
        let amount = cents.magnitude
        var remainders = [Int64](repeating: 0, count: weights.count)
        var given: UInt64 = 0
        for i in weights.indices {
            let exact = Double(amount) * max(0, weights[i]) / total
            // A hair of tolerance so that 4000.0000000001 or 3999.9999999999 both count as 4000.
            let floor = max(0, (exact + 1e-7).rounded(.down))
            parts[i] = Int64(floor)
            given += UInt64(floor)
            remainders[i] = Int64(((exact - floor) * 1e9).rounded())
        }
        let order = weights.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a > b
        }
        if given < amount {
            var left = amount - given
            var k = 0
            while left > 0 {
                parts[order[k % order.count]] += 1
                left -= 1
                k += 1
            }
        } else if given > amount {
            // Only reachable through floating-point noise: take the surplus back from the smallest remainders.
            var surplus = given - amount
            var k = order.count - 1
            while surplus > 0 {
                let i = order[(k % order.count + order.count) % order.count]
                if parts[i] > 0 {
                    parts[i] -= 1
                    surplus -= 1
                }
                k -= 1
            }
        }
        return cents < 0 ? parts.map { -$0 } : parts
    }
}
