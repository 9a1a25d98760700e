import LogModel
/// GA4 default channel group names, exactly as GA4 spells them.
///
/// The channels of the `[GA4] Default channel group` article (support.google.com/analytics/answer/9756891); each
/// case's comment gives GA4's rule for manually tagged traffic, which is the rule `ChannelClassifier` applies.
/// "List of search/social/shopping/video sites" means GA4's source categories (`SourceCategories`); "paid medium"
/// means the medium matches `^(.*cp.*|ppc|retargeting|paid.*)$`. Rules ignore case.
package enum Channel: String, Sendable, Codable, CaseIterable {
    /// Source is `(direct)` and medium is `(not set)` or `(none)`: a typed or saved URL, or no usable referrer.
    case direct = "Direct"
    /// Source in the list of search sites, or medium `organic`.
    case organicSearch = "Organic Search"
    /// Source in the list of search sites and a paid medium.
    case paidSearch = "Paid Search"
    /// Source in the list of social sites and a paid medium.
    case paidSocial = "Paid Social"
    /// Source in the list of social sites, or medium one of `social`, `social-network`, `social-media`, `sm`,
    /// `social network`, `social media`.
    case organicSocial = "Organic Social"
    /// Source or medium one of `email`, `e-mail`, `e_mail`, `e mail`.
    case email = "Email"
    /// Medium `affiliate`.
    case affiliates = "Affiliates"
    /// Medium one of `referral`, `app`, `link`.
    case referral = "Referral"
    /// Medium one of `display`, `banner`, `expandable`, `interstitial`, `cpm`.
    case display = "Display"
    /// Source in the list of video sites, or the medium contains `video`.
    case video = "Organic Video"
    /// Source in the list of video sites and a paid medium.
    case paidVideo = "Paid Video"
    /// Source in the list of shopping sites, or a shopping campaign name, and a paid medium.
    case paidShopping = "Paid Shopping"
    /// Source in the list of shopping sites, or a campaign name matching `^(.*(([^a-df-z]|^)shop|shopping).*)$`.
    case organicShopping = "Organic Shopping"
    /// A paid medium whose source is in none of the lists.
    case paidOther = "Paid Other"
    /// Campaign name contains `cross-network` (Google Ads Performance Max and similar campaigns).
    case crossNetwork = "Cross-network"
    /// Medium `audio`.
    case audio = "Audio"
    /// Source or medium `sms`.
    case sms = "SMS"
    /// Medium ends with `push` or contains `mobile` or `notification`, or source `firebase`.
    case mobilePush = "Mobile Push Notifications"
    /// No rule matched, for example a campaign tagged with an unknown medium such as `utm_medium=newsletter`.
    case unassigned = "Unassigned"
}

/// What a session's landing hit says about where it came from.
///
/// Values follow GA4's session traffic-source dimensions (`[GA4] Traffic-source dimensions, manual tagging, and
/// auto-tagging`, support.google.com/analytics/answer/11242870). Tagged values keep the case they were sent in
/// (after percent-decoding); referrer hosts are lowercased.
package struct TrafficSource: Sendable, Hashable, Codable {
    /// The GA4 default channel group.
    package var channel: Channel
    /// Session source: `utm_source`, an engine name (`google`), a referrer host without `www.` (`l.facebook.com`),
    /// `(direct)`, or `(not set)` for a tagged link without `utm_source`.
    package var source: String
    /// Session medium: `utm_medium`, `organic`, `referral`, `cpc`, `email`, `(none)` for direct, or `(not set)`.
    package var medium: String
    /// Session campaign: `utm_campaign`; `(organic)`, `(referral)` or `(direct)` for untagged visits as GA4 names them;
    /// `nil` for a tagged or ad-click visit without `utm_campaign` (GA4 shows `(not set)`).
    package var campaign: String?
    /// `utm_term`, when present.
    package var term: String?
    /// `utm_content`, when present.
    package var content: String?
    /// The click-id parameter present on the landing URL, highest precedence first (`ChannelClassifier.clickIDs`):
    /// `gclid`, `gbraid`, `wbraid`, `dclid`, `msclkid`, `ttclid`, `twclid`, `li_fat_id`, `fbclid`; `nil` if none.
    package var clickID: String?

    /// Makes a traffic source from its parts.
    package init(
        channel: Channel,
        source: String,
        medium: String,
        campaign: String? = nil,
        term: String? = nil,
        content: String? = nil,
        clickID: String? = nil
    ) {
        self.channel = channel
        self.source = source
        self.medium = medium
        self.campaign = campaign
        self.term = term
        self.content = content
        self.clickID = clickID
    }
}

