import Foundation
import Testing

@testable import ClienteleKit

/// A landing request and the traffic source GA4's rules (or a documented Clientele rule) give it.
struct ChannelLandingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var query: String?
    var referrer: String?
    var channel: Channel
    var source: String
    var medium: String
    var campaign: String?
    var clickID: String?
    /// True where a Clientele rule sets the channel itself (webmail hosts that GA4's list files under search).
    var channelSetDirectly = false
    var testDescription: String { name }

    init(
        _ name: String, q query: String? = nil, r referrer: String? = nil,
        _ channel: Channel, _ source: String, _ medium: String, _ campaign: String? = nil,
        click clickID: String? = nil, channelSetDirectly: Bool = false
    ) {
        self.name = name
        self.query = query
        self.referrer = referrer
        self.channel = channel
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.clickID = clickID
        self.channelSetDirectly = channelSetDirectly
    }
}

private let site: Set<String> = ["shop.example"]

// MARK: - Manual tagging (utm_*)

private let channelTaggedCases: [ChannelLandingCase] = [
    ChannelLandingCase(
        "google/cpc", q: "utm_source=google&utm_medium=cpc&utm_campaign=brand", .paidSearch, "google", "cpc", "brand"),
    ChannelLandingCase(
        "rules ignore case, values keep it", q: "utm_source=Google&utm_medium=CPC", .paidSearch, "Google", "CPC"),
    ChannelLandingCase("bing/ppc", q: "utm_source=bing&utm_medium=ppc", .paidSearch, "bing", "ppc"),
    ChannelLandingCase(
        "cpm contains cp: google/cpm is Paid Search", q: "utm_source=google&utm_medium=cpm", .paidSearch, "google",
        "cpm"),
    ChannelLandingCase(
        "facebook/paid_social", q: "utm_source=facebook&utm_medium=paid_social", .paidSocial, "facebook",
        "paid_social"),
    ChannelLandingCase("fb/paid", q: "utm_source=fb&utm_medium=paid", .paidSocial, "fb", "paid"),
    ChannelLandingCase(
        "instagram/retargeting", q: "utm_source=instagram&utm_medium=retargeting", .paidSocial, "instagram",
        "retargeting"),
    ChannelLandingCase(
        "linkedin.com/cpc", q: "utm_source=linkedin.com&utm_medium=cpc", .paidSocial, "linkedin.com", "cpc"),
    ChannelLandingCase("youtube/cpv", q: "utm_source=youtube&utm_medium=cpv", .paidVideo, "youtube", "cpv"),
    ChannelLandingCase("amazon/cpc", q: "utm_source=amazon&utm_medium=cpc", .paidShopping, "amazon", "cpc"),
    ChannelLandingCase(
        "shop campaign beats the search list", q: "utm_source=google&utm_medium=cpc&utm_campaign=summer_shop",
        .paidShopping, "google", "cpc", "summer_shop"),
    ChannelLandingCase(
        "workshop is no shopping campaign", q: "utm_source=google&utm_medium=cpc&utm_campaign=workshop",
        .paidSearch, "google", "cpc", "workshop"),
    ChannelLandingCase(
        "cross-network, any case", q: "utm_source=google&utm_medium=cpc&utm_campaign=pmax-Cross-Network-2026",
        .crossNetwork, "google", "cpc", "pmax-Cross-Network-2026"),
    ChannelLandingCase("display", q: "utm_source=criteo&utm_medium=display", .display, "criteo", "display"),
    ChannelLandingCase("BANNER", q: "utm_source=partner-site&utm_medium=BANNER", .display, "partner-site", "BANNER"),
    ChannelLandingCase("cpm from an unlisted source", q: "utm_source=criteo&utm_medium=cpm", .display, "criteo", "cpm"),
    ChannelLandingCase(
        "interstitial", q: "utm_source=adnet&utm_medium=interstitial", .display, "adnet", "interstitial"),
    ChannelLandingCase("paid other", q: "utm_source=taboola&utm_medium=cpc", .paidOther, "taboola", "cpc"),
    ChannelLandingCase(
        "paid- prefix", q: "utm_source=newsletter&utm_medium=paid-promo", .paidOther, "newsletter", "paid-promo"),
    ChannelLandingCase(
        "eshop campaign beats email", q: "utm_source=newsletter&utm_medium=email&utm_campaign=eshop-launch",
        .organicShopping, "newsletter", "email", "eshop-launch"),
    ChannelLandingCase(
        "etsy is a shopping source", q: "utm_source=etsy&utm_medium=listing", .organicShopping, "etsy", "listing"),
    ChannelLandingCase(
        "workshop campaign stays email", q: "utm_source=newsletter&utm_medium=email&utm_campaign=workshop",
        .email, "newsletter", "email", "workshop"),
    ChannelLandingCase(
        "social medium", q: "utm_source=mastodon&utm_medium=social", .organicSocial, "mastodon", "social"),
    ChannelLandingCase(
        "+ is a space", q: "utm_source=partner&utm_medium=Social+Media", .organicSocial, "partner", "Social Media"),
    ChannelLandingCase("sm", q: "utm_source=partner&utm_medium=sm", .organicSocial, "partner", "sm"),
    ChannelLandingCase(
        "tiktok is social before video", q: "utm_source=tiktok&utm_medium=video", .organicSocial, "tiktok", "video"),
    ChannelLandingCase(
        "video medium", q: "utm_source=partner&utm_medium=video_promo", .video, "partner", "video_promo"),
    ChannelLandingCase("vimeo is a video source", q: "utm_source=vimeo&utm_medium=embed", .video, "vimeo", "embed"),
    ChannelLandingCase(
        "organic medium", q: "utm_source=searchpartner&utm_medium=organic", .organicSearch, "searchpartner", "organic"),
    ChannelLandingCase("source only, listed", q: "utm_source=google", .organicSearch, "google", "(not set)"),
    ChannelLandingCase("referral medium", q: "utm_source=blog&utm_medium=referral", .referral, "blog", "referral"),
    ChannelLandingCase("app medium", q: "utm_source=partnerapp&utm_medium=app", .referral, "partnerapp", "app"),
    ChannelLandingCase("link medium", q: "utm_source=partner&utm_medium=link", .referral, "partner", "link"),
    ChannelLandingCase("e-mail", q: "utm_source=newsletter&utm_medium=e-mail", .email, "newsletter", "e-mail"),
    ChannelLandingCase("E_Mail", q: "utm_source=newsletter&utm_medium=E_Mail", .email, "newsletter", "E_Mail"),
    ChannelLandingCase("e%20mail", q: "utm_source=newsletter&utm_medium=e%20mail", .email, "newsletter", "e mail"),
    ChannelLandingCase("email as source", q: "utm_source=Email&utm_medium=blast", .email, "Email", "blast"),
    ChannelLandingCase("medium only", q: "utm_medium=email", .email, "(not set)", "email"),
    ChannelLandingCase("E%2DMail decoded", q: "utm_source=crm&utm_medium=E%2DMail", .email, "crm", "E-Mail"),
    ChannelLandingCase("affiliate", q: "utm_source=awin&utm_medium=affiliate", .affiliates, "awin", "affiliate"),
    ChannelLandingCase(
        "affiliates is not GA4's value", q: "utm_source=awin&utm_medium=affiliates", .unassigned, "awin", "affiliates"),
    ChannelLandingCase("audio", q: "utm_source=spotify&utm_medium=audio", .audio, "spotify", "audio"),
    ChannelLandingCase("sms medium", q: "utm_source=twilio&utm_medium=sms", .sms, "twilio", "sms"),
    ChannelLandingCase("SMS source", q: "utm_source=SMS&utm_medium=text", .sms, "SMS", "text"),
    ChannelLandingCase("push", q: "utm_source=app&utm_medium=push", .mobilePush, "app", "push"),
    ChannelLandingCase("web-push", q: "utm_source=onesignal&utm_medium=web-push", .mobilePush, "onesignal", "web-push"),
    ChannelLandingCase(
        "notification", q: "utm_source=braze&utm_medium=in-app-notification", .mobilePush, "braze",
        "in-app-notification"),
    ChannelLandingCase("firebase source", q: "utm_source=firebase&utm_medium=inapp", .mobilePush, "firebase", "inapp"),
    ChannelLandingCase(
        "unknown medium", q: "utm_source=newsletter&utm_medium=newsletter", .unassigned, "newsletter", "newsletter"),
    ChannelLandingCase("unknown source only", q: "utm_source=newsletter", .unassigned, "newsletter", "(not set)"),
    ChannelLandingCase("campaign only", q: "utm_campaign=spring", .unassigned, "(not set)", "(not set)", "spring"),
    ChannelLandingCase(
        "(direct)/(none) tags", q: "utm_source=(direct)&utm_medium=(none)", .direct, "(direct)", "(none)"),
    ChannelLandingCase(
        "tags beat a search referrer", q: "utm_source=newsletter&utm_medium=email", r: "https://www.google.com/",
        .email, "newsletter", "email"),
    ChannelLandingCase(
        "tags beat an internal referrer", q: "utm_source=partner&utm_medium=referral", r: "https://shop.example/cart",
        .referral, "partner", "referral"),
]

