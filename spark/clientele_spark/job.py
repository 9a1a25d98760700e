"""The Spark job: logs and shop files in, the report JSON documents of `clientele report NAME
--format json` out.

    python -m clientele_spark LOGS... --clientele PATH --log-format '...' \\
        --orders orders.csv [--customers ...] [--products ...] [--ad-spend ...] --out DIR

Local mode by default (`--master local[*]`); under `spark-submit` the master comes from
spark-submit and `--clientele` names the binary shipped with `--files` (see spark/README.md).
"""

import argparse
import json
import os
import shutil
import sys
import time

from pyspark import StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

from . import analysis, parse, shop
from .reports import common, content, executive, marketing, overview, products

REPORTS = {"overview": overview.build, "content": content.build, "products": products.build, "executive": executive.build,
           "marketing": marketing.build}


class Context:
    """What every report builder reads (the embedded engine's ReportData, as DataFrames)."""


def build_context(spark, args):
    binary = args.clientele
    if not os.path.isabs(binary) and not os.path.exists(binary):
        found = shutil.which(binary)
        binary = found or binary
    command = parse.parse_command(binary, log_format=args.log_format, fmt=args.format, site=args.site,
                                  customer_params=args.customer_param, anonymize_ip=args.anonymize_ip,
                                  client_field=args.client_field)
    lines = parse.read_lines(spark, args.logs, partitions=args.partitions)
    hits = parse.parsed_hits(spark, lines, command).persist(StorageLevel.MEMORY_AND_DISK)

    orders = shop.orders(spark, args.orders) if args.orders else spark.createDataFrame(
        [], "order_id string, customer_id string, ordered_at long, sku string, quantity long, unit_price_cents long")
    a = analysis.analyze(hits, orders, visitor_field=args.visitor_field, customer_field=args.customer_field,
                         site_hosts=args.site_host, timeout_minutes=args.session_timeout)
    ctx = Context()
    ctx.ad_spend_parse_command = parse.parse_command(binary, fmt="combined")
    ctx.site_hosts = a.site_hosts
    ctx.sessions = a.sessions.persist(StorageLevel.MEMORY_AND_DISK)
    pv = a.pageviews.withColumnRenamed("session_no", "cut_session_no").withColumnRenamed("report_session_no", "session_no")
    ctx.pageviews = pv.persist(StorageLevel.MEMORY_AND_DISK)
    ctx.bot_traffic = a.bot_traffic.persist(StorageLevel.MEMORY_AND_DISK)
    ctx.bot_hits = ctx.bot_traffic.agg(F.coalesce(F.sum("hits"), F.lit(0)).alias("n")).first().n
    ctx.bot_visitors = a.bot_visitors.count()

    # Orders, one row per order (lines ordered by time, id, sku as the store reads them), and
    # the session whose completed checkout carried each: the first such pageview in report order.
    items = orders.withColumn("line", F.struct("ordered_at", "order_id", "sku"))
    by_id = items.groupBy("order_id").agg(
        F.min_by("customer_id", "line").alias("customer_id"), F.min("ordered_at").alias("ordered_at"),
        F.sum(F.col("quantity") * F.col("unit_price_cents")).alias("revenue_cents"),
        F.sort_array(F.collect_list(F.struct("sku", "quantity", "unit_price_cents"))).alias("items"))
    starts = ctx.sessions.select("visitor", "session_no", "start")
    checkout = (ctx.pageviews.where("kind = 'checkout_complete' AND item IS NOT NULL")
                .join(starts, ["visitor", "session_no"])
                .groupBy(F.col("item").alias("order_id"))
                .agg(F.min(F.struct("start", "visitor", "session_no", "ts", "seq")).alias("first")))
    by_id = (by_id.join(checkout, "order_id", "left")
             .withColumn("session_key", F.when(F.col("first").isNotNull(), F.struct(F.col("first.visitor").alias("visitor"), F.col("first.session_no").alias("session_no"))))
             .drop("first"))
    ctx.orders = by_id.persist(StorageLevel.MEMORY_AND_DISK)
    ctx.order_lines = orders
    ctx.customers = shop.customers(spark, args.customers) if args.customers else None
    ctx.products = shop.products(spark, args.products) if args.products else None
    ctx.ad_spend = shop.ad_spend(spark, args.ad_spend) if args.ad_spend else None
    if args.segment is not None:
        restrict_to_segment(ctx, args.segment)
    resolve_period(ctx, args)
    return ctx


def resolve_period(ctx, args):
    """The report period (`--from`, `--to`, else the data's) and the coverage within it."""
    ctx.period = common.Period.resolve(ctx.sessions, ctx.orders,
                                       common.day_start(args.frm) if args.frm else None,
                                       common.day_start(args.to) if args.to else None)
    ctx.coverage = common.coverage(ctx.sessions, ctx.orders, ctx.period, ctx.bot_hits, ctx.bot_visitors)


