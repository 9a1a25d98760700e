/// What one user-agent string says about the client: browser family, operating system, and
/// whether it is a bot (and which one).
///
/// Made by `UserAgentClassifier.classify(_:)`. Every field is derived from the string alone;
/// behaviour-based bot detection (robots.txt first, no assets, metronomic timing) happens
/// later in the pipeline and may mark more visitors as bots.
///
/// JSON keys are snake_case and stable: `browser`, `browser_version`, `operating_system`,
/// `operating_system_version`, `is_bot`, `bot_name`, `bot_category`.
package struct UserAgentInfo: Sendable, Hashable, Codable {
    /// Browser family, GoAccess-like: `Chrome`, `Firefox`, `Safari`, `Edge`, `Opera`,
    /// `Internet Explorer`, `Samsung Internet`, `UC Browser`, `Yandex Browser`, `Vivaldi`,
    /// `Brave`, `Android Browser`; `Crawlers` for every bot; `Others` for a recognised client
    /// outside these families (minor browsers, in-app browsers and web views, native app HTTP
    /// stacks such as Dalvik and CFNetwork, any other `Mozilla/…` string); `Unknown` otherwise.
    package var browser: String
    /// Major version of the browser (`"120"`), or `nil` when unknown and for bots.
    package var browserVersion: String?
    /// Operating system family the string claims: `Windows`, `Windows Phone`, `macOS`, `iOS`,
    /// `Android`, `HarmonyOS`, `Chrome OS`, `Linux`, `BSD`, `Solaris`, `KaiOS`, `Tizen`,
    /// `webOS`, `BlackBerry`, `Symbian`, or `Unknown`. Filled for bots too (Googlebot
    /// smartphone claims `Android`); filter on `isBot` for human traffic.
    package var operatingSystem: String
    /// The release within `operatingSystem`, or `nil` when the string does not say.
    ///
    /// Scheme: the name people use for the release, family first, major version only.
    /// - Windows: `Windows 10/11` (NT 10.0 — Windows 11 sends the same token), `Windows 8.1`,
    ///   `Windows 8`, `Windows 7`, `Windows Vista`, `Windows XP` (NT 5.1 and 5.2),
    ///   `Windows 2000`, `Windows NT 4.0`, `Windows ME`, `Windows 98`, `Windows 95`.
    /// - Windows Phone: `Windows Phone 8`.
    /// - iOS: `iOS 17`; iPads on 13 and later: `iPadOS 17` (iPads that request desktop sites
    ///   send a Mac string and count as macOS).
    /// - macOS: `macOS 10.9` for 10.x (the minor is the release), `macOS 11` and later;
    ///   `macOS 10.15+` for 10.15, because browsers freeze the string at 10_15_7 on every
    ///   later release.
    /// - Android: `Android 14`, `Android 4` (major only; Chrome's reduced string says
    ///   `Android 10` whatever the real release).
    /// - HarmonyOS, KaiOS, Tizen: `<family> <major>` when the string has a number.
    /// - BSD: the flavour: `FreeBSD`, `OpenBSD`, `NetBSD`, `DragonFly`.
    /// - Chrome OS, Linux and the rest: `nil`.
    package var operatingSystemVersion: String?
    /// True when the string names a bot, a crawler, a tool or library, a headless browser,
    /// or is empty/`-`.
    package var isBot: Bool
    /// The bot's name (`Googlebot`, `bingbot`, `curl`, `python-requests`, `HeadlessChrome`,
    /// `(empty user agent)`, …) when `isBot`, else `nil`.
    package var botName: String?
    /// What kind of bot it is when `isBot`, else `nil`.
    package var botCategory: BotCategory?

    /// Makes an info value; bots usually set `browser` to `UserAgentInfo.crawlers`.
    ///
    /// - Parameters:
    ///   - browser: Browser family.
    ///   - browserVersion: Major browser version.
    ///   - operatingSystem: Operating system family.
    ///   - operatingSystemVersion: Release, in the scheme of `operatingSystemVersion`.
    ///   - isBot: Whether the client is a bot.
    ///   - botName: The bot's name.
    ///   - botCategory: The bot's kind.
    package init(
        browser: String,
        browserVersion: String? = nil,
        operatingSystem: String,
        operatingSystemVersion: String? = nil,
        isBot: Bool = false,
        botName: String? = nil,
        botCategory: BotCategory? = nil
    ) {
        self.browser = browser
        self.browserVersion = browserVersion
        self.operatingSystem = operatingSystem
        self.operatingSystemVersion = operatingSystemVersion
        self.isBot = isBot
        self.botName = botName
        self.botCategory = botCategory
    }

    /// The `browser` value of every bot.
    package static let crawlers = "Crawlers"
    /// The `browser` value of a recognised client outside the named families.
    package static let others = "Others"
    /// The `browser` and `operatingSystem` value when nothing is recognised.
    package static let unknown = "Unknown"
    /// The `botName` of an empty or `-` user agent.
    package static let emptyUserAgentName = "(empty user agent)"
    /// The `botName` of a generic bot whose string names nothing usable.
    package static let unnamedBotName = "(unnamed bot)"

    private enum CodingKeys: String, CodingKey {
        case browser
        case browserVersion = "browser_version"
        case operatingSystem = "operating_system"
        case operatingSystemVersion = "operating_system_version"
        case isBot = "is_bot"
        case botName = "bot_name"
        case botCategory = "bot_category"
    }
}

/// What kind of automated client a bot is. Raw values are the stable JSON strings.
package enum BotCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Search-engine crawlers and their helpers: Googlebot, bingbot, YandexBot, Baiduspider.
    case searchEngine = "search_engine"
    /// SEO and backlink crawlers and site auditors: AhrefsBot, SemrushBot, MJ12bot.
    case seo
    /// Uptime, synthetic and performance monitors: UptimeRobot, Pingdom, Lighthouse.
    case monitoring
    /// Feed fetchers and feed-reader services: Feedly, Feedbin, Feedfetcher-Google.
    case feedReader = "feed_reader"
    /// Link-preview fetchers of social networks and chat apps: facebookexternalhit, Slackbot.
    case socialPreview = "social_preview"
    /// Crawlers and fetchers for AI training, AI search and AI assistants: GPTBot, ClaudeBot.
    case aiCrawler = "ai_crawler"
    /// HTTP libraries, command-line tools and scanners: curl, python-requests, Nmap.
    case httpLibrary = "http_library"
    /// Automated browsers: HeadlessChrome, PhantomJS, Puppeteer, Playwright, Selenium.
    case headlessBrowser = "headless_browser"
    /// Everything else: archivers, research scanners, generic bots, empty user agents.
    case other
}
