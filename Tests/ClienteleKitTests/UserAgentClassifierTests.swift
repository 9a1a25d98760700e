import Foundation
import Testing

@testable import ClienteleKit

/// A browser string and what it must classify as.
struct BrowserCase: CustomTestStringConvertible, Sendable {
    var userAgent: String
    var browser: String
    var version: String?
    var os: String
    var osVersion: String?
    var testDescription: String { "\(browser) \(version ?? "-") on \(osVersion ?? os)" }

    init(_ userAgent: String, _ browser: String, _ version: String?, _ os: String, _ osVersion: String?) {
        self.userAgent = userAgent
        self.browser = browser
        self.version = version
        self.os = os
        self.osVersion = osVersion
    }
}

/// A bot string and the name and category it must get.
struct BotCase: CustomTestStringConvertible, Sendable {
    var userAgent: String
    var name: String
    var category: BotCategory
    var testDescription: String { "\(name) (\(category.rawValue))" }

    init(_ userAgent: String, _ name: String, _ category: BotCategory) {
        self.userAgent = userAgent
        self.name = name
        self.category = category
    }
}

// MARK: - Browsers (real strings)

let browserCases: [BrowserCase] = [
    // Chrome
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome", "131", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome", "131", "macOS", "macOS 10.15+"),
    BrowserCase(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome", "131", "Linux", nil),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Chrome", "131", "Android", "Android 10"),
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1",
        "Chrome", "131", "iOS", "iOS 17"),
    BrowserCase(
        "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Chrome", "131", "Chrome OS", nil),
    BrowserCase(
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36",
        "Chrome", "32", "Windows", "Windows 7"),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_9_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/33.0.1750.91 Safari/537.36",
        "Chrome", "33", "macOS", "macOS 10.9"),
    BrowserCase(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/32.0.1700.102 Chrome/32.0.1700.102 Safari/537.36",
        "Chrome", "32", "Linux", nil),
    BrowserCase(
        "Mozilla/5.0 (X11; FreeBSD amd64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/30.0.1599.101 Safari/537.36",
        "Chrome", "30", "BSD", "FreeBSD"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 4.4.2; Nexus 5 Build/KOT49H) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.99 Mobile Safari/537.36",
        "Chrome", "32", "Android", "Android 4"),
    // Firefox
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox", "133", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox", "133", "macOS", "macOS 10.15+"),
    BrowserCase(
        "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Firefox", "133", "Linux", nil),
    BrowserCase(
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
        "Firefox", "133", "Android", "Android 14"),
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/133.0 Mobile/15E148 Safari/605.1.15",
        "Firefox", "133", "iOS", "iOS 17"),
    BrowserCase(
        "Mozilla/5.0 (X11; OpenBSD amd64; rv:109.0) Gecko/20100101 Firefox/115.0",
        "Firefox", "115", "BSD", "OpenBSD"),
    BrowserCase(
        "Mozilla/5.0 (Windows; U; Windows NT 5.2; en-US; rv:1.8.1.4) Gecko/20070515 Firefox/2.0.0.4",
        "Firefox", "2", "Windows", "Windows XP"),
    BrowserCase(
        "Mozilla/5.0 (X11; Linux x86_64; rv:24.0) Gecko/20140205 Firefox/24.0 Iceweasel/24.3.0",
        "Firefox", "24", "Linux", nil),
    BrowserCase(
        "Mozilla/5.0 (Windows NT 6.3; WOW64; rv:27.0) Gecko/20100101 Firefox/27.0",
        "Firefox", "27", "Windows", "Windows 8.1"),
    // Safari
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Safari", "18", "macOS", "macOS 10.15+"),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Safari/605.1.15",
        "Safari", "14", "macOS", "macOS 10.14"),
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Safari", "18", "iOS", "iOS 18"),
    BrowserCase(
        "Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1",
        "Safari", "17", "iOS", "iPadOS 17"),
    BrowserCase(
        "Mozilla/5.0 (iPad; CPU OS 7_0_4 like Mac OS X) AppleWebKit/537.51.1 (KHTML, like Gecko) Version/7.0 Mobile/11B554a Safari/9537.53",
        "Safari", "7", "iOS", "iOS 7"),
    BrowserCase(
        "Mozilla/5.0 (iPod; CPU iPhone OS 6_1_5 like Mac OS X) AppleWebKit/536.26 (KHTML, like Gecko) Version/6.0 Mobile/10B400 Safari/8536.25",
        "Safari", "6", "iOS", "iOS 6"),
    // Edge
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Edge", "131", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
        "Edge", "131", "macOS", "macOS 10.15+"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0",
        "Edge", "131", "Android", "Android 10"),
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/131.2903.68 Mobile/15E148 Safari/605.1.15",
        "Edge", "131", "iOS", "iOS 17"),
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582",
        "Edge", "18", "Windows", "Windows 10/11"),
    // Opera
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0",
        "Opera", "115", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 10; VOG-L29) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 OPR/85.0.0.0",
        "Opera", "85", "Android", "Android 10"),
    BrowserCase(
        "Opera/9.80 (X11; Linux x86_64) Presto/2.12.388 Version/12.16",
        "Opera", "12", "Linux", nil),
    BrowserCase(
        "Opera/9.80 (J2ME/MIDP; Opera Mini/7.1.32052/34.1244; U; en) Presto/2.8.119 Version/11.10",
        "Opera", "7", "Unknown", nil),
    BrowserCase(
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; en) Opera 8.50",
        "Opera", "8", "Windows", "Windows XP"),
    // Other named families
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36",
        "Samsung Internet", "26", "Android", "Android 14"),
    BrowserCase(
        "Mozilla/5.0 (Linux; U; Android 11; en-US; RMX2193 Build/RP1A.201005.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
        "UC Browser", "13", "Android", "Android 11"),
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.6.0.0 Safari/537.36",
        "Yandex Browser", "24", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0.0.0 Safari/537.36 Vivaldi/6.4.3160.47",
        "Vivaldi", "6", "Linux", nil),
    BrowserCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_3) AppleWebKit/537.36 (KHTML, like Gecko) brave/0.7.10 Chrome/47.0.2526.110 Brave/0.36.5 Safari/537.36",
        "Brave", "0", "macOS", "macOS 10.11"),
    // Internet Explorer
    BrowserCase(
        "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
        "Internet Explorer", "11", "Windows", "Windows 10/11"),
    BrowserCase(
        "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)",
        "Internet Explorer", "9", "Windows", "Windows 7"),
    BrowserCase(
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)",
        "Internet Explorer", "6", "Windows", "Windows XP"),
    BrowserCase(
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; WOW64; Trident/7.0; SLCC2; .NET CLR 2.0.50727)",
        "Internet Explorer", "11", "Windows", "Windows 7"),
    BrowserCase(
        "Mozilla/4.0 (compatible; MSIE 5.0; Windows 98)",
        "Internet Explorer", "5", "Windows", "Windows 98"),
    BrowserCase(
        "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.0; Trident/5.0)",
        "Internet Explorer", "9", "Windows", "Windows Vista"),
    BrowserCase(
        "Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; rv:11.0; IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X AppleWebKit/537 (KHTML, like Gecko) Mobile Safari/537",
        "Internet Explorer", "11", "Windows Phone", "Windows Phone 8"),
    BrowserCase(
        "Mozilla/5.0 (compatible; MSIE 10.0; Windows Phone 8.0; Trident/6.0; IEMobile/10.0; ARM; Touch; NOKIA; Lumia 920)",
        "Internet Explorer", "10", "Windows Phone", "Windows Phone 8"),
    // Old Android stock browser
    BrowserCase(
        "Mozilla/5.0 (Linux; U; Android 4.1.2; en-us; GT-I8262 Build/JZO54K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
        "Android Browser", "4", "Android", "Android 4"),
    // Phones whose model ends in "bot" are not bots.
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
        "Chrome", "120", "Android", "Android 10"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 9; CUBOT_P30 Build/PPR1.180610.011) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/91.0.4472.120 Mobile Safari/537.36",
        "Chrome", "91", "Android", "Android 9"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 11; Cubot KingKong 5 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/112.0.0.0 Mobile Safari/537.36",
        "Chrome", "112", "Android", "Android 11"),
    // In-app browsers, minor browsers and app HTTP stacks are "Others".
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 339.0.3.12.91 (iPhone14,5; iOS 17_5; en_US; en; scale=3.00; 1170x2532; 624154013)",
        "Others", nil, "iOS", "iOS 17"),
    BrowserCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 [FBAN/FBIOS;FBAV/470.0.0.36.105;FBBV/614155384;FBDV/iPhone15,2;FBMD/iPhone;FBSN/iOS;FBSV/17.5.1;FBSS/3;FBCR/;FBID/phone;FBLC/en_US;FBOP/80]",
        "Others", nil, "iOS", "iOS 17"),
    BrowserCase(
        "Mozilla/5.0 (Linux; U; en-us; KFAPWI Build/JDQ39) AppleWebKit/535.19 (KHTML, like Gecko) Silk/3.13 Safari/535.19 Silk-Accelerated=true",
        "Others", nil, "Linux", nil),
    BrowserCase(
        "Dalvik/1.6.0 (Linux; U; Android 4.2.2; A114 Build/JDQ39)",
        "Others", nil, "Android", "Android 4"),
    BrowserCase(
        "Lynx/2.8.9rel.1 libwww-FM/2.14 SSL-MM/1.4.1 OpenSSL/1.1.1d",
        "Others", nil, "Unknown", nil),
    BrowserCase(
        "Mozilla/5.0 (SMART-TV; LINUX; Tizen 6.5) AppleWebKit/537.36 (KHTML, like Gecko) 85.0.4183.93/6.5 TV Safari/537.36",
        "Others", nil, "Tizen", "Tizen 6"),
    BrowserCase(
        "Mozilla/5.0 (Mobile; LYF/F300B/LYF-F300B-001-01-15-130718-i;Android; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5",
        "Firefox", "48", "KaiOS", "KaiOS 2"),
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 12; HarmonyOS; ALN-AL10; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/114.0.5735.196 HuaweiBrowser/15.0.4.312 Mobile Safari/537.36",
        "Others", nil, "HarmonyOS", nil),
    BrowserCase(
        "Mozilla/5.0 (X11; U; SunOS sun4u; en-US; rv:1.7.5) Gecko/20050105 Epiphany/1.4.8",
        "Others", nil, "Solaris", nil),
    BrowserCase("Microsoft Office Protocol Discovery", "Unknown", nil, "Unknown", nil),
    // Unicode in the string.
    BrowserCase(
        "Mozilla/5.0 (Linux; Android 13; Pixel 7 — Ünïcødé 日本語 🙂) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
        "Chrome", "120", "Android", "Android 13"),
]

