"""`content`: ContentReportBuilder (articles: reads, entrances, time on page, readers who buy)."""

import math

from pyspark.sql import Window
from pyspark.sql import functions as F

from .common import DAY, iso_date, money, percent_text
from .products import money_text

OPTIONS = {"purchase_window_days": 7, "top": 50, "top_value_share": 0.2}

# ContentReport.definitions(options) with the default options above.
DEFINITIONS = \
{'article': 'pageviews of kind `article` in the period (by pageview time), grouped by path; bots excluded', 'assisted_revenue': 'revenue (sum of quantity × unit price) of the orders whose checkout session (the session whose checkout page carried the order id) includes a read of the article in the period; each order counted once per article, and also under every other article it read', 'avg_time_on_page_s': 'mean seconds from a pageview of the article to the next pageview of the same session; the last pageview of a session (an exit) has no known time and is excluded; null when there are no samples', 'bounce_rate': 'sessions entering on the article with exactly one pageview / entrances; null when there are no entrances', 'engagement_score': 'pageviews × (1 − bounce_rate) × min(avg_time_on_page_s, 600) / 600 + 10 × readers_purchased_7d; a missing bounce_rate counts as 0 and a missing avg_time_on_page_s as 0. Rewards read-through and time held (capped at 10 minutes) and, strongly, readers who buy. Articles are ranked by it (descending, ties by path)', 'entrances': 'sessions whose first pageview is this article (in the period)', 'exit_rate': 'sessions whose last pageview is this article / pageviews', 'identified_readers': 'distinct customers of the sessions with those pageviews (sessions tied to a customer, retroactively and across devices)', 'pageviews': 'article pageviews in the period', 'path': "the article's URL path", 'reader_purchase_rate_7d': 'readers_purchased_7d / identified_readers; null when there are no identified readers', 'readers_purchased_7d': 'identified readers with an order (any order in the data) placed from the moment of one of their reads of the article up to 7 days (inclusive) later', 'returning_readers': 'visitors who read the article in two or more different sessions in the period', 'slug': 'the article slug the site profile extracted (the most frequent one for the path), else the last path segment', 'time_on_page_samples': 'pageviews that had a next pageview in the same session (the samples of avg_time_on_page_s)', 'top_entry_channels': 'up to 3 channels (GA4 default channel group of the session) by entrances on the article, ties by channel name', 'top_value_reader_share': 'identified readers who are top-value customers / identified_readers, where top-value customers are the first 20.0% of customers with orders ranked by total revenue over all data (rounded up; ties by customer id); null when there are no identified readers', 'totals': 'the same counts over all articles: distinct article paths, article pageviews, distinct visitors and distinct identified readers', 'unique_visitors': 'distinct visitors (visitor id: cookie, else IP + user agent) of the sessions with those pageviews', 'weekly': 'article pageviews and distinct visitors per week; week_start is the Monday (UTC) of the pageview'}


