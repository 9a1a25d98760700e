"""The Spark job gives the embedded engine's numbers on the fixture shop.

Expected side: `clientele analyze` on fixtures/shop into a temporary directory (its
NAME.json reports). Actual side: the Spark job in local[2] mode on the same files. Every
value of every checked report is compared: counts and strings exactly, money to the cent,
rates to 1e-9.

    python3 spark/tests/test_equality.py        (CLIENTELE_BIN: the binary; default .build/debug/clientele)
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "spark"))

from clientele_spark import job  # noqa: E402
from tests.compare import differences  # noqa: E402

# Every report of `clientele report NAME`.
CHECKED = ["overview", "marketing", "content", "products", "executive"]
# A customers.csv segment of the fixture shop, for `--segment`.
SEGMENT = "vip"

SHOP = os.path.join(ROOT, "fixtures", "shop")
LOG_FORMAT = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
              '"$http_referer" "$http_user_agent" "$cookie_vid" "$cookie_uid"')
SHOP_FLAGS = ["--log-format", LOG_FORMAT, "--visitor-field", "cookie_vid", "--customer-field", "cookie_uid",
              "--customers", os.path.join(SHOP, "customers.csv"), "--orders", os.path.join(SHOP, "orders.csv"),
              "--products", os.path.join(SHOP, "products.csv"), "--ad-spend", os.path.join(SHOP, "ad_spend.csv")]


def clientele_binary():
    binary = os.environ.get("CLIENTELE_BIN") or os.path.join(ROOT, ".build", "debug", "clientele")
    if not os.path.exists(binary):
        raise RuntimeError("no clientele binary at %s: run swift build first, or set CLIENTELE_BIN" % binary)
    return os.path.abspath(binary)


class SparkEqualityTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        warnings.simplefilter("ignore", ResourceWarning)  # py4j's sockets at shutdown
        cls.binary = clientele_binary()
        cls.tmp = tempfile.TemporaryDirectory()
        embedded = os.path.join(cls.tmp.name, "embedded")
        subprocess.run([cls.binary, "analyze", os.path.join(SHOP, "logs")] + SHOP_FLAGS + ["--out", embedded],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.embedded = embedded
        segment_dir = os.path.join(cls.tmp.name, "segment")
        subprocess.run([cls.binary, "report", "all", "--db", os.path.join(embedded, "clientele.db"), "--segment", SEGMENT,
                        "--format", "json", "--out", segment_dir], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.expected_segment = {}
        for name in CHECKED:
            with open(os.path.join(segment_dir, name + ".json"), encoding="utf-8") as f:
                cls.expected_segment[name] = json.load(f)
        cls.expected = {}
        for name in CHECKED:
            with open(os.path.join(embedded, name + ".json"), encoding="utf-8") as f:
                cls.expected[name] = json.load(f)
        args = job.arguments([os.path.join(SHOP, "logs")] + SHOP_FLAGS + [
            "--clientele", cls.binary, "--out", os.path.join(cls.tmp.name, "spark"), "--master", "local[2]",
            "--shuffle-partitions", "4", "--reports", ",".join(CHECKED)])
        spark = job.session(args)
        spark.sparkContext.setLogLevel("ERROR")
        try:
            ctx = job.build_context(spark, args)
            cls.actual = {name: job.REPORTS[name](ctx) for name in CHECKED}
            cls.actual_sessions = job.session_rows(ctx)
            # The same reports for one customer segment (`--segment`).
            job.restrict_to_segment(ctx, SEGMENT)
            job.resolve_period(ctx, args)
            cls.actual_segment = {name: job.REPORTS[name](ctx) for name in CHECKED}
        finally:
            spark.stop()
        cls.spark_dir = os.path.join(cls.tmp.name, "spark")
        os.makedirs(cls.spark_dir, exist_ok=True)
        for name, doc in cls.actual.items():
            with open(os.path.join(cls.spark_dir, name + ".json"), "w", encoding="utf-8") as f:
                json.dump(doc, f, sort_keys=True, indent=2, ensure_ascii=False)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_sessions_equal(self):
        # Every session, every field of `clientele sessions --json` but the store's row id.
        out = subprocess.run([self.binary, "sessions", "--db", os.path.join(self.embedded, "clientele.db")],
                             check=True, capture_output=True, text=True).stdout
        expected = [json.loads(line) for line in out.splitlines() if line.strip()]
        for row in expected:
            del row["session_id"]

        def key(row):
            return (row["start"], row["visitor"], row["end"])

        expected.sort(key=key)
        actual = sorted(self.actual_sessions, key=key)
        diffs = differences(expected, actual)
        self.assertEqual(diffs, [], "sessions differ:\n  " + "\n  ".join(diffs))

    def test_reports_equal(self):
        for name in CHECKED:
            with self.subTest(report=name):
                diffs = differences(self.expected[name], self.actual[name])
                self.assertEqual(diffs, [], "%s differs:\n  %s" % (name, "\n  ".join(diffs)))

    def test_segment_reports_equal(self):
        for name in CHECKED:
            with self.subTest(report=name):
                diffs = differences(self.expected_segment[name], self.actual_segment[name])
                self.assertEqual(diffs, [], "%s --segment %s differs:\n  %s" % (name, SEGMENT, "\n  ".join(diffs)))

    def test_spark_json_renders_to_html(self):
        # `clientele render` turns the Spark job's document into the embedded engine's page, byte for byte.
        for name in CHECKED:
            with self.subTest(report=name):
                out = subprocess.run([self.binary, "render", os.path.join(self.spark_dir, name + ".json"), "--format", "html"],
                                     check=True, capture_output=True)
                with open(os.path.join(self.embedded, name + ".html"), "rb") as f:
                    self.assertEqual(out.stdout, f.read(), "%s.html differs" % name)


if __name__ == "__main__":
    unittest.main(verbosity=2)
