import LogModel

/// Per-line classification for `clientele parse --classify`: what the ingest decides about one
/// hit on its own, so a distributed job (the Spark job in `spark/`) reads the same decisions
/// instead of re-implementing the bot list, the asset rules, the site profile and GA4's channel
/// rules.
///
/// Everything here depends on the line alone. What depends on other lines (the site's hosts
/// inferred from asset referrers, bot behaviour, sessions) is left to the caller, which gets
/// what it needs to decide it: the referrer's host and the line's traffic source both as if
/// the referrer were outside the site and as if it were the site's own.
///
/// Cost: each distinct user agent, path and query is classified once (cached per worker);
/// the channel rules run only for pages whose query is tagged or whose referrer is a web or
/// app address.
package struct HitClassifier {
    let profile: SiteProfile
    let customerParameters: [String]
    private var agents: [String: UserAgentInfo] = [:]
    private var pathClasses: [String: PageviewCollector.PathClass] = [:]

    /// - Parameters:
    ///   - profile: The site profile that gives page kinds.
    ///   - customerParameters: Query parameters carrying a customer id (as `--customer-param`).
    package init(profile: SiteProfile, customerParameters: [String]) {
        self.profile = profile
        self.customerParameters = customerParameters.map { $0.lowercased() }
    }

    /// Writes `"c":{...}` for one hit: `ts` (microseconds, UTC), `bot` and `bot_category`
    /// (a listed bot's name, or null), `path_class` (`page`, `subresource`, `other`, `robots`),
    /// and for pages `kind`, `item`, `quantity`, `url_customer`; `ref_kind` (`none`, `web`,
    /// `app`), `ref_host` (a web referrer's lowercased host), `tagged` (utm_* or a click id),
    /// `traffic` (`[channel, source, medium, campaign]` with no site host known) and
    /// `traffic_internal` (the same with the referrer's host as a site host).
    mutating func write(_ hit: Hit, decodedPath: ByteView, into writer: inout JSONBytesWriter) {
        writer.key("c")
        writer.raw("{")
        writer.key("ts")
        writer.integer(hit.time)
        let agent = hit.userAgent.string
        let info: UserAgentInfo
        if let known = agents[agent] {
            info = known
        } else {
            info = UserAgentClassifier.classify(agent)
            agents[agent] = info
        }
        writer.raw(",")
        writer.key("bot")
        if info.isBot {
            writer.string(info.botName ?? UserAgentInfo.unnamedBotName)
            writer.raw(",")
            writer.key("bot_category")
            writer.string(info.botCategory?.rawValue ?? "other")
            writer.raw("}")
            return
        }
        writer.null()
        let path = decodedPath.string
        let pathClass: PageviewCollector.PathClass
        if let known = pathClasses[path] {
            pathClass = known
        } else {
            pathClass = PageviewCollector.classify(path)
            pathClasses[path] = pathClass
        }
        writer.raw(",")
        writer.key("path_class")
        switch pathClass {
        case .page: writer.string("page")
        case .subresource: writer.string("subresource")
        case .robots: writer.string("robots")
        case .otherAsset, .unknown: writer.string("other")
        }
        let referrer = hit.referrer.optionalString
        writer.raw(",")
        writer.key("ref_host")
        if let referrer, let host = ChannelClassifier.host(ofReferrer: referrer) { writer.string(host) } else { writer.null() }
        guard pathClass == .page else {
            writer.raw("}")
            return
        }
        let query = hit.query.isEmpty ? nil : hit.query.string
        let kind = profile.classify(path: path, query: query)
        let (item, quantity) = IngestWriter.item(of: kind)
        writer.raw(",")
        writer.key("kind")
        writer.string(kind.name)
        writer.raw(",")
        writer.key("item")
        if let item { writer.string(item) } else { writer.null() }
        writer.raw(",")
        writer.key("quantity")
        if let quantity { writer.integer(quantity) } else { writer.null() }
        writer.raw(",")
        writer.key("url_customer")
        if let query, let customer = IngestWriter.customerID(in: query, parameters: customerParameters) {
            writer.string(customer)
        } else {
            writer.null()
        }
        let refKind = ChannelClassifier.referrerKind(referrer)
        writer.raw(",")
        writer.key("ref_kind")
        switch refKind {
        case .none: writer.string("none")
        case .web: writer.string("web")
        case .androidApp: writer.string("app")
        }
        let tagged = query.map(Sessionizer.hasCampaignTags) ?? false
        writer.raw(",")
        writer.key("tagged")
        writer.raw(tagged ? "true" : "false")
        if tagged || refKind != .none {
            writer.raw(",")
            writer.key("traffic")
            Self.write(ChannelClassifier.classify(query: query, referrer: referrer, siteHosts: []), into: &writer)
            if tagged, case .web(let host) = refKind {
                writer.raw(",")
                writer.key("traffic_internal")
                Self.write(ChannelClassifier.classify(query: query, referrer: referrer, siteHosts: [host]), into: &writer)
            }
        }
        writer.raw("}")
    }

    private static func write(_ source: TrafficSource, into writer: inout JSONBytesWriter) {
        writer.raw("[")
        writer.string(source.channel.rawValue)
        writer.raw(",")
        writer.string(source.source)
        writer.raw(",")
        writer.string(source.medium)
        writer.raw(",")
        if let campaign = source.campaign { writer.string(campaign) } else { writer.null() }
        writer.raw("]")
    }
}
