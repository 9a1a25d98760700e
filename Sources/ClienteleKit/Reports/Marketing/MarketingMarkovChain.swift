/// A first-order Markov chain over customer journeys, for removal-effect attribution.
///
/// States: `start`, one state per channel, and two absorbing states, `conversion` and `null`. Every path adds the
/// transitions start → c₁ → c₂ → … → cₖ → conversion (or → null for a path that did not convert); consecutive
/// repeats of a channel are kept as self-loops. Transition probabilities are the transition counts divided by the
/// counts out of each state.
///
/// The conversion probability from `start` is solved exactly: with x the probability of reaching `conversion` from
/// each transient state, x = Q·x + r (Q the transient-to-transient probabilities, r the probabilities into
/// `conversion`), a linear system solved by Gaussian elimination with partial pivoting — no sampling. Removing a
/// channel c sends every transition into c to `null` instead, which is the same system with the equation x_c = 0.
/// The removal effect of c is `1 − P(without c) / P`, and 0 for every channel when P is 0.
package struct MarketingMarkovChain: Sendable {
    /// One customer journey: its channels in time order and whether it ended in a conversion.
    package struct Path: Sendable, Equatable {
        package var channels: [String]
        package var converted: Bool

        /// Makes a path.
        package init(channels: [String], converted: Bool) {
            self.channels = channels
            self.converted = converted
        }
    }

    /// The channel states, sorted by name; state `i + 1` of the transition counts is `channels[i]`.
    package let channels: [String]
    /// Transition counts: rows are `start` (0) then the channels (1…k); columns are the same states, then
    /// `conversion` (k + 1) and `null` (k + 2).
    package let counts: [[Int]]
    /// P(conversion) from `start`.
    package let conversionProbability: Double
    /// P(conversion) from `start` with each channel removed.
    package let conversionProbabilityWithout: [String: Double]
    /// `1 − P(without c) / P` per channel; 0 for all when P is 0.
    package let removalEffects: [String: Double]
    /// How many paths converted and how many did not.
    package let convertingPaths: Int
    package let nonConvertingPaths: Int

    /// Builds the chain and solves it.
    ///
    /// Cost: O(total path length) to count, then k + 1 solves of a (k + 1)-square system (k channels).
    ///
    /// - Parameter paths: The journeys; an empty path goes from `start` straight to its end state.
    package init(paths: [Path]) {
        var names = Set<String>()
        for p in paths { names.formUnion(p.channels) }
        let channels = names.sorted()
        let k = channels.count
        var index: [String: Int] = [:]
        for (i, c) in channels.enumerated() { index[c] = i + 1 }
        let conversion = k + 1
        let null = k + 2
        var counts = [[Int]](repeating: [Int](repeating: 0, count: k + 3), count: k + 1)
        var converting = 0
        for p in paths {
            var from = 0
            for c in p.channels {
                let to = index[c]!
                counts[from][to] += 1
                from = to
            }
            counts[from][p.converted ? conversion : null] += 1
            if p.converted { converting += 1 }
        }
        self.channels = channels
        self.counts = counts
        convertingPaths = converting
        nonConvertingPaths = paths.count - converting
        let p = Self.conversionProbability(counts: counts, removed: nil)
        conversionProbability = p
        var without: [String: Double] = [:]
        var effects: [String: Double] = [:]
        for (i, c) in channels.enumerated() {
            let q = Self.conversionProbability(counts: counts, removed: i + 1)
            without[c] = q
            effects[c] = p > 0 ? 1 - q / p : 0
        }
        conversionProbabilityWithout = without
        removalEffects = effects
    }

    /// Solves x = Q·x + r for the transient states (start and channels), with x[removed] = 0 when a state is removed,
    /// and returns x[start].
    static func conversionProbability(counts: [[Int]], removed: Int?) -> Double {
        let n = counts.count  // transient states
        let conversion = n
        // Augmented matrix of (I − Q) x = r.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n + 1), count: n)
        for i in 0..<n {
            a[i][i] = 1
            if i == removed { continue }
            let out = counts[i].reduce(0, +)
            guard out > 0 else { continue }  // a state never left: x = 0
            for j in 0..<n where j != removed {
                a[i][j] -= Double(counts[i][j]) / Double(out)
            }
            a[i][n] = Double(counts[i][conversion]) / Double(out)
        }
        // Gaussian elimination with partial pivoting.
        for col in 0..<n {
            var pivot = col
            for row in (col + 1)..<n where abs(a[row][col]) > abs(a[pivot][col]) { pivot = row }
            guard abs(a[pivot][col]) > 1e-300 else { continue }
            if pivot != col { a.swapAt(pivot, col) }
            let p = a[col][col]
            for row in 0..<n where row != col && a[row][col] != 0 {
                let factor = a[row][col] / p
                for j in col...n { a[row][j] -= factor * a[col][j] }
            }
        }
        guard abs(a[0][0]) > 1e-300 else { return 0 }
        return min(1, max(0, a[0][n] / a[0][0]))
    }
}
