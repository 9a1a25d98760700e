"""Steps 2-5: visitors and site hosts, pageviews, bot behaviour, sessions, identities.

Each mirrors the embedded engine (Sources/ClienteleKit): PageviewCollector, Ingestor's site
hosts, BotBehaviour, Sessionizer, IngestWriter's identity hints and IdentityGraph.assign.
Every step is partitioned by visitor (window functions, group-bys, joins); only the site
hosts (a handful of host names) reach the driver.
"""

from dataclasses import dataclass

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

HINT_BUCKET = 30 * 60_000_000
DAY = 86_400_000_000
DIRECT = ["Direct", "(direct)", "(none)", "(direct)"]


@dataclass
class Analysis:
    hits: object          # human hits with visitor key
    bot_traffic: object   # day, bot, category, hits
    pageviews: object     # human pageviews of non-bot visitors: session_no (cut), report_session_no (as loaded)
    sessions: object      # one row per session (engine's `sessions` table + customer_id)
    bot_visitors: object  # visitor keys judged bots by behaviour (robots.txt, regular intervals)
    site_hosts: list


def regular_intervals(times):
    """BotBehaviour.reason's timing rule, in the same arithmetic (times sorted)."""
    if times is None or len(times) < 10:
        return False
    gaps = [(times[i] - times[i - 1]) / 1e6 for i in range(1, len(times))]
    mean = 0.0
    for g in gaps:
        mean += g
    mean /= len(gaps)
    if not (mean > 0 and mean <= 3600):
        return False
    var = 0.0
    for g in gaps:
        var += (g - mean) * (g - mean)
    var /= len(gaps)
    return var ** 0.5 / mean < 0.1


_regular = F.udf(regular_intervals, T.BooleanType())


def _normalized_site_host(site):
    host = site.lower()
    if not host.startswith("[") and ":" in host:
        host = host[:host.index(":")]
    host = host.rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return host


def internal_host(col, site_hosts):
    """ChannelClassifier.isInternal over a lowercased web host column."""
    bare = F.regexp_replace(col, r"^www\.", "")
    cond = F.lit(False)
    for site in {_normalized_site_host(s) for s in site_hosts}:
        if site:
            cond = cond | (bare == F.lit(site)) | bare.endswith("." + site)
    return cond


