"""Generic comparison of two report documents: exact for integers and strings, 1e-9 for
rates and other floats, a cent for money (keys named like money)."""

MONEY_WORDS = ("revenue", "cost", "spend", "value", "cents", "price", "aov", "roas_money", "amount", "clv", "monetary")


def is_money(path):
    last = path.rsplit(".", 1)[-1].split("[", 1)[0].lower()
    return any(w in last for w in MONEY_WORDS) and "share" not in last and "rate" not in last and "roas" != last


def differences(expected, actual, path="$", out=None, limit=20):
    """Paths where the documents differ, at most `limit`."""
    if out is None:
        out = []
    if len(out) >= limit:
        return out
    if isinstance(expected, dict) and isinstance(actual, dict):
        for k in sorted(set(expected) | set(actual)):
            if k not in actual:
                out.append("%s.%s: missing in spark output" % (path, k))
            elif k not in expected:
                out.append("%s.%s: not in the engine's output" % (path, k))
            else:
                differences(expected[k], actual[k], "%s.%s" % (path, k), out, limit)
    elif isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            out.append("%s: %d items expected, %d found" % (path, len(expected), len(actual)))
        for i, (e, a) in enumerate(zip(expected, actual)):
            differences(e, a, "%s[%d]" % (path, i), out, limit)
    elif isinstance(expected, bool) or isinstance(actual, bool):
        if expected is not actual:
            out.append("%s: %r expected, %r found" % (path, expected, actual))
    elif isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        if isinstance(expected, int) and isinstance(actual, int):
            if expected != actual:
                out.append("%s: %r expected, %r found" % (path, expected, actual))
        elif is_money(path):
            if round(expected * 100) != round(actual * 100):
                out.append("%s: money %r expected, %r found" % (path, expected, actual))
        elif abs(expected - actual) > 1e-9:
            out.append("%s: %r expected, %r found" % (path, expected, actual))
    elif expected != actual:
        out.append("%s: %r expected, %r found" % (path, expected, actual))
    return out