// MARK: - Decoding and Unicode

private let channelDecodingCases: [ChannelLandingCase] = [
    ChannelLandingCase(
        "percent-encoded Unicode campaign", q: "utm_source=newsletter&utm_medium=email&utm_campaign=%C3%89t%C3%A9+2026",
        .email, "newsletter", "email", "Été 2026"),
    ChannelLandingCase(
        "CJK before shop matches", q: "utm_source=newsletter&utm_medium=email&utm_campaign=%E5%A4%8F%E3%81%AEshop",
        .organicShopping, "newsletter", "email", "夏のshop"),
    ChannelLandingCase(
        "é before shop matches", q: "utm_source=newsletter&utm_medium=email&utm_campaign=Caf%C3%A9Shop",
        .organicShopping, "newsletter", "email", "CaféShop"),
    ChannelLandingCase(
        "emoji campaign", q: "utm_campaign=%F0%9F%9A%80launch&utm_source=x&utm_medium=email",
        .email, "x", "email", "🚀launch"),
    ChannelLandingCase("encoded &", q: "utm_source=news%26letter&utm_medium=email", .email, "news&letter", "email"),
    ChannelLandingCase("stray % kept", q: "utm_source=50%off&utm_medium=email", .email, "50%off", "email"),
    ChannelLandingCase(
        "truncated UTF-8 becomes U+FFFD", q: "utm_source=x&utm_medium=email&utm_campaign=%E2%82",
        .email, "x", "email", "\u{FFFD}"),
    ChannelLandingCase(
        "empty values are no tags", q: "utm_source=&utm_medium=", r: "https://www.google.com/",
        .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "first value wins", q: "utm_source=google&utm_source=bing&utm_medium=cpc", .paidSearch, "google", "cpc"),
    ChannelLandingCase(
        "keys are case-sensitive", q: "UTM_SOURCE=google&UTM_MEDIUM=cpc", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase(
        "fragment ignored", q: "utm_source=google&utm_medium=cpc#utm_medium=email", .paidSearch, "google", "cpc"),
    ChannelLandingCase("encoded key", q: "utm%5Fsource=google&utm_medium=cpc", .paidSearch, "google", "cpc"),
    ChannelLandingCase(
        "other parameters ignored", q: "page=2&&sort=asc&utm_medium=email&=x&utm_source", .email, "(not set)", "email"),
]

// MARK: - Click ids

private let channelClickIDCases: [ChannelLandingCase] = [
    ChannelLandingCase("gclid", q: "gclid=Cj0KCQ", .paidSearch, "google", "cpc", click: "gclid"),
    ChannelLandingCase("gbraid", q: "gbraid=0AAAAA", .paidSearch, "google", "cpc", click: "gbraid"),
    ChannelLandingCase("wbraid", q: "wbraid=CjkKEQ", .paidSearch, "google", "cpc", click: "wbraid"),
    ChannelLandingCase(
        "gclid beats utm source and medium",
        q: "utm_source=facebook&utm_medium=paid_social&utm_campaign=spring&gclid=X", r: "https://www.facebook.com/",
        .paidSearch, "google", "cpc", "spring", click: "gclid"),
    ChannelLandingCase(
        "gclid with a shopping campaign", q: "gclid=X&utm_campaign=Shopping-EU", .paidShopping, "google", "cpc",
        "Shopping-EU", click: "gclid"),
    ChannelLandingCase("dclid", q: "dclid=CJKu8L", .display, "dv360", "cpm", click: "dclid"),
    ChannelLandingCase("msclkid", q: "msclkid=abc123", .paidSearch, "bing", "cpc", click: "msclkid"),
    ChannelLandingCase(
        "msclkid beats the bing referrer", q: "msclkid=abc", r: "https://www.bing.com/", .paidSearch, "bing", "cpc",
        click: "msclkid"),
    ChannelLandingCase(
        "utm beats msclkid", q: "msclkid=abc&utm_source=newsletter&utm_medium=email", .email, "newsletter", "email",
        click: "msclkid"),
    ChannelLandingCase("ttclid", q: "ttclid=E.C.P.abc", .paidSocial, "tiktok", "cpc", click: "ttclid"),
    ChannelLandingCase("twclid", q: "twclid=2-abc", .paidSocial, "twitter", "cpc", click: "twclid"),
    ChannelLandingCase("li_fat_id", q: "li_fat_id=1234-abcd", .paidSocial, "linkedin", "cpc", click: "li_fat_id"),
    ChannelLandingCase(
        "fbclid leaves it to the referrer", q: "fbclid=IwAR0", r: "https://l.facebook.com/l.php?u=x",
        .organicSocial, "l.facebook.com", "referral", "(referral)", click: "fbclid"),
    ChannelLandingCase(
        "fbclid alone is Direct", q: "fbclid=IwAR0", .direct, "(direct)", "(none)", "(direct)", click: "fbclid"),
    ChannelLandingCase(
        "fbclid with paid tags", q: "utm_source=facebook&utm_medium=paid&fbclid=IwAR0", .paidSocial, "facebook", "paid",
        click: "fbclid"),
    ChannelLandingCase("empty gclid is ignored", q: "gclid=", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("gclid outranks fbclid", q: "fbclid=a&gclid=b", .paidSearch, "google", "cpc", click: "gclid"),
]

// MARK: - Referrers

private let channelReferrerCases: [ChannelLandingCase] = [
    // Search engines → engine / organic
    ChannelLandingCase(
        "google.co.uk", r: "https://www.google.co.uk/", .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "google.de", r: "https://www.google.de/search?q=schuhe", .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "google.com.au", r: "https://www.google.com.au/", .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "yandex.ru", r: "https://yandex.ru/search/?text=x", .organicSearch, "yandex", "organic", "(organic)"),
    ChannelLandingCase(
        "baidu.com", r: "https://www.baidu.com/link?url=x", .organicSearch, "baidu", "organic", "(organic)"),
    ChannelLandingCase(
        "duckduckgo.com", r: "https://duckduckgo.com/", .organicSearch, "duckduckgo", "organic", "(organic)"),
    ChannelLandingCase(
        "bing.com", r: "https://www.bing.com/search?q=x", .organicSearch, "bing", "organic", "(organic)"),
    ChannelLandingCase(
        "search.yahoo.co.jp", r: "https://search.yahoo.co.jp/search?p=x", .organicSearch, "yahoo", "organic",
        "(organic)"),
    ChannelLandingCase(
        "de.search.yahoo.com", r: "https://de.search.yahoo.com/", .organicSearch, "yahoo", "organic", "(organic)"),
    ChannelLandingCase(
        "ecosia.org", r: "https://www.ecosia.org/search?q=x", .organicSearch, "ecosia", "organic", "(organic)"),
    ChannelLandingCase(
        "news.google.com is a search row", r: "https://news.google.com/articles/x", .organicSearch, "news.google.com",
        "referral", "(referral)"),
    ChannelLandingCase(
        "docs.google.com is a referral", r: "https://docs.google.com/document/d/x", .referral, "docs.google.com",
        "referral", "(referral)"),
    // Social
    ChannelLandingCase(
        "facebook.com", r: "https://www.facebook.com/", .organicSocial, "facebook.com", "referral", "(referral)"),
    ChannelLandingCase(
        "m.facebook.com", r: "https://m.facebook.com/", .organicSocial, "m.facebook.com", "referral", "(referral)"),
    ChannelLandingCase(
        "l.facebook.com", r: "https://l.facebook.com/l.php?u=x", .organicSocial, "l.facebook.com", "referral",
        "(referral)"),
    ChannelLandingCase("t.co", r: "https://t.co/AbC123", .organicSocial, "t.co", "referral", "(referral)"),
    ChannelLandingCase("lnkd.in", r: "https://lnkd.in/eXyZ", .organicSocial, "lnkd.in", "referral", "(referral)"),
    ChannelLandingCase(
        "instagram.com", r: "https://www.instagram.com/", .organicSocial, "instagram.com", "referral", "(referral)"),
    ChannelLandingCase(
        "reddit.com", r: "https://www.reddit.com/r/x/", .organicSocial, "reddit.com", "referral", "(referral)"),
    ChannelLandingCase(
        "pinterest.de", r: "https://www.pinterest.de/pin/1/", .organicSocial, "pinterest.de", "referral", "(referral)"),
    ChannelLandingCase(
        "pinterest.co.uk", r: "https://pinterest.co.uk/", .organicSocial, "pinterest.co.uk", "referral", "(referral)"),
    ChannelLandingCase(
        "news.ycombinator.com is social", r: "https://news.ycombinator.com/item?id=1", .organicSocial,
        "news.ycombinator.com", "referral", "(referral)"),
    ChannelLandingCase(
        "de.linkedin.com is no row", r: "https://de.linkedin.com/pulse/x", .referral, "de.linkedin.com", "referral",
        "(referral)"),
    // Video
    ChannelLandingCase(
        "youtube.com", r: "https://www.youtube.com/watch?v=x", .video, "youtube.com", "referral", "(referral)"),
    ChannelLandingCase("m.youtube.com", r: "https://m.youtube.com/", .video, "m.youtube.com", "referral", "(referral)"),
    ChannelLandingCase("vimeo.com", r: "https://vimeo.com/123", .video, "vimeo.com", "referral", "(referral)"),
    ChannelLandingCase("twitch.tv", r: "https://www.twitch.tv/x", .video, "twitch.tv", "referral", "(referral)"),
    ChannelLandingCase(
        "tiktok.com is social", r: "https://www.tiktok.com/@x", .organicSocial, "tiktok.com", "referral", "(referral)"),
    // Shopping
    ChannelLandingCase(
        "amazon.com", r: "https://www.amazon.com/dp/x", .organicShopping, "amazon.com", "referral", "(referral)"),
    ChannelLandingCase(
        "ebay.de", r: "https://www.ebay.de/itm/1", .organicShopping, "ebay.de", "referral", "(referral)"),
    ChannelLandingCase(
        "amazon.de is no row", r: "https://www.amazon.de/dp/x", .referral, "amazon.de", "referral", "(referral)"),
    // Webmail and apps (Clientele rules)
    ChannelLandingCase(
        "mail.google.com", r: "https://mail.google.com/mail/u/0/", .email, "mail.google.com", "email", "(referral)",
        channelSetDirectly: true),
    ChannelLandingCase(
        "outlook.live.com", r: "https://outlook.live.com/mail/0/", .email, "outlook.live.com", "email", "(referral)"),
    ChannelLandingCase(
        "uk.mail.yahoo.com", r: "https://uk.mail.yahoo.com/d/", .email, "uk.mail.yahoo.com", "email", "(referral)"),
    ChannelLandingCase(
        "outlook.office.com", r: "https://outlook.office.com/mail/", .email, "outlook.office.com", "email", "(referral)"
    ),
    ChannelLandingCase(
        "webmail. prefix", r: "https://webmail.example.net/?_task=mail", .email, "webmail.example.net", "email",
        "(referral)"),
    ChannelLandingCase(
        "Gmail app", r: "android-app://com.google.android.gm/", .email, "com.google.android.gm", "email", "(referral)"),
    ChannelLandingCase(
        "Google app", r: "android-app://com.google.android.googlequicksearchbox/https/www.google.com",
        .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "Facebook app", r: "android-app://com.facebook.katana/", .organicSocial, "facebook", "referral", "(referral)"),
    ChannelLandingCase(
        "unknown app", r: "android-app://com.example.reader", .referral, "com.example.reader", "referral",
        "(referral)"),
    // Other sites
    ChannelLandingCase(
        "example.org", r: "https://www.example.org/blog", .referral, "example.org", "referral", "(referral)"),
    ChannelLandingCase(
        "wikipedia", r: "https://en.wikipedia.org/wiki/X", .referral, "en.wikipedia.org", "referral", "(referral)"),
    // Internal
    ChannelLandingCase("internal", r: "https://shop.example/cart", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("internal www", r: "https://www.shop.example/", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase(
        "internal subdomain", r: "https://blog.shop.example/post", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase(
        "internal, case and port", r: "HTTPS://Shop.Example:8443/x", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase(
        "look-alike is external", r: "https://shop.example.evil.com/", .referral, "shop.example.evil.com", "referral",
        "(referral)"),
    // No or malformed referrer
    ChannelLandingCase("no query, no referrer", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("-", r: "-", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("empty", r: "", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("garbage", r: "garbage", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("no scheme", r: "www.google.com/search?q=x", .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase(
        "no scheme, other site", r: "example.org/page", .referral, "example.org", "referral", "(referral)"),
    ChannelLandingCase("scheme only", r: "http://", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("about:blank", r: "about:blank", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("extension", r: "chrome-extension://abc/popup.html", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("space in host", r: "https://bad host.com/", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase("empty app", r: "android-app://", .direct, "(direct)", "(none)", "(direct)"),
    ChannelLandingCase(
        "user info, trailing dot, case", r: "https://user:pw@Example.ORG./a", .referral, "example.org", "referral",
        "(referral)"),
    ChannelLandingCase("port", r: "https://www.google.com:443/", .organicSearch, "google", "organic", "(organic)"),
    ChannelLandingCase("upper case", r: "HTTPS://WWW.BING.COM/search", .organicSearch, "bing", "organic", "(organic)"),
    ChannelLandingCase("IP address", r: "http://203.0.113.7/page", .referral, "203.0.113.7", "referral", "(referral)"),
    ChannelLandingCase(
        "surrounding spaces", r: "  https://www.example.org/  ", .referral, "example.org", "referral", "(referral)"),
]

private let channelLandingCases = channelTaggedCases + channelDecodingCases + channelClickIDCases + channelReferrerCases

@Suite("ChannelClassifier")
struct ChannelClassifierTests {
    @Test("utm tagging", arguments: channelTaggedCases)
    func tagged(_ c: ChannelLandingCase) { check(c) }

    @Test("decoding and Unicode", arguments: channelDecodingCases)
    func decoding(_ c: ChannelLandingCase) { check(c) }

    @Test("click ids", arguments: channelClickIDCases)
    func clickIDs(_ c: ChannelLandingCase) { check(c) }

    @Test("referrers", arguments: channelReferrerCases)
    func referrers(_ c: ChannelLandingCase) { check(c) }

    private func check(_ c: ChannelLandingCase) {
        let got = ChannelClassifier.classify(query: c.query, referrer: c.referrer, siteHosts: site)
        #expect(got.channel == c.channel)
        #expect(got.source == c.source)
        #expect(got.medium == c.medium)
        #expect(got.campaign == c.campaign)
        #expect(got.clickID == c.clickID)
    }

    @Test("every channel but none is reached by some landing case")
    func coverage() {
        let reached = Set(channelLandingCases.map(\.channel))
        #expect(reached == Set(Channel.allCases))
    }

    @Test("the channel follows from source, medium and campaign, except where a Clientele rule sets it")
    func channelIsReproducible() {
        for c in channelLandingCases where !c.channelSetDirectly {
            let got = ChannelClassifier.classify(query: c.query, referrer: c.referrer, siteHosts: site)
            #expect(
                got.channel
                    == ChannelClassifier.channel(source: got.source, medium: got.medium, campaign: got.campaign),
                "\(c.name)")
        }
    }

    @Test("utm_term and utm_content are kept, decoded")
    func termAndContent() {
        let got = ChannelClassifier.classify(
            query: "utm_source=google&utm_medium=cpc&utm_term=red+shoes&utm_content=ad%20%C3%A9", referrer: nil,
            siteHosts: site)
        #expect(got.term == "red shoes")
        #expect(got.content == "ad é")
        let referred = ChannelClassifier.classify(
            query: "utm_term=x", referrer: "https://www.google.de/", siteHosts: site)
        #expect(referred.channel == .organicSearch)
        #expect(referred.term == "x")
        #expect(referred.content == nil)
    }

    @Test("enum raw values are GA4's channel names")
    func names() {
        #expect(
            Channel.allCases.map(\.rawValue) == [
                "Direct", "Organic Search", "Paid Search", "Paid Social", "Organic Social", "Email", "Affiliates",
                "Referral", "Display", "Organic Video", "Paid Video", "Paid Shopping", "Organic Shopping", "Paid Other",
                "Cross-network", "Audio", "SMS", "Mobile Push Notifications", "Unassigned",
            ])
    }

    @Test("TrafficSource round-trips through JSON with GA4's names")
    func codable() throws {
        let source = TrafficSource(
            channel: .mobilePush, source: "app", medium: "push", campaign: "Été", term: nil, content: nil,
            clickID: "gclid")
        let data = try JSONEncoder().encode(source)
        #expect(String(decoding: data, as: UTF8.self).contains("\"Mobile Push Notifications\""))
        #expect(try JSONDecoder().decode(TrafficSource.self, from: data) == source)
    }
}

// MARK: - GA4 rules on source / medium / campaign

/// Source, medium, campaign and the channel GA4's rules give them.
struct ChannelRuleCase: CustomTestStringConvertible, Sendable {
    var source: String
    var medium: String
    var campaign: String?
    var channel: Channel
    var testDescription: String { "\(source) / \(medium) / \(campaign ?? "-") → \(channel.rawValue)" }

    init(_ source: String, _ medium: String, _ campaign: String?, _ channel: Channel) {
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.channel = channel
    }
}

private let channelRuleCases: [ChannelRuleCase] = [
    ChannelRuleCase("(direct)", "(none)", nil, .direct),
    ChannelRuleCase("(DIRECT)", "(not set)", nil, .direct),
    ChannelRuleCase("(direct)", "cpc", nil, .paidOther),
    ChannelRuleCase("google", "organic", "cross-network", .crossNetwork),
    ChannelRuleCase("ebay", "ppc", nil, .paidShopping),
    ChannelRuleCase("x", "cpc", "shopping_q4", .paidShopping),
    ChannelRuleCase("x", "cpc", "myworkshopping", .paidShopping),
    ChannelRuleCase("google", "paidsearch", nil, .paidSearch),
    ChannelRuleCase("Google Shopping", "cpc", nil, .paidShopping),
    ChannelRuleCase("IGShopping", "social", nil, .organicShopping),
    ChannelRuleCase("t.co", "cpc", nil, .paidSocial),
    ChannelRuleCase("twitch", "cpc", nil, .paidVideo),
    ChannelRuleCase("x", "expandable", nil, .display),
    ChannelRuleCase("x", "retargeting", nil, .paidOther),
    ChannelRuleCase("amazon.co.uk", "referral", nil, .organicShopping),
    ChannelRuleCase("x", "social network", nil, .organicSocial),
    ChannelRuleCase("x", "social-network", nil, .organicSocial),
    ChannelRuleCase("x", "social-media", nil, .organicSocial),
    ChannelRuleCase("x", "webvideo", nil, .video),
    ChannelRuleCase("mail.google.com", "referral", "(referral)", .organicSearch),
    ChannelRuleCase("x", "organic", nil, .organicSearch),
    ChannelRuleCase("email", "referral", nil, .referral),
    ChannelRuleCase("x", "e-mail", nil, .email),
    ChannelRuleCase("x", "affiliate", nil, .affiliates),
    ChannelRuleCase("x", "audio", nil, .audio),
    ChannelRuleCase("sms", "x", nil, .sms),
    ChannelRuleCase("x", "apppush", nil, .mobilePush),
    ChannelRuleCase("x", "mobile", nil, .mobilePush),
    ChannelRuleCase("x", "newsletter", nil, .unassigned),
    ChannelRuleCase("x", "(not set)", nil, .unassigned),
]

@Test("GA4 rules on source, medium and campaign", arguments: channelRuleCases)
func channelGA4Rule(_ c: ChannelRuleCase) {
    #expect(ChannelClassifier.channel(source: c.source, medium: c.medium, campaign: c.campaign) == c.channel)
}

@Test(
    "GA4's shopping campaign regex ^(.*(([^a-df-z]|^)shop|shopping).*)$",
    arguments: [
        ("shop", true), ("shopnow", true), ("eshop", true), ("summer_shop", true), ("2026shop", true),
        ("caféshop", true), ("workshopping", true), ("workshop", false), ("bishop", false), ("shoe", false),
        ("", false), ("sho", false), ("my shop", true),
    ])
func channelShoppingCampaignRegex(_ campaign: String, _ expected: Bool) {
    #expect(ChannelClassifier.isShoppingCampaign(campaign) == expected)
}

@Test(
    "GA4's paid regex ^(.*cp.*|ppc|retargeting|paid.*)$",
    arguments: [
        ("cpc", true), ("cpm", true), ("cpv", true), ("cpa", true), ("xcpx", true), ("ppc", true),
        ("retargeting", true), ("paid", true), ("paid_social", true), ("unpaid", false), ("ppc2", false),
        ("organic", false), ("email", false), ("retargeting2", false),
    ])
func channelPaidMediumRegex(_ medium: String, _ expected: Bool) {
    #expect(ChannelClassifier.isPaidMedium(medium) == expected)
}

// MARK: - Source lists

@Suite("SourceCategories")
struct SourceCategoriesTests {
    @Test("GA4's list has its published size")
    func sizes() {
        #expect(SourceCategories.ga4Search.count == 131)
        #expect(SourceCategories.ga4Social.count == 590)
        #expect(SourceCategories.ga4Shopping.count == 52)
        #expect(SourceCategories.ga4Video.count == 46)
        let all =
            SourceCategories.ga4Search + SourceCategories.ga4Social + SourceCategories.ga4Shopping
            + SourceCategories.ga4Video
        #expect(Set(all.map { $0.lowercased() }).count == 819)
    }

    @Test(
        "rows and their categories",
        arguments: [
            ("google", SourceCategories.Category.search), ("GOOGLE", .search), ("bing", .search),
            ("duckduckgo", .search), ("ecosia.org", .search), ("yandex.ru", .search), ("mail.google.com", .search),
            ("facebook.com", .social), ("l.facebook.com", .social), ("t.co", .social), ("lnkd.in", .social),
            ("tiktok", .social), ("pinterest.co.uk", .social), ("news.ycombinator.com", .social),
            ("youtube.com", .video), ("m.youtube.com", .video), ("vimeo.com", .video), ("twitch.tv", .video),
            ("amazon.com", .shopping), ("ebay.de", .shopping), ("google shopping", .shopping),
            ("igshopping", .shopping),
        ])
    func rows(_ source: String, _ category: SourceCategories.Category) {
        #expect(SourceCategories.category(of: source) == category)
    }

    @Test("not rows", arguments: ["google.de", "amazon.de", "de.linkedin.com", "example.org", "", "duckduckgo.com"])
    func notRows(_ source: String) {
        #expect(SourceCategories.category(of: source) == nil)
    }

    @Test("every search engine has its name or its host in GA4's search category")
    func enginesAreGA4Search() {
        for (host, engine) in SourceCategories.searchEngineHosts {
            #expect(
                SourceCategories.category(of: engine) == .search || SourceCategories.category(of: host) == .search,
                "\(host) → \(engine)")
        }
        for engine in SourceCategories.searchEngineBrands.values {
            #expect(SourceCategories.category(of: engine) == .search)
        }
    }

    @Test(
        "search engine hosts",
        arguments: [
            ("google.com", "google"), ("www.google.co.uk", "google"), ("google.com.au", "google"),
            ("google.cat", "google"), ("yandex.com.tr", "yandex"), ("r.search.yahoo.com", "yahoo"),
            ("www.ecosia.org", "ecosia"),
        ])
    func engines(_ host: String, _ engine: String) {
        #expect(SourceCategories.searchEngine(host: host) == engine)
    }

    @Test(
        "not search engine hosts",
        arguments: ["mail.google.com", "news.google.com", "google.evil.com", "google.com.evil", "google.", "yahoo.com"])
    func notEngines(_ host: String) {
        #expect(SourceCategories.searchEngine(host: host) == nil)
    }

    @Test("social and video apps and other networks' click ids use GA4 row names")
    func appAndClickSourcesAreRows() {
        for (package, app) in SourceCategories.androidApps where app.medium == "referral" {
            #expect(SourceCategories.category(of: app.source) != nil, "\(package)")
        }
        for click in ChannelClassifier.otherNetworkClickIDs {
            #expect(SourceCategories.category(of: click.source) != nil, "\(click.parameter)")
        }
    }

    @Test("webmail hosts are lowercase, without www., and not search engines")
    func webmail() {
        for host in SourceCategories.webmailHosts {
            #expect(host == host.lowercased() && !host.hasPrefix("www."), "\(host)")
            #expect(SourceCategories.searchEngine(host: host) == nil, "\(host)")
            #expect(SourceCategories.isWebmail(host: host))
        }
        #expect(SourceCategories.isWebmail(host: "www.fastmail.com"))
        #expect(!SourceCategories.isWebmail(host: "mail.example.com"))
    }
}