/// Assigns a session's landing request to a GA4 default channel group.
///
/// Two steps, as GA4 does them: first the landing request's session source, medium and campaign, then GA4's channel
/// rules on those three values (`channel(source:medium:campaign:)`).
///
/// **Source, medium and campaign**, first that applies:
/// 1. Google auto-tagging: `gclid`, `gbraid` or `wbraid` → `google` / `cpc`; `dclid` (Campaign Manager 360 and
///    Display & Video 360) → `dv360` / `cpm`. These win over `utm_*` parameters on the same URL: "If you use manual
///    tagging and auto tagging together, then the source, medium, and other traffic-classification dimensions use
///    the auto-tagged values" (answer 11242870). GA4 would take the campaign name from the linked ad account; lacking
///    it, `utm_campaign` is kept (or `nil`). `utm_term` and `utm_content` are kept, as GA4 keeps them.
/// 2. Manual tagging (answer 11242870): when `utm_source`, `utm_medium` or `utm_campaign` has a value, the source is
///    `utm_source` and the medium `utm_medium`, each `(not set)` when missing. This wins over the referrer, also
///    an internal one.
/// 3. Other ad networks' click ids, without `utm_*` (a Clientele rule: GA4 reads only Google's click ids; these
///    networks append theirs only to ad clicks, and their URL templates usually add the same `utm_*` values):
///    `msclkid` → `bing` / `cpc` (Paid Search), `ttclid` → `tiktok` / `cpc`, `twclid` → `twitter` / `cpc`,
///    `li_fat_id` → `linkedin` / `cpc` (Paid Social). `fbclid` decides nothing, as in GA4: Facebook adds it to
///    organic and paid links alike, so the referrer decides and `clickID` records it.
/// 4. The referrer (`nil`, empty or `-` = none):
///    - none, unreadable, or internal (its host, without `www.`, is one of `siteHosts` or a subdomain of one) →
///      Direct: `(direct)` / `(none)` / `(direct)`. An internal referrer without tags does not start a new source.
///    - a search engine results page (`SourceCategories.searchEngine(host:)`) → engine name / `organic` /
///      `(organic)`: `www.google.co.uk` → `google`, `search.yahoo.co.jp` → `yahoo`.
///    - a webmail host (`SourceCategories.isWebmail(host:)`) → host / `email` / `(referral)`, channel Email. This is
///      a Clientele rule that overrides GA4: GA4 reports host / `referral`, which its rules call Referral (or
///      Organic Search for `mail.google.com`, a row of GA4's search list).
///    - `android-app://<package>/` → `SourceCategories.androidApp(_:)` when the package is known (the Gmail app →
///      Email, the Google app → `google` / `organic`), else package / `referral` (Clientele rules; GA4 has none).
///    - any other host → host without `www.` / `referral` / `(referral)`, then GA4's rules: `l.facebook.com` is
///      Organic Social and `amazon.com` Organic Shopping through GA4's lists, `example.org` is Referral.
///
/// Referrers are read leniently: scheme and host ignore case, a port, user info and a trailing dot are dropped, and
/// a referrer without a scheme counts when it starts with a dotted host name (`www.google.com/search`). Any other
/// scheme (`about:`, `file:`, `chrome-extension:`) and text that is not a host (`garbage`) count as no referrer.
///
/// Query parameters are `&`-separated `key=value` pairs up to an optional `#`; keys and values are percent-decoded
/// (`+` is a space; invalid UTF-8 becomes U+FFFD; a `%` not followed by two hex digits stays as it is). Keys match
/// exactly, in lowercase, like `utm_source`; for each key the first non-empty value counts.
package enum ChannelClassifier {
    /// Classifies a landing request.
    ///
    /// Cost: one pass over the query's bytes (keys are decoded, values only for `utm_*` keys), one lowercased copy of
    /// the referrer, and a few hash lookups; no regular expressions. Meant for a session's landing hit, not every hit.
    ///
    /// - Parameters:
    ///   - query: The raw query string of the landing URL, without `?`, percent-encoded; `nil` when there is none.
    ///   - referrer: The `Referer` header as logged; `nil`, empty or `-` when absent.
    ///   - siteHosts: The site's own host names (`shop.example.com`); case, a port and `www.` are ignored. Referrers
    ///     from these hosts or their subdomains are internal: without tags they classify as Direct.
    /// - Returns: The channel with the source, medium and campaign it was decided from.
    package static func classify(query: String?, referrer: String?, siteHosts: Set<String>) -> TrafficSource {
        let tags = LandingTags(query: query ?? "")
        let clickID = clickIDs.first { tags.clickIDs.contains($0) }

        if let google = googleAutoTagging.first(where: { tags.clickIDs.contains($0.parameter) }) {
            return tagged(source: google.source, medium: google.medium, tags: tags, clickID: clickID)
        }
        if tags.hasCampaign {
            return tagged(source: tags.source ?? notSet, medium: tags.medium ?? notSet, tags: tags, clickID: clickID)
        }
        if let paid = otherNetworkClickIDs.first(where: { tags.clickIDs.contains($0.parameter) }) {
            return tagged(source: paid.source, medium: paid.medium, tags: tags, clickID: clickID)
        }

        var result: TrafficSource
        switch referrerKind(referrer) {
        case .none:
            result = TrafficSource(channel: .direct, source: "(direct)", medium: "(none)", campaign: "(direct)")
        case .web(let host):
            let bareHost = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
            if isInternal(bareHost, siteHosts: siteHosts) {
                result = TrafficSource(channel: .direct, source: "(direct)", medium: "(none)", campaign: "(direct)")
            } else if let engine = SourceCategories.searchEngine(host: host) {
                result = untagged(source: engine, medium: "organic")
            } else if SourceCategories.isWebmail(host: host) {
                result = TrafficSource(channel: .email, source: bareHost, medium: "email", campaign: "(referral)")
            } else {
                result = untagged(source: bareHost, medium: "referral")
            }
        case .androidApp(let packageName):
            if let app = SourceCategories.androidApp(packageName) {
                result = untagged(source: app.source, medium: app.medium)
            } else {
                result = untagged(source: packageName, medium: "referral")
            }
        }
        result.term = tags.term
        result.content = tags.content
        result.clickID = clickID
        return result
    }

    /// GA4's default channel group for a session's source, medium and campaign.
    ///
    /// The rules of `[GA4] Default channel group` (support.google.com/analytics/answer/9756891), table "Channels for
    /// manual traffic", evaluated in the order of GA4's system-defined Default Channel Group, first match wins; values
    /// are compared ignoring case ("Channel definitions aren't case sensitive"):
    /// 1. Direct: source is `(direct)` and medium is `(not set)` or `(none)`.
    /// 2. Cross-network: campaign contains `cross-network`.
    /// 3. Paid Shopping: (source in the shopping list or campaign matches `^(.*(([^a-df-z]|^)shop|shopping).*)$`)
    ///    and medium matches `^(.*cp.*|ppc|retargeting|paid.*)$` ("paid medium").
    /// 4. Paid Search: source in the search list and a paid medium.
    /// 5. Paid Social: source in the social list and a paid medium.
    /// 6. Paid Video: source in the video list and a paid medium.
    /// 7. Display: medium is `display`, `banner`, `expandable`, `interstitial` or `cpm`.
    /// 8. Paid Other: a paid medium.
    /// 9. Organic Shopping: source in the shopping list or a shopping campaign (as in 3).
    /// 10. Organic Social: source in the social list or medium `social`, `social-network`, `social-media`, `sm`,
    ///     `social network` or `social media`.
    /// 11. Organic Video: source in the video list or medium matches `^(.*video.*)$`.
    /// 12. Organic Search: source in the search list or medium `organic`.
    /// 13. Referral: medium `referral`, `app` or `link`.
    /// 14. Email: source or medium `email`, `e-mail`, `e_mail` or `e mail`.
    /// 15. Affiliates: medium `affiliate`.
    /// 16. Audio: medium `audio`.
    /// 17. SMS: source or medium `sms`.
    /// 18. Mobile Push Notifications: medium ends with `push` or contains `mobile` or `notification`, or source
    ///     `firebase`.
    /// 19. Unassigned.
    ///
    /// The lists are GA4's source categories (`SourceCategories.category(of:)`), matched against the whole source.
    /// Consequences worth knowing: `cpm` and `cpv` are paid media (they contain `cp`), so `google` / `cpm` is Paid
    /// Search; a shopping campaign name beats the source (`google` / `cpc` / `summer_shop` is Paid Shopping, and
    /// `newsletter` / `email` / `eshop` is Organic Shopping), while `workshop` is no shopping campaign; `tiktok` is
    /// social, so `tiktok` / `video` is Organic Social.
    ///
    /// GA4's rules for traffic it resolves through linked Google Ads, Display & Video 360 and Search Ads 360 accounts
    /// (ad network type, creative format) need data a web log does not have and are not applied.
    ///
    /// Cost: lowercasing copies of the three values and one hash lookup.
    ///
    /// - Parameters:
    ///   - source: The session source.
    ///   - medium: The session medium.
    ///   - campaign: The session campaign name; `nil` when not set.
    /// - Returns: The first matching channel, or `.unassigned`.
    package static func channel(source: String, medium: String, campaign: String?) -> Channel {
        let source = source.lowercased()
        let medium = medium.lowercased()
        let campaign = campaign?.lowercased() ?? ""

        if source == "(direct)" && (medium == "(not set)" || medium == "(none)") {
            return .direct
        }
        if campaign.contains("cross-network") {
            return .crossNetwork
        }
        let category = SourceCategories.category(of: source)
        let isPaid = isPaidMedium(medium)
        let isShopping = category == .shopping || isShoppingCampaign(campaign)
        if isPaid {
            if isShopping {
                return .paidShopping
            }
            switch category {
            case .search: return .paidSearch
            case .social: return .paidSocial
            case .video: return .paidVideo
            case .shopping, nil: break
            }
        }
        if displayMedia.contains(medium) {
            return .display
        }
        if isPaid {
            return .paidOther
        }
        if isShopping {
            return .organicShopping
        }
        if category == .social || socialMedia.contains(medium) {
            return .organicSocial
        }
        if category == .video || medium.contains("video") {
            return .video
        }
        if category == .search || medium == "organic" {
            return .organicSearch
        }
        if referralMedia.contains(medium) {
            return .referral
        }
        if emailValues.contains(source) || emailValues.contains(medium) {
            return .email
        }
        if medium == "affiliate" {
            return .affiliates
        }
        if medium == "audio" {
            return .audio
        }
        if source == "sms" || medium == "sms" {
            return .sms
        }
        if medium.hasSuffix("push") || medium.contains("mobile") || medium.contains("notification")
            || source == "firebase"
        {
            return .mobilePush
        }
        return .unassigned
    }

    /// The click-id parameters Clientele records, in precedence order: Google's auto-tagging ids, then other ad
    /// networks' ids, then `fbclid`.
    package static let clickIDs: [String] = [
        "gclid", "gbraid", "wbraid", "dclid", "msclkid", "ttclid", "twclid", "li_fat_id", "fbclid",
    ]

    /// Google auto-tagging parameters and the source and medium GA4 gives them (answer 11242870; `dclid` traffic is
    /// Display & Video 360 / Campaign Manager 360, reported here as `dv360` / `cpm`, which GA4's rules call Display).
    package static let googleAutoTagging: [(parameter: String, source: String, medium: String)] = [
        ("gclid", "google", "cpc"), ("gbraid", "google", "cpc"), ("wbraid", "google", "cpc"), ("dclid", "dv360", "cpm"),
    ]

    /// Other ad networks' click ids and the source and medium Clientele gives them when no `utm_*` is present (not a
    /// GA4 rule; see the type's documentation). Each source is a row of GA4's search or social list.
    package static let otherNetworkClickIDs: [(parameter: String, source: String, medium: String)] = [
        ("msclkid", "bing", "cpc"), ("ttclid", "tiktok", "cpc"), ("twclid", "twitter", "cpc"),
        ("li_fat_id", "linkedin", "cpc"),
    ]

    // MARK: - GA4 rule parts

    /// Whether a lowercased medium matches GA4's paid regex `^(.*cp.*|ppc|retargeting|paid.*)$`.
    static func isPaidMedium(_ medium: String) -> Bool {
        medium.contains("cp") || medium == "ppc" || medium == "retargeting" || medium.hasPrefix("paid")
    }

    /// Whether a lowercased campaign name matches GA4's shopping regex `^(.*(([^a-df-z]|^)shop|shopping).*)$`:
    /// it contains `shopping`, or `shop` at the start or after any character but the letters `a`–`d` and `f`–`z`
    /// (so `eshop`, `summer_shop`, `2026shop` and `caféshop` match; `workshop` does not).
    static func isShoppingCampaign(_ campaign: String) -> Bool {
        if campaign.contains("shopping") {
            return true
        }
        let scalars = Array(campaign.unicodeScalars)
        guard scalars.count >= 4 else { return false }
        for index in 0...(scalars.count - 4)
        where scalars[index] == "s" && scalars[index + 1] == "h" && scalars[index + 2] == "o"
            && scalars[index + 3] == "p"
        {
            guard index > 0 else { return true }
            let before = scalars[index - 1]
            let isExcludedLetter = ("a"..."d").contains(before) || ("f"..."z").contains(before)
            if !isExcludedLetter {
                return true
            }
        }
        return false
    }

    /// GA4's Display media.
    static let displayMedia: Set<String> = ["display", "banner", "expandable", "interstitial", "cpm"]
    /// GA4's Organic Social media.
    static let socialMedia: Set<String> = [
        "social", "social-network", "social-media", "sm", "social network", "social media",
    ]
    /// GA4's Referral media.
    static let referralMedia: Set<String> = ["referral", "app", "link"]
    /// GA4's Email sources and media.
    static let emailValues: Set<String> = ["email", "e-mail", "e_mail", "e mail"]

    private static let notSet = "(not set)"

    // MARK: - Building results

    private static func tagged(source: String, medium: String, tags: LandingTags, clickID: String?) -> TrafficSource {
        TrafficSource(
            channel: channel(source: source, medium: medium, campaign: tags.campaign),
            source: source,
            medium: medium,
            campaign: tags.campaign,
            term: tags.term,
            content: tags.content,
            clickID: clickID
        )
    }

    private static func untagged(source: String, medium: String) -> TrafficSource {
        let campaign = medium == "organic" ? "(organic)" : "(referral)"
        return TrafficSource(
            channel: channel(source: source, medium: medium, campaign: campaign),
            source: source,
            medium: medium,
            campaign: campaign
        )
    }

    /// Whether a referrer comes from the site itself (a page of `siteHosts`), so it brings no
    /// new traffic source. An absent referrer (`nil`, empty, `-`) counts as internal.
    package static func isInternalReferrer(_ referrer: String, siteHosts: Set<String>) -> Bool {
        guard case .web(let host) = referrerKind(referrer) else { return referrerKind(referrer) == .none }
        let bareHost = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        return isInternal(bareHost, siteHosts: siteHosts)
    }

    /// The lowercased host of a web referrer (`https://www.Shop.example/x` → `www.shop.example`), or
    /// `nil` when the referrer is absent or not a web address.
    package static func host(ofReferrer referrer: String) -> String? {
        guard case .web(let host) = referrerKind(referrer) else { return nil }
        return host
    }

    /// An `http://` or `https://` referrer up to the end of its authority (its host depends on
    /// nothing after that: `host(ofReferrer:)` gives the same for both); any
    /// other referrer whole.
    static func hostPart(ofReferrer referrer: ByteView) -> ByteView {
        var start = 0
        if referrer.count > 8, referrer.slice(0, 8).equalsIgnoringCase("https://") {
            start = 8
        } else if referrer.count > 7, referrer.slice(0, 7).equalsIgnoringCase("http://") {
            start = 7
        } else {
            return referrer
        }
        var end = start
        while end < referrer.count, referrer[end] != UInt8(ascii: "/"), referrer[end] != UInt8(ascii: "?"), referrer[end] != UInt8(ascii: "#") {
            end += 1
        }
        return referrer.slice(0, end)
    }

    private static func isInternal(_ bareHost: String, siteHosts: Set<String>) -> Bool {
        for site in siteHosts {
            let site = normalizedSiteHost(site)
            if !site.isEmpty && (bareHost == site || bareHost.hasSuffix("." + site)) {
                return true
            }
        }
        return false
    }

    /// A configured site host lowercased, without port, trailing dot or leading `www.`.
    private static func normalizedSiteHost(_ site: String) -> String {
        var host = Substring(site.lowercased())
        if !host.hasPrefix("["), let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        while host.hasSuffix(".") {
            host = host.dropLast()
        }
        if host.hasPrefix("www.") {
            host = host.dropFirst(4)
        }
        return String(host)
    }

    // MARK: - Referrers

    /// What a `Referer` value names.
    enum ReferrerKind: Equatable {
        /// Absent, unreadable, or not a web or app referrer.
        case none
        /// A web page on this host (lowercased, without port, user info or trailing dot; `www.` kept).
        case web(host: String)
        /// An Android app, by package name (lowercased).
        case androidApp(String)
    }

    /// Reads a `Referer` value leniently; see the type's documentation.
    static func referrerKind(_ referrer: String?) -> ReferrerKind {
        guard let referrer else { return .none }
        let text = referrer.lowercased().trimmingSpaces()
        if text.isEmpty || text == "-" {
            return .none
        }
        guard let separator = text.firstRange(of: "://") else {
            // No scheme: accept `host/path` when it starts with a dotted host name.
            if text.hasPrefix("//") {
                return webReferrer(authorityOf: text.dropFirst(2), requireDot: false)
            }
            return webReferrer(authorityOf: text[...], requireDot: true)
        }
        let scheme = text[..<separator.lowerBound]
        let rest = text[separator.upperBound...]
        switch scheme {
        case "http", "https":
            return webReferrer(authorityOf: rest, requireDot: false)
        case "android-app":
            let packageName = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let isPackage =
                !packageName.isEmpty
                && packageName.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "_"
                }
            return isPackage ? .androidApp(String(packageName)) : .none
        default:
            return .none
        }
    }

    private static func webReferrer(authorityOf rest: Substring, requireDot: Bool) -> ReferrerKind {
        var host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = host.lastIndex(of: "@") {
            host = host[host.index(after: at)...]
        }
        if host.hasPrefix("[") {
            // IPv6 literal: keep the brackets, drop the port.
            guard let close = host.firstIndex(of: "]") else { return .none }
            return .web(host: String(host[...close]))
        }
        if let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        while host.hasSuffix(".") {
            host = host.dropLast()
        }
        let isHostName =
            !host.isEmpty && !host.hasPrefix(".") && !host.hasPrefix("-")
            && host.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "." || $0 == "_"
                    || $0.value >= 0x80
            }
        guard isHostName, !requireDot || host.contains(".") else { return .none }
        return .web(host: String(host))
    }

    // MARK: - Query parameters

    /// The campaign parameters and click ids of a landing URL's query.
    struct LandingTags {
        /// `utm_source`.
        var source: String?
        /// `utm_medium`.
        var medium: String?
        /// `utm_campaign`.
        var campaign: String?
        /// `utm_term`.
        var term: String?
        /// `utm_content`.
        var content: String?
        /// The click-id parameters present with a non-empty value.
        var clickIDs: Set<String> = []

        /// Whether the URL is manually tagged: `utm_source`, `utm_medium` or `utm_campaign` has a value.
        var hasCampaign: Bool { source != nil || medium != nil || campaign != nil }

        /// Reads a raw query string; see `ChannelClassifier` for the decoding rules.
        init(query: String) {
            var bytes = Array(query.utf8)
            if let hash = bytes.firstIndex(of: UInt8(ascii: "#")) {
                bytes.removeSubrange(hash...)
            }
            var start = 0
            while start < bytes.count {
                let end = bytes[start...].firstIndex(of: UInt8(ascii: "&")) ?? bytes.count
                let pair = bytes[start..<end]
                if !pair.isEmpty {
                    let equals = pair.firstIndex(of: UInt8(ascii: "=")) ?? pair.endIndex
                    let value = equals < pair.endIndex ? pair[(equals + 1)...] : []
                    record(key: ChannelClassifier.percentDecoded(pair[..<equals]), rawValue: value)
                }
                start = end + 1
            }
        }

        private mutating func record(key: String, rawValue: ArraySlice<UInt8>) {
            switch key {
            case "utm_source": Self.keep(&source, rawValue)
            case "utm_medium": Self.keep(&medium, rawValue)
            case "utm_campaign": Self.keep(&campaign, rawValue)
            case "utm_term": Self.keep(&term, rawValue)
            case "utm_content": Self.keep(&content, rawValue)
            default:
                if !rawValue.isEmpty && ChannelClassifier.clickIDs.contains(key) {
                    clickIDs.insert(key)
                }
            }
        }

        private static func keep(_ slot: inout String?, _ rawValue: ArraySlice<UInt8>) {
            guard slot == nil, !rawValue.isEmpty else { return }
            slot = ChannelClassifier.percentDecoded(rawValue)
        }
    }

    /// Decodes one query component: `+` is a space, `%HH` a byte; the bytes are read as UTF-8 (invalid sequences
    /// become U+FFFD); a `%` not followed by two hex digits is kept.
    static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "%")) || bytes.contains(UInt8(ascii: "+")) else {
            return String(decoding: bytes, as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
                index += 1
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    fileprivate func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
