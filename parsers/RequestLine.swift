import LogModel

/// Splits an HTTP request line (`GET /path?query HTTP/1.1`) into the hit's method, path,
/// query and protocol.
public enum RequestLine {
    /// Parses `v` into `hit.method`, `hit.path`, `hit.query` and `hit.protocolVersion`.
    ///
    /// An absolute-form target (`http://host:port/path`) moves its host into `hit.host` when the
    /// hit has none. A request of `-` or empty leaves the fields empty. A request without a
    /// protocol (`GET /x`) leaves the protocol empty. A request without a space (a TLS handshake
    /// sent to a plain HTTP port) is kept whole as the path, with no method, as GoAccess does.
    /// - Throws: `.badRequest` when a method is followed by no target.
    @inlinable
    public static func parse(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        if v.isEmpty || v.isDash { return }
        guard let firstSpace = v.firstIndex(of: ASCII.space, from: 0), firstSpace > 0 else {
            // Not `METHOD TARGET`: a TLS handshake or other garbage sent to a plain HTTP port,
            // which servers log with status 400. The request is real; keep its text as the path.
            hit.path = v
            return
        }
        hit.method = v.slice(0, firstSpace)
        var targetStart = firstSpace + 1
        while targetStart < v.count, v[targetStart] == ASCII.space { targetStart += 1 }
        var targetEnd = v.count
        // The protocol is the last space-separated word when it starts with "HTTP".
        var lastSpace = v.count - 1
        while lastSpace > targetStart, v[lastSpace] != ASCII.space { lastSpace -= 1 }
        if lastSpace > targetStart, v.count - lastSpace > 4, v[lastSpace + 1] | 0x20 == UInt8(ascii: "h") {
            hit.protocolVersion = v.slice(lastSpace + 1, v.count - lastSpace - 1)
            targetEnd = lastSpace
            while targetEnd > targetStart, v[targetEnd - 1] == ASCII.space { targetEnd -= 1 }
        }
        guard targetEnd > targetStart else { throw .badRequest }
        splitTarget(v.slice(targetStart, targetEnd - targetStart), into: &hit)
    }

    /// Splits a request target (`/path?query` or `http://host/path?query`) into path, query and,
    /// for absolute URLs, host (when the hit has none).
    @inlinable
    public static func splitTarget(_ target: ByteView, into hit: inout Hit) {
        var t = target
        if t.count > 7, t[0] | 0x20 == UInt8(ascii: "h"), t[1] | 0x20 == UInt8(ascii: "t"),
            let scheme = t.firstIndex(of: ASCII.colon, from: 0), scheme <= 5, scheme + 2 < t.count,
            t[scheme + 1] == ASCII.slash, t[scheme + 2] == ASCII.slash
        {
            let authorityStart = scheme + 3
            var end = authorityStart
            while end < t.count, t[end] != ASCII.slash, t[end] != ASCII.question { end += 1 }
            if hit.host.isEmpty {
                var hostEnd = end
                // Drop a port, but not the colons of a bracketed IPv6 literal.
                var k = end - 1
                while k > authorityStart, ASCII.digit(t[k]) < 10 { k -= 1 }
                if k > authorityStart, t[k] == ASCII.colon, t[k - 1] != ASCII.colon { hostEnd = k }
                hit.host = t.slice(authorityStart, hostEnd - authorityStart)
            }
            t = end < t.count ? t.slice(end, t.count - end) : .none
        }
        if let q = t.firstIndex(of: ASCII.question, from: 0) {
            hit.path = t.slice(0, q)
            hit.query = q + 1 < t.count ? t.slice(q + 1, t.count - q - 1) : .none
        } else {
            hit.path = t
        }
    }
}
