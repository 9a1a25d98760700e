// Temporary stand-in until the classifier lands.
package struct UserAgentInfo: Sendable, Hashable, Codable {
    package var browser: String
    package var operatingSystem: String
    package var isBot: Bool
    package var botName: String?
}
package enum UserAgentClassifier {
    package static func classify(_ userAgent: String) -> UserAgentInfo {
        let bot = userAgent.lowercased().contains("bot") || userAgent.isEmpty || userAgent == "-"
        return UserAgentInfo(browser: bot ? "Crawlers" : "Others", operatingSystem: "Unknown", isBot: bot, botName: bot ? "bot" : nil)
    }
}
