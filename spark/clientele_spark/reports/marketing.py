"""`marketing`: MarketingReportBuilder (channels and sources: traffic, acquisition, six
attribution models incl. the exact Markov removal effect, ad spend, campaign fatigue,
channel preference per segment).

Per-customer journeys (touches of an order, the period's sessions) are grouped per customer
and per order in Spark; the Markov chain's transition counts are a Spark aggregation, and
only that small matrix is solved on the driver, with the embedded engine's arithmetic.
Credits per touch are computed per order (UDF) and summed per channel and source in Spark.
"""

import math
from urllib.parse import quote

from pyspark.sql import functions as F
from pyspark.sql import types as T

from .common import DAY, money, percent_text
from .products import money_text

OPTIONS = {"fatigue_campaigns": 3, "fatigue_window_days": 7, "lookback_days": 30, "time_decay_half_life_days": 7}
MODELS = ["last_non_direct", "first_click", "linear", "time_decay", "position_based", "markov"]
PLACEHOLDER_CAMPAIGNS = {"(direct)", "(referral)", "(organic)", "(not set)"}

DEFINITIONS = \
[{'definition': 'sessions count when they start in the period, orders when ordered_at is in the period; ad spend by its date', 'key': 'period'}, {'definition': "GA4 default channel group of the session's landing hit; a channel is listed when it has sessions in the period, a touch of an order of the period (touches may start before the period, within the lookback), or ad spend in the period", 'key': 'channels'}, {'definition': 'the same numbers per (channel, source, medium, campaign) of the session; campaign null when the landing URL had no utm_campaign', 'key': 'sources'}, {'definition': 'sessions that started in the period', 'key': 'sessions'}, {'definition': 'distinct visitors (devices) among those sessions', 'key': 'visitors'}, {'definition': "visitors whose first session in all the data starts in the period; counted in that first session's channel", 'key': 'new_visitors'}, {'definition': 'single-pageview sessions / sessions (0 when no sessions)', 'key': 'bounce_rate'}, {'definition': 'distinct customers among the sessions (a session is identified when its visitor is linked to a customer, on any device)', 'key': 'identified_customers'}, {'definition': 'sessions with a completed checkout / sessions (0 when no sessions)', 'key': 'conversion_rate'}, {'definition': "customers whose first session in all the data (by start time, then session id) starts in the period; counted in that session's channel", 'key': 'customers_acquired'}, {'definition': 'revenue of all orders the acquired customers placed from the start of their first session until 30 days after it (exclusive), / customers_acquired; windows may run past the period and, for recent customers, past the end of the data', 'key': 'revenue_per_acquired_customer_30d'}, {'definition': 'as revenue_per_acquired_customer_30d with a 90-day window', 'key': 'revenue_per_acquired_customer_90d'}, {'definition': 'acquired customers with 2 or more orders in their 90-day window / customers_acquired (0 when none acquired)', 'key': 'repeat_purchase_rate'}, {'definition': "an order's touches are the sessions of its customer, on all devices, that started at most lookback_days before the order and not after it, oldest first", 'key': 'touches'}, {'definition': "orders of the period credited to the row by each attribution model; an order's credit sums to 1 over its touches, so counts may be fractional; orders without touches are under unattributed", 'key': 'orders'}, {'definition': "revenue of the period's orders credited to the row by each attribution model; each order's revenue is split over its touches in whole cents that add up to the order exactly (largest remainder; ties go to the touch nearest the order)", 'key': 'revenue'}, {'definition': "all to the last touch whose channel is not Direct, or to the last touch when all are Direct (GA's rule)", 'key': 'revenue.last_non_direct'}, {'definition': 'all to the first touch', 'key': 'revenue.first_click'}, {'definition': 'equal shares to every touch', 'key': 'revenue.linear'}, {'definition': 'shares proportional to 2^(-(order time - touch start) / time_decay_half_life_days)', 'key': 'revenue.time_decay'}, {'definition': 'one touch 100%; two touches 50/50; three or more: 40% first, 40% last, 20% split evenly over the middle touches', 'key': 'revenue.position_based'}, {'definition': "first-order Markov chain over journeys (start -> channels -> conversion or null; repeated channels kept as self-loops): each order's touch path converts; each customer with sessions in the period but no order in it adds a path of those sessions' channels ending in null; P = probability of reaching conversion from start, solved exactly as an absorbing-chain linear system; removal effect of a channel = 1 - P(transitions into the channel go to null) / P; an order's revenue goes to the channels on its path in proportion to their removal effects normalised to sum to 1 over the path's distinct channels (the per-path variant), each channel's share split evenly over its touches; linear when the effects on the path sum to 0 (e.g. P = 0)", 'key': 'revenue.markov'}, {'definition': 'ad_spend.csv cost in the period (by date) of rows whose source/medium/campaign classify to the channel (GA4 rules); for sources, rows with exactly the same channel, source, medium and campaign (empty campaign = null); null when no ad spend row matches', 'key': 'cost'}, {'definition': 'cost / customers_acquired; null when no cost or no customer acquired', 'key': 'cost_per_acquired_customer'}, {'definition': 'revenue.last_non_direct / cost; null when there is no cost or it is 0', 'key': 'roas'}, {'definition': 'orders of the period with at least one touch, and their revenue (the revenue of every model sums to this)', 'key': 'attributed'}, {'definition': 'orders of the period with no touch in the lookback (also orders whose customer id is empty), and their revenue', 'key': 'unattributed'}, {'definition': 'P(conversion from start) of the chain', 'key': 'markov.conversion_probability'}, {'definition': 'P(conversion from start) with the channel removed', 'key': 'markov.conversion_probability_without'}, {'definition': '1 - conversion_probability_without / conversion_probability (0 when conversion_probability is 0)', 'key': 'markov.removal_effect'}, {'definition': 'campaign sessions are identified sessions of the period whose campaign is set and not (direct), (referral), (organic) or (not set); a customer is fatigued at the first campaign session at which the campaign sessions started in the fatigue_window_days before it (inclusive) carry fatigue_campaigns or more distinct campaigns', 'key': 'campaign_fatigue'}, {'definition': 'fatigued customers', 'key': 'campaign_fatigue.customers'}, {'definition': 'converted / all campaign sessions of fatigued customers before the session that reached the threshold (0 when none)', 'key': 'campaign_fatigue.response_rate_before'}, {'definition': 'converted / all campaign sessions of fatigued customers from the session that reached the threshold on (0 when none)', 'key': 'campaign_fatigue.response_rate_after'}, {'definition': 'converted / all campaign sessions of customers with campaign sessions who never reached the threshold (0 when none)', 'key': 'campaign_fatigue.non_fatigued_response_rate'}, {'definition': 'identified sessions of the period of customers of the segment (customers.csv segment; (none) when missing or empty) in the channel', 'key': 'segment_channel_preference.sessions'}, {'definition': 'sessions / all identified sessions of the segment in the period', 'key': 'segment_channel_preference.share'}]


