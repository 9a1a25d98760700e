"""`products`: ProductsReportBuilder (views and cart adds from pageviews; orders from orders.csv).

Per sku and category, pairs bought together and purchase sequences, all as Spark
aggregations and self-joins; only the ranked top rows reach the driver.
"""

from pyspark.sql import Window
from pyspark.sql import functions as F

from .common import DAY, money, percent_text

OPTIONS = {"min_pair_count": 2, "sequence_max_days": 30, "sequence_min_customers": 2, "sequence_min_days": 3, "top": 50}

# ProductsReport.definitions(options) with the default options above.
DEFINITIONS = \
{'buyers': 'distinct customers of those orders', 'cart_adds': 'cart-add pageviews of the sku in the period (pageviews, not quantities)', 'categories': 'the same figures per category: views, cart_adds, units and revenue summed over its skus; purchases, buyers and repeat_buyers count orders containing any sku of the category; products is the number of its skus seen', 'category': 'from products.csv; (unknown) when the sku is not there or has no category', 'category_pairs': 'the same over categories: distinct categories per order, pairs of two different categories', 'category_sequences': 'the same over categories (the first purchase of any sku of a category, then the first later purchase of a different category)', 'confidence_a_to_b': "count / orders containing a (the share of a's orders that also have b); confidence_b_to_a likewise", 'count': 'orders containing both a and b', 'customers': 'customers who did the sequence', 'funnel': 'views and cart_adds: product and cart-add pageviews with a sku in the period (the sums over products); purchases: orders in the period', 'lift': 'support / (support of a × support of b) = count × orders / (orders with a × orders with b); above 1 means bought together more often than chance', 'median_gap_days': 'median over those customers of (time of `then` − time of `first`) in days (fractional)', 'name': 'from products.csv; empty when the sku is not there', 'pairs': 'unordered sku pairs {a, b} (a < b) bought in the same order (distinct skus per order, orders in the period), kept when count ≥ 2', 'period': 'product views and cart adds by pageview time, orders by order time (orders.csv)', 'products_total': 'distinct skus seen in the period (products[] keeps at most `top`)', 'purchases': 'orders in the period containing the sku (an order counts once however many lines it has)', 'rate': 'customers / customers who bought `first` in the period', 'repeat_buyers': 'customers with two or more of those orders', 'revenue': "sum of quantity × unit price of the sku's order lines in the period", 'sequences': "the customer's first purchase of `first` in the period followed by their first purchase of `then` (a different sku) 3 to 30 days after it (inclusive), both in the period; kept when customers ≥ 2", 'sku': 'product id: the item of product and cart-add pageviews, the sku of order lines; products[] holds every sku seen in the period', 'support': 'count / orders in the period', 'units': 'sum of quantities of the sku over order lines in the period', 'view_not_buy': 'products with views ≥ view_not_buy_threshold, by lowest view_to_purchase_rate, then most views', 'view_not_buy_threshold': 'the median views of the products viewed in the period (mean of the middle two for an even count), at least 1', 'view_to_cart_rate': 'cart_adds / views; null when there are no views', 'view_to_purchase_rate': 'purchases / views; null when there are no views; may exceed 1 when orders come without logged views (other devices, phone orders)', 'views': 'product pageviews of the sku in the period (bots excluded)'}


def _ratio(part, whole):
    return None if whole == 0 else part / whole


def _median(values):
    values = sorted(values)
    if not values:
        return None
    mid = len(values) // 2
    return values[mid] if len(values) % 2 == 1 else (values[mid - 1] + values[mid]) / 2


