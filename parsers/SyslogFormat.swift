import LogModel

/// Access log lines relayed through syslog (rsyslog, syslog-ng, journald exports, HAProxy's own
/// logging): a syslog header, then the message in another format (`inner`). Named
/// `syslog+NAME` (`syslog+combined`, `syslog+haproxy`, …).
///
/// Headers read (RFC 3164 and RFC 5424, as servers write them):
/// - an optional priority `<PRI>`;
/// - RFC 3164: a timestamp `Mmm dd hh:mm:ss` (or an RFC 3339 one, as rsyslog's file format
///   writes), an optional host name, and a tag ending in `:` (`haproxy[6801]:`, `nginx:`);
/// - RFC 5424: `VERSION TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA`.
///
/// The hit's time is the message's own (the syslog timestamp is when it was relayed, without a
/// year or zone). A line without such a header is rejected as `.literalMismatch`.
public struct SyslogFormat: LogFormat {
    /// The format of the message after the header.
    public let inner: any LogFormat

    /// `syslog+` and the inner format's name.
    public var name: String { "syslog+" + inner.name }

    /// Syslog lines whose messages are in `inner`'s format.
    public init(inner: any LogFormat) {
        self.inner = inner
    }

    /// A parser for one worker.
    public func makeParser() -> any LogParser { SyslogParser(inner: inner.makeParser()) }
}

struct SyslogParser: LogParser {
    var inner: any LogParser

    mutating func parse(_ line: ByteView, into hit: inout Hit) throws(LineRejection) -> Bool {
        if line.trimmingSpaces.isEmpty { return false }
        guard let start = Self.messageStart(line) else { throw .literalMismatch }
        return try inner.parse(line.slice(start, line.count - start), into: &hit)
    }

    /// Where the message begins after the syslog header, or `nil` when `v` has none.
    static func messageStart(_ v: ByteView) -> Int? {
        var i = 0
        // <PRI>
        if i < v.count, v[i] == UInt8(ascii: "<") {
            var k = i + 1
            while k < v.count, k <= i + 4, ASCII.digit(v[k]) < 10 { k += 1 }
            guard k > i + 1, k < v.count, v[k] == UInt8(ascii: ">") else { return nil }
            i = k + 1
        }
        // RFC 5424: "1 " then an RFC 3339 timestamp.
        if i + 2 < v.count, ASCII.digit(v[i]) < 10, v[i + 1] == ASCII.space, isISODate(v, i + 2) {
            i += 2
            for _ in 0..<5 {  // timestamp, host, app, procid, msgid
                guard let end = v.firstIndex(of: ASCII.space, from: i) else { return nil }
                i = end + 1
            }
            // Structured data: `-` or one or more `[...]` elements (`]` inside escaped as `\]`).
            if i < v.count, v[i] == ASCII.dash {
                i += 1
            } else {
                while i < v.count, v[i] == ASCII.openBracket {
                    i += 1
                    while i < v.count, v[i] != ASCII.closeBracket {
                        if v[i] == ASCII.backslash { i += 1 }
                        i += 1
                    }
                    guard i < v.count else { return nil }
                    i += 1
                }
            }
            guard i < v.count, v[i] == ASCII.space else { return nil }
            i += 1
            // An optional UTF-8 byte order mark.
            if i + 2 < v.count, v[i] == 0xEF, v[i + 1] == 0xBB, v[i + 2] == 0xBF { i += 3 }
            return i
        }
        // RFC 3164: "Mmm dd hh:mm:ss " or an RFC 3339 timestamp word.
        if isBSDTimestamp(v, i) {
            i += 16
        } else if isISODate(v, i), let end = v.firstIndex(of: ASCII.space, from: i) {
            i = end + 1
        } else {
            return nil
        }
        // Host name (optional), then the tag ending in ':'.
        for _ in 0..<2 {
            guard let end = v.firstIndex(of: ASCII.space, from: i), end > i else { return nil }
            if v[end - 1] == ASCII.colon {
                var start = end + 1
                while start < v.count, v[start] == ASCII.space { start += 1 }
                return start
            }
            i = end + 1
        }
        return nil
    }

    /// `Mmm dd hh:mm:ss ` at `i` (the day padded with a space or a zero).
    static func isBSDTimestamp(_ v: ByteView, _ i: Int) -> Bool {
        guard i + 16 <= v.count, v[i + 3] == ASCII.space, v[i + 6] == ASCII.space, v[i + 9] == ASCII.colon,
            v[i + 12] == ASCII.colon, v[i + 15] == ASCII.space,
            CivilTime.month(v[i], v[i + 1], v[i + 2]) != 0
        else { return false }
        return (v[i + 4] == ASCII.space || ASCII.digit(v[i + 4]) < 10) && ASCII.digit(v[i + 5]) < 10
    }

    /// `yyyy-mm-ddT` at `i`.
    static func isISODate(_ v: ByteView, _ i: Int) -> Bool {
        guard i + 11 <= v.count, v[i + 4] == ASCII.dash, v[i + 7] == ASCII.dash, v[i + 10] | 0x20 == UInt8(ascii: "t") else {
            return false
        }
        return (0..<4).allSatisfy { ASCII.digit(v[i + $0]) < 10 }
    }
}
