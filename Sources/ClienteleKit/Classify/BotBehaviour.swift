/// Tells bots that pose as browsers by what they do, not what they say.
///
/// A visitor is a bot when it fetched `/robots.txt` (browsers never do), or when it made at
/// least `minimumPageviews` pageviews, fetched no styles, scripts or images, and requested
/// pages at machine-regular intervals: the gaps between its pageviews vary by less than
/// `maximumVariation` (coefficient of variation, standard deviation / mean) with a mean gap of
/// at most an hour. Listed bots (by user agent) are recognised earlier and never get here.
package enum BotBehaviour {
    package static let minimumPageviews = 10
    package static let maximumVariation = 0.1

    /// Why a visitor is a bot, or `nil` for a human.
    /// - Parameters:
    ///   - robotsHits: requests for `/robots.txt`.
    ///   - assetHits: subresource requests (styles, scripts, images, fonts).
    ///   - pageviewTimes: pageview times in microseconds, ascending.
    package static func reason(robotsHits: Int, assetHits: Int, pageviewTimes: [Int64]) -> String? {
        if robotsHits > 0 { return "fetched robots.txt" }
        guard assetHits == 0, pageviewTimes.count >= minimumPageviews else { return nil }
        var gaps: [Double] = []
        gaps.reserveCapacity(pageviewTimes.count - 1)
        for i in 1..<pageviewTimes.count { gaps.append(Double(pageviewTimes[i] - pageviewTimes[i - 1]) / 1e6) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        guard mean > 0, mean <= 3600 else { return nil }
        let variance = gaps.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(gaps.count)
        return variance.squareRoot() / mean < maximumVariation ? "regular intervals, no assets" : nil
    }
}
