/// Static lists that say what kind of site a traffic source is: Google Analytics 4's published source
/// categories (search, social, shopping, video), and Clientele's own tables for reading referrers (search
/// engines, webmail hosts, Android app packages).
///
/// **GA4's list.** The `[GA4] Default channel group` article (support.google.com/analytics/answer/9756891)
/// writes its rules as "Source matches a list of search sites", "… of social sites", "… of shopping sites" and
/// "… of video sites", and links the list: a spreadsheet of 819 rows `source,source_category` whose categories are
/// `SOURCE_CATEGORY_SEARCH` (131 rows), `SOURCE_CATEGORY_SOCIAL` (590), `SOURCE_CATEGORY_SHOPPING` (52) and
/// `SOURCE_CATEGORY_VIDEO` (46). The four arrays below are those rows, byte for byte and in the list's order
/// (checked against the copy kept as `seeds/ga4_source_categories.csv` in Velir/dbt-ga4). A row is matched against
/// the whole source value, ignoring case ("Channel definitions aren't case sensitive", same article): `m.facebook.com`
/// is social because it is a row, while `de.linkedin.com` and `amazon.de` are in no category because they are not.
/// Notable rows: TikTok is social, not video; `mail.google.com`, `mail.yandex.ru`, `mail.rambler.ru` and
/// `email.seznam.cz` are *search*; `news.ycombinator.com` is social.
///
/// **Clientele's tables** (not published by GA4; see each one): `searchEngine(host:)`, `isWebmail(host:)` and
/// `androidApp(_:)`.
package enum SourceCategories {
    /// A GA4 source category, the value of GA4's `Source category` dimension without its `SOURCE_CATEGORY_` prefix.
    package enum Category: String, Sendable, Codable, CaseIterable {
        /// `SOURCE_CATEGORY_SEARCH`: search engines.
        case search
        /// `SOURCE_CATEGORY_SOCIAL`: social networks, forums, link shorteners, messengers.
        case social
        /// `SOURCE_CATEGORY_SHOPPING`: marketplaces and shop platforms.
        case shopping
        /// `SOURCE_CATEGORY_VIDEO`: video platforms.
        case video
    }

    /// GA4's category of a source value, or `nil` when GA4's list has no row for it.
    ///
    /// Cost: one lowercasing copy of `source` and one hash lookup.
    ///
    /// - Parameter source: A session source as GA4 reports it: `utm_source`, a search engine name such as `google`,
    ///   or a referrer host such as `l.facebook.com`. Case is ignored.
    /// - Returns: The category of the list row equal to `source`, or `nil`.
    package static func category(of source: String) -> Category? {
        categoryBySource[source.lowercased()]
    }

    /// GA4's list as one table, keyed by lowercased source.
    private static let categoryBySource: [String: Category] = {
        var table: [String: Category] = [:]
        table.reserveCapacity(ga4Search.count + ga4Social.count + ga4Shopping.count + ga4Video.count)
        for (rows, category) in [
            (ga4Search, Category.search), (ga4Social, .social), (ga4Shopping, .shopping), (ga4Video, .video),
        ] {
            for row in rows where table[row.lowercased()] == nil {
                table[row.lowercased()] = category
            }
        }
        return table
    }()

    // MARK: - GA4's list of source categories

    /// GA4's `SOURCE_CATEGORY_SEARCH` rows (131), as published.
    package static let ga4Search: [String] = [
        "360.cn", "alice", "aol", "ar.search.yahoo.com", "ask", "at.search.yahoo.com", "au.search.yahoo.com", "auone",
        "avg", "babylon", "baidu", "biglobe", "biglobe.co.jp", "biglobe.ne.jp", "bing", "br.search.yahoo.com",
        "ca.search.yahoo.com", "centrum.cz", "ch.search.yahoo.com", "cl.search.yahoo.com", "cn.bing.com", "cnn",
        "co.search.yahoo.com", "comcast", "conduit", "cse.google.com", "daum", "daum.net", "de.search.yahoo.com",
        "dk.search.yahoo.com", "dogpile", "dogpile.com", "duckduckgo", "ecosia.org", "email.seznam.cz", "eniro",
        "es.search.yahoo.com", "espanol.search.yahoo.com", "exalead.com", "excite.com", "fi.search.yahoo.com",
        "firmy.cz", "fr.search.yahoo.com", "globo", "go.mail.ru", "google", "google-play", "google.com",
        "googlemybusiness", "hk.search.yahoo.com", "id.search.yahoo.com", "in.search.yahoo.com", "incredimail",
        "it.search.yahoo.com", "kvasir", "lite.qwant.com", "lycos", "m.baidu.com", "m.naver.com", "m.search.naver.com",
        "m.sogou.com", "mail.google.com", "mail.rambler.ru", "mail.yandex.ru", "malaysia.search.yahoo.com", "msn",
        "msn.com", "mx.search.yahoo.com", "najdi", "naver", "naver.com", "news.google.com", "nl.search.yahoo.com",
        "no.search.yahoo.com", "ntp.msn.com", "nz.search.yahoo.com", "onet", "onet.pl", "pe.search.yahoo.com",
        "ph.search.yahoo.com", "pl.search.yahoo.com", "qwant", "qwant.com", "rakuten", "rakuten.co.jp", "rambler",
        "rambler.ru", "se.search.yahoo.com", "search-results", "search.aol.co.uk", "search.aol.com",
        "search.google.com", "search.smt.docomo.ne.jp", "search.ukr.net", "secureurl.ukr.net", "seznam", "seznam.cz",
        "sg.search.yahoo.com", "so.com", "sogou", "sogou.com", "sp-web.search.auone.jp", "startsiden", "startsiden.no",
        "suche.aol.de", "terra", "th.search.yahoo.com", "tr.search.yahoo.com", "tut.by", "tw.search.yahoo.com",
        "uk.search.yahoo.com", "ukr", "us.search.yahoo.com", "virgilio", "vn.search.yahoo.com", "wap.sogou.com",
        "webmaster.yandex.ru", "websearch.rakuten.co.jp", "yahoo", "yahoo.co.jp", "yahoo.com", "yandex", "yandex.by",
        "yandex.com", "yandex.com.tr", "yandex.fr", "yandex.kz", "yandex.ru", "yandex.ua", "yandex.uz", "zen.yandex.ru",
    ]

    /// GA4's `SOURCE_CATEGORY_SOCIAL` rows (590), as published.
    package static let ga4Social: [String] = [
        "43things", "43things.com", "51.com", "5ch.net", "Hatena", "ImageShack", "academia.edu", "activerain",
        "activerain.com", "activeworlds", "activeworlds.com", "addthis", "addthis.com", "airg.ca", "allnurses.com",
        "allrecipes.com", "alumniclass", "alumniclass.com", "ameba.jp", "ameblo.jp", "americantowns",
        "americantowns.com", "amp.reddit.com", "ancestry.com", "anobii", "anobii.com", "answerbag", "answerbag.com",
        "answers.yahoo.com", "aolanswers", "aolanswers.com", "apps.facebook.com", "ar.pinterest.com", "artstation.com",
        "askubuntu", "askubuntu.com", "asmallworld.com", "athlinks", "athlinks.com", "away.vk.com", "awe.sm",
        "b.hatena.ne.jp", "baby-gaga", "baby-gaga.com", "babyblog.ru", "badoo", "badoo.com", "bebo", "bebo.com",
        "beforeitsnews", "beforeitsnews.com", "bharatstudent", "bharatstudent.com", "biip.no", "biswap.org", "bit.ly",
        "blackcareernetwork.com", "blackplanet", "blackplanet.com", "blip.fm", "blog.com", "blog.feedspot.com",
        "blog.goo.ne.jp", "blog.naver.com", "blog.yahoo.co.jp", "blogg.no", "bloggang.com", "blogger", "blogger.com",
        "blogher", "blogher.com", "bloglines", "bloglines.com", "blogs.com", "blogsome", "blogsome.com", "blogspot",
        "blogspot.com", "blogster", "blogster.com", "blurtit", "blurtit.com", "bookmarks.yahoo.co.jp",
        "bookmarks.yahoo.com", "br.pinterest.com", "brightkite", "brightkite.com", "brizzly", "brizzly.com",
        "business.facebook.com", "buzzfeed", "buzzfeed.com", "buzznet", "buzznet.com", "cafe.naver.com", "cafemom",
        "cafemom.com", "camospace", "camospace.com", "canalblog.com", "care.com", "care2", "care2.com",
        "caringbridge.org", "catster", "catster.com", "cbnt.io", "cellufun", "cellufun.com", "centerblog.net",
        "chat.zalo.me", "chegg.com", "chicagonow", "chicagonow.com", "chiebukuro.yahoo.co.jp", "classmates",
        "classmates.com", "classquest", "classquest.com", "co.pinterest.com", "cocolog-nifty", "cocolog-nifty.com",
        "copainsdavant.linternaute.com", "couchsurfing.org", "cozycot", "cozycot.com", "cross.tv", "crunchyroll",
        "crunchyroll.com", "cyworld", "cyworld.com", "cz.pinterest.com", "d.hatena.ne.jp", "dailystrength.org",
        "deluxe.com", "deviantart", "deviantart.com", "dianping", "dianping.com", "digg", "digg.com", "diigo",
        "diigo.com", "discover.hubpages.com", "disqus", "disqus.com", "dogster", "dogster.com", "dol2day",
        "dol2day.com", "doostang", "doostang.com", "dopplr", "dopplr.com", "douban", "douban.com", "draft.blogger.com",
        "draugiem.lv", "drugs-forum", "drugs-forum.com", "dzone", "dzone.com", "edublogs.org", "elftown", "elftown.com",
        "epicurious.com", "everforo.com", "exblog.jp", "extole", "extole.com", "facebook", "facebook.com", "faceparty",
        "faceparty.com", "fandom.com", "fanpop", "fanpop.com", "fark", "fark.com", "fb", "fb.me", "fc2", "fc2.com",
        "feedspot", "feministing", "feministing.com", "filmaffinity", "filmaffinity.com", "flickr", "flickr.com",
        "flipboard", "flipboard.com", "folkdirect", "folkdirect.com", "foodservice", "foodservice.com",
        "forums.androidcentral.com", "forums.crackberry.com", "forums.imore.com", "forums.nexopia.com",
        "forums.webosnation.com", "forums.wpcentral.com", "fotki", "fotki.com", "fotolog", "fotolog.com", "foursquare",
        "foursquare.com", "free.facebook.com", "friendfeed", "friendfeed.com", "fruehstueckstreff.org", "fubar",
        "fubar.com", "gaiaonline", "gaiaonline.com", "gamerdna", "gamerdna.com", "gather.com", "geni.com",
        "getpocket.com", "glassboard", "glassboard.com", "glassdoor", "glassdoor.com", "godtube", "godtube.com",
        "goldenline.pl", "goldstar", "goldstar.com", "goo.gl", "gooblog", "goodreads", "goodreads.com", "google+",
        "googlegroups.com", "googleplus", "govloop", "govloop.com", "gowalla", "gowalla.com", "gree.jp",
        "groups.google.com", "gulli.com", "gutefrage.net", "habbo", "habbo.com", "hi5", "hi5.com", "hootsuite",
        "hootsuite.com", "houzz", "houzz.com", "hoverspot", "hoverspot.com", "hr.com", "hu.pinterest.com", "hubculture",
        "hubculture.com", "hubpages.com", "hyves.net", "hyves.nl", "ibibo", "ibibo.com", "id.pinterest.com",
        "identi.ca", "ig", "imageshack.com", "imageshack.us", "imvu", "imvu.com", "in.pinterest.com", "insanejournal",
        "insanejournal.com", "instagram", "instagram.com", "instapaper", "instapaper.com", "internations.org",
        "interpals.net", "intherooms", "intherooms.com", "irc-galleria.net", "is.gd", "italki", "italki.com",
        "jammerdirect", "jammerdirect.com", "jappy.com", "jappy.de", "kaboodle.com", "kakao", "kakao.com",
        "kakaocorp.com", "kaneva", "kaneva.com", "kin.naver.com", "l.facebook.com", "l.instagram.com",
        "l.messenger.com", "last.fm", "librarything", "librarything.com", "lifestream.aol.com", "line", "line.me",
        "linkedin", "linkedin.com", "listal", "listal.com", "listography", "listography.com", "livedoor.com",
        "livedoorblog", "livejournal", "livejournal.com", "lm.facebook.com", "lnkd.in", "m.blog.naver.com",
        "m.cafe.naver.com", "m.facebook.com", "m.kin.naver.com", "m.vk.com", "m.yelp.com", "mbga.jp", "medium.com",
        "meetin.org", "meetup", "meetup.com", "meinvz.net", "meneame.net", "menuism.com", "messages.google.com",
        "messages.yahoo.co.jp", "messenger", "messenger.com", "mix.com", "mixi.jp", "mobile.facebook.com", "mocospace",
        "mocospace.com", "mouthshut", "mouthshut.com", "movabletype", "movabletype.com", "mubi", "mubi.com",
        "my.opera.com", "myanimelist.net", "myheritage", "myheritage.com", "mylife", "mylife.com", "mymodernmet",
        "mymodernmet.com", "myspace", "myspace.com", "netvibes", "netvibes.com", "news.ycombinator.com", "newsshowcase",
        "nexopia", "ngopost.org", "niconico", "nicovideo.jp", "nightlifelink", "nightlifelink.com", "ning", "ning.com",
        "nl.pinterest.com", "odnoklassniki.ru", "odnoklassniki.ua", "okwave.jp", "old.reddit.com", "oneworldgroup.org",
        "onstartups", "onstartups.com", "opendiary", "opendiary.com", "oshiete.goo.ne.jp", "out.reddit.com",
        "over-blog.com", "overblog.com", "paper.li", "partyflock.nl", "photobucket", "photobucket.com", "pinboard",
        "pinboard.in", "pingsta", "pingsta.com", "pinterest", "pinterest.at", "pinterest.ca", "pinterest.ch",
        "pinterest.cl", "pinterest.co.kr", "pinterest.co.uk", "pinterest.com", "pinterest.com.au", "pinterest.com.mx",
        "pinterest.de", "pinterest.es", "pinterest.fr", "pinterest.it", "pinterest.jp", "pinterest.nz", "pinterest.ph",
        "pinterest.pt", "pinterest.ru", "pinterest.se", "pixiv.net", "pl.pinterest.com", "playahead.se", "plurk",
        "plurk.com", "plus.google.com", "plus.url.google.com", "pocket.co", "posterous", "posterous.com",
        "pro.homeadvisor.com", "pulse.yahoo.com", "qapacity", "qapacity.com", "quechup", "quechup.com", "quora",
        "quora.com", "qzone.qq.com", "ravelry", "ravelry.com", "reddit", "reddit.com", "redux", "redux.com", "renren",
        "renren.com", "researchgate.net", "reunion", "reunion.com", "reverbnation", "reverbnation.com", "rtl.de",
        "ryze", "ryze.com", "salespider", "salespider.com", "scoop.it", "screenrant", "screenrant.com", "scribd",
        "scribd.com", "scvngr", "scvngr.com", "secondlife", "secondlife.com", "serverfault", "serverfault.com",
        "shareit", "sharethis", "sharethis.com", "shvoong.com", "sites.google.com", "skype", "skyrock", "skyrock.com",
        "slashdot.org", "slideshare.net", "smartnews.com", "snapchat", "snapchat.com", "sociallife.com.br",
        "socialvibe", "socialvibe.com", "spaces.live.com", "spoke", "spoke.com", "spruz", "spruz.com", "ssense.com",
        "stackapps", "stackapps.com", "stackexchange", "stackexchange.com", "stackoverflow", "stackoverflow.com",
        "stardoll.com", "stickam", "stickam.com", "studivz.net", "suomi24.fi", "superuser", "superuser.com", "sweeva",
        "sweeva.com", "t.co", "t.me", "tagged", "tagged.com", "taggedmail", "taggedmail.com", "talkbiznow",
        "talkbiznow.com", "taringa.net", "techmeme", "techmeme.com", "tencent", "tencent.com", "tiktok", "tiktok.com",
        "tinyurl", "tinyurl.com", "toolbox", "toolbox.com", "touch.facebook.com", "tr.pinterest.com", "travellerspoint",
        "travellerspoint.com", "tripadvisor", "tripadvisor.com", "trombi", "trombi.com", "tudou", "tudou.com", "tuenti",
        "tuenti.com", "tumblr", "tumblr.com", "tweetdeck", "tweetdeck.com", "twitter", "twitter.com", "twoo.com",
        "typepad", "typepad.com", "unblog.fr", "urbanspoon.com", "ushareit.com", "ushi.cn", "vampirefreaks",
        "vampirefreaks.com", "vampirerave", "vampirerave.com", "vg.no", "video.ibm.com", "vk.com", "vkontakte.ru",
        "wakoopa", "wakoopa.com", "wattpad", "wattpad.com", "web.facebook.com", "web.skype.com", "webshots",
        "webshots.com", "wechat", "wechat.com", "weebly", "weebly.com", "weibo", "weibo.com", "wer-weiss-was.de",
        "weread", "weread.com", "whatsapp", "whatsapp.com", "wiki.answers.com", "wikihow.com", "wikitravel.org",
        "woot.com", "wordpress", "wordpress.com", "wordpress.org", "xanga", "xanga.com", "xing", "xing.com",
        "yahoo-mbga.jp", "yammer", "yammer.com", "yelp", "yelp.co.uk", "yelp.com", "youroom.in", "za.pinterest.com",
        "zalo", "zoo.gr", "zooppa", "zooppa.com",
    ]

    /// GA4's `SOURCE_CATEGORY_SHOPPING` rows (52), as published.
    package static let ga4Shopping: [String] = [
        "Google Shopping", "IGShopping", "aax-us-east.amazon-adsystem.com", "aax.amazon-adsystem.com", "alibaba",
        "alibaba.com", "amazon", "amazon.co.uk", "amazon.com", "apps.shopify.com", "checkout.shopify.com",
        "checkout.stripe.com", "cr.shopping.naver.com", "cr2.shopping.naver.com", "ebay", "ebay.co.uk", "ebay.com",
        "ebay.com.au", "ebay.de", "etsy", "etsy.com", "m.alibaba.com", "m.shopping.naver.com", "mercadolibre",
        "mercadolibre.com", "mercadolibre.com.ar", "mercadolibre.com.mx", "message.alibaba.com",
        "msearch.shopping.naver.com", "nl.shopping.net", "no.shopping.net", "offer.alibaba.com", "one.walmart.com",
        "order.shopping.yahoo.co.jp", "partners.shopify.com", "s3.amazonaws.com", "se.shopping.net", "shop.app",
        "shopify", "shopify.com", "shopping.naver.com", "shopping.yahoo.co.jp", "shopping.yahoo.com", "shopzilla",
        "shopzilla.com", "simplycodes.com", "store.shopping.yahoo.co.jp", "stripe", "stripe.com", "uk.shopping.net",
        "walmart", "walmart.com",
    ]

    /// GA4's `SOURCE_CATEGORY_VIDEO` rows (46), as published.
    package static let ga4Video: [String] = [
        "blog.twitch.tv", "crackle", "crackle.com", "curiositystream", "curiositystream.com", "d.tube", "dailymotion",
        "dailymotion.com", "dashboard.twitch.tv", "disneyplus", "disneyplus.com", "fast.wistia.net", "help.hulu.com",
        "help.netflix.com", "hulu", "hulu.com", "id.twitch.tv", "iq.com", "iqiyi", "iqiyi.com", "jobs.netflix.com",
        "justin.tv", "m.twitch.tv", "m.youtube.com", "music.youtube.com", "netflix", "netflix.com", "player.twitch.tv",
        "player.vimeo.com", "ted", "ted.com", "twitch", "twitch.tv", "utreon", "utreon.com", "veoh", "veoh.com",
        "viadeo.journaldunet.com", "vimeo", "vimeo.com", "wistia", "wistia.com", "youku", "youku.com", "youtube",
        "youtube.com",
    ]

    // MARK: - Clientele: search engines in referrers

    /// The source name for a visit from a search engine's results page, given the referrer host; `nil` when the host
    /// is not one of the engines below.
    ///
    /// GA4 reports such a visit as source = the engine's name, medium `organic`, campaign `(organic)` (`[GA4]
    /// Traffic-source dimensions, manual tagging, and auto-tagging`, support.google.com/analytics/answer/11242870,
    /// gives `google`, `baidu`, `bing` as sources and `organic` as a medium), but it does not publish which referrer
    /// hosts it reads as which engine. This table is Clientele's. Every engine in it has its name or its host in GA4's
    /// search category. Search hosts of GA4's list that are not here (`news.google.com`, `yahoo.co.jp`, …) still
    /// land in Organic Search through the list, as source = host and medium `referral`.
    ///
    /// Rules, after a leading `www.` is dropped: an exact host in `searchEngineHosts`; a host ending in one of
    /// `searchEngineHostSuffixes`; or a brand domain — `google.<tld>` / `yandex.<tld>` where `<tld>` is one label
    /// (`google.de`, `google.com`) or `co.`/`com.` plus a two-letter country (`google.co.uk`, `google.com.au`,
    /// `yandex.com.tr`). Google's other hosts (`mail.google.com`, `docs.google.com`, `news.google.com`) are not results
    /// pages and are not matched.
    ///
    /// - Parameter host: A lowercased host name without port.
    /// - Returns: The engine's source name, such as `google`.
    package static func searchEngine(host: String) -> String? {
        let host = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        if let engine = searchEngineHosts[host] {
            return engine
        }
        for rule in searchEngineHostSuffixes where host.hasSuffix(rule.suffix) {
            return rule.engine
        }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count == 2 || labels.count == 3, let engine = searchEngineBrands[String(labels[0])] else {
            return nil
        }
        if labels.count == 2 {
            return labels[1].isEmpty ? nil : engine
        }
        let isCountrySecondLevel = (labels[1] == "co" || labels[1] == "com") && labels[2].count == 2
        return isCountrySecondLevel ? engine : nil
    }

    /// Search engine results hosts (without `www.`) and the source name each is reported as. Clientele's table; see
    /// `searchEngine(host:)`.
    package static let searchEngineHosts: [String: String] = [
        "bing.com": "bing", "cn.bing.com": "bing",
        "search.yahoo.com": "yahoo", "search.yahoo.co.jp": "yahoo",
        "baidu.com": "baidu", "m.baidu.com": "baidu",
        "ya.ru": "yandex",
        "duckduckgo.com": "duckduckgo", "html.duckduckgo.com": "duckduckgo", "lite.duckduckgo.com": "duckduckgo",
        "ecosia.org": "ecosia",
        "search.naver.com": "naver", "m.search.naver.com": "naver",
        "search.daum.net": "daum", "m.search.daum.net": "daum",
        "search.seznam.cz": "seznam",
        "sogou.com": "sogou", "m.sogou.com": "sogou", "wap.sogou.com": "sogou",
        "qwant.com": "qwant", "lite.qwant.com": "qwant",
        "search.aol.com": "aol", "search.aol.co.uk": "aol", "suche.aol.de": "aol",
        "ask.com": "ask",
    ]

    /// Host endings read as a search engine (Yahoo's country results hosts such as `de.search.yahoo.com`, and its
    /// click-through host `r.search.yahoo.com`). Clientele's table; see `searchEngine(host:)`.
    package static let searchEngineHostSuffixes: [(suffix: String, engine: String)] = [
        (".search.yahoo.com", "yahoo")
    ]

    /// Brands whose every country domain is a results host: first label → source name. Clientele's table; see
    /// `searchEngine(host:)`.
    package static let searchEngineBrands: [String: String] = ["google": "google", "yandex": "yandex"]

    // MARK: - Clientele: webmail

    /// Whether a referrer host is a webmail client, so that a click from a mail read in the browser counts as Email.
    ///
    /// Not a GA4 rule: GA4 has no list of mail hosts and reports these visits as source = host, medium `referral`,
    /// which its rules put in Referral — or in Organic Search for the four mail hosts its list files under search
    /// (`mail.google.com`, `mail.yandex.ru`, `mail.rambler.ru`, `email.seznam.cz`). Clientele calls them all Email.
    ///
    /// Matches, after a leading `www.` is dropped: a host in `webmailHosts`; a host ending in `.mail.yahoo.com`
    /// (`uk.mail.yahoo.com`); a host starting with `webmail.` (hosting providers' webmail, `webmail.example.net`).
    ///
    /// - Parameter host: A lowercased host name without port.
    package static func isWebmail(host: String) -> Bool {
        let host = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        return webmailHosts.contains(host) || host.hasSuffix(".mail.yahoo.com") || host.hasPrefix("webmail.")
    }

    /// Webmail hosts (without `www.`). Clientele's table; see `isWebmail(host:)`.
    package static let webmailHosts: Set<String> = [
        // Google, Microsoft, Yahoo, AOL
        "mail.google.com", "inbox.google.com",
        "outlook.live.com", "outlook.office.com", "outlook.office365.com", "outlook.cloud.microsoft",
        "mail.yahoo.com", "mail.yahoo.co.jp", "mail.aol.com",
        // Privacy and independent providers
        "mail.proton.me", "mail.protonmail.com", "app.tuta.com", "mail.tutanota.com", "app.fastmail.com",
        "fastmail.com", "mail.zoho.com", "mail.zoho.eu", "mail.zoho.in",
        // National providers
        "mail.yandex.ru", "mail.yandex.com", "e.mail.ru", "mail.rambler.ru", "email.seznam.cz",
        "navigator.gmx.net", "mail.gmx.com", "navigator.web.de", "email.t-online.de",
    ]

    // MARK: - Clientele: Android apps

    /// The source and medium for an Android app that opened the page, named by its package in an
    /// `android-app://<package>/` referrer; `nil` for other packages.
    ///
    /// Not a GA4 rule: GA4 publishes no table of app packages (an unknown package is reported here as source = package,
    /// medium `referral`). Mail apps get medium `email` (Email); the Google app and Google Go get `google` / `organic`
    /// (Organic Search); social and video apps get the source name GA4's list files them under, with medium
    /// `referral`, so GA4's list puts them in Organic Social or Organic Video.
    ///
    /// - Parameter packageName: The package, lowercased, such as `com.google.android.gm`.
    package static func androidApp(_ packageName: String) -> (source: String, medium: String)? {
        androidApps[packageName]
    }

    /// Android packages → source and medium. Clientele's table; see `androidApp(_:)`.
    package static let androidApps: [String: (source: String, medium: String)] = [
        // Mail apps
        "com.google.android.gm": ("com.google.android.gm", "email"),
        "com.microsoft.office.outlook": ("com.microsoft.office.outlook", "email"),
        "com.yahoo.mobile.client.android.mail": ("com.yahoo.mobile.client.android.mail", "email"),
        "com.samsung.android.email.provider": ("com.samsung.android.email.provider", "email"),
        "ch.protonmail.android": ("ch.protonmail.android", "email"),
        // Google Search
        "com.google.android.googlequicksearchbox": ("google", "organic"),
        "com.google.android.apps.searchlite": ("google", "organic"),
        // Social and video apps, under their GA4 list names
        "com.facebook.katana": ("facebook", "referral"),
        "com.facebook.lite": ("facebook", "referral"),
        "com.facebook.orca": ("messenger", "referral"),
        "com.instagram.android": ("instagram", "referral"),
        "com.linkedin.android": ("linkedin", "referral"),
        "com.twitter.android": ("twitter", "referral"),
        "com.reddit.frontpage": ("reddit", "referral"),
        "com.pinterest": ("pinterest", "referral"),
        "com.zhiliaoapp.musically": ("tiktok", "referral"),
        "com.ss.android.ugc.trill": ("tiktok", "referral"),
        "com.whatsapp": ("whatsapp", "referral"),
        "jp.naver.line.android": ("line", "referral"),
        "com.snapchat.android": ("snapchat", "referral"),
        "com.google.android.youtube": ("youtube", "referral"),
    ]
}
