"""The shop's CSV files (customers, orders, products, ad spend) as DataFrames.

Values are read as Clientele's CSV import reads them: money as exact cents (at most two
decimals), `ordered_at` as ISO-8601 with `Z`, an offset, or a bare date (00:00 UTC).
"""

import calendar
import re

from pyspark.sql import functions as F
from pyspark.sql import types as T

_TS = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")


def timestamp_micros(text):
    """Microseconds since 1970 UTC, or None."""
    if text is None:
        return None
    m = _TS.match(text.strip())
    if not m:
        return None
    y, mo, d, h, mi, s, frac, zone = m.groups()
    secs = calendar.timegm((int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0)))
    micros = secs * 1_000_000 + (int((frac or "0").ljust(6, "0")) if frac else 0)
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        digits = zone[1:].replace(":", "")
        micros -= sign * (int(digits[:2]) * 3600 + int(digits[2:]) * 60) * 1_000_000
    return micros


def cents(text):
    """`12` → 1200, `12.5` → 1250, `12.34` → 1234; None when not such an amount."""
    if text is None:
        return None
    m = re.match(r"^\s*(\d+)(?:\.(\d{0,2}))?\s*$", text)
    if not m:
        return None
    return int(m.group(1)) * 100 + int((m.group(2) or "").ljust(2, "0"))


_micros = F.udf(timestamp_micros, T.LongType())
_cents = F.udf(cents, T.LongType())


def _csv(spark, path):
    # RFC 4180 quoting: a quote inside a quoted field is written twice.
    return spark.read.csv(path, header=True, inferSchema=False, escape="\"", multiLine=True)


def orders(spark, path):
    """One row per line item: order_id, customer_id, ordered_at (µs), sku, quantity, unit_price_cents."""
    df = _csv(spark, path)
    return (df.select(
        F.trim("order_id").alias("order_id"), F.trim("customer_id").alias("customer_id"),
        _micros(F.col("ordered_at")).alias("ordered_at"), F.trim("sku").alias("sku"),
        F.trim("quantity").cast("long").alias("quantity"), _cents(F.col("unit_price")).alias("unit_price_cents"))
        .where("order_id IS NOT NULL AND customer_id IS NOT NULL AND ordered_at IS NOT NULL AND sku IS NOT NULL"
               " AND quantity > 0 AND unit_price_cents IS NOT NULL"))


def customers(spark, path):
    df = _csv(spark, path)
    keep = [c for c in df.columns if c in ("customer_id", "segment", "region", "signup_date")]
    return df.select(*[F.trim(c).alias(c) for c in keep])


def products(spark, path):
    df = _csv(spark, path)
    return df.select(F.trim("sku").alias("sku"), F.col("name"), F.trim("category").alias("category"),
                     _cents(F.col("price")).alias("price_cents"))


def ad_spend(spark, path):
    df = _csv(spark, path)
    return df.select(F.trim("date").alias("date"), F.trim("source").alias("source"), F.trim("medium").alias("medium"),
                     F.trim("campaign").alias("campaign"), _cents(F.col("cost")).alias("cost_cents"))
