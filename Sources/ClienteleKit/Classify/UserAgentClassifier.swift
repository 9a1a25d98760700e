/// Tells from a user-agent string which browser and operating system a client claims, and
/// whether it is a bot.
///
/// Rules, in order:
/// 1. Empty or `-` (after trimming spaces) → a bot named `(empty user agent)`, category
///    `other`. (GoAccess does not count these as crawlers; we do, because no browser sends an
///    empty `User-Agent`.)
/// 2. Bots, first tier that matches wins (see `KnownBots`): named bots; then tools, libraries
///    and headless browsers; then generic bot words (`bot` as a word end, `crawler`, `spider`,
///    `slurp`, `fetcher`, `monitor`, …) outside URLs; then any URL (`http://`, `https://`,
///    `www.`) or e-mail address in the string — browsers never send one, bots often do
///    (`(+http://…)`). A bot's `browser` is `Crawlers`.
/// 3. Otherwise the browser family, in this order because later families' tokens appear in
///    earlier families' strings: Edge (`Edg/`, `Edge/`, `EdgA/`, `EdgiOS/`) → Opera (`OPR/`,
///    `OPT/`, `OPiOS/`, `Opera`) → Samsung Internet → UC Browser → Yandex Browser → Vivaldi →
///    Brave (`Brave/`) → minor, in-app and app clients (`Others`) → Internet Explorer (`MSIE`,
///    `Trident/`) → Firefox (`Firefox/`, `FxiOS/`) → Chrome (`Chrome/`, `CriOS/`, `Chromium/`)
///    → Android Browser (Android, `Safari/`, no Chrome) → Safari (`Version/` + `Safari/`) →
///    `Others` for any other `Mozilla/` string → `Unknown`.
/// 4. The operating system is read for every string, bots too, first match wins: Windows Phone
///    (its strings also say Android and iPhone) → Windows → iOS (`iPhone`, `iPad`, `iPod`; they
///    also say `like Mac OS X`) → HarmonyOS → KaiOS → Android → Chrome OS (`CrOS`) → Tizen →
///    webOS → macOS (`Mac OS X`, `Macintosh`; `Darwin/` app strings: macOS when they name a Mac
///    or x86_64, else iOS) → BSD → Solaris → BlackBerry → Symbian → Linux (`Linux`, `X11`) →
///    `Unknown`. See `UserAgentInfo.operatingSystemVersion` for the version scheme.
///
/// Limits: strings are claims, and anyone can send a browser's string (behaviour-based
/// detection catches those later); Windows 11 and macOS after 10.15 are not told apart from
/// Windows 10 and 10.15 (browsers freeze those tokens; only Client Hints carry the truth);
/// Chrome's reduced string always says `Android 10; K`; iPads asking for desktop sites look
/// like Macs; Brave and most Vivaldi builds send a plain Chrome string; Electron apps, Dalvik
/// and CFNetwork app traffic count as clients (`Others`), not bots; bare strings such as
/// `Mozilla/5.0` or `Mozilla/4.0 (compatible;)` are not bots by this rule alone.
///
/// Matching is ASCII case-insensitive on the UTF-8 bytes; other bytes are compared as they
/// are, so any string (Unicode, control characters, megabytes) is classified without failing.
package enum UserAgentClassifier {
    /// Classifies one user-agent string.
    ///
    /// Callers intern user agents and call this once per distinct string. Cost: one copy and
    /// one ASCII-lowercasing pass of the string, then one left-to-right scan per bot tier over
    /// precomputed pattern tables (patterns are bucketed by first byte), and a few dozen
    /// substring searches for browser and OS; no regular expressions.
    ///
    /// - Parameter userAgent: The `User-Agent` header as logged; `-` or empty when absent.
    /// - Returns: The browser, operating system and bot verdict.
    package static func classify(_ userAgent: String) -> UserAgentInfo {
        // No user agent at all: the log format records none (common log format, HAProxy without
        // captured headers). Such a client is judged by its behaviour, like any browser.
        if userAgent.isEmpty {
            return UserAgentInfo(browser: UserAgentInfo.unknown, operatingSystem: UserAgentInfo.unknown)
        }
        let text = UserAgentText(userAgent)
        if text.isEmpty || (text.count == 1 && text.lower[0] == UInt8(ascii: "-")) {
            return UserAgentInfo(
                browser: UserAgentInfo.crawlers,
                operatingSystem: UserAgentInfo.unknown,
                isBot: true,
                botName: UserAgentInfo.emptyUserAgentName,
                botCategory: .other
            )
        }
        let os = operatingSystem(of: text)
        if let bot = bot(in: text) {
            return UserAgentInfo(
                browser: UserAgentInfo.crawlers,
                operatingSystem: os.family,
                operatingSystemVersion: os.version,
                isBot: true,
                botName: bot.name,
                botCategory: bot.category
            )
        }
        let browser = browser(of: text)
        return UserAgentInfo(
            browser: browser.family,
            browserVersion: browser.version,
            operatingSystem: os.family,
            operatingSystemVersion: os.version
        )
    }

    // MARK: - Bots

    private static let namedIndex = PatternIndex(KnownBots.named)
    private static let toolIndex = PatternIndex(KnownBots.tools)
    private static let genericIndex = PatternIndex(KnownBots.genericWords)

    private static func bot(in text: UserAgentText) -> (name: String, category: BotCategory)? {
        if let entry = namedIndex.firstMatch(in: text) {
            return (name(of: entry, in: text), entry.bot.category)
        }
        if let entry = toolIndex.firstMatch(in: text) {
            return (name(of: entry, in: text), entry.bot.category)
        }
        if let entry = genericIndex.firstMatch(in: text, where: { !text.isInsideURL($0) }) {
            return (name(of: entry, in: text), entry.bot.category)
        }
        if text.containsURL || text.containsEmailAddress {
            return (text.productName() ?? text.urlHost() ?? UserAgentInfo.unnamedBotName, .other)
        }
        return nil
    }

    private static func name(of match: PatternIndex.Match, in text: UserAgentText) -> String {
        switch match.bot.naming {
        case .fixed:
            return match.bot.name
        case .surroundingWord:
            return text.word(around: match.range) ?? text.productName() ?? match.bot.name
        case .product:
            return text.productName() ?? text.urlHost() ?? UserAgentInfo.unnamedBotName
        }
    }

    // MARK: - Browsers

    private static func browser(of text: UserAgentText) -> (family: String, version: String?) {
        if let version = text.version(after: "edg/", "edge/", "edga/", "edgios/") {
            return ("Edge", version.number)
        }
        if let opera = operaVersion(text) { return ("Opera", opera.number) }
        if let version = text.version(after: "samsungbrowser/") { return ("Samsung Internet", version.number) }
        if let version = text.version(after: "ucbrowser/", "ubrowser/") { return ("UC Browser", version.number) }
        if text.contains("ucweb") { return ("UC Browser", nil) }
        if let version = text.version(after: "yabrowser/") { return ("Yandex Browser", version.number) }
        if let version = text.version(after: "vivaldi/") { return ("Vivaldi", version.number) }
        if let version = text.version(after: "brave/") { return ("Brave", version.number) }
        if minorClients.firstMatch(in: text) != nil { return (UserAgentInfo.others, nil) }
        if text.contains("msie ") || text.contains("trident/") {
            return ("Internet Explorer", internetExplorerVersion(text))
        }
        if let version = text.version(after: "fxios/", "firefox/") { return ("Firefox", version.number) }
        if let version = text.version(after: "crios/", "chrome/", "chromium/") { return ("Chrome", version.number) }
        if text.contains("android"), text.contains("safari/") {
            return ("Android Browser", text.version(after: "version/")?.number)
        }
        if text.contains("safari/"), let version = text.version(after: "version/") {
            return ("Safari", version.number)
        }
        if text.hasPrefix("mozilla/") { return (UserAgentInfo.others, nil) }
        return (UserAgentInfo.unknown, nil)
    }

    /// Opera: Blink Opera (`OPR/`, `OPT/` Opera Touch, `OPiOS/`), Opera Mini, Presto Opera
    /// (`Opera/9.80 … Version/12.16`), and old `Opera 8.50`.
    private static func operaVersion(_ text: UserAgentText) -> UserAgentText.VersionToken? {
        if let version = text.version(after: "opr/", "opios/") { return version }
        if let version = text.version(after: "opt/", boundary: .wordStart) { return version }
        guard text.find("opera", boundary: .wordStart) != nil else { return nil }
        if let version = text.version(after: "opera mini/") { return version }
        if text.contains("presto/"), let version = text.version(after: "version/") { return version }
        return UserAgentText.VersionToken(number: text.version(after: "opera/", "opera ")?.number)
    }

    /// Trident/4…7 are IE 8…11 whatever `MSIE` says (compatibility view sends `MSIE 7.0`).
    private static func internetExplorerVersion(_ text: UserAgentText) -> String? {
        if let trident = text.version(after: "trident/")?.number, let engine = Int(trident), (4...7).contains(engine) {
            return String(engine + 4)
        }
        return text.version(after: "msie ")?.number
    }

    /// Clients that embed Chrome, Safari or Firefox tokens but are not those browsers, and app
    /// HTTP stacks: all reported as `Others`.
    private static let minorClients = PatternIndex(
        [
            "silk/", "maxthon", "qqbrowser", "miuibrowser", "huaweibrowser", "heytapbrowser", "whale/",
            "coc_coc_browser", "duckduckgo/", "seamonkey", "palemoon", "waterfox", "iron/", "coolnovo",
            "konqueror", "epiphany", "midori", "rekonq", "falkon", "qupzilla", "lynx/", "elinks", "links (",
            "w3m/", "dillo", "netsurf", "conkeror", "dwb/", "janetter", "2345explorer", "metasr", "puffin/",
            "flyflow", "avant browser", "instagram", "fban/", "fbav/", "micromessenger", "snapchat", "gsa/",
            "dalvik/", "cfnetwork/", "thunderbird/", "kindle/", "nintendobrowser", "playstation", "crkey/",
            "qtwebengine", "qt/",
        ].map { KnownBot($0, .other) }
            + ["line/", "aol "].map { KnownBot($0, .other, boundary: .wordStart) }
    )

    // MARK: - Operating systems

    private static func operatingSystem(of text: UserAgentText) -> (family: String, version: String?) {
        if let phone = text.find("windows phone") {
            var i = phone.upperBound
            if text.hasPrefix(" os", at: i) { i += 3 }
            return ("Windows Phone", text.number(at: text.skippingSpaces(from: i)).map { "Windows Phone \($0)" })
        }
        if text.contains("windows") || text.contains("win32") || text.contains("win64") || text.contains("win9") {
            return ("Windows", windowsRelease(text))
        }
        if text.contains("iphone") || text.contains("ipad") || text.contains("ipod") {
            let major = text.version(after: "iphone os ", "cpu os ")?.number
            let isPad = text.contains("ipad")
            return ("iOS", major.map { isPad && (Int($0) ?? 0) >= 13 ? "iPadOS \($0)" : "iOS \($0)" })
        }
        if text.contains("harmonyos") || text.contains("openharmony") {
            return ("HarmonyOS", text.version(after: "harmonyos ", "openharmony ")?.number.map { "HarmonyOS \($0)" })
        }
        if text.contains("kaios") {
            return ("KaiOS", text.version(after: "kaios/")?.number.map { "KaiOS \($0)" })
        }
        if let android = text.find("android") {
            let major = text.number(at: text.skippingSpaces(from: android.upperBound))
            return ("Android", major.map { "Android \($0)" })
        }
        if text.find("cros ", boundary: .wordStart) != nil { return ("Chrome OS", nil) }
        if text.contains("tizen") {
            return ("Tizen", text.version(after: "tizen ", "tizen/")?.number.map { "Tizen \($0)" })
        }
        if text.contains("web0s") || text.contains("webos") { return ("webOS", nil) }
        if let mac = text.find("mac os x") { return ("macOS", macRelease(text, after: mac.upperBound)) }
        if text.contains("macintosh") || text.contains("mac_powerpc") { return ("macOS", nil) }
        if text.contains("darwin/") {
            let macTokens: [StaticString] = ["x86_64", "macbook", "imac", "macmini", "macpro"]
            let isMac = macTokens.contains { text.contains($0) }
            return (isMac ? "macOS" : "iOS", nil)
        }
        for (token, flavour) in bsdFlavours where text.contains(token) { return ("BSD", flavour) }
        if text.contains("sunos") { return ("Solaris", nil) }
        if text.contains("blackberry") || text.contains("bb10") { return ("BlackBerry", nil) }
        if text.contains("symbian") || text.contains("symbos") { return ("Symbian", nil) }
        if text.contains("linux") || text.contains("x11") || text.contains("ubuntu") { return ("Linux", nil) }
        return (UserAgentInfo.unknown, nil)
    }

    private static let bsdFlavours: [(token: StaticString, flavour: String)] = [
        ("freebsd", "FreeBSD"), ("openbsd", "OpenBSD"), ("netbsd", "NetBSD"), ("dragonfly", "DragonFly"),
    ]

    private static func windowsRelease(_ text: UserAgentText) -> String? {
        if let nt = text.find("windows nt ") {
            switch text.dottedVersion(at: nt.upperBound) {
            case "10.0", "6.4": return "Windows 10/11"
            case "6.3": return "Windows 8.1"
            case "6.2": return "Windows 8"
            case "6.1": return "Windows 7"
            case "6.0": return "Windows Vista"
            case "5.2", "5.1": return "Windows XP"
            case "5.01", "5.0": return "Windows 2000"
            case "4.0": return "Windows NT 4.0"
            default: return nil
            }
        }
        if text.contains("windows me") || text.contains("win 9x 4.90") { return "Windows ME" }
        if text.contains("windows 98") || text.contains("win98") { return "Windows 98" }
        if text.contains("windows 95") || text.contains("win95") { return "Windows 95" }
        if text.contains("windows xp") { return "Windows XP" }
        if text.contains("windows 2000") { return "Windows 2000" }
        return nil
    }

    /// `Mac OS X 10_15_7` / `10.15` → `macOS 10.15+` (frozen by browsers since), `10_9_1` →
    /// `macOS 10.9`, `14_2` → `macOS 14`.
    private static func macRelease(_ text: UserAgentText, after index: Int) -> String? {
        let start = text.skippingSpaces(from: index)
        guard let major = text.number(at: start).flatMap({ Int($0) }) else { return nil }
        guard major == 10 else { return "macOS \(major)" }
        let separator = start + 2
        guard separator < text.count,
            text.lower[separator] == UInt8(ascii: "_") || text.lower[separator] == UInt8(ascii: ".")
        else { return "macOS 10" }
        guard let minor = text.number(at: separator + 1).flatMap({ Int($0) }) else { return "macOS 10" }
        return minor >= 15 ? "macOS 10.15+" : "macOS 10.\(minor)"
    }
}