@Test("browsers and operating systems of real strings", arguments: browserCases)
func classifiesBrowser(_ c: BrowserCase) {
    let info = UserAgentClassifier.classify(c.userAgent)
    #expect(!info.isBot, "\(c.userAgent) → bot \(info.botName ?? "")")
    #expect(info.botName == nil)
    #expect(info.botCategory == nil)
    #expect(info.browser == c.browser)
    #expect(info.browserVersion == c.version)
    #expect(info.operatingSystem == c.os)
    #expect(info.operatingSystemVersion == c.osVersion)
}

// MARK: - Bots (real strings)

let botCases: [BotCase] = [
    // Search engines
    BotCase("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Googlebot", .searchEngine),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Googlebot/2.1; +http://www.google.com/bot.html) Chrome/131.0.6778.69 Safari/537.36",
        "Googlebot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 6_0 like Mac OS X) AppleWebKit/536.26 (KHTML, like Gecko) Version/6.0 Mobile/10A5376e Safari/8536.25 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Googlebot", .searchEngine),
    BotCase("Googlebot-Image/1.0", "Googlebot-Image", .searchEngine),
    BotCase(
        "DoCoMo/2.0 N905i(c100;TB;W24H16) (compatible; Googlebot-Mobile/2.1; +http://www.google.com/bot.html)",
        "Googlebot-Mobile", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; Google-InspectionTool/1.0;)", "Google-InspectionTool", .searchEngine),
    BotCase(
        "Mozilla/5.0 (X11; Linux x86_64; Storebot-Google/1.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/79.0.3945.88 Safari/537.36",
        "Storebot-Google", .searchEngine),
    BotCase("AdsBot-Google (+http://www.google.com/adsbot.html)", "AdsBot-Google", .searchEngine),
    BotCase(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 14_7_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/14.1.2 Mobile/15E148 Safari/604.1 (compatible; AdsBot-Google-Mobile; +http://www.google.com/mobile/adsbot.html)",
        "AdsBot-Google-Mobile", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; GoogleOther)", "GoogleOther", .searchEngine),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
        "bingbot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0.1938.76 Mobile Safari/537.36 Edg/116.0.1938.76 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "bingbot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534+ (KHTML, like Gecko) BingPreview/1.0b",
        "BingPreview", .searchEngine),
    BotCase("msnbot/2.0b (+http://search.msn.com/msnbot.htm)", "msnbot", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)", "YandexBot", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; YandexImages/3.0; +http://yandex.com/bots)", "YandexImages", .searchEngine),
    BotCase(
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", "Baiduspider",
        .searchEngine),
    BotCase("DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)", "DuckDuckBot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)",
        "Applebot", .searchEngine),
    BotCase("Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)", "Sogou", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; Exabot/3.0; +http://www.exabot.com/go/robot)", "Exabot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (compatible; SeznamBot/4.0; +https://o-seznam.cz/napoveda/vyhledavani/en/seznambot-crawler/)",
        "SeznamBot", .searchEngine),
    BotCase(
        "Mozilla/5.0 (Linux; Android 7.0;) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; PetalBot;+https://webmaster.petalsearch.com/site/petalbot)",
        "PetalBot", .searchEngine),
    BotCase("Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)", "Yeti", .searchEngine),
    BotCase(
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)", "Yahoo! Slurp",
        .searchEngine),
    // SEO
    BotCase("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)", "AhrefsBot", .seo),
    BotCase("Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)", "SemrushBot", .seo),
    BotCase("Mozilla/5.0 (compatible; MJ12bot/v1.4.8; http://mj12bot.com/)", "MJ12bot", .seo),
    BotCase(
        "Mozilla/5.0 (compatible; DotBot/1.2; +https://opensiteexplorer.org/dotbot; help@moz.com)", "DotBot", .seo),
    BotCase("Mozilla/5.0 (compatible; BLEXBot/1.0; +http://webmeup-crawler.com/)", "BLEXBot", .seo),
    BotCase(
        "Mozilla/5.0 (compatible; DataForSeoBot/1.0; +https://dataforseo.com/dataforseo-bot)", "DataForSeoBot", .seo),
    BotCase(
        "serpstatbot/2.1 (advanced backlink tracking bot; https://serpstatbot.com/; abuse@serpstatbot.com)",
        "serpstatbot", .seo),
    BotCase("Screaming Frog SEO Spider/20.2", "Screaming Frog SEO Spider", .seo),
    BotCase("Mozilla/5.0 (compatible; Ezooms/1.0; help@moz.com)", "Ezooms", .seo),
    // AI crawlers
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot",
        "GPTBot", .aiCrawler),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; ChatGPT-User/1.0; +https://openai.com/bot",
        "ChatGPT-User", .aiCrawler),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; OAI-SearchBot/1.0; +https://openai.com/searchbot",
        "OAI-SearchBot", .aiCrawler),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)",
        "ClaudeBot", .aiCrawler),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)",
        "PerplexityBot", .aiCrawler),
    BotCase("CCBot/2.0 (https://commoncrawl.org/faq/)", "CCBot", .aiCrawler),
    BotCase(
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)",
        "Bytespider", .aiCrawler),
    BotCase(
        "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; Amazonbot/0.1; +https://developer.amazon.com/support/amazonbot) Chrome/119.0.6045.214 Safari/537.36",
        "Amazonbot", .aiCrawler),
    BotCase(
        "meta-externalagent/1.1 (+https://developers.facebook.com/docs/sharing/webmasters/crawler)",
        "meta-externalagent", .aiCrawler),
    // Social previews
    BotCase(
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)", "facebookexternalhit",
        .socialPreview),
    BotCase("Twitterbot/1.0", "Twitterbot", .socialPreview),
    BotCase(
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)", "LinkedInBot",
        .socialPreview),
    BotCase("Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)", "Slackbot", .socialPreview),
    BotCase("Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)", "Discordbot", .socialPreview),
    BotCase("TelegramBot (like TwitterBot)", "TelegramBot", .socialPreview),
    BotCase("WhatsApp/2.23.20.0 A", "WhatsApp", .socialPreview),
    BotCase(
        "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)", "Pinterestbot",
        .socialPreview),
    BotCase("Mozilla/5.0 (compatible; redditbot/1.0; +http://www.reddit.com/feedback)", "redditbot", .socialPreview),
    BotCase(
        "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com",
        "SkypeUriPreview", .socialPreview),
    // Monitoring
    BotCase("Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)", "UptimeRobot", .monitoring),
    BotCase("Pingdom.com_bot_version_1.4_(http://www.pingdom.com/)", "Pingdom", .monitoring),
    BotCase("Datadog/Synthetics", "Datadog", .monitoring),
    BotCase("NewRelicPinger/1.0 (1234567)", "NewRelicPinger", .monitoring),
    BotCase(
        "Better Uptime Bot Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/98.0.4758.102 Safari/537.36",
        "Better Uptime", .monitoring),
    BotCase(
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse",
        "Chrome-Lighthouse", .monitoring),
    // Feed readers
    BotCase("Feedly/1.0 (+http://www.feedly.com/fetcher.html; like FeedFetcher-Google)", "Feedly", .feedReader),
    BotCase("Feedbin - 1 subscribers", "Feedbin", .feedReader),
    BotCase(
        "Feedfetcher-Google; (+http://www.google.com/feedfetcher.html; 22 subscribers; feed-id=8321906634162087507)",
        "Feedfetcher-Google", .feedReader),
    BotCase("Tiny Tiny RSS/1.11 (http://tt-rss.org/)", "Tiny Tiny RSS", .feedReader),
    BotCase("UniversalFeedParser/4.2-pre-314-svn +http://feedparser.org/", "UniversalFeedParser", .feedReader),
    BotCase("Mozilla/5.0 (compatible; inoreader.com; 3 subscribers)", "Inoreader", .feedReader),
    // HTTP libraries and tools
    BotCase("curl/8.5.0", "curl", .httpLibrary),
    BotCase(
        "curl/7.22.0 (i686-pc-linux-gnu) libcurl/7.22.0 OpenSSL/1.0.1 zlib/1.2.3.4 libidn/1.23 librtmp/2.3", "curl",
        .httpLibrary),
    BotCase("Wget/1.21.4", "Wget", .httpLibrary),
    BotCase("python-requests/2.31.0", "python-requests", .httpLibrary),
    BotCase("Python-urllib/3.11", "Python-urllib", .httpLibrary),
    BotCase("Python/3.11 aiohttp/3.9.1", "aiohttp", .httpLibrary),
    BotCase("python-httpx/0.27.0", "python-httpx", .httpLibrary),
    BotCase("Go-http-client/2.0", "Go-http-client", .httpLibrary),
    BotCase("okhttp/4.12.0", "okhttp", .httpLibrary),
    BotCase("Java/17.0.9", "Java", .httpLibrary),
    BotCase("Apache-HttpClient/4.5.14 (Java/17.0.9)", "Apache-HttpClient", .httpLibrary),
    BotCase("libwww-perl/6.72", "libwww-perl", .httpLibrary),
    BotCase("GuzzleHttp/7", "GuzzleHttp", .httpLibrary),
    BotCase("axios/1.6.2", "axios", .httpLibrary),
    BotCase("node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "node-fetch", .httpLibrary),
    BotCase("undici", "undici", .httpLibrary),
    BotCase("Ruby", "Ruby", .httpLibrary),
    BotCase("Faraday v2.7.10", "Faraday", .httpLibrary),
    BotCase("Scrapy/2.11.0 (+https://scrapy.org)", "Scrapy", .httpLibrary),
    BotCase("PostmanRuntime/7.36.0", "PostmanRuntime", .httpLibrary),
    BotCase("insomnia/2023.5.8", "Insomnia", .httpLibrary),
    BotCase("HTTPie/3.2.2", "HTTPie", .httpLibrary),
    BotCase(
        "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)", "Nmap", .httpLibrary),
    BotCase("masscan/1.3 (https://github.com/robertdavidgraham/masscan)", "masscan", .httpLibrary),
    BotCase("Mozilla/5.0 zgrab/0.x", "zgrab", .httpLibrary),
    BotCase(
        "HTTP_Request2/2.1.1 (http://pear.php.net/package/http_request2) PHP/5.3.2-1ubuntu4.19", "HTTP_Request2",
        .httpLibrary),
    // Headless browsers
    BotCase(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36",
        "HeadlessChrome", .headlessBrowser),
    BotCase(
        "Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/534.34 (KHTML, like Gecko) PhantomJS/1.9.2 Safari/534.34",
        "PhantomJS", .headlessBrowser),
    // Others and generic fallbacks
    BotCase(
        "Mozilla/5.0 (compatible; archive.org_bot +http://www.archive.org/details/archive.org_bot)", "archive.org_bot",
        .other),
    BotCase("Mozilla/5.0 (compatible; BeetleBot; )", "BeetleBot", .other),
    BotCase("LumiBot 2.0", "LumiBot", .other),
    BotCase(
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/32.0.1700.107 Safari/537.36 slurp",
        "slurp", .other),
    BotCase("Superblock-Denim (http://den.im/; support@superblock.net)", "Superblock-Denim", .other),
    BotCase(
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1; http://www.tropicdesigns.net)", "tropicdesigns.net",
        .other),
    BotCase(
        "Mozilla/5.0 (compatible; Google Desktop/5.9.1005.12335; http://desktop.google.com/)", "Google Desktop",
        .other),
]

