"""`executive`: ExecutiveReportBuilder (KPIs against the previous period, value pyramid, Pareto
curve, RFM, churn risk, comparison shoppers, top customers, reconciliation).

Ranks (revenue, recency, frequency) are Spark window functions; per-customer order histories
(churn) are grouped per customer; only ranked top rows and totals reach the driver.

An anonymous comparison shopper is named as in the embedded engine: `visitor:` and 16 hex
digits of the 64-bit FNV-1a hash of the visitor key (`anonymous_name`).
"""

import math

from pyspark.sql import Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

from .common import DAY, money, percent_text
from .products import money_text

PARAMETERS = {"churn_factor": 2, "comparison_max_conversion_rate": 0.1, "comparison_min_product_views": 10,
              "comparison_min_sessions": 3, "top": 20}
TIERS = ["top 1%", "next 4%", "next 15%", "bottom 80%"]
SEGMENTS = ["Champions", "Loyal", "Potential Loyalists", "New", "Promising", "Need Attention", "About to Sleep",
            "At Risk", "Can't Lose Them", "Hibernating", "Lost"]

DEFINITIONS = \
{'churn_risk': 'customers with at least 2 orders up to the period end whose days since their last order AND since their last session (start), both measured at the period end, exceed churn_factor × their median interval between consecutive orders; a customer never seen in sessions passes the session test; ranked by revenue, then customer id', 'churn_risk.days_since_last_visit': 'days from the start of their last session before the period end to the period end; null when no session was ever tied to them', 'churn_risk.median_interval_days': 'median of the days between consecutive orders (mean of the middle two for an even count)', 'churn_risk.revenue': 'revenue of all their orders up to the period end', 'comparison_shoppers': 'customers (their identified sessions) and anonymous visitors (visitor:<16 hex digits of the 64-bit FNV-1a hash of the visitor key>, their sessions without a customer) with at least comparison_min_product_views product pageviews in at least comparison_min_sessions sessions with product pageviews in the period, and a conversion rate at most comparison_max_conversion_rate; sorted by product_views, then id', 'comparison_shoppers.conversion_rate': 'converted sessions / sessions in the period', 'comparison_shoppers.distinct_products': 'distinct skus among the product pageviews', 'comparison_shoppers.orders': 'customers: their orders in the period; visitors: orders in the period matched to one of their sessions', 'customers_rfm': 'RFM values and scores of the top customers (as in top_customers)', 'kpis.change': '(value − previous) / previous; null when previous is 0', 'kpis.conversion_rate': 'converted sessions / sessions (0 when there are no sessions)', 'kpis.identified_customers': 'distinct customer ids of sessions', 'kpis.new_customers': 'customers whose first order ever (in all of orders.csv) falls in the period', 'kpis.orders': 'orders in orders.csv', 'kpis.returning_customers': 'customers with an order in the period and an earlier order before the period', 'kpis.revenue': 'sum of quantity × unit price of those orders', 'kpis.sessions': 'sessions', 'kpis.unit': 'count: an integer; money: currency units, two decimals at most; rate: a fraction 0…1', 'kpis.visitors': 'distinct visitor ids of sessions (bots excluded)', 'pareto.curve': 'for p = 0.05, 0.10, … 1.0: revenue share of the top ceil(n×p) paying customers', 'pareto.top20_revenue_share': 'period revenue of the top ceil(n×0.2) paying customers (ranked as in the pyramid) / revenue of all n', 'paying_customer': 'a customer id with at least one order (orders.csv) in the period', 'period': 'half-open [from, to) in whole UTC days; sessions count by their start, orders by ordered_at, pageviews by their time', 'previous_period': 'the period of the same length just before `period`', 'pyramid': 'paying customers ranked by period revenue (highest first, ties by customer id) and cut by count: top 1% = ceil(n×0.01), next 4% = ceil(n×0.05) − ceil(n×0.01), next 15% = ceil(n×0.20) − ceil(n×0.05), bottom 80% = the rest; sizes sum to n', 'pyramid.revenue_share': 'tier revenue / period revenue of all paying customers (0 when that is 0)', 'reconciliation.checkout_orders_not_in_file': 'distinct order ids on checkout-complete pageviews in the period that are not in orders.csv at all', 'reconciliation.identified_session_share': 'sessions tied to a customer / sessions (0 when there are no sessions)', 'reconciliation.orders_in_file': 'orders in orders.csv in the period', 'reconciliation.orders_seen_in_logs': 'those whose order id appeared on a checkout-complete page of a logged session', 'reconciliation.unmatched_orders': 'orders_in_file − orders_seen_in_logs', 'rfm.fm': 'round half up of (F + M) / 2', 'rfm.frequency': 'orders in the period', 'rfm.monetary': 'revenue in the period', 'rfm.recency': "days from the customer's last order in the period to the period end (recency_days is its floor)", 'rfm.scores': 'each of R, F, M ranks the paying customers best first (latest last order, most orders, most revenue; ties by customer id); the customer at 0-based rank i of n scores 5 − floor(i×5/n), so 5 is best and each score holds a fifth', 'rfm_segments': "segment by recency score R and FM = round half up of (F+M)/2: Champions R 4-5 & FM 4-5; Loyal R 3 & FM 4-5; Potential Loyalists R 4-5 & FM 2-3; New R 5 & FM 1; Promising R 4 & FM 1; Need Attention R 3 & FM 3; About to Sleep R 3 & FM 1-2; At Risk R 1-2 & FM 3-4; Can't Lose Them R 1-2 & FM 5; Hibernating R 2 & FM 1-2; Lost R 1 & FM 1-2; all 11 segments listed in this order, 0 when empty", 'rfm_segments.revenue_share': 'segment revenue / period revenue of all paying customers', 'top_customers': 'the top `top` paying customers by period revenue (ties by customer id)', 'top_customers.segment': 'the customers.csv `segment` attribute (null when absent)', 'top_customers.sessions': 'sessions in the period tied to the customer'}