// MARK: - Pattern index

extension UserAgentClassifier {
    /// Bot patterns, lowercased once and bucketed by first byte, for a left-to-right scan that
    /// finds the earliest (then longest) match.
    struct PatternIndex: Sendable {
        /// One match: the entry and where it sits in the string.
        struct Match {
            var bot: KnownBot
            var range: Range<Int>
        }

        private let bots: [KnownBot]
        private let patterns: [[UInt8]]
        /// Entry indices per first byte, longest pattern first.
        private let buckets: [[Int]]

        init(_ bots: [KnownBot]) {
            self.bots = bots
            let patterns = bots.map { UserAgentText.lowercased(Array($0.pattern.utf8)) }
            var buckets = [[Int]](repeating: [], count: 256)
            for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
                buckets[Int(pattern[0])].append(index)
            }
            for byte in buckets.indices {
                buckets[byte].sort { patterns[$0].count > patterns[$1].count }
            }
            self.patterns = patterns
            self.buckets = buckets
        }

        /// The match that starts earliest in `text` (the longest pattern among those starting
        /// there) and satisfies `accept`, or `nil`.
        func firstMatch(in text: UserAgentText, where accept: (Int) -> Bool = { _ in true }) -> Match? {
            let lower = text.lower
            for start in lower.indices {
                for index in buckets[Int(lower[start])] {
                    let pattern = patterns[index]
                    guard text.matches(pattern, at: start, boundary: bots[index].boundary), accept(start) else {
                        continue
                    }
                    return Match(bot: bots[index], range: start..<(start + pattern.count))
                }
            }
            return nil
        }
    }
}
