/// The maintained bot list of `UserAgentClassifier`: tokens that name a bot, a tool or a
/// generic bot word, matched case-insensitively (ASCII) against the user-agent string.
///
/// Three tiers, searched in this order; the first tier with a match decides:
/// 1. `named` — specific bots (search engines, SEO, AI, social previews, monitors, feed
///    readers, archivers, scanners).
/// 2. `tools` — HTTP libraries, command-line tools and headless browsers. Kept below the
///    named bots because bots often embed a library's token (`http.rb/5.1 (Mastodon/4.2)`).
/// 3. `genericWords` — words bots use in their names (`bot`, `crawler`, `spider`, …); the
///    bot's name is taken from the string.
///
/// Within a tier the match that starts earliest in the string wins, and among matches at the
/// same place the longest pattern (`AdsBot-Google-Mobile` over `AdsBot-Google`). So
/// `Feedly/1.0 (…; like FeedFetcher-Google)` is Feedly. To add a bot, add one line to the
/// right tier; a pattern is a literal, not a regular expression.
package enum KnownBots {
    /// Tier 1: bots known by name.
    package static let named: [KnownBot] =
        searchEngines + seo + aiCrawlers + socialPreviews + monitors
        + feedReaders + others

    /// Tier 2: HTTP libraries, command-line tools, scanners and headless browsers.
    package static let tools: [KnownBot] = [
        // HTTP libraries and command-line clients.
        KnownBot("curl/", .httpLibrary, name: "curl", boundary: .wordStart),
        KnownBot("libcurl", .httpLibrary),
        KnownBot("PycURL", .httpLibrary),
        KnownBot("Wget/", .httpLibrary, name: "Wget"),
        KnownBot("python-requests", .httpLibrary),
        KnownBot("Python-urllib", .httpLibrary),
        KnownBot("python-httpx", .httpLibrary),
        KnownBot("aiohttp", .httpLibrary),
        KnownBot("urllib3", .httpLibrary),
        KnownBot("Go-http-client", .httpLibrary),
        KnownBot("okhttp", .httpLibrary),
        KnownBot("Java/", .httpLibrary, name: "Java", boundary: .wordStart),
        KnownBot("Apache-HttpClient", .httpLibrary),
        KnownBot("Jakarta Commons-HttpClient", .httpLibrary),
        KnownBot("HttpClient", .httpLibrary),
        KnownBot("AHC/", .httpLibrary, name: "AsyncHttpClient", boundary: .wordStart),
        KnownBot("Vert.x-WebClient", .httpLibrary),
        KnownBot("ReactorNetty", .httpLibrary),
        KnownBot("libwww-perl", .httpLibrary),
        KnownBot("LWP::", .httpLibrary, name: "libwww-perl", boundary: .wordStart),
        KnownBot("lwp-", .httpLibrary, name: "libwww-perl", boundary: .wordStart),
        KnownBot("WWW-Mechanize", .httpLibrary),
        KnownBot("Mechanize", .httpLibrary),
        KnownBot("PHP/", .httpLibrary, name: "PHP", boundary: .wordStart),
        KnownBot("GuzzleHttp", .httpLibrary),
        KnownBot("HTTP_Request2", .httpLibrary),
        KnownBot("Zend_Http_Client", .httpLibrary),
        KnownBot("axios/", .httpLibrary, name: "axios", boundary: .wordStart),
        KnownBot("node-fetch", .httpLibrary),
        KnownBot("undici", .httpLibrary),
        KnownBot("Deno/", .httpLibrary, name: "Deno", boundary: .wordStart),
        KnownBot("Bun/", .httpLibrary, name: "Bun", boundary: .wordStart),
        KnownBot("Ruby", .httpLibrary, boundary: .word),
        KnownBot("Faraday", .httpLibrary),
        KnownBot("rest-client", .httpLibrary),
        KnownBot("http.rb", .httpLibrary),
        KnownBot("Typhoeus", .httpLibrary),
        KnownBot("excon/", .httpLibrary, name: "excon", boundary: .wordStart),
        KnownBot("hackney/", .httpLibrary, name: "hackney", boundary: .wordStart),
        KnownBot("lua-resty-http", .httpLibrary),
        KnownBot("Scrapy", .httpLibrary),
        KnownBot("PostmanRuntime", .httpLibrary),
        KnownBot("insomnia/", .httpLibrary, name: "Insomnia", boundary: .wordStart),
        KnownBot("HTTPie", .httpLibrary),
        KnownBot("HTTrack", .httpLibrary),
        KnownBot("libfetch", .httpLibrary),
        KnownBot("Indy Library", .httpLibrary),
        KnownBot("WinHTTP", .httpLibrary),
        KnownBot("aria2/", .httpLibrary, name: "aria2", boundary: .wordStart),
        KnownBot("ApacheBench", .httpLibrary),
        KnownBot("siege/", .httpLibrary, name: "Siege", boundary: .wordStart),
        KnownBot("k6/", .httpLibrary, name: "k6", boundary: .wordStart),
        KnownBot("Chef Client", .httpLibrary),
        KnownBot("WordPress/", .other, name: "WordPress", boundary: .wordStart),
        // Scanners and attack tools.
        KnownBot("Nmap Scripting Engine", .httpLibrary, name: "Nmap"),
        KnownBot("Nmap", .httpLibrary, boundary: .wordStart),
        KnownBot("masscan", .httpLibrary),
        KnownBot("zgrab", .httpLibrary),
        KnownBot("Nikto", .httpLibrary),
        KnownBot("sqlmap", .httpLibrary),
        KnownBot("WPScan", .httpLibrary),
        KnownBot("projectdiscovery/nuclei", .httpLibrary, name: "Nuclei"),
        KnownBot("Nuclei", .httpLibrary, boundary: .wordStart),
        KnownBot("DirBuster", .httpLibrary),
        KnownBot("gobuster", .httpLibrary),
        KnownBot("Fuzz Faster U Fool", .httpLibrary, name: "ffuf"),
        KnownBot("ZmEu", .httpLibrary),
        // Headless and automated browsers.
        KnownBot("HeadlessChrome", .headlessBrowser),
        KnownBot("PhantomJS", .headlessBrowser),
        KnownBot("Puppeteer", .headlessBrowser),
        KnownBot("Playwright", .headlessBrowser),
        KnownBot("Selenium", .headlessBrowser),
        KnownBot("WebDriver", .headlessBrowser),
        KnownBot("SlimerJS", .headlessBrowser),
        KnownBot("HtmlUnit", .headlessBrowser),
        KnownBot("jsdom/", .headlessBrowser, name: "jsdom", boundary: .wordStart),
        KnownBot("Cypress/", .headlessBrowser, name: "Cypress", boundary: .wordStart),
        KnownBot("Zombie.js", .headlessBrowser),
        KnownBot("Prerender", .headlessBrowser),
        KnownBot("Rendertron", .headlessBrowser),
    ]

    /// Tier 3: words that make a string a bot when no named bot or tool matched. Matches inside
    /// a URL (`+http://example.com/bot.html`) do not count here; the name comes from the word
    /// around the match, or from the string's product for `subscriber`.
    package static let genericWords: [KnownBot] = [
        KnownBot("bot", .other, naming: .surroundingWord, boundary: .botSuffix),
        KnownBot("crawler", .other, naming: .surroundingWord),
        KnownBot("crawl", .other, naming: .surroundingWord),
        KnownBot("spider", .other, naming: .surroundingWord),
        KnownBot("slurp", .other, naming: .surroundingWord),
        KnownBot("fetcher", .other, naming: .surroundingWord),
        KnownBot("scraper", .other, naming: .surroundingWord),
        KnownBot("scanner", .other, naming: .surroundingWord),
        KnownBot("checker", .other, naming: .surroundingWord),
        KnownBot("archiver", .other, naming: .surroundingWord),
        KnownBot("indexer", .other, naming: .surroundingWord),
        KnownBot("monitor", .monitoring, naming: .surroundingWord),
        KnownBot("healthcheck", .monitoring, naming: .surroundingWord),
        KnownBot("health-check", .monitoring, naming: .surroundingWord),
        KnownBot("uptime", .monitoring, naming: .surroundingWord),
        KnownBot("headless", .headlessBrowser, naming: .surroundingWord),
        KnownBot("subscriber", .feedReader, naming: .product),
        KnownBot("python", .httpLibrary, naming: .surroundingWord, boundary: .wordStart),
    ]

    private static let searchEngines: [KnownBot] = [
        KnownBot("Googlebot", .searchEngine),
        KnownBot("Googlebot-Image", .searchEngine),
        KnownBot("Googlebot-News", .searchEngine),
        KnownBot("Googlebot-Video", .searchEngine),
        KnownBot("Googlebot-Mobile", .searchEngine),
        KnownBot("Google-InspectionTool", .searchEngine),
        KnownBot("Storebot-Google", .searchEngine),
        KnownBot("AdsBot-Google", .searchEngine),
        KnownBot("AdsBot-Google-Mobile", .searchEngine),
        KnownBot("Mediapartners-Google", .searchEngine),
        KnownBot("GoogleOther", .searchEngine),
        KnownBot("Google-Safety", .searchEngine),
        KnownBot("APIs-Google", .searchEngine),
        KnownBot("Google Favicon", .searchEngine),
        KnownBot("Google Web Preview", .searchEngine),
        KnownBot("Google-Site-Verification", .searchEngine),
        KnownBot("bingbot", .searchEngine),
        KnownBot("BingPreview", .searchEngine),
        KnownBot("msnbot", .searchEngine),
        KnownBot("msnbot-media", .searchEngine),
        KnownBot("adidxbot", .searchEngine),
        KnownBot("MicrosoftPreview", .searchEngine),
        KnownBot("YandexBot", .searchEngine),
        KnownBot("YandexImages", .searchEngine),
        KnownBot("YandexMobileBot", .searchEngine),
        KnownBot("YandexDirect", .searchEngine),
        KnownBot("YandexAccessibilityBot", .searchEngine),
        KnownBot("YandexRenderResourcesBot", .searchEngine),
        KnownBot("yandex.com/bots", .searchEngine, name: "Yandex"),
        KnownBot("Baiduspider", .searchEngine),
        KnownBot("Baiduspider-image", .searchEngine),
        KnownBot("Baiduspider-render", .searchEngine),
        KnownBot("DuckDuckBot", .searchEngine),
        KnownBot("DuckDuckGo-Favicons-Bot", .searchEngine),
        KnownBot("Applebot", .searchEngine),
        KnownBot("Sogou web spider", .searchEngine, name: "Sogou"),
        KnownBot("Sogou inst spider", .searchEngine, name: "Sogou"),
        KnownBot("Sogou Pic Spider", .searchEngine, name: "Sogou"),
        KnownBot("Sogou-Test-Spider", .searchEngine, name: "Sogou"),
        KnownBot("Exabot", .searchEngine),
        KnownBot("SeznamBot", .searchEngine),
        KnownBot("PetalBot", .searchEngine),
        KnownBot("AspiegelBot", .searchEngine),
        KnownBot("Yeti/", .searchEngine, name: "Yeti", boundary: .wordStart),
        KnownBot("Yahoo! Slurp", .searchEngine),
        KnownBot("Daumoa", .searchEngine),
        KnownBot("MojeekBot", .searchEngine),
        KnownBot("Qwantify", .searchEngine),
        KnownBot("Qwantbot", .searchEngine),
        KnownBot("coccocbot", .searchEngine),
        KnownBot("360Spider", .searchEngine),
        KnownBot("YisouSpider", .searchEngine),
        KnownBot("EasouSpider", .searchEngine),
        KnownBot("Sosospider", .searchEngine),
        KnownBot("Mail.RU_Bot", .searchEngine),
        KnownBot("SeekportBot", .searchEngine),
        KnownBot("Neevabot", .searchEngine),
        KnownBot("yacybot", .searchEngine),
        KnownBot("Gigabot", .searchEngine),
        KnownBot("Blekkobot", .searchEngine),
        KnownBot("ichiro", .searchEngine, boundary: .wordStart),
        KnownBot("Cliqzbot", .searchEngine),
        KnownBot("Findxbot", .searchEngine),
        KnownBot("Teoma", .searchEngine),
        KnownBot("psbot", .searchEngine, boundary: .wordStart),
    ]

    private static let seo: [KnownBot] = [
        KnownBot("AhrefsBot", .seo),
        KnownBot("AhrefsSiteAudit", .seo),
        KnownBot("SemrushBot", .seo),
        KnownBot("SiteAuditBot", .seo),
        KnownBot("MJ12bot", .seo),
        KnownBot("DotBot", .seo),
        KnownBot("rogerbot", .seo),
        KnownBot("Ezooms", .seo),
        KnownBot("BLEXBot", .seo),
        KnownBot("DataForSeoBot", .seo),
        KnownBot("serpstatbot", .seo),
        KnownBot("Screaming Frog", .seo, name: "Screaming Frog SEO Spider"),
        KnownBot("SEOkicks", .seo),
        KnownBot("SISTRIX", .seo),
        KnownBot("linkdexbot", .seo),
        KnownBot("MegaIndex", .seo),
        KnownBot("Barkrowler", .seo),
        KnownBot("SiteExplorer", .seo),
        KnownBot("BacklinkCrawler", .seo),
        KnownBot("spbot/", .seo, name: "spbot", boundary: .wordStart),
        KnownBot("Lipperhey", .seo),
        KnownBot("SeobilityBot", .seo),
        KnownBot("woorankreview", .seo, name: "WooRank"),
        KnownBot("Sitebulb", .seo),
        KnownBot("OnCrawl", .seo),
        KnownBot("deepcrawl", .seo, name: "DeepCrawl"),
        KnownBot("ContentKingApp", .seo, name: "ContentKing"),
        KnownBot("Netpeak", .seo, name: "Netpeak Spider"),
        KnownBot("Xenu Link Sleuth", .seo),
        KnownBot("Siteimprove", .seo),
        KnownBot("SEOlyticsCrawler", .seo),
        KnownBot("BrightEdge", .seo),
        KnownBot("RyteBot", .seo),
        KnownBot("Google-Structured-Data-Testing-Tool", .seo),
    ]

    private static let aiCrawlers: [KnownBot] = [
        KnownBot("GPTBot", .aiCrawler),
        KnownBot("ChatGPT-User", .aiCrawler),
        KnownBot("OAI-SearchBot", .aiCrawler),
        KnownBot("ClaudeBot", .aiCrawler),
        KnownBot("Claude-Web", .aiCrawler),
        KnownBot("Claude-User", .aiCrawler),
        KnownBot("Claude-SearchBot", .aiCrawler),
        KnownBot("anthropic-ai", .aiCrawler),
        KnownBot("PerplexityBot", .aiCrawler),
        KnownBot("Perplexity-User", .aiCrawler),
        KnownBot("CCBot", .aiCrawler),
        KnownBot("Bytespider", .aiCrawler),
        KnownBot("Amazonbot", .aiCrawler),
        KnownBot("Google-Extended", .aiCrawler),
        KnownBot("Applebot-Extended", .aiCrawler),
        KnownBot("meta-externalagent", .aiCrawler),
        KnownBot("meta-externalfetcher", .aiCrawler),
        KnownBot("FacebookBot", .aiCrawler),
        KnownBot("cohere-ai", .aiCrawler),
        KnownBot("cohere-training-data-crawler", .aiCrawler),
        KnownBot("Diffbot", .aiCrawler),
        KnownBot("YouBot", .aiCrawler),
        KnownBot("AI2Bot", .aiCrawler),
        KnownBot("Timpibot", .aiCrawler),
        KnownBot("ImagesiftBot", .aiCrawler),
        KnownBot("omgili", .aiCrawler),
        KnownBot("DuckAssistBot", .aiCrawler),
        KnownBot("MistralAI-User", .aiCrawler),
        KnownBot("Kangaroo Bot", .aiCrawler),
        KnownBot("PanguBot", .aiCrawler),
        KnownBot("img2dataset", .aiCrawler),
        KnownBot("iaskspider", .aiCrawler),
        KnownBot("Webzio-Extended", .aiCrawler),
        KnownBot("FirecrawlAgent", .aiCrawler),
    ]

    private static let socialPreviews: [KnownBot] = [
        KnownBot("facebookexternalhit", .socialPreview),
        KnownBot("facebookcatalog", .socialPreview),
        KnownBot("Twitterbot", .socialPreview),
        KnownBot("LinkedInBot", .socialPreview),
        KnownBot("Slackbot", .socialPreview),
        KnownBot("Slack-ImgProxy", .socialPreview),
        KnownBot("Discordbot", .socialPreview),
        KnownBot("TelegramBot", .socialPreview),
        KnownBot("WhatsApp/", .socialPreview, name: "WhatsApp", boundary: .wordStart),
        KnownBot("Pinterestbot", .socialPreview),
        KnownBot("Pinterest/0.", .socialPreview, name: "Pinterest"),
        KnownBot("redditbot", .socialPreview),
        KnownBot("SkypeUriPreview", .socialPreview),
        KnownBot("Embedly", .socialPreview),
        KnownBot("vkShare", .socialPreview),
        KnownBot("Iframely", .socialPreview),
        KnownBot("Mastodon/", .socialPreview, name: "Mastodon"),
        KnownBot("Cardyb", .socialPreview, name: "Bluesky Cardyb"),
        KnownBot("kakaotalk-scrap", .socialPreview),
        KnownBot("Yahoo Link Preview", .socialPreview),
        KnownBot("bitlybot", .socialPreview),
        KnownBot("Nuzzel", .socialPreview),
        KnownBot("Snap URL Preview", .socialPreview),
        KnownBot("XING-contenttabreceiver", .socialPreview),
    ]

    private static let monitors: [KnownBot] = [
        KnownBot("UptimeRobot", .monitoring),
        KnownBot("Pingdom", .monitoring),
        KnownBot("StatusCake", .monitoring),
        KnownBot("Site24x7", .monitoring),
        KnownBot("Datadog", .monitoring),
        KnownBot("NewRelicPinger", .monitoring),
        KnownBot("Better Uptime", .monitoring),
        KnownBot("BetterUptime", .monitoring, name: "Better Uptime"),
        KnownBot("Better Stack", .monitoring),
        KnownBot("GTmetrix", .monitoring),
        KnownBot("Chrome-Lighthouse", .monitoring),
        KnownBot("Google Page Speed Insights", .monitoring, name: "PageSpeed Insights"),
        KnownBot("PageSpeed", .monitoring),
        KnownBot("PTST/", .monitoring, name: "WebPageTest", boundary: .wordStart),
        KnownBot("Freshping", .monitoring),
        KnownBot("HetrixTools", .monitoring),
        KnownBot("updown.io", .monitoring),
        KnownBot("Uptime-Kuma", .monitoring),
        KnownBot("Uptimebot", .monitoring),
        KnownBot("Jetmon", .monitoring),
        KnownBot("NodeUptime", .monitoring),
        KnownBot("internetVista", .monitoring),
        KnownBot("Catchpoint", .monitoring),
        KnownBot("ELB-HealthChecker", .monitoring),
        KnownBot("Route53-Health-Check", .monitoring),
        KnownBot("GoogleStackdriverMonitoring", .monitoring),
        KnownBot("GoogleHC/", .monitoring, name: "GoogleHC", boundary: .wordStart),
        KnownBot("kube-probe", .monitoring),
        KnownBot("Consul Health Check", .monitoring),
        KnownBot("check_http", .monitoring),
        KnownBot("Zabbix", .monitoring),
        KnownBot("Prometheus/", .monitoring, name: "Prometheus"),
        KnownBot("Blackbox Exporter", .monitoring),
        KnownBot("Cloudflare-AlwaysOnline", .monitoring),
        KnownBot("Cloudflare-Healthchecks", .monitoring),
        KnownBot("Cloudflare-Traffic-Manager", .monitoring),
        KnownBot("Monitis", .monitoring),
        KnownBot("Dynatrace", .monitoring),
        KnownBot("Checkly", .monitoring),
        KnownBot("Oh Dear", .monitoring),
        KnownBot("OhDear", .monitoring, name: "Oh Dear"),
        KnownBot("montastic", .monitoring),
        KnownBot("NIXStatsbot", .monitoring),
        KnownBot("Host-Tracker", .monitoring),
        KnownBot("changedetection", .monitoring),
        KnownBot("eZ Publish Link Validator", .monitoring),
        KnownBot("YandexMetrika", .monitoring),
    ]

    private static let feedReaders: [KnownBot] = [
        KnownBot("Feedly", .feedReader),
        KnownBot("Feedbin", .feedReader),
        KnownBot("NewsBlur", .feedReader),
        KnownBot("Inoreader", .feedReader),
        KnownBot("FeedBurner", .feedReader),
        KnownBot("Feedfetcher-Google", .feedReader),
        KnownBot("theoldreader", .feedReader, name: "The Old Reader"),
        KnownBot("Tiny Tiny RSS", .feedReader),
        KnownBot("UniversalFeedParser", .feedReader),
        KnownBot("feedparser", .feedReader),
        KnownBot("SimplePie", .feedReader),
        KnownBot("Liferea", .feedReader),
        KnownBot("CommaFeed", .feedReader),
        KnownBot("FreshRSS", .feedReader),
        KnownBot("Miniflux", .feedReader),
        KnownBot("NetNewsWire", .feedReader),
        KnownBot("Feedspot", .feedReader),
        KnownBot("Bloglovin", .feedReader),
        KnownBot("BazQux", .feedReader),
        KnownBot("Newsify/", .feedReader, name: "Newsify"),
        KnownBot("Reeder/", .feedReader, name: "Reeder", boundary: .wordStart),
        KnownBot("Digg Feed Fetcher", .feedReader),
        KnownBot("LiveJournal.com", .feedReader),
        KnownBot("FlipboardProxy", .feedReader),
        KnownBot("FlipboardRSS", .feedReader),
        KnownBot("Blogtrottr", .feedReader),
        KnownBot("Superfeedr", .feedReader),
        KnownBot("Windows-RSS-Platform", .feedReader),
        KnownBot("Apple-PubSub", .feedReader),
        KnownBot("Nextcloud-News", .feedReader),
        KnownBot("selfoss", .feedReader),
        KnownBot("Feed Wrangler", .feedReader),
        KnownBot("Akregator", .feedReader),
        KnownBot("NewsGator", .feedReader),
        KnownBot("Netvibes", .feedReader),
        KnownBot("Bloglines", .feedReader),
        KnownBot("RSSOwl", .feedReader),
        KnownBot("FeedDemon", .feedReader),
        KnownBot("rss2email", .feedReader),
    ]

    private static let others: [KnownBot] = [
        KnownBot("ia_archiver", .other),
        KnownBot("archive.org_bot", .other),
        KnownBot("special_archiver", .other),
        KnownBot("heritrix", .other),
        KnownBot("Nutch", .other),
        KnownBot("magpie-crawler", .other),
        KnownBot("Spinn3r", .other),
        KnownBot("distilator", .other),
        KnownBot("portscout", .other),
        KnownBot("VoilaBot", .other),
        KnownBot("Genieo", .other),
        KnownBot("binlar", .other),
        KnownBot("AppEngine-Google", .other),
        KnownBot("GoogleImageProxy", .other),
        KnownBot("Google-Read-Aloud", .other),
        KnownBot("CensysInspect", .other),
        KnownBot("Expanse, a Palo Alto Networks", .other, name: "Expanse"),
        KnownBot("internet-measurement", .other),
        KnownBot("l9explore", .other, name: "LeakIX"),
        KnownBot("l9tcpid", .other, name: "LeakIX"),
        KnownBot("Turnitin", .other),
        KnownBot("Wappalyzer", .other),
        KnownBot("Dataprovider", .other),
        KnownBot("Datanyze", .other),
        KnownBot("NetcraftSurveyAgent", .other),
        KnownBot("ZoominfoBot", .other),
        KnownBot("CriteoBot", .other),
        KnownBot("Mediatoolkitbot", .other),
        KnownBot("VelenPublicWebCrawler", .other),
        KnownBot("TikTokSpider", .other),
        KnownBot("SemanticScholarBot", .other),
        KnownBot("IrssiUrlLog", .other),
        KnownBot("W3C_Validator", .other),
        KnownBot("W3C-checklink", .other),
        KnownBot("Validator.nu", .other),
        KnownBot("mShots", .other, name: "WordPress mShots"),
        KnownBot("BrandVerity", .other),
        KnownBot("proximic", .other),
        KnownBot("GrapeshotCrawler", .other),
        KnownBot("Pandalytics", .other),
        KnownBot("sentry/", .other, name: "Sentry", boundary: .wordStart),
    ]
}

