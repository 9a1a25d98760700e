"""Clientele on Apache Spark: the embedded engine's analysis, partitioned.

`python -m clientele_spark` (local mode) or `spark-submit spark/clientele_spark/__main__.py`
(cluster). Every log line is parsed and classified by the `clientele` binary itself
(`clientele parse --classify -`, a streaming step through `RDD.pipe`); everything that
depends on more than one line (site hosts, bot behaviour, sessions, identities, reports) is
Spark SQL / DataFrames here.
"""