def segment_of(r, fm):
    """ExecutiveRFMSegment.of."""
    r, fm = min(max(r, 1), 5), min(max(fm, 1), 5)
    if r >= 4 and fm >= 4:
        return "Champions"
    if r == 3 and fm >= 4:
        return "Loyal"
    if r >= 4 and 2 <= fm <= 3:
        return "Potential Loyalists"
    if r == 5 and fm == 1:
        return "New"
    if r == 4 and fm == 1:
        return "Promising"
    if r == 3 and fm == 3:
        return "Need Attention"
    if r == 3:
        return "About to Sleep"
    if fm == 5:
        return "Can't Lose Them"
    if 3 <= fm <= 4:
        return "At Risk"
    if r == 2:
        return "Hibernating"
    return "Lost"


def _score(rank_col, n):
    return F.lit(0) if n == 0 else (F.lit(5) - F.floor((rank_col - 1) * 5 / n)).cast("int")


def _number(x):
    return str(int(x)) if x == round(x) and abs(x) < 1e15 else repr(x)


def _change_text(x):
    return "n/a" if x is None else ("+" if x >= 0 else "") + percent_text(x)


def _median(values):
    values = sorted(values)
    k = len(values)
    return values[k // 2] if k % 2 == 1 else (values[k // 2 - 1] + values[k // 2]) / 2


def _churn(times, end, factor):
    """ExecutiveReportBuilder.churnRisk for one customer: (median, since order) or None."""
    t = sorted(times)
    if len(t) < 2:
        return None
    gaps = sorted((b - a) / DAY for a, b in zip(t, t[1:]))
    median = _median(gaps)
    return (median, (end - t[-1]) / DAY, factor * median)


def build(ctx):
    period, previous = ctx.period, ctx.period.previous()
    opts = PARAMETERS
    spark = ctx.sessions.sparkSession
    orders = ctx.orders
    sessions = ctx.sessions

    # Paying customers of the period, ranked by revenue (ties by id), recency and frequency.
    payers = (orders.where(period.contains(F.col("ordered_at"))).groupBy("customer_id")
              .agg(F.sum("revenue_cents").alias("rev"), F.count(F.lit(1)).alias("orders"), F.max("ordered_at").alias("last")))
    cid = F.col("customer_id").cast("binary")
    payers = (payers.withColumn("rank_m", F.row_number().over(Window.orderBy(F.desc("rev"), cid)))
              .withColumn("rank_r", F.row_number().over(Window.orderBy(F.desc("last"), cid)))
              .withColumn("rank_f", F.row_number().over(Window.orderBy(F.desc("orders"), cid))))
    payers = payers.persist()
    n = payers.count()
    total = payers.agg(F.coalesce(F.sum("rev"), F.lit(0)).alias("t")).first().t

    def share(cents):
        return 0 if total == 0 else cents / total

    def ceil_share(percent):
        return (n * percent + 99) // 100

    cuts = [0, ceil_share(1), ceil_share(5), ceil_share(20), n]
    curve_counts = [(n * k + 19) // 20 for k in range(1, 21)]
    wanted = sorted(set(cuts) | set(curve_counts))
    sums = payers.agg(*[F.coalesce(F.sum(F.when(F.col("rank_m") <= k, F.col("rev"))), F.lit(0)).alias("p%d" % k) for k in wanted]).first()
    prefix = {k: sums["p%d" % k] for k in wanted}
    pyramid = [{"tier": TIERS[t], "customers": cuts[t + 1] - cuts[t], "revenue": money(prefix[cuts[t + 1]] - prefix[cuts[t]]),
                "revenue_share": share(prefix[cuts[t + 1]] - prefix[cuts[t]])} for t in range(4)]
    pareto = {"paying_customers": n, "top20_customers": ceil_share(20), "top20_revenue_share": share(prefix[ceil_share(20)]),
              "curve": [{"customer_share": k / 20, "customers": c, "revenue_share": share(prefix[c])}
                        for k, c in zip(range(1, 21), curve_counts)]}

    seg_udf = F.udf(segment_of, T.StringType())
    scored = (payers.withColumn("r", _score(F.col("rank_r"), n)).withColumn("f", _score(F.col("rank_f"), n))
              .withColumn("m", _score(F.col("rank_m"), n)).withColumn("fm", ((F.col("f") + F.col("m") + 1) / 2).cast("int"))
              .withColumn("segment", seg_udf("r", "fm")))
    seg_rows = {r.segment: r for r in scored.groupBy("segment").agg(F.count(F.lit(1)).alias("n"), F.sum("rev").alias("rev")).collect()}
    rfm_segments = [{"segment": s, "customers": seg_rows[s].n if s in seg_rows else 0,
                     "revenue": money(seg_rows[s].rev if s in seg_rows else 0),
                     "revenue_share": share(seg_rows[s].rev if s in seg_rows else 0)} for s in SEGMENTS]
    top_rows = scored.where(F.col("rank_m") <= max(opts["top"], 0)).orderBy("rank_m").collect()
    customers_rfm = [{"customer_id": r.customer_id, "recency_days": int((period.to_micros - r.last) // DAY),
                      "frequency": r.orders, "monetary": money(r.rev), "r": r.r, "f": r.f, "m": r.m, "fm": r.fm,
                      "segment": r.segment} for r in top_rows]
    top_ids = [r.customer_id for r in top_rows]
    period_sessions = {r.customer_id: r.n for r in sessions.where(period.contains(F.col("start")) & F.col("customer_id").isin(top_ids))
                       .groupBy("customer_id").agg(F.count(F.lit(1)).alias("n")).collect()} if top_ids else {}
    segments = {}
    if top_ids and ctx.customers is not None and "segment" in ctx.customers.columns:
        segments = {r.customer_id: r.segment for r in ctx.customers.where(F.col("customer_id").isin(top_ids)).collect()}
    top_customers = [{"customer_id": r.customer_id, "revenue": money(r.rev), "orders": r.orders,
                      "sessions": period_sessions.get(r.customer_id, 0), "segment": segments.get(r.customer_id),
                      "rfm_segment": r.segment} for r in top_rows]

    churn = _churn_risk(ctx, period, opts["churn_factor"])
    kpis = _kpis(ctx, period, previous)

    # Reconciliation.
    in_file = orders.where(period.contains(F.col("ordered_at"))).agg(
        F.count(F.lit(1)).alias("n"), F.count("session_key").alias("seen")).first()
    stray = (ctx.pageviews.where((F.col("kind") == "checkout_complete") & period.contains(F.col("ts")) & F.col("item").isNotNull())
             .select(F.col("item").alias("order_id")).distinct().join(orders.select("order_id"), "order_id", "left_anti").count())
    cov = ctx.coverage
    reconciliation = {"orders_in_file": in_file.n, "orders_seen_in_logs": in_file.seen, "unmatched_orders": in_file.n - in_file.seen,
                      "checkout_orders_not_in_file": stray, "sessions": cov["sessions"],
                      "identified_sessions": cov["identified_sessions"], "identified_session_share": cov["identified_session_share"]}

    shoppers = _comparison_shoppers(ctx, period, opts, payers)
    payers.unpersist()

    headline = []
    if n == 0:
        headline.append("No customer ordered in this period.")
    else:
        headline.append("The top 20%% of paying customers (%d of %d) bring %s of revenue (%s of %s)." % (
            pareto["top20_customers"], n, percent_text(pareto["top20_revenue_share"]),
            money_text(prefix[pareto["top20_customers"]]), money_text(total)))
    churn_cents = sum(c["revenue_cents"] for c in churn)
    one = len(churn) == 1
    headline.append("%d repeat %s worth %s %s slipping away (away more than %s× their usual time between orders)." % (
        len(churn), "customer" if one else "customers", money_text(churn_cents), "is" if one else "are", _number(opts["churn_factor"])))
    k = {x["name"]: x for x in kpis}
    headline.append("Revenue %s against %s in the previous period (%s); %d new and %d returning customers ordered." % (
        money_text(k["revenue"]["value_cents"]), money_text(k["revenue"]["previous_cents"]), _change_text(k["revenue"]["change"]),
        k["new_customers"]["value"], k["returning_customers"]["value"]))
    for x in kpis:
        x.pop("value_cents", None)
        x.pop("previous_cents", None)
    for c in churn:
        c.pop("revenue_cents")
    return {
        "schema_version": 1, "report": "executive", "period": period.json(), "previous_period": previous.json(),
        "coverage": ctx.coverage, "parameters": opts, "headline": headline, "kpis": kpis, "pyramid": pyramid,
        "pareto": pareto, "rfm_segments": rfm_segments, "customers_rfm": customers_rfm, "churn_risk": churn,
        "comparison_shoppers": shoppers, "top_customers": top_customers, "reconciliation": reconciliation,
        "definitions": DEFINITIONS,
    }


def _kpis(ctx, period, previous):
    first_order = ctx.orders.groupBy("customer_id").agg(F.min("ordered_at").alias("first"))

    def figures(p):
        s = ctx.sessions.where(p.contains(F.col("start"))).agg(
            F.countDistinct("visitor").alias("visitors"), F.count(F.lit(1)).alias("sessions"),
            F.countDistinct("customer_id").alias("customers"), F.sum(F.col("converted").cast("int")).alias("converted")).first()
        in_p = ctx.orders.where(p.contains(F.col("ordered_at")))
        o = in_p.agg(F.count(F.lit(1)).alias("orders"), F.coalesce(F.sum("revenue_cents"), F.lit(0)).alias("rev")).first()
        new = first_order.where(p.contains(F.col("first"))).count()
        returning = (in_p.select("customer_id").distinct().join(first_order, "customer_id")
                     .where(F.col("first") < p.from_micros).count())
        return {"visitors": s.visitors, "sessions": s.sessions, "identified_customers": s.customers,
                "orders": o.orders, "rev": o.rev, "rate": 0 if s.sessions == 0 else (s.converted or 0) / s.sessions,
                "new_customers": new, "returning_customers": returning}

    now, before = figures(period), figures(previous)

    def kpi(name, unit, value, prev):
        pn = prev
        change = None if pn == 0 else (value - pn) / pn
        return {"name": name, "unit": unit, "value": value, "previous": prev, "change": change}

    out = [kpi("visitors", "count", now["visitors"], before["visitors"]), kpi("sessions", "count", now["sessions"], before["sessions"]),
           kpi("identified_customers", "count", now["identified_customers"], before["identified_customers"]),
           kpi("orders", "count", now["orders"], before["orders"])]
    rev = kpi("revenue", "money", now["rev"] / 100, before["rev"] / 100)
    rev["value_cents"], rev["previous_cents"] = now["rev"], before["rev"]
    out += [rev, kpi("conversion_rate", "rate", now["rate"], before["rate"]),
            kpi("new_customers", "count", now["new_customers"], before["new_customers"]),
            kpi("returning_customers", "count", now["returning_customers"], before["returning_customers"])]
    return out


def _churn_risk(ctx, period, factor):
    end = period.to_micros
    schema = T.StructType([T.StructField("median", T.DoubleType()), T.StructField("since_order", T.DoubleType()),
                           T.StructField("threshold", T.DoubleType())])
    churn = F.udf(lambda times: _churn(times, end, factor), schema)
    per_customer = (ctx.orders.where(F.col("ordered_at") < end).groupBy("customer_id")
                    .agg(F.collect_list("ordered_at").alias("times"), F.sum("revenue_cents").alias("rev"))
                    .where(F.size("times") >= 2).withColumn("c", churn("times")))
    last_visit = (ctx.sessions.where((F.col("start") < end) & F.col("customer_id").isNotNull())
                  .groupBy("customer_id").agg(F.max("start").alias("last_visit")))
    rows = (per_customer.join(last_visit, "customer_id", "left")
            .withColumn("since_visit", (F.lit(end) - F.col("last_visit")) / F.lit(float(DAY)))
            .where((F.col("c.since_order") > F.col("c.threshold"))
                   & (F.col("since_visit").isNull() | (F.col("since_visit") > F.col("c.threshold"))))
            .collect())
    out = [{"customer_id": r.customer_id, "revenue": money(r.rev), "revenue_cents": r.rev, "orders": len(r.times),
            "median_interval_days": r.c.median, "days_since_last_order": r.c.since_order,
            "days_since_last_visit": None if r.last_visit is None else (end - r.last_visit) / DAY} for r in rows]
    out.sort(key=lambda c: (-c["revenue_cents"], c["customer_id"]))
    return out


def anonymous_name(key):
    """`visitor:` and 16 hex digits of the 64-bit FNV-1a hash of the visitor key's UTF-8, as
    `ReportData.visitorName` in the embedded engine."""
    h = 0xcbf29ce484222325
    for b in key.encode("utf-8"):
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return "visitor:%016x" % h


def _comparison_shoppers(ctx, period, opts, payers):
    sessions = ctx.sessions.where(period.contains(F.col("start")))
    views = (ctx.pageviews.where("kind = 'product'").groupBy("visitor", "session_no")
             .agg(F.count(F.lit(1)).alias("views"), F.collect_set("item").alias("skus")))
    s = sessions.join(views, ["visitor", "session_no"], "left").fillna(0, ["views"])
    # Grouped by customer id or visitor key; an anonymous visitor is named after collecting.
    who = F.when(F.col("customer_id").isNotNull(), F.col("customer_id")).otherwise(F.col("visitor"))
    s = s.withColumn("id", who).withColumn("kind", F.when(F.col("customer_id").isNotNull(), "customer").otherwise("visitor"))
    browsers = s.groupBy("id", "kind").agg(
        F.count(F.lit(1)).alias("sessions"), F.sum(F.col("converted").cast("int")).alias("converted"),
        F.sum("views").alias("product_views"), F.sum((F.col("views") > 0).cast("int")).alias("product_view_sessions"),
        F.size(F.array_distinct(F.flatten(F.collect_list(F.coalesce("skus", F.array().cast("array<string>")))))).alias("distinct_products"))
    anon_orders = (ctx.orders.where(period.contains(F.col("ordered_at")) & F.col("session_key").isNotNull())
                   .select(F.col("session_key.visitor").alias("visitor"), F.col("session_key.session_no").alias("session_no"))
                   .join(sessions.where("customer_id IS NULL").select("visitor", "session_no"), ["visitor", "session_no"])
                   .groupBy(F.col("visitor").alias("id"))
                   .agg(F.count(F.lit(1)).alias("anon_orders")))
    rows = (browsers.join(anon_orders.withColumn("kind", F.lit("visitor")), ["id", "kind"], "left")
            .join(payers.select(F.col("customer_id").alias("id"), F.col("orders").alias("payer_orders"),
                                F.lit("customer").alias("kind")), ["id", "kind"], "left")
            .withColumn("rate", F.col("converted") / F.col("sessions"))
            .where((F.col("product_views") >= opts["comparison_min_product_views"])
                   & (F.col("product_view_sessions") >= opts["comparison_min_sessions"])
                   & (F.col("rate") <= opts["comparison_max_conversion_rate"]))
            .collect())
    out = [{"id": r.id if r.kind == "customer" else anonymous_name(r.id), "kind": r.kind, "sessions": r.sessions, "product_view_sessions": r.product_view_sessions,
            "product_views": r.product_views, "distinct_products": r.distinct_products,
            "orders": (r.payer_orders or 0) if r.kind == "customer" else (r.anon_orders or 0),
            "conversion_rate": r.converted / r.sessions} for r in rows]
    out.sort(key=lambda x: (-x["product_views"], x["id"]))
    return out