@Test("bots of real strings", arguments: botCases)
func classifiesBot(_ c: BotCase) {
    let info = UserAgentClassifier.classify(c.userAgent)
    #expect(info.isBot, "\(c.userAgent) not a bot")
    #expect(info.botName == c.name)
    #expect(info.botCategory == c.category)
    #expect(info.browser == UserAgentInfo.crawlers)
    #expect(info.browserVersion == nil)
}

@Test func googlebotSmartphoneKeepsTheOperatingSystemItClaims() {
    let info = UserAgentClassifier.classify(
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    )
    #expect(info.isBot)
    #expect(info.operatingSystem == "Android")
    #expect(info.operatingSystemVersion == "Android 6")
}

// MARK: - Edge cases

@Test("blank and dash user agents are bots", arguments: ["-", "   ", " - ", "\t"])
func emptyUserAgent(_ userAgent: String) {
    let info = UserAgentClassifier.classify(userAgent)
    #expect(info.isBot)
    #expect(info.botName == UserAgentInfo.emptyUserAgentName)
    #expect(info.botCategory == .other)
    #expect(info.browser == UserAgentInfo.crawlers)
    #expect(info.operatingSystem == UserAgentInfo.unknown)
}

@Test("no user agent at all (the format has none) is judged like a browser")
func absentUserAgent() {
    let info = UserAgentClassifier.classify("")
    #expect(!info.isBot && info.botName == nil)
    #expect(info.browser == UserAgentInfo.unknown && info.operatingSystem == UserAgentInfo.unknown)
}