/// One pattern of the bot list, with the name and category it stands for.
package struct KnownBot: Sendable, Hashable {
    /// Where a pattern must sit in the string to count.
    package enum Boundary: Sendable, Hashable {
        /// Anywhere, also inside a longer word.
        case anywhere
        /// Not preceded by an ASCII letter or digit.
        case wordStart
        /// Neither preceded nor followed by an ASCII letter or digit.
        case word
        /// The generic `bot` word: not followed by a letter (`bots`, `bottom`), and not one
        /// of the phone names that end in "bot": `Cubot`, `… power bot`, `M bot`, `Bot TAB`,
        /// `bot 5x`.
        case botSuffix
    }

    /// Where the bot's reported name comes from.
    package enum Naming: Sendable, Hashable {
        /// `name`.
        case fixed
        /// The word around the match as written (`BeetleBot` for a match of `bot`).
        case surroundingWord
        /// The string's product: its leading token, or the token after `compatible;`.
        case product
    }

    /// The literal looked for, as written by the bot; matched ignoring ASCII case.
    package var pattern: String
    /// The bot's name as reported (`UserAgentInfo.botName`) when `naming` is `.fixed`.
    package var name: String
    /// The bot's kind.
    package var category: BotCategory
    /// Where the pattern must sit.
    package var boundary: Boundary
    /// Where the reported name comes from.
    package var naming: Naming

    /// Makes a list entry.
    ///
    /// - Parameters:
    ///   - pattern: The literal to look for; matched ignoring ASCII case.
    ///   - category: The bot's kind.
    ///   - name: The reported name; defaults to `pattern`.
    ///   - naming: Where the reported name comes from; defaults to `.fixed`.
    ///   - boundary: Where the pattern must sit; defaults to `.anywhere`.
    package init(
        _ pattern: String,
        _ category: BotCategory,
        name: String? = nil,
        naming: Naming = .fixed,
        boundary: Boundary = .anywhere
    ) {
        self.pattern = pattern
        self.name = name ?? pattern
        self.category = category
        self.boundary = boundary
        self.naming = naming
    }
}
