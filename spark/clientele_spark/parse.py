"""Step 1: every log line through `clientele parse --classify -` (RDD.pipe), read as a DataFrame."""

import shlex

from pyspark.sql import functions as F
from pyspark.sql import types as T

TRAFFIC = T.ArrayType(T.StringType())

CLASSIFIED = T.StructType([
    T.StructField("ts", T.LongType()),
    T.StructField("bot", T.StringType()),
    T.StructField("bot_category", T.StringType()),
    T.StructField("path_class", T.StringType()),
    T.StructField("ref_host", T.StringType()),
    T.StructField("kind", T.StringType()),
    T.StructField("item", T.StringType()),
    T.StructField("quantity", T.LongType()),
    T.StructField("url_customer", T.StringType()),
    T.StructField("ref_kind", T.StringType()),
    T.StructField("tagged", T.BooleanType()),
    T.StructField("traffic", TRAFFIC),
    T.StructField("traffic_internal", TRAFFIC),
])

HIT = T.StructType([
    T.StructField("ip", T.StringType()),
    T.StructField("method", T.StringType()),
    T.StructField("path", T.StringType()),
    T.StructField("query", T.StringType()),
    T.StructField("status", T.LongType()),
    T.StructField("referrer", T.StringType()),
    T.StructField("user_agent", T.StringType()),
    T.StructField("user", T.StringType()),
    T.StructField("fields", T.MapType(T.StringType(), T.StringType())),
    T.StructField("c", CLASSIFIED),
])


def parse_command(binary, log_format=None, fmt=None, site="generic", customer_params=(), anonymize_ip=False, client_field=None):
    """The streaming step's command line (one `clientele parse` per partition)."""
    args = [binary, "parse", "--classify", "--no-progress", "--workers", "1", "--site", site]
    if anonymize_ip:
        args.append("--anonymize-ip")
    if client_field:
        args += ["--client-field", client_field]
    if log_format:
        args += ["--log-format", log_format]
    elif fmt:
        args += ["--format", fmt]
    for p in customer_params:
        args += ["--customer-param", p]
    args.append("-")
    return " ".join(shlex.quote(a) for a in args)


def read_lines(spark, paths, partitions=None):
    """Log lines, split on \\n only (as Clientele does; a \\r stays in the line). Plain or
    gzip (Hadoop's codecs, by file name); any path or glob Spark reads."""
    sc = spark.sparkContext
    conf = {"textinputformat.record.delimiter": "\n"}
    rdd = sc.newAPIHadoopFile(
        ",".join(paths),
        "org.apache.hadoop.mapreduce.lib.input.TextInputFormat",
        "org.apache.hadoop.io.LongWritable",
        "org.apache.hadoop.io.Text",
        conf=conf,
    ).map(lambda kv: kv[1])
    if partitions:
        rdd = rdd.repartition(partitions)
    return rdd


def parsed_hits(spark, lines, command):
    """Hits as a DataFrame: the parser's JSON lines, read by Spark's JSON reader."""
    out = lines.pipe(command, checkCode=False)
    return spark.read.json(out, schema=HIT, mode="FAILFAST")