def restrict_to_segment(ctx, segment):
    """`ReportData.restricted(toSegment:)`: only the sessions (with their pageviews) and orders of
    customers whose customers.csv `segment` is `segment`; anonymous sessions are left out, and an
    order keeps its checkout session only when that session is kept."""
    if ctx.customers is not None and "segment" in ctx.customers.columns:
        members = ctx.customers.where(F.col("segment") == segment).select("customer_id").distinct()
    else:
        members = ctx.sessions.sparkSession.createDataFrame([], "customer_id string")
    # Checkpointed: the reports' plans stay as small as on the whole data (the driver builds and
    # prints plans, and plans stacked on the unrestricted ones ran it out of memory).
    ctx.sessions = ctx.sessions.join(members, "customer_id", "left_semi").localCheckpoint()
    kept = ctx.sessions.select("visitor", "session_no")
    ctx.pageviews = ctx.pageviews.join(kept, ["visitor", "session_no"], "left_semi").localCheckpoint()
    kept_keys = kept.select(F.struct("visitor", "session_no").alias("session_key")).withColumn("kept", F.lit(True))
    ctx.orders = (ctx.orders.join(members, "customer_id", "left_semi")
                  .join(kept_keys, "session_key", "left")
                  .withColumn("session_key", F.when(F.col("kept"), F.col("session_key")))
                  .drop("kept")
                  .localCheckpoint())


def iso8601(micros):
    """CivilTime.iso8601: UTC, `Z`, fraction only when there is one."""
    import datetime
    secs, frac = divmod(micros, 1_000_000)
    text = (datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=secs)).strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        text += ".%03d" % (frac // 1000) if frac % 1000 == 0 else ".%06d" % frac
    return text + "Z"


def session_rows(ctx):
    """Every session as `clientele sessions --json` prints it (without the store's session_id).
    Collects all sessions on the driver: for tests and small data only."""
    cols = ["visitor", "customer_id", "start", "end", "pageviews", "channel", "source", "medium", "campaign",
            "landing_path", "exit_path", "bounced", "converted"]
    out = []
    for r in ctx.sessions.select(*cols).collect():
        d = r.asDict()
        d["start"], d["end"] = iso8601(d["start"]), iso8601(d["end"])
        out.append(d)
    return out


def arguments(argv=None):
    p = argparse.ArgumentParser(prog="clientele_spark", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("logs", nargs="+", help="log files, directories or globs (any path Spark reads; .gz by name)")
    p.add_argument("--clientele", default="clientele", help="the clientele binary (on PATH, a path, or shipped with --files)")
    p.add_argument("--format", default=None)
    p.add_argument("--log-format", default=None)
    p.add_argument("--visitor-field")
    p.add_argument("--client-field", help="a parsed field whose first address is the client, as `clientele ingest --client-field`")
    p.add_argument("--customer-field")
    p.add_argument("--customer-param", action="append", default=[])
    p.add_argument("--site", default="generic")
    p.add_argument("--site-host", action="append", default=[])
    p.add_argument("--session-timeout", type=int, default=30)
    p.add_argument("--customers")
    p.add_argument("--orders")
    p.add_argument("--products")
    p.add_argument("--ad-spend")
    p.add_argument("--segment", help="only customers of this segment (customers.csv `segment`), as `clientele report --segment`")
    p.add_argument("--anonymize-ip", action="store_true", help="mask client addresses (IPv4 /24, IPv6 /48), as `clientele ingest --anonymize-ip`")
    p.add_argument("--from", dest="frm")
    p.add_argument("--to")
    p.add_argument("--reports", default=",".join(REPORTS), help="comma-separated: " + ", ".join(REPORTS))
    p.add_argument("--out", required=True, help="directory for NAME.json")
    p.add_argument("--master", default=None, help="default: spark-submit's, else local[*]")
    p.add_argument("--partitions", type=int, default=None, help="repartition the log lines (default: one per file split)")
    p.add_argument("--shuffle-partitions", type=int, default=None)
    p.add_argument("--driver-memory", default=None, help="local mode: the JVM's memory (e.g. 4g); under spark-submit use its flag")
    return p.parse_args(argv)


def session(args):
    # Local mode: the Python workers the JVM starts import this package (its UDFs) from the
    # same folder as the driver, whatever the working directory. On a cluster, ship it with
    # --py-files (see the README).
    parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if parent not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([parent] + paths)
    builder = SparkSession.builder.appName("clientele")
    if args.master:
        builder = builder.master(args.master)
    elif "SPARK_MASTER" not in os.environ and not os.environ.get("SPARK_ENV_LOADED"):
        builder = builder.config("spark.master", os.environ.get("CLIENTELE_SPARK_MASTER", "local[*]"))
    if args.driver_memory:
        builder = builder.config("spark.driver.memory", args.driver_memory)
    if args.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    builder = builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
    return builder.getOrCreate()


def run(spark, args):
    """Builds the requested reports; returns {name: document}."""
    ctx = build_context(spark, args)
    out = {}
    for name in [n.strip() for n in args.reports.split(",") if n.strip()]:
        if name not in REPORTS:
            raise SystemExit("clientele_spark: no report %r (have %s)" % (name, ", ".join(REPORTS)))
        out[name] = REPORTS[name](ctx)
    return out


def main(argv=None):
    args = arguments(argv)
    started = time.time()
    spark = session(args)
    spark.sparkContext.setLogLevel("WARN")
    try:
        docs = run(spark, args)
    finally:
        spark.stop()
    os.makedirs(args.out, exist_ok=True)
    for name, doc in docs.items():
        with open(os.path.join(args.out, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, sort_keys=True, indent=2, ensure_ascii=False)
            f.write("\n")
    print("clientele_spark: %s written to %s in %.1f s" % (", ".join(docs), args.out, time.time() - started), file=sys.stderr)
    return 0