def money_text(cents):
    """Money.text: grouped thousands, two decimals."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return "%s%s.%02d" % (sign, "{:,}".format(whole), fraction)


def _pairs(baskets, orders_count, min_count):
    """Unordered pairs (a < b) of distinct items in the same basket: count, support, confidences, lift."""
    single = baskets.select("basket_id", F.explode("basket").alias("a")).groupBy("a").agg(F.count(F.lit(1)).alias("na"))
    exploded = baskets.select("basket_id", F.posexplode("basket").alias("i", "a"))
    other = exploded.select("basket_id", F.col("i").alias("j"), F.col("a").alias("b"))
    together = (exploded.join(other, "basket_id").where("i < j").groupBy("a", "b").agg(F.count(F.lit(1)).alias("n"))
                .where(F.col("n") >= max(1, min_count)))
    nb = single.select(F.col("a").alias("b"), F.col("na").alias("nb"))
    rows = together.join(single, "a").join(nb, "b").collect()
    out = []
    for r in rows:
        n, na, nbv, o = float(r.n), float(r.na), float(r.nb), float(orders_count)
        out.append({"a": r.a, "b": r.b, "count": r.n, "support": n / o, "confidence_a_to_b": n / na,
                    "confidence_b_to_a": n / nbv, "lift": n * o / (na * nbv)})
    out.sort(key=lambda x: (-x["count"], -x["lift"], x["a"], x["b"]))
    return out


def _sequences(purchases, item_col):
    """Item b bought 3-30 days after a customer's first purchase of a: customers, rate, median gap."""
    lo, hi = OPTIONS["sequence_min_days"] * DAY, OPTIONS["sequence_max_days"] * DAY
    items = purchases.select("customer_id", "ordered_at", F.explode(item_col).alias("item"))
    first = items.groupBy("customer_id", F.col("item").alias("a")).agg(F.min("ordered_at").alias("ta"))
    buyers = first.groupBy("a").agg(F.count(F.lit(1)).alias("buyers"))
    later = items.select("customer_id", F.col("ordered_at").alias("tb"), F.col("item").alias("b"))
    gaps = (first.join(later, "customer_id")
            .where((F.col("a") != F.col("b")) & (F.col("tb") - F.col("ta") >= lo) & (F.col("tb") - F.col("ta") <= hi))
            .groupBy("customer_id", "a", "b").agg(F.min(F.col("tb") - F.col("ta")).alias("gap")))
    rows = (gaps.groupBy("a", "b").agg(F.collect_list("gap").alias("gaps"))
            .where(F.size("gaps") >= max(1, OPTIONS["sequence_min_customers"]))
            .join(buyers, "a").collect())
    out = [{"first": r.a, "then": r.b, "customers": len(r.gaps), "rate": len(r.gaps) / r.buyers,
            "median_gap_days": _median([g / DAY for g in r.gaps])} for r in rows]
    out.sort(key=lambda x: (-x["customers"], -x["rate"], x["first"], x["then"]))
    return out


