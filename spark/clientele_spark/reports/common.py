"""What every report shares: the period, the coverage block, formatting helpers."""

import datetime

from pyspark.sql import functions as F

DAY = 86_400_000_000


def iso_date(day_number):
    return (datetime.date(1970, 1, 1) + datetime.timedelta(days=int(day_number))).isoformat()


def day_start(date_text):
    d = datetime.date.fromisoformat(date_text)
    return (d - datetime.date(1970, 1, 1)).days * DAY


class Period:
    """ReportPeriod: whole UTC days, `to` exclusive."""

    def __init__(self, from_micros, to_micros):
        f = from_micros // DAY
        t = to_micros // DAY
        if t * DAY < to_micros:
            t += 1
        if t <= f:
            t = f + 1
        self.from_micros, self.to_micros = f * DAY, t * DAY
        self.frm, self.to = iso_date(f), iso_date(t)

    @staticmethod
    def resolve(sessions, orders, frm=None, to=None):
        """Default: first session start or order to the day after the last (a small aggregate)."""
        s = sessions.agg(F.min("start").alias("lo"), F.max("start").alias("hi")).first()
        o = orders.agg(F.min("ordered_at").alias("lo"), F.max("ordered_at").alias("hi")).first()
        los = [x for x in (s.lo, o.lo) if x is not None]
        his = [x for x in (s.hi, o.hi) if x is not None]
        first = frm if frm is not None else (min(los) if los else 0)
        last = to if to is not None else ((max(his) if his else 0) + 1)
        return Period(first, last)

    def contains(self, col):
        return (col >= self.from_micros) & (col < self.to_micros)

    def json(self):
        return {"from": self.frm, "to": self.to}

    def previous(self):
        return Period(self.from_micros - (self.to_micros - self.from_micros), self.from_micros)


def percent_text(fraction):
    """Percent.text: one decimal and %."""
    if fraction != fraction or fraction in (float("inf"), float("-inf")):
        return "-"
    return "%.1f%%" % (fraction * 100)


def clean(text):
    """TextSafety.clean: control characters as '?'."""
    return "".join("?" if (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0) else ch for ch in text)


def money(cents):
    """Money's JSON: a decimal number of currency units."""
    return cents / 100


def coverage(sessions, orders_by_id, period, bot_hits, bot_visitors):
    """ReportCoverage.of: sessions and orders in the period, identified and matched shares."""
    s = sessions.where(period.contains(F.col("start"))).agg(
        F.count(F.lit(1)).alias("n"), F.count("customer_id").alias("identified")).first()
    o = orders_by_id.where(period.contains(F.col("ordered_at"))).agg(
        F.count(F.lit(1)).alias("n"), F.count("session_key").alias("matched")).first()
    return {
        "sessions": s.n, "identified_sessions": s.identified,
        "identified_session_share": 0 if s.n == 0 else s.identified / s.n,
        "orders": o.n, "orders_matched_to_session": o.matched,
        "orders_matched_share": 0 if o.n == 0 else o.matched / o.n,
        "bot_hits_excluded": bot_hits, "behaviour_bot_visitors_excluded": bot_visitors,
    }