@Test func veryLongUserAgents() {
    let chrome =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 "
    // Past Apache's 8 KB header-field limit, with multi-byte characters.
    let long = UserAgentClassifier.classify(chrome + String(repeating: "é😀x", count: 3_000))
    #expect(!long.isBot)
    #expect(long.browser == "Chrome")
    #expect(long.browserVersion == "131")

    // A bot token far out in a long string is still found, and its reported name is capped.
    let padded = UserAgentClassifier.classify(String(repeating: "a", count: 20_000) + " SomeBot/1.0")
    #expect(padded.isBot)
    #expect(padded.botName.map { $0.count <= UserAgentText.maximumNameLength } == true)

    // Degenerate input: one repeated byte that starts many patterns.
    let degenerate = UserAgentClassifier.classify(String(repeating: "b", count: 50_000))
    #expect(!degenerate.isBot)
    #expect(degenerate.browser == UserAgentInfo.unknown)
}

@Test(
    "control characters and odd bytes do not break classification",
    arguments: [
        "Mozilla/5.0 (Windows NT 10.0)\u{0}\u{1}\u{7f} Chrome/120.0",
        "\u{feff}Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)",
        "日本語のユーザーエージェント",
        "Mozilla/5.0 (Linux; Android",
        "Windows NT ",
        "Mac OS X 10_",
        "Edg/",
        "bot",
        "@",
        "http://",
    ])
