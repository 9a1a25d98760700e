import LogModel

/// Renders each hit as one JSON object per line: the output of `clientele parse`.
///
/// Keys: `ip, time` (ISO-8601 UTC), `method, path` (percent-decoded), `query` (raw),
/// `protocol, status, bytes, referrer, user_agent, user, host, duration_ms` — `null` when the
/// format lacks the value or the log wrote `-` — and `fields`: every other named value, with a
/// cookie header also split into `cookie_NAME` entries.
package struct HitJSONLinesSink: HitSink {
    var writer = JSONBytesWriter()
    var scratch = ScratchBuffer(capacity: 128 * 1024)
    /// With `clientele parse --classify`: adds each line's classification (`HitClassifier`).
    var classifier: HitClassifier?
    /// Masks `ip` as the store does with `--anonymize-ip` (`IPAnonymizer`).
    var anonymizeIP: Bool

    package init(classifier: HitClassifier? = nil, anonymizeIP: Bool = false) {
        self.classifier = classifier
        self.anonymizeIP = anonymizeIP
    }

    package mutating func consume(_ hit: Hit, source: Int) {
        writer.raw("{")
        writer.key("ip")
        if anonymizeIP, !hit.client.isEmpty, !hit.client.isDash {
            writer.string(IPAnonymizer.mask(String(decoding: hit.client, as: UTF8.self)))
        } else {
            writer.optionalString(hit.client)
        }
        writer.raw(",")
        writer.key("time")
        writer.string(CivilTime.iso8601(micros: hit.time))
        writer.raw(",")
        writer.key("method")
        writer.optionalString(hit.method)
        writer.raw(",")
        writer.key("path")
        var decodedPath = hit.path
        if hit.path.isEmpty {
            writer.null()
        } else if hit.pathIsDecoded || !ByteDecoding.needsPercentDecoding(hit.path) {
            writer.string(hit.path)
        } else {
            scratch.reset()
            let path = hit.path
            decodedPath = (try? scratch.append(maxCount: path.count) { ByteDecoding.percentDecode(path, into: $0) }) ?? path
            writer.string(decodedPath)
        }
        writer.raw(",")
        writer.key("query")
        if hit.query.isEmpty { writer.null() } else { writer.string(hit.query) }
        writer.raw(",")
        writer.key("protocol")
        writer.optionalString(hit.protocolVersion)
        writer.raw(",")
        writer.key("status")
        if hit.status == 0 { writer.null() } else { writer.integer(Int64(hit.status)) }
        writer.raw(",")
        writer.key("bytes")
        if hit.bytes < 0 { writer.null() } else { writer.integer(hit.bytes) }
        writer.raw(",")
        writer.key("referrer")
        writer.optionalString(hit.referrer)
        writer.raw(",")
        writer.key("user_agent")
        writer.optionalString(hit.userAgent)
        writer.raw(",")
        writer.key("user")
        writer.optionalString(hit.user)
        writer.raw(",")
        writer.key("host")
        writer.optionalString(hit.host)
        writer.raw(",")
        writer.key("duration_ms")
        if hit.durationMicros < 0 { writer.null() } else { writer.milliseconds(micros: hit.durationMicros) }
        writer.raw(",")
        writer.key("fields")
        writer.raw("{")
        var first = true
        let extras = hit.extras
        for i in 0..<extras.names.count {
            let value = extras.values[i]
            guard !value.isEmpty else { continue }
            if !first { writer.raw(",") }
            first = false
            writer.string(extras.names[i])
            writer.raw(":")
            writer.optionalString(value)
            let name = extras.names[i]
            if name == "http_cookie" || name == "cs(Cookie)" || name == "cookie" {
                CookieHeader.forEach(value) { cookieName, cookieValue in
                    writer.raw(",")
                    var key = Array("cookie_".utf8)
                    key.append(contentsOf: cookieName)
                    key.withUnsafeBufferPointer { writer.string($0) }
                    writer.raw(":")
                    writer.string(cookieValue)
                }
            }
        }
        writer.raw("}")
        if classifier != nil {
            writer.raw(",")
            classifier!.write(hit, decodedPath: decodedPath, into: &writer)
        }
        writer.raw("}\n")
    }

    package mutating func finishBlock() -> [UInt8] {
        defer { writer.bytes.removeAll(keepingCapacity: true) }
        return writer.bytes
    }
}

/// Splits a `Cookie` header (`a=1; b=2`) into names and values, without allocating.
package enum CookieHeader {
    /// Calls `body` with each cookie's name and value, in order.
    package static func forEach(_ header: ByteView, _ body: (ByteView, ByteView) -> Void) {
        var i = 0
        while i < header.count {
            while i < header.count, header[i] == ASCII.space || header[i] == UInt8(ascii: ";") { i += 1 }
            let start = i
            while i < header.count, header[i] != UInt8(ascii: ";") { i += 1 }
            let pair = header.slice(start, i - start)
            if let eq = pair.firstIndex(of: UInt8(ascii: "="), from: 0), eq > 0 {
                body(pair.slice(0, eq).trimmingSpaces, pair.slice(eq + 1, pair.count - eq - 1).trimmingSpaces)
            }
        }
    }

    /// The value of cookie `name`, or `nil`.
    package static func value(named name: ByteView, in header: ByteView) -> ByteView? {
        var found: ByteView? = nil
        forEach(header) { n, v in
            if found == nil, n.count == name.count, memcmpBytes(n.baseAddress!, name.baseAddress!, n.count) { found = v }
        }
        return found
    }
}