def analyze(hits_df, orders_df, visitor_field=None, customer_field=None, site_hosts=(), timeout_minutes=30):
    c = F.col("c")
    bots = hits_df.where(c.bot.isNotNull())
    bot_traffic = (bots.groupBy(F.floor(c.ts / DAY).alias("day_number"), c.bot.alias("bot"), c.bot_category.alias("category"))
                   .agg(F.count(F.lit(1)).alias("hits")))

    # The visitor: the cookie, else `address|user agent` (the store's visitors.key text).
    humans = hits_df.where(c.bot.isNull())
    if visitor_field:
        cookie = F.col("fields")[visitor_field]
        vkey = F.when(cookie.isNotNull(), cookie).otherwise(
            F.concat(F.coalesce("ip", F.lit("")), F.lit("|"), F.coalesce("user_agent", F.lit("-"))))
    else:
        vkey = F.concat(F.coalesce("ip", F.lit("")), F.lit("|"), F.coalesce("user_agent", F.lit("-")))
    humans = humans.withColumn("visitor", vkey).withColumn("ts", c.ts)

    # Site hosts: configured plus hosts referring at least a quarter of the subresource requests (and 3+).
    asset_refs = humans.where((c.path_class == "subresource") & F.col("referrer").isNotNull())
    ref_counts = asset_refs.groupBy(c.ref_host.alias("host")).agg(F.count(F.lit(1)).alias("n"))
    total = F.sum("n").over(Window.partitionBy())
    inferred = (ref_counts.withColumn("total", total)
                .where("host IS NOT NULL AND n * 4 >= total AND n >= 3").select("host").collect())
    hosts = sorted({h.lower() for h in site_hosts} | {r.host for r in inferred})

    # Visitors: asset and robots.txt hits.
    tallies = humans.groupBy("visitor").agg(
        F.sum(F.when(c.path_class == "subresource", 1).otherwise(0)).alias("asset_hits"),
        F.sum(F.when(c.path_class == "robots", 1).otherwise(0)).alias("robots_hits"))

    # Pageviews: GET (or no method), 200-399, of a page.
    pv = (humans.where((c.path_class == "page") & F.col("status").between(200, 399)
                       & (F.col("method").isNull() | (F.col("method") == "GET")))
          .select("visitor", "ts", F.coalesce("path", F.lit("")).alias("path"), "query", "referrer",
                  c.kind.alias("kind"), c.item.alias("item"), c.quantity.alias("quantity"),
                  c.url_customer.alias("url_customer"), c.ref_kind.alias("ref_kind"), c.ref_host.alias("ref_host"),
                  c.tagged.alias("tagged"), c.traffic.alias("traffic"), c.traffic_internal.alias("traffic_internal")))

    # Bot behaviour: fetched robots.txt, or 10+ pageviews at regular intervals without an asset.
    order = [F.col("ts"), F.col("path"), F.coalesce("query", F.lit("")), F.coalesce("referrer", F.lit(""))]
    times = (pv.groupBy("visitor").agg(F.sort_array(F.collect_list("ts")).alias("times"))
             .join(tallies, "visitor", "right"))
    judged = times.withColumn("bot", (F.col("robots_hits") > 0) | (
        (F.col("asset_hits") == 0) & F.coalesce(_regular("times"), F.lit(False))))
    bot_visitors = judged.where("bot").select("visitor")
    pv = pv.join(bot_visitors, "visitor", "left_anti")

    # Sessions: a gap over the timeout, or a pageview bringing another campaign, starts one.
    internal = (F.col("ref_kind") == "web") & internal_host(F.col("ref_host"), hosts)
    external = (F.col("ref_kind") == "app") | ((F.col("ref_kind") == "web") & ~internal)
    brought = (F.when(~(F.col("tagged") | external), F.lit(None).cast(T.ArrayType(T.StringType())))
               .when(internal & F.col("traffic_internal").isNotNull(), F.col("traffic_internal"))
               .otherwise(F.col("traffic")))
    w = Window.partitionBy("visitor").orderBy(*order)
    timeout = timeout_minutes * 60_000_000
    pv = (pv.withColumn("brought", brought)
          .withColumn("gap_cut", F.coalesce((F.col("ts") - F.lag("ts").over(w)) > timeout, F.lit(True)))
          .withColumn("segment", F.sum(F.col("gap_cut").cast("int")).over(w.rowsBetween(Window.unboundedPreceding, 0))))
    ws = Window.partitionBy("visitor", "segment").orderBy(*order)
    before = F.last("brought", ignorenulls=True).over(ws.rowsBetween(Window.unboundedPreceding, -1))
    direct = F.array(*[F.lit(x) for x in DIRECT])
    pv = (pv.withColumn("cut", F.col("gap_cut") | (F.col("brought").isNotNull() & (F.col("brought") != F.coalesce(before, direct))))
          .withColumn("session_no", F.sum(F.col("cut").cast("int")).over(w.rowsBetween(Window.unboundedPreceding, 0)))
          .withColumn("seq", F.row_number().over(w)))
    sessions = pv.groupBy("visitor", "session_no").agg(
        F.min("ts").alias("start"), F.max("ts").alias("end"), F.count(F.lit(1)).alias("pageviews"),
        F.min_by(F.coalesce("brought", direct), "seq").alias("traffic"),
        F.min_by("path", "seq").alias("landing_path"), F.max_by("path", "seq").alias("exit_path"),
        F.max((F.col("kind") == "checkout_complete").cast("int")).alias("converted"))
    sessions = sessions.select(
        "visitor", "session_no", "start", "end", "pageviews",
        F.col("traffic")[0].alias("channel"), F.col("traffic")[1].alias("source"), F.col("traffic")[2].alias("medium"),
        F.col("traffic")[3].alias("campaign"), "landing_path", "exit_path",
        (F.col("pageviews") == 1).alias("bounced"), (F.col("converted") == 1).alias("converted"))

    # Identity hints: customer field (any human hit), customer id in a URL, order of a completed checkout.
    hint_parts = []
    if customer_field:
        value = F.col("user") if customer_field == "user" else F.col("fields")[customer_field]
        hint_parts.append(humans.where(value.isNotNull()).select("visitor", F.lit("field").alias("kind"), value.alias("value"), "ts"))
    hint_parts.append(pv.where(F.col("url_customer").isNotNull()).select("visitor", F.lit("url").alias("kind"), F.col("url_customer").alias("value"), "ts"))
    hint_parts.append(pv.where((F.col("kind") == "checkout_complete") & F.col("item").isNotNull())
                      .select("visitor", F.lit("order").alias("kind"), F.col("item").alias("value"), "ts"))
    hints = hint_parts[0]
    for p in hint_parts[1:]:
        hints = hints.unionByName(p)
    hints = (hints.groupBy("visitor", "kind", "value", F.floor(F.col("ts") / HINT_BUCKET).alias("bucket"))
             .agg(F.min("ts").alias("ts")))
    order_customer = orders_df.groupBy("order_id").agg(F.first("customer_id").alias("order_customer"))
    hints = (hints.join(order_customer, (hints.kind == "order") & (hints.value == order_customer.order_id), "left")
             .select("visitor", "ts", F.when(F.col("kind") == "order", F.col("order_customer")).otherwise(F.col("value")).alias("customer"))
             .where("customer IS NOT NULL"))
    per_visitor = hints.groupBy("visitor").agg(
        F.countDistinct("customer").alias("customers"), F.min(F.struct("ts", "customer")).alias("first"))
    latest = (sessions.select("visitor", "session_no", "end").join(hints, "visitor")
              .where(F.col("ts") <= F.col("end"))
              .groupBy("visitor", "session_no").agg(F.max(F.struct("ts", "customer")).alias("latest")))
    sessions = (sessions.join(per_visitor, "visitor", "left").join(latest, ["visitor", "session_no"], "left")
                .withColumn("customer_id", F.when(F.col("customers") == 1, F.col("first.customer"))
                            .when(F.col("customers") > 1, F.coalesce(F.col("latest.customer"), F.col("first.customer"))))
                .drop("customers", "first", "latest"))
    # Pageviews to sessions as the report loader maps them: a visitor's pageview belongs to its
    # earliest session whose time range holds it (a campaign change at the very same
    # microsecond as the previous pageview leaves that pageview in the earlier session).
    spans = sessions.select("visitor", F.col("session_no").alias("span_no"), F.col("start").alias("span_start"),
                            F.col("end").alias("span_end"))
    mapped = (pv.select("visitor", "seq", "ts").join(spans, "visitor")
              .where("span_start <= ts AND ts <= span_end")
              .groupBy("visitor", "seq").agg(F.min("span_no").alias("report_session_no")))
    pv = pv.join(mapped, ["visitor", "seq"], "left")
    return Analysis(hits=humans, bot_traffic=bot_traffic, pageviews=pv, sessions=sessions,
                    bot_visitors=bot_visitors, site_hosts=hosts)