func oddStrings(_ userAgent: String) {
    let info = UserAgentClassifier.classify(userAgent)
    #expect(!info.browser.isEmpty)
    #expect(!info.operatingSystem.isEmpty)
    #expect(info.isBot == (info.botName != nil))
    #expect(info.isBot == (info.botCategory != nil))
}

@Test(
    "generic bot word respects phone names",
    arguments: [
        ("Mozilla/5.0 (compatible; ExampleBot/1.0)", true),
        ("Mozilla/5.0 (compatible; example-bot)", true),
        ("Mozilla/5.0 (compatible; my_bot_2)", true),
        ("Mozilla/5.0 (Linux; Android 12; CUBOT NOTE 20 PRO)", false),
        ("Mozilla/5.0 (Linux; Android 10; Bot TAB 10)", false),
        ("Mozilla/5.0 (Linux; Android 8.1; Mobile Bot 55)", false),
        ("Mozilla/5.0 (Linux; Android 9; M bot 60)", false),
        ("Mozilla/5.0 (Linux; Android 9; Power Bot)", false),
        ("Mozilla/5.0 (Linux; Android 11; Bottom Line)", false),
        ("Mozilla/5.0 (Linux; Android 11; Robots)", false),
    ])
func genericBotWord(_ userAgent: String, _ isBot: Bool) {
    #expect(UserAgentClassifier.classify(userAgent).isBot == isBot)
}

