"""`overview`: TrafficReportBuilder (site traffic from the store's sessions and pageviews)."""

from pyspark.sql import functions as F

from .common import DAY, clean, coverage, iso_date, percent_text

DEFINITIONS = {
    "pageviews": "GETs with status 200-399 of pages (not assets) by humans, by the pageview's UTC day",
    "sessions": "human sessions starting that day (30 minutes without a pageview or a new campaign ends one)",
    "visitors": "distinct visitors (cookie, or address + user agent) with a session starting that day; totals count each visitor once",
    "bot_hits": "requests by user agents on the bot list, by UTC day (visitors judged bots by behaviour are in coverage)",
    "channels.share": "sessions of the channel / all sessions in the period",
    "top_pages": "pages by pageviews; visitors = distinct visitors who viewed it",
    "top_landing_pages.bounce_rate": "single-pageview sessions landing on the page / sessions landing on it",
}


def build(ctx, top=20):
    period = ctx.period
    sessions = ctx.sessions.where(period.contains(F.col("start")))
    pageviews = ctx.pageviews.where(period.contains(F.col("ts")))
    bot_days = ctx.bot_traffic.where(period.contains(F.col("day_number") * DAY))

    per_day = {}

    def day(d):
        return per_day.setdefault(d, {"date": d, "pageviews": 0, "sessions": 0, "visitors": 0, "bot_hits": 0})

    for r in (sessions.groupBy(F.floor(F.col("start") / DAY).alias("d"))
              .agg(F.count(F.lit(1)).alias("n"), F.countDistinct("visitor").alias("v")).collect()):
        day(iso_date(r.d)).update(sessions=r.n, visitors=r.v)
    for r in pageviews.groupBy(F.floor(F.col("ts") / DAY).alias("d")).agg(F.count(F.lit(1)).alias("n")).collect():
        day(iso_date(r.d))["pageviews"] = r.n
    for r in bot_days.groupBy("day_number").agg(F.sum("hits").alias("n")).collect():
        day(iso_date(r.day_number))["bot_hits"] = r.n

    t = sessions.agg(F.count(F.lit(1)).alias("n"), F.countDistinct("visitor").alias("v")).first()
    n_sessions, n_visitors = t.n, t.v
    n_pageviews = pageviews.count()
    bot_rows = (bot_days.groupBy("bot").agg(F.min_by("category", F.struct("day_number")).alias("category"),
                                            F.sum("hits").alias("hits")).collect())
    bot_hits = sum(r.hits for r in bot_rows)

    channels = [{"channel": r.channel, "sessions": r.n, "share": 0 if n_sessions == 0 else r.n / n_sessions}
                for r in sessions.groupBy("channel").agg(F.count(F.lit(1)).alias("n")).collect()]
    channels.sort(key=lambda c: (-c["sessions"], c["channel"].encode()))
    top_pages = (pageviews.groupBy("path").agg(F.count(F.lit(1)).alias("views"), F.countDistinct("visitor").alias("visitors"))
                 .orderBy(F.desc("views"), F.col("path").cast("binary")).limit(top).collect())
    top_pages = [{"path": r.path, "pageviews": r.views, "visitors": r.visitors} for r in top_pages]
    landing = (sessions.groupBy(F.col("landing_path").alias("path"))
               .agg(F.count(F.lit(1)).alias("entrances"), F.sum(F.col("bounced").cast("int")).alias("bounces"))
               .orderBy(F.desc("entrances"), F.col("path").cast("binary")).limit(top).collect())
    landing = [{"path": r.path, "entrances": r.entrances, "bounce_rate": r.bounces / r.entrances} for r in landing]
    bots = sorted(({"bot": r.bot, "category": r.category, "hits": r.hits} for r in bot_rows),
                  key=lambda b: (-b["hits"], b["bot"].encode()))

    headline = ["%d visitors made %d sessions and %d pageviews; listed bots made %d more requests."
                % (n_visitors, n_sessions, n_pageviews, bot_hits)]
    if channels:
        headline.append("%s brought the most sessions: %s of them." % (channels[0]["channel"], percent_text(channels[0]["share"])))
    if top_pages:
        headline.append("The most viewed page was %s (%d pageviews)." % (clean(top_pages[0]["path"]), top_pages[0]["pageviews"]))
    return {
        "schema_version": 1, "report": "overview", "period": period.json(), "coverage": ctx.coverage,
        "headline": headline,
        "totals": {"date": "total", "pageviews": n_pageviews, "sessions": n_sessions, "visitors": n_visitors, "bot_hits": bot_hits},
        "days": [per_day[d] for d in sorted(per_day)],
        "channels": channels, "top_pages": top_pages, "top_landing_pages": landing, "bots": bots,
        "definitions": DEFINITIONS,
    }