def build(ctx):
    period, top = ctx.period, OPTIONS["top"]
    spark = ctx.sessions.sparkSession
    catalog = ctx.products if ctx.products is not None else spark.createDataFrame([], "sku string, name string, category string, price_cents long")
    catalog = catalog.select("sku", F.col("name").alias("pname"), F.col("category").alias("pcategory"))
    category = F.when(F.col("pcategory").isNull() | (F.col("pcategory") == ""), F.lit("(unknown)")).otherwise(F.col("pcategory"))

    views = (ctx.pageviews.where(period.contains(F.col("ts")) & F.col("item").isNotNull() & (F.col("item") != "")
                                 & F.col("kind").isin("product", "cart_add"))
             .groupBy(F.col("item").alias("sku"))
             .agg(F.sum((F.col("kind") == "product").cast("long")).alias("views"),
                  F.sum((F.col("kind") == "cart_add").cast("long")).alias("cart_adds")))
    orders = ctx.orders.where(period.contains(F.col("ordered_at")))
    lines = orders.select("order_id", "customer_id", "ordered_at", F.explode("items").alias("it")).select(
        "order_id", "customer_id", "ordered_at", F.col("it.sku").alias("sku"), F.col("it.quantity").alias("quantity"),
        (F.col("it.quantity") * F.col("it.unit_price_cents")).alias("revenue"))
    lines = lines.join(catalog, "sku", "left").withColumn("category", category)

    def sold(key):
        per_order = lines.groupBy(key, "order_id", "customer_id").agg(F.sum("quantity").alias("units"), F.sum("revenue").alias("revenue"))
        per_customer = per_order.groupBy(key, "customer_id").agg(F.count(F.lit(1)).alias("orders"))
        buyers = per_customer.groupBy(key).agg(F.count(F.lit(1)).alias("buyers"),
                                               F.sum((F.col("orders") >= 2).cast("long")).alias("repeat_buyers"))
        return (per_order.groupBy(key).agg(F.count(F.lit(1)).alias("purchases"), F.sum("units").alias("units"),
                                           F.sum("revenue").alias("revenue_cents")).join(buyers, key))

    skus = (views.join(sold("sku"), "sku", "full").join(catalog, "sku", "left").withColumn("category", category)
            .fillna(0, ["views", "cart_adds", "purchases", "units", "revenue_cents", "buyers", "repeat_buyers"]))
    skus = skus.persist()
    cat_views = skus.groupBy("category").agg(F.sum("views").alias("views"), F.sum("cart_adds").alias("cart_adds"),
                                             F.count(F.lit(1)).alias("products"))
    categories = (cat_views.join(sold("category").drop("units", "revenue_cents"), "category", "left")
                  .join(lines.groupBy("category").agg(F.sum("quantity").alias("units"), F.sum("revenue").alias("revenue_cents")), "category", "left")
                  .fillna(0, ["purchases", "units", "revenue_cents", "buyers", "repeat_buyers"]))

    rank = [F.desc("revenue_cents"), F.desc("purchases"), F.desc("views")]
    products_total = skus.count()
    product_rows = skus.orderBy(*rank, F.col("sku").cast("binary")).limit(top).collect()
    products = [{
        "sku": r.sku, "name": r.pname or "", "category": r.category, "views": r.views, "cart_adds": r.cart_adds,
        "purchases": r.purchases, "units": r.units, "buyers": r.buyers, "repeat_buyers": r.repeat_buyers,
        "revenue": money(r.revenue_cents), "view_to_cart_rate": _ratio(r.cart_adds, r.views),
        "view_to_purchase_rate": _ratio(r.purchases, r.views)} for r in product_rows]
    category_rows = categories.orderBy(*rank, F.col("category").cast("binary")).limit(top).collect()
    category_list = [{
        "category": r.category, "products": r.products, "views": r.views, "cart_adds": r.cart_adds,
        "purchases": r.purchases, "units": r.units, "buyers": r.buyers, "repeat_buyers": r.repeat_buyers,
        "revenue": money(r.revenue_cents), "view_to_cart_rate": _ratio(r.cart_adds, r.views),
        "view_to_purchase_rate": _ratio(r.purchases, r.views)} for r in category_rows]

    # Viewed but rarely bought: views at least the median of viewed products' views.
    viewed = skus.where("views > 0")
    n_viewed = viewed.count()
    threshold = 1.0
    if n_viewed:
        ordered = viewed.select("views").orderBy("views").withColumn("k", F.row_number().over(Window.orderBy("views")) - 1)
        mid = n_viewed // 2
        picks = [r.views for r in ordered.where(F.col("k").isin(mid - 1, mid)).orderBy("k").collect()]
        median = float(picks[-1]) if n_viewed % 2 == 1 else (picks[0] + picks[1]) / 2
        threshold = max(1.0, median)
    vnb_rows = (viewed.where(F.col("views") >= threshold)
                .withColumn("rate", F.col("purchases").cast("double") / F.col("views"))
                .orderBy("rate", F.desc("views"), F.col("sku").cast("binary")).limit(top).collect())
    view_not_buy = [{"sku": r.sku, "name": r.pname or "", "views": r.views, "purchases": r.purchases,
                     "view_to_purchase_rate": r.purchases / r.views} for r in vnb_rows]

    totals = skus.agg(F.sum("views").alias("v"), F.sum("cart_adds").alias("c"), F.sum("revenue_cents").alias("rev"),
                      F.sum("units").alias("u")).first()
    baskets_sku = lines.groupBy("order_id", "customer_id", "ordered_at").agg(F.sort_array(F.collect_set("sku")).alias("basket"))
    baskets_cat = lines.groupBy("order_id", "customer_id", "ordered_at").agg(F.sort_array(F.collect_set("category")).alias("basket"))
    n_orders = orders.count()
    funnel = {"views": totals.v or 0, "cart_adds": totals.c or 0, "purchases": n_orders}
    pairs = _pairs(baskets_sku.withColumnRenamed("order_id", "basket_id"), n_orders, OPTIONS["min_pair_count"])
    category_pairs = _pairs(baskets_cat.withColumnRenamed("order_id", "basket_id"), n_orders, OPTIONS["min_pair_count"])
    sequences = _sequences(baskets_sku, "basket")
    category_sequences = _sequences(baskets_cat, "basket")

    def label(sku, name):
        return sku if not name else "%s (%s)" % (name, sku)

    revenue, units = totals.rev or 0, totals.u or 0
    headline = ["%d product views and %d cart adds; %d orders bought %d units for %s."
                % (funnel["views"], funnel["cart_adds"], funnel["purchases"], units, money_text(revenue))]
    if product_rows and product_rows[0].revenue_cents > 0:
        best = product_rows[0]
        sentence = "Best seller: %s with %s from %d orders by %d customers" % (
            label(best.sku, best.pname or ""), money_text(best.revenue_cents), best.purchases, best.buyers)
        if best.views:
            sentence += " (%d views, view→order %s)" % (best.views, percent_text(best.purchases / best.views))
        headline.append(sentence + ".")
    if pairs:
        p = pairs[0]
        headline.append("Most often bought together: %s + %s in %d orders (lift %.2f)." % (p["a"], p["b"], p["count"], p["lift"]))
    elif view_not_buy:
        m = view_not_buy[0]
        headline.append("Most viewed but rarely bought: %s, %d views and %d orders." % (label(m["sku"], m["name"]), m["views"], m["purchases"]))
    skus.unpersist()
    return {
        "schema_version": 1, "report": "products", "period": period.json(), "coverage": ctx.coverage,
        "options": OPTIONS, "headline": headline, "funnel": funnel, "products_total": products_total,
        "products": products, "categories": category_list, "view_not_buy_threshold": threshold,
        "view_not_buy": view_not_buy, "pairs": pairs[:top], "category_pairs": category_pairs[:top],
        "sequences": sequences[:top], "category_sequences": category_sequences[:top], "definitions": DEFINITIONS,
    }