@Test func genericWordInsideURLIsNamedByTheProduct() {
    // `bot` appears only in the URL; the URL rule names the product instead of "bot.html".
    let info = UserAgentClassifier.classify("Mozilla/5.0 (compatible; Snoopy/2.1; +https://example.org/bot.html)")
    #expect(info.isBot)
    #expect(info.botName == "Snoopy")
    #expect(info.botCategory == .other)
}

// MARK: - The list itself

@Test func botListIsLargeAndConsistent() {
    let all = KnownBots.named + KnownBots.tools
    #expect(all.count >= 150)
    var seen = Set<String>()
    for bot in all + KnownBots.genericWords {
        #expect(!bot.pattern.isEmpty)
        #expect(!bot.name.isEmpty)
        #expect(bot.pattern.utf8.allSatisfy { $0 < 0x80 }, "pattern \(bot.pattern) is not ASCII")
        #expect(seen.insert(bot.pattern.lowercased()).inserted, "duplicate pattern \(bot.pattern)")
    }
}

@Test("every listed bot is found by its own pattern", arguments: KnownBots.named + KnownBots.tools)
func everyPatternMatches(_ bot: KnownBot) {
    let token = bot.pattern.hasSuffix("/") ? bot.pattern + "1.0" : bot.pattern + "/1.0"
    let info = UserAgentClassifier.classify("Mozilla/5.0 (compatible; \(token))")
    #expect(info.isBot)
    #expect(info.botName == bot.name)
    #expect(info.botCategory == bot.category)
}

// MARK: - Codable

@Test func encodesWithStableSnakeCaseKeys() throws {
    let info = UserAgentClassifier.classify("Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = String(decoding: try encoder.encode(info), as: UTF8.self)
    #expect(
        json
            == #"{"bot_category":"seo","bot_name":"AhrefsBot","browser":"Crawlers","is_bot":true,"operating_system":"Unknown"}"#
    )
    #expect(try JSONDecoder().decode(UserAgentInfo.self, from: Data(json.utf8)) == info)

    let human = UserAgentClassifier.classify(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
    )
    let decoded = try JSONDecoder().decode(UserAgentInfo.self, from: try encoder.encode(human))
    #expect(decoded == human)
    #expect(
        BotCategory.allCases.map(\.rawValue) == [
            "search_engine", "seo", "monitoring", "feed_reader", "social_preview", "ai_crawler", "http_library",
            "headless_browser", "other",
        ])
}