def round_half_away(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def divided(cents, count):
    """Money.divided(by:)."""
    return 0 if count == 0 else round_half_away(cents / count)


# --- attribution (MarketingAttributionModel) ---------------------------------------------

def weights(model, channels, starts, order_time, half_life_days, effects):
    n = len(channels)
    if n == 0:
        return []
    w = [0.0] * n
    if model == "last_non_direct":
        index = n - 1
        for i in range(n - 1, -1, -1):
            if channels[i] != "Direct":
                index = i
                break
        w[index] = 1.0
    elif model == "first_click":
        w[0] = 1.0
    elif model == "linear":
        w = [1 / n] * n
    elif model == "time_decay":
        half_life = half_life_days * 86_400_000_000
        for i in range(n):
            w[i] = 2.0 ** (-float(order_time - starts[i]) / half_life)
        total = 0.0
        for x in w:
            total += x
        if not (total > 0 and math.isfinite(total)):
            return weights("linear", channels, starts, order_time, half_life_days, effects)
        w = [x / total for x in w]
    elif model == "position_based":
        if n == 1:
            w[0] = 1.0
        elif n == 2:
            w = [0.5, 0.5]
        else:
            w[0] = 0.4
            w[n - 1] = 0.4
            for i in range(1, n - 1):
                w[i] = 0.2 / (n - 2)
    elif model == "markov":
        touches = {}
        order = []
        for c in channels:
            if c not in touches:
                order.append(c)
            touches[c] = touches.get(c, 0) + 1
        total = 0.0
        for c in order:
            total += max(0.0, effects.get(c, 0.0))
        if not (total > 0 and math.isfinite(total)):
            return weights("linear", channels, starts, order_time, half_life_days, effects)
        for i in range(n):
            c = channels[i]
            w[i] = max(0.0, effects.get(c, 0.0)) / total / touches.get(c, 1)
    return w


def allocate(cents, w):
    """MarketingAttributionModel.allocate: whole cents by largest remainder."""
    if not w:
        return []
    total = 0.0
    for x in w:
        total += max(0.0, x)
    parts = [0] * len(w)
    if not (total > 0 and math.isfinite(total)):
        parts[-1] = cents
        return parts
    amount = abs(cents)
    remainders = [0] * len(w)
    given = 0
    for i, x in enumerate(w):
        exact = float(amount) * max(0.0, x) / total
        floor = max(0.0, math.floor(exact + 1e-7))
        parts[i] = int(floor)
        given += int(floor)
        remainders[i] = round_half_away((exact - floor) * 1e9)
    order = sorted(range(len(w)), key=lambda i: (-remainders[i], -i))
    if given < amount:
        left, k = amount - given, 0
        while left > 0:
            parts[order[k % len(order)]] += 1
            left -= 1
            k += 1
    elif given > amount:
        surplus, k = given - amount, len(order) - 1
        while surplus > 0:
            i = order[k % len(order)]
            if parts[i] > 0:
                parts[i] -= 1
                surplus -= 1
            k -= 1
    return [-p for p in parts] if cents < 0 else parts


# --- Markov chain (MarketingMarkovChain) ------------------------------------------------

def conversion_probability(counts, removed):
    n = len(counts)
    conversion = n
    a = [[0.0] * (n + 1) for _ in range(n)]
    for i in range(n):
        a[i][i] = 1.0
        if i == removed:
            continue
        out = sum(counts[i])
        if out <= 0:
            continue
        for j in range(n):
            if j != removed:
                a[i][j] -= float(counts[i][j]) / float(out)
        a[i][n] = float(counts[i][conversion]) / float(out)
    for col in range(n):
        pivot = col
        for row in range(col + 1, n):
            if abs(a[row][col]) > abs(a[pivot][col]):
                pivot = row
        if not abs(a[pivot][col]) > 1e-300:
            continue
        if pivot != col:
            a[pivot], a[col] = a[col], a[pivot]
        p = a[col][col]
        for row in range(n):
            if row != col and a[row][col] != 0:
                factor = a[row][col] / p
                for j in range(col, n + 1):
                    a[row][j] -= factor * a[col][j]
    if not abs(a[0][0]) > 1e-300:
        return 0.0
    return min(1.0, max(0.0, a[0][n] / a[0][0]))


class Chain:
    def __init__(self, transitions, converting, non_converting):
        """transitions: {(from, to): count}; from is None for the start, to "\\x01conv" / "\\x01null" at the end."""
        names = sorted({x for pair in transitions for x in pair if x is not None and not x.startswith("\x01")},
                       key=lambda s: s.encode())
        k = len(names)
        index = {c: i + 1 for i, c in enumerate(names)}
        counts = [[0] * (k + 3) for _ in range(k + 1)]
        for (frm, to), n in transitions.items():
            i = 0 if frm is None else index[frm]
            j = k + 1 if to == "\x01conv" else (k + 2 if to == "\x01null" else index[to])
            counts[i][j] += n
        self.channels = names
        self.converting, self.non_converting = converting, non_converting
        self.p = conversion_probability(counts, None)
        self.without, self.effects = {}, {}
        for i, c in enumerate(names):
            q = conversion_probability(counts, i + 1)
            self.without[c] = q
            self.effects[c] = 1 - q / self.p if self.p > 0 else 0.0


def _path_transitions(channels, converted):
    out = []
    frm = None
    for c in channels:
        out.append((frm, c))
        frm = c
    out.append((frm, "\x01conv" if converted else "\x01null"))
    return out


# --- campaign fatigue (MarketingCampaignFatigue) ----------------------------------------

def _is_campaign(c):
    return bool(c) and c.lower() not in PLACEHOLDER_CAMPAIGNS


def fatigue_of(sessions, threshold, window_days):
    """One customer's period sessions (sorted): (reached index or -1, campaign sessions, converted before, after)."""
    window = window_days * DAY
    cs = [s for s in sessions if _is_campaign(s.campaign)]
    if not cs:
        return None
    in_window, left, reached = {}, 0, None
    for k, s in enumerate(cs):
        in_window[s.campaign] = in_window.get(s.campaign, 0) + 1
        while cs[left].start < s.start - window:
            old = cs[left].campaign
            in_window[old] -= 1
            if in_window[old] == 0:
                del in_window[old]
            left += 1
        if len(in_window) >= threshold:
            reached = k
            break
    conv = [1 if s.converted else 0 for s in cs]
    if reached is None:
        return (-1, len(cs), sum(conv), 0)
    return (reached, len(cs), sum(conv[:reached]), sum(conv[reached:]))


def _ad_spend_channels(ctx):
    """GA4 channel of each ad-spend row, decided by the clientele binary itself: the row as a
    campaign-tagged request through the same `parse --classify` step as the logs."""
    if ctx.ad_spend is None:
        return None
    rows = ctx.ad_spend.select("source", "medium", "campaign").distinct()

    def line(r):
        q = "utm_source=%s&utm_medium=%s" % (quote(r.source or "", safe=""), quote(r.medium or "", safe=""))
        if r.campaign:
            q += "&utm_campaign=" + quote(r.campaign, safe="")
        return ('0.0.0.0 - - [01/Jan/2026:00:00:00 +0000] "GET /?%s HTTP/1.1" 200 0 "-" '
                '"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"' % q)

    spark = ctx.sessions.sparkSession
    lines = rows.rdd.map(lambda r: (r, line(r)))
    keyed = lines.map(lambda rl: rl[1])
    command = ctx.ad_spend_parse_command
    parsed = keyed.coalesce(1).pipe(command, checkCode=False)
    import json as _json
    classified = parsed.map(lambda s: _json.loads(s)).map(lambda o: (o["query"], o["c"]["traffic"][0]))
    keys = lines.map(lambda rl: (rl[1].split("GET /?", 1)[1].split(" ", 1)[0], rl[0]))
    joined = keys.join(classified).map(lambda kv: (kv[1][0].source, kv[1][0].medium, kv[1][0].campaign, kv[1][1]))
    return spark.createDataFrame(joined, "source string, medium string, campaign string, spend_channel string")


SOURCE_KEY = ["channel", "source", "medium", "campaign"]


def build(ctx):
    period, opts = ctx.period, OPTIONS
    spark = ctx.sessions.sparkSession
    order_key = F.struct("start", "visitor", "session_no")
    sessions = ctx.sessions.withColumn("ord", order_key).withColumn(
        "customer", F.when(F.col("customer_id") != "", F.col("customer_id")))
    in_period = sessions.where(period.contains(F.col("start")))

    def traffic(keys):
        return in_period.groupBy(*keys).agg(
            F.count(F.lit(1)).alias("sessions"), F.sum(F.col("bounced").cast("int")).alias("bounced"),
            F.sum(F.col("converted").cast("int")).alias("converted"), F.countDistinct("visitor").alias("visitors"),
            F.countDistinct("customer").alias("customers"))

    first_of_visitor = sessions.groupBy("visitor").agg(F.min("ord").alias("ord")).join(sessions, ["visitor", "ord"])
    first_of_customer = sessions.where("customer IS NOT NULL").groupBy("customer").agg(F.min("ord").alias("first"))
    first_of_customer = first_of_customer.select("customer", F.col("first.start").alias("start"), F.col("first.visitor").alias("visitor"),
                                                 F.col("first.session_no").alias("session_no")).join(
        sessions.select("visitor", "session_no", *SOURCE_KEY), ["visitor", "session_no"])

    def new_visitors(keys):
        return (first_of_visitor.where(period.contains(F.col("start"))).groupBy(*keys)
                .agg(F.count(F.lit(1)).alias("new_visitors")))

    orders = ctx.orders.where(F.col("customer_id") != "")
    acquired = (first_of_customer.where(period.contains(F.col("start")))
                .join(orders.select(F.col("customer_id").alias("customer"), "ordered_at", "revenue_cents"), "customer", "left")
                .withColumn("after", F.col("ordered_at") - F.col("start"))
                .groupBy("customer", *SOURCE_KEY).agg(
                    F.coalesce(F.sum(F.when((F.col("after") >= 0) & (F.col("after") < 30 * DAY), F.col("revenue_cents"))), F.lit(0)).alias("r30"),
                    F.coalesce(F.sum(F.when((F.col("after") >= 0) & (F.col("after") < 90 * DAY), F.col("revenue_cents"))), F.lit(0)).alias("r90"),
                    F.sum(F.when((F.col("after") >= 0) & (F.col("after") < 90 * DAY), 1).otherwise(0)).alias("o90")))

    def acquisition(keys):
        return acquired.groupBy(*keys).agg(
            F.count(F.lit(1)).alias("acquired"), F.sum("r30").alias("r30"), F.sum("r90").alias("r90"),
            F.sum((F.col("o90") >= 2).cast("int")).alias("repeaters"))

    # Touches of the period's orders: the customer's sessions in the lookback window before it.
    lookback = opts["lookback_days"] * DAY
    period_orders = ctx.orders.where(period.contains(F.col("ordered_at"))).select("order_id", "customer_id", "ordered_at", "revenue_cents")
    touch = F.struct("ord", "channel", "source", "medium", "campaign", "start")
    touches = (period_orders.join(sessions.select(F.col("customer").alias("customer_id"), "ord", "start", *SOURCE_KEY), "customer_id", "left")
               .where(F.col("start").isNull() | ((F.col("start") >= F.col("ordered_at") - lookback) & (F.col("start") <= F.col("ordered_at"))))
               .groupBy("order_id", "customer_id", "ordered_at", "revenue_cents")
               .agg(F.sort_array(F.collect_list(F.when(F.col("start").isNotNull(), touch))).alias("touches")))
    # Orders whose customer has sessions, none in the window, fall out of the join above: add them back.
    touches = period_orders.join(touches.select("order_id", "touches"), "order_id", "left").withColumn(
        "touches", F.coalesce("touches", F.array().cast(touches.schema["touches"].dataType)))
    touches = touches.persist()
    totals = touches.groupBy((F.size("touches") > 0).alias("attributed")).agg(
        F.count(F.lit(1)).alias("orders"), F.sum("revenue_cents").alias("rev")).collect()
    attributed = {"orders": 0, "revenue": 0}
    unattributed = {"orders": 0, "revenue": 0}
    for r in totals:
        (attributed if r.attributed else unattributed).update(orders=r.orders, revenue=r.rev)

    # Each customer's sessions in the period, in order.
    period_journeys = (in_period.where("customer IS NOT NULL").groupBy("customer")
                       .agg(F.sort_array(F.collect_list(F.struct("ord", "start", "channel", "campaign", "converted"))).alias("journey")))
    period_journeys = period_journeys.persist()
    ordering = period_orders.select(F.col("customer_id").alias("customer")).distinct()

    # The Markov chain: converting paths of attributed orders, null paths of customers who did not order.
    transitions_of = F.udf(lambda chans, conv: [list(t) for t in _path_transitions(chans, conv)],
                           T.ArrayType(T.ArrayType(T.StringType())))
    conv_paths = touches.where(F.size("touches") > 0).select(F.col("touches.channel").alias("chans"), F.lit(True).alias("conv"))
    null_paths = (period_journeys.join(ordering, "customer", "left_anti")
                  .select(F.col("journey.channel").alias("chans"), F.lit(False).alias("conv")))
    paths = conv_paths.unionByName(null_paths)
    trans = (paths.select(F.explode(transitions_of("chans", "conv")).alias("t"))
             .groupBy(F.col("t")[0].alias("frm"), F.col("t")[1].alias("to")).agg(F.count(F.lit(1)).alias("n")).collect())
    counts = paths.groupBy("conv").agg(F.count(F.lit(1)).alias("n")).collect()
    converting = sum(r.n for r in counts if r.conv)
    chain = Chain({(r.frm, r.to): r.n for r in trans}, converting, sum(r.n for r in counts if not r.conv))

    # Credits of every attributed order under every model.
    effects = dict(chain.effects)
    half_life = opts["time_decay_half_life_days"]
    credit_type = T.ArrayType(T.StructType([
        T.StructField("model", T.StringType()), T.StructField("i", T.IntegerType()),
        T.StructField("weight", T.DoubleType()), T.StructField("cents", T.LongType())]))

    def credits(ts, ordered_at, cents):
        chans = [t.channel for t in ts]
        starts = [t.start for t in ts]
        out = []
        for model in MODELS:
            w = weights(model, chans, starts, ordered_at, half_life, effects)
            parts = allocate(cents, w)
            for i in range(len(ts)):
                out.append((model, i, w[i], parts[i]))
        return out

    credit = (touches.where(F.size("touches") > 0)
              .select("order_id", "ordered_at", "touches",
                      F.explode(F.udf(credits, credit_type)("touches", "ordered_at", "revenue_cents")).alias("c"))
              .select("order_id", "ordered_at", F.col("c.model").alias("model"), F.col("c.i").alias("i"),
                      F.col("c.weight").alias("weight"), F.col("c.cents").alias("cents"),
                      F.element_at("touches", F.col("c.i") + 1).alias("t"))
              .select("order_id", "ordered_at", "model", "i", "weight", "cents", *[F.col("t." + k).alias(k) for k in SOURCE_KEY]))

    def credited(keys):
        # Order credits are summed in the embedded engine's order (orders by time and id, touches
        # in order), a left fold, so that fractional order counts agree to the last bit.
        per_model = credit.groupBy(*keys, "model").agg(
            F.aggregate(F.sort_array(F.collect_list(F.struct("ordered_at", "order_id", "i", "weight"))),
                        F.lit(0.0), lambda acc, x: acc + x["weight"]).alias("w"),
            F.sum("cents").alias("c"))
        return per_model.groupBy(*keys).pivot("model", MODELS).agg(F.first("w").alias("w"), F.first("c").alias("c"))

    # Ad spend of the period, under the channel GA4's rules give its source / medium / campaign.
    spend = None
    if ctx.ad_spend is not None:
        channels_of = _ad_spend_channels(ctx)
        spend = (ctx.ad_spend.where((F.col("date") >= period.frm) & (F.col("date") < period.to)).alias("s")
                 .join(channels_of.alias("k"), (F.col("s.source") == F.col("k.source")) & (F.col("s.medium") == F.col("k.medium"))
                       & F.col("s.campaign").eqNullSafe(F.col("k.campaign")))
                 .select(F.col("spend_channel").alias("channel"), F.col("s.source").alias("source"),
                         F.col("s.medium").alias("medium"), F.col("s.campaign").alias("campaign"), "cost_cents"))

    def rows(keys):
        parts = [traffic(keys), new_visitors(keys), acquisition(keys), credited(keys)]
        if spend is not None:
            parts.append(spend.groupBy(*keys).agg(F.sum("cost_cents").alias("cost")))
        df = parts[0]
        for p in parts[1:]:
            df = df.join(p, [df[k].eqNullSafe(p[k]) for k in keys], "full").select(
                *[F.coalesce(df[k], p[k]).alias(k) for k in keys], *[df[c] for c in df.columns if c not in keys],
                *[p[c] for c in p.columns if c not in keys])
        return [metrics(r) for r in df.collect()]

    def metrics(r):
        d = r.asDict()

        def g(k):
            return d.get(k) or 0

        def rate(n, m):
            return 0 if m == 0 else n / m

        acquired_n = g("acquired")
        m = {"sessions": g("sessions"), "visitors": g("visitors"), "new_visitors": g("new_visitors"),
             "bounce_rate": rate(g("bounced"), g("sessions")), "identified_customers": g("customers"),
             "conversion_rate": rate(g("converted"), g("sessions")), "customers_acquired": acquired_n,
             "rev30": divided(g("r30"), acquired_n), "rev90": divided(g("r90"), acquired_n),
             "repeat_purchase_rate": rate(g("repeaters"), acquired_n),
             "orders": {k: float(d.get(k + "_w") or 0.0) for k in MODELS},
             "revenue_cents": {k: int(d.get(k + "_c") or 0) for k in MODELS},
             "cost": d.get("cost")}
        for k in ("channel", "source", "medium", "campaign"):
            if k in d:
                m[k] = d[k]
        return m

    channel_rows = rows(["channel"])
    source_rows = rows(SOURCE_KEY)

    def rank_key(m):
        return (-m["revenue_cents"]["last_non_direct"], -m["sessions"])

    channel_rows.sort(key=lambda m: (rank_key(m), m["channel"].encode()))
    source_rows.sort(key=lambda m: (rank_key(m), m["channel"].encode(), m["source"].encode(), m["medium"].encode(),
                                    0 if m["campaign"] is None else 1, (m["campaign"] or "").encode()))

    # Segments' channel mix.
    segments = None
    if ctx.customers is not None and "segment" in ctx.customers.columns:
        segments = ctx.customers.select(F.col("customer_id").alias("customer"), "segment")
    seg = in_period.where("customer IS NOT NULL")
    if segments is not None:
        seg = seg.join(segments, "customer", "left")
    else:
        seg = seg.withColumn("segment", F.lit(None).cast("string"))
    seg = seg.withColumn("segment", F.when(F.col("segment").isNull() | (F.col("segment") == ""), "(none)").otherwise(F.col("segment")))
    seg_rows = seg.groupBy("segment", "channel").agg(F.count(F.lit(1)).alias("n")).collect()
    seg_total = {}
    for r in seg_rows:
        seg_total[r.segment] = seg_total.get(r.segment, 0) + r.n
    segment_rows = []
    for s in sorted(seg_total, key=lambda x: x.encode()):
        rs = sorted((r for r in seg_rows if r.segment == s), key=lambda r: (-r.n, r.channel.encode()))
        segment_rows += [{"segment": s, "channel": r.channel, "sessions": r.n, "share": r.n / seg_total[s]} for r in rs]

    # Campaign fatigue.
    fat_type = T.StructType([T.StructField("k", T.IntegerType()), T.StructField("n", T.IntegerType()),
                             T.StructField("before", T.IntegerType()), T.StructField("after", T.IntegerType())])
    thr, win = opts["fatigue_campaigns"], opts["fatigue_window_days"]
    fat = (period_journeys.select(F.udf(lambda j: fatigue_of(j, thr, win), fat_type)("journey").alias("f"))
           .where("f IS NOT NULL").select("f.*").collect())
    fatigue = {"threshold_campaigns": thr, "window_days": win, "customers": 0, "sessions_before": 0, "sessions_after": 0,
               "response_rate_before": 0, "response_rate_after": 0, "non_fatigued_customers": 0, "non_fatigued_sessions": 0,
               "non_fatigued_response_rate": 0}
    cb = ca = co = 0
    for f in fat:
        if f.k >= 0:
            fatigue["customers"] += 1
            fatigue["sessions_before"] += f.k
            fatigue["sessions_after"] += f.n - f.k
            cb += f.before
            ca += f.after
        else:
            fatigue["non_fatigued_customers"] += 1
            fatigue["non_fatigued_sessions"] += f.n
            co += f.before
    fatigue["response_rate_before"] = 0 if fatigue["sessions_before"] == 0 else cb / fatigue["sessions_before"]
    fatigue["response_rate_after"] = 0 if fatigue["sessions_after"] == 0 else ca / fatigue["sessions_after"]
    fatigue["non_fatigued_response_rate"] = 0 if fatigue["non_fatigued_sessions"] == 0 else co / fatigue["non_fatigued_sessions"]
    touches.unpersist()
    period_journeys.unpersist()

    markov = {"converting_paths": chain.converting, "non_converting_paths": chain.non_converting,
              "conversion_probability": chain.p,
              "channels": sorted(({"channel": c, "conversion_probability_without": chain.without.get(c, 0),
                                   "removal_effect": chain.effects.get(c, 0)} for c in chain.channels),
                                 key=lambda x: (-x["removal_effect"], x["channel"].encode()))}
    headline = _headline(channel_rows, attributed, unattributed)
    return {
        "schema_version": 1, "report": "marketing", "period": period.json(), "coverage": ctx.coverage, "options": opts,
        "headline": headline, "channels": [_encode(m, False) for m in channel_rows],
        "sources": [_encode(m, True) for m in source_rows],
        "attributed": {"orders": attributed["orders"], "revenue": money(attributed["revenue"])},
        "unattributed": {"orders": unattributed["orders"], "revenue": money(unattributed["revenue"])},
        "markov": markov, "campaign_fatigue": fatigue, "segment_channel_preference": segment_rows,
        "definitions": DEFINITIONS,
    }


def _roas(m):
    cost = m["cost"]
    return None if cost is None or cost <= 0 else m["revenue_cents"]["last_non_direct"] / cost


def _encode(m, source):
    out = {"channel": m["channel"]}
    if source:
        out.update(source=m["source"], medium=m["medium"], campaign=m["campaign"])
    cost = m["cost"]
    out.update({
        "sessions": m["sessions"], "visitors": m["visitors"], "new_visitors": m["new_visitors"],
        "bounce_rate": m["bounce_rate"], "identified_customers": m["identified_customers"],
        "conversion_rate": m["conversion_rate"], "customers_acquired": m["customers_acquired"],
        "revenue_per_acquired_customer_30d": money(m["rev30"]), "revenue_per_acquired_customer_90d": money(m["rev90"]),
        "repeat_purchase_rate": m["repeat_purchase_rate"], "orders": m["orders"],
        "revenue": {k: money(v) for k, v in m["revenue_cents"].items()},
        "cost": None if cost is None else money(cost),
        "cost_per_acquired_customer": None if cost is None or m["customers_acquired"] == 0 else money(divided(cost, m["customers_acquired"])),
        "roas": _roas(m),
    })
    return out


def _headline(channels, attributed, unattributed):
    lines = []
    acquiring = sorted((c for c in channels if c["customers_acquired"] > 0),
                       key=lambda c: (-c["customers_acquired"], c["channel"].encode()))

    def customers(n):
        return "1 new customer" if n == 1 else "%d new customers" % n

    if len(acquiring) >= 2:
        a, b = acquiring[0], acquiring[1]
        lines.append("%s brought %s worth %s each in 90 days; %s brought %d worth %s." % (
            a["channel"], customers(a["customers_acquired"]), money_text(a["rev90"]), b["channel"], b["customers_acquired"], money_text(b["rev90"])))
    elif acquiring:
        a = acquiring[0]
        lines.append("%s brought %s worth %s each in 90 days." % (a["channel"], customers(a["customers_acquired"]), money_text(a["rev90"])))
    else:
        lines.append("No customer's first visit fell in this period.")

    spending = sorted((c for c in channels if (c["cost"] or 0) > 0), key=lambda c: (-(_roas(c) or 0), c["channel"].encode()))

    def returned(c):
        return money_text(round_half_away((_roas(c) or 0) * 100))

    lookback = OPTIONS["lookback_days"]
    if spending:
        best = spending[0]
        line = "%s returned %s per 1.00 of ad spend (last non-direct click)" % (best["channel"], returned(best))
        if len(spending) > 1:
            line += "; %s returned %s" % (spending[-1]["channel"], returned(spending[-1]))
        lines.append(line + ".")
    elif channels and channels[0]["revenue_cents"]["last_non_direct"] > 0:
        top = channels[0]
        share = top["revenue_cents"]["last_non_direct"] / max(1, attributed["revenue"])
        lines.append("%s drove the most revenue by last non-direct click: %s of %s attributed (%s)." % (
            top["channel"], money_text(top["revenue_cents"]["last_non_direct"]), money_text(attributed["revenue"]), percent_text(share)))
    elif unattributed["orders"] > 0:
        n = unattributed["orders"]
        lines.append("None of the period's %d order%s had a visit in the %d days before it, so no channel earned revenue." % (
            n, "" if n == 1 else "s", lookback))
    else:
        lines.append("There were no orders in this period, so no channel earned revenue.")

    total = float(attributed["revenue"])
    gaps = []
    for c in channels:
        mk = c["revenue_cents"]["markov"] / total if total > 0 else 0
        last = c["revenue_cents"]["last_non_direct"] / total if total > 0 else 0
        gaps.append((c["channel"], mk, last))
    gaps.sort(key=lambda g: (-abs(g[1] - g[2]), g[0].encode()))
    if gaps and abs(gaps[0][1] - gaps[0][2]) >= 0.05:
        g = gaps[0]
        lines.append("The Markov model gives %s %s of attributed revenue versus %s by last non-direct click." % (
            g[0], percent_text(g[1]), percent_text(g[2])))
    elif unattributed["orders"] > 0 and attributed["orders"] > 0:
        n = unattributed["orders"]
        lines.append("%d order%s (%s) had no visit in the %d days before and %s unattributed." % (
            n, "" if n == 1 else "s", money_text(unattributed["revenue"]), lookback, "is" if n == 1 else "are"))
    return lines