def duration(seconds):
    """ContentReport.duration: `45s`, `1m05s` (Swift rounds half away from zero)."""
    s = int(math.floor(seconds + 0.5)) if seconds >= 0 else -int(math.floor(-seconds + 0.5))
    return "%ds" % s if s < 60 else "%dm%02ds" % (s // 60, s % 60)


def slug_of(path, slugs):
    if slugs:
        return min(slugs, key=lambda kv: (-kv[1], kv[0]))[0]
    parts = [p for p in path.split("/") if p]
    return parts[-1] if parts else path


def top_value_customers(ctx, share):
    """The first ceil(share × customers with orders) customers by revenue over all data (ties by id)."""
    revenue = ctx.orders.groupBy("customer_id").agg(F.sum("revenue_cents").alias("rev"))
    n = revenue.count()
    if n == 0 or share <= 0:
        return revenue.select("customer_id").limit(0)
    count = max(1, min(n, math.ceil(share * n - 1e-9)))
    ranked = revenue.withColumn("rank", F.row_number().over(Window.orderBy(F.desc("rev"), F.col("customer_id").cast("binary"))))
    return ranked.where(F.col("rank") <= count).select("customer_id")


def build(ctx):
    period = ctx.period
    window = OPTIONS["purchase_window_days"] * DAY
    sess = ctx.sessions.select("visitor", "session_no", "customer_id", "channel")
    w = Window.partitionBy("visitor", "session_no")
    wo = w.orderBy("seq")
    pv = (ctx.pageviews.select("visitor", "session_no", "seq", "ts", "path", "kind", "item")
          .withColumn("rn", F.row_number().over(wo)).withColumn("cnt", F.count(F.lit(1)).over(w))
          .withColumn("next_ts", F.lead("ts").over(wo))
          .withColumn("first_ts", F.min("ts").over(w)).withColumn("last_ts", F.max("ts").over(w)))
    reads = (pv.where((F.col("last_ts") >= period.from_micros) & (F.col("first_ts") < period.to_micros)
                      & (F.col("kind") == "article") & period.contains(F.col("ts")))
             .join(sess, ["visitor", "session_no"]))
    reads = reads.persist()

    per_article = reads.groupBy("path").agg(
        F.count(F.lit(1)).alias("pageviews"),
        F.sum(((F.col("rn") == 1)).cast("long")).alias("entrances"),
        F.sum(((F.col("rn") == 1) & (F.col("cnt") == 1)).cast("long")).alias("bounces"),
        F.sum((F.col("rn") == F.col("cnt")).cast("long")).alias("exits"),
        F.sum(F.when(F.col("rn") < F.col("cnt"), F.col("next_ts") - F.col("ts")).otherwise(0)).alias("time_micros"),
        F.sum((F.col("rn") < F.col("cnt")).cast("long")).alias("samples"),
        F.countDistinct("visitor").alias("unique_visitors"),
        F.countDistinct("customer_id").alias("identified"))
    slugs = (reads.where("item IS NOT NULL AND item != ''").groupBy("path", "item").agg(F.count(F.lit(1)).alias("n"))
             .groupBy("path").agg(F.collect_list(F.struct("item", "n")).alias("slugs")))
    returning = (reads.select("path", "visitor", "session_no").distinct().groupBy("path", "visitor").agg(F.count(F.lit(1)).alias("s"))
                 .where("s >= 2").groupBy("path").agg(F.count(F.lit(1)).alias("returning")))
    channels = (reads.where("rn = 1").groupBy("path", "channel").agg(F.count(F.lit(1)).alias("n"))
                .groupBy("path").agg(F.collect_list(F.struct("channel", "n")).alias("channels")))
    weekly = (reads.withColumn("day", F.floor(F.col("ts") / DAY))
              .withColumn("week", F.col("day") - F.pmod(F.col("day") + 3, F.lit(7)))
              .groupBy("path", "week").agg(F.count(F.lit(1)).alias("n"), F.countDistinct("visitor").alias("v"))
              .groupBy("path").agg(F.collect_list(F.struct("week", "n", "v")).alias("weeks")))
    session_revenue = (ctx.orders.where("session_key IS NOT NULL")
                       .groupBy(F.col("session_key.visitor").alias("visitor"), F.col("session_key.session_no").alias("session_no"))
                       .agg(F.sum("revenue_cents").alias("rev")))
    assisted = (reads.select("path", "visitor", "session_no").distinct().join(session_revenue, ["visitor", "session_no"])
                .groupBy("path").agg(F.sum("rev").alias("assisted")))
    readers = reads.where("customer_id IS NOT NULL").select("path", "customer_id", "ts")
    order_times = ctx.orders.select("customer_id", F.col("ordered_at"))
    purchased = (readers.join(order_times, "customer_id")
                 .where((F.col("ordered_at") >= F.col("ts")) & (F.col("ordered_at") - F.col("ts") <= window))
                 .select("path", "customer_id").distinct().groupBy("path").agg(F.count(F.lit(1)).alias("purchased")))
    top_value = top_value_customers(ctx, OPTIONS["top_value_share"])
    top_readers = (readers.select("path", "customer_id").distinct().join(top_value, "customer_id")
                   .groupBy("path").agg(F.count(F.lit(1)).alias("top_readers")))
    rows = (per_article.join(slugs, "path", "left").join(returning, "path", "left").join(channels, "path", "left")
            .join(weekly, "path", "left").join(assisted, "path", "left").join(purchased, "path", "left")
            .join(top_readers, "path", "left").collect())
    totals_row = reads.agg(F.count(F.lit(1)).alias("pv"), F.countDistinct("visitor").alias("v"),
                           F.countDistinct("customer_id").alias("c"), F.countDistinct("path").alias("a")).first()
    reads.unpersist()

    articles = []
    for r in rows:
        identified = r.identified
        purchased_n = r.purchased or 0
        bounce = None if r.entrances == 0 else r.bounces / r.entrances
        avg = None if r.samples == 0 else r.time_micros / 1_000_000 / r.samples
        score = float(r.pageviews) * (1 - (bounce if bounce is not None else 0)) * min(avg if avg is not None else 0, 600) / 600 + 10 * float(purchased_n)
        chans = sorted(((c.channel, c.n) for c in (r.channels or [])), key=lambda kv: (-kv[1], kv[0]))[:3]
        a = {
            "path": r.path, "slug": slug_of(r.path, [(s.item, s.n) for s in (r.slugs or [])]),
            "pageviews": r.pageviews, "unique_visitors": r.unique_visitors, "identified_readers": identified,
            "entrances": r.entrances, "bounce_rate": bounce,
            "exit_rate": 0 if r.pageviews == 0 else r.exits / r.pageviews, "avg_time_on_page_s": avg,
            "time_on_page_samples": r.samples, "returning_readers": r.returning or 0,
            "readers_purchased_7d": purchased_n,
            "reader_purchase_rate_7d": None if identified == 0 else purchased_n / identified,
            "assisted_revenue": money(r.assisted or 0), "assisted_cents": r.assisted or 0,
            "top_value_reader_share": None if identified == 0 else (r.top_readers or 0) / identified,
            "top_entry_channels": [{"channel": c, "entrances": n} for c, n in chans],
            "weekly": [{"week_start": iso_date(x.week), "pageviews": x.n, "unique_visitors": x.v}
                       for x in sorted(r.weeks or [], key=lambda x: x.week)],
            "engagement_score": score,
        }
        articles.append(a)
    articles.sort(key=lambda a: (-a["engagement_score"], a["path"]))
    totals = {"articles": totals_row.a, "pageviews": totals_row.pv, "unique_visitors": totals_row.v,
              "identified_readers": totals_row.c}
    headline = _headline(articles, totals)
    for a in articles:
        del a["assisted_cents"]
    return {
        "schema_version": 1, "report": "content", "period": period.json(), "coverage": ctx.coverage,
        "options": OPTIONS, "headline": headline, "totals": totals,
        "articles": articles[:OPTIONS["top"]],
        "definitions": DEFINITIONS,
    }


def _headline(articles, totals):
    if not articles:
        return ["No article was read in the period."]
    best = articles[0]
    lines = ["%d articles were read %d times by %d visitors (%d identified customers)."
             % (totals["articles"], totals["pageviews"], totals["unique_visitors"], totals["identified_readers"])]
    sentence = "Most engaging: %s with %d pageviews" % (best["path"], best["pageviews"])
    if best["bounce_rate"] is not None:
        sentence += ", %s bounce" % percent_text(best["bounce_rate"])
    if best["avg_time_on_page_s"] is not None:
        sentence += ", %s average time on page" % duration(best["avg_time_on_page_s"])
    sentence += ("; %d of its %d identified readers ordered within %d days, and orders checked out in visits that read it brought %s."
                 % (best["readers_purchased_7d"], best["identified_readers"], OPTIONS["purchase_window_days"], money_text(best["assisted_cents"])))
    lines.append(sentence)
    earner = max(articles, key=lambda a: (a["assisted_cents"], _reverse(a["path"])))
    if earner["path"] != best["path"] and earner["assisted_cents"] > 0:
        lines.append("Most assisted revenue: %s (%s from orders checked out in visits that read it)." % (earner["path"], money_text(earner["assisted_cents"])))
    return lines


class _reverse:
    """Orders strings backwards (max by revenue, ties to the smallest path)."""

    def __init__(self, s):
        self.s = s

    def __lt__(self, other):
        return self.s > other.s

    def __eq__(self, other):
        return self.s == other.s
