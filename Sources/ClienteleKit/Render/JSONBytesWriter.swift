import LogModel

/// Appends JSON text to a byte buffer, escaping strings correctly (invalid UTF-8 repaired to
/// U+FFFD, control characters as `\u00XX`). Used for streaming JSON lines without Foundation.
package struct JSONBytesWriter {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func raw(_ s: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    package mutating func key(_ s: StaticString) {
        bytes.append(ASCII.quote)
        raw(s)
        bytes.append(ASCII.quote)
        bytes.append(ASCII.colon)
    }

    package mutating func null() { raw("null") }

    package mutating func integer(_ n: Int64) {
        if n == 0 {
            bytes.append(ASCII.zero)
            return
        }
        var value = n.magnitude
        var digits: [UInt8] = []
        while value > 0 {
            digits.append(ASCII.zero + UInt8(value % 10))
            value /= 10
        }
        if n < 0 { bytes.append(ASCII.dash) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// A JSON number with up to three decimals (`12.5`), used for milliseconds.
    package mutating func milliseconds(micros: Int64) {
        integer(micros / 1000)
        let frac = micros % 1000
        if frac != 0 {
            bytes.append(ASCII.dot)
            var digits = [UInt8](repeating: ASCII.zero, count: 3)
            var f = frac
            for i in (0..<3).reversed() {
                digits[i] = ASCII.zero + UInt8(f % 10)
                f /= 10
            }
            while digits.last == ASCII.zero { digits.removeLast() }
            bytes.append(contentsOf: digits)
        }
    }

    /// A JSON string from bytes.
    package mutating func string(_ v: ByteView) {
        bytes.append(ASCII.quote)
        var plain = true
        for b in v where b < 0x20 || b == ASCII.quote || b == ASCII.backslash || b >= 0x80 {
            plain = false
            break
        }
        if plain {
            bytes.append(contentsOf: v)
        } else {
            for unit in String(decoding: v, as: UTF8.self).utf8 {
                switch unit {
                case ASCII.quote: raw("\\\"")
                case ASCII.backslash: raw("\\\\")
                case ASCII.newline: raw("\\n")
                case ASCII.carriageReturn: raw("\\r")
                case ASCII.tab: raw("\\t")
                case 0..<0x20:
                    raw("\\u00")
                    bytes.append(Self.hexDigit(unit >> 4))
                    bytes.append(Self.hexDigit(unit & 0xF))
                default: bytes.append(unit)
                }
            }
        }
        bytes.append(ASCII.quote)
    }

    /// A JSON string from a Swift string.
    package mutating func string(_ s: String) {
        var copy = s
        copy.withUTF8 { string($0) }
    }

    /// A string, or `null` for an empty view or `-`.
    package mutating func optionalString(_ v: ByteView) {
        if v.isEmpty || v.isDash { null() } else { string(v) }
    }

    static func hexDigit(_ n: UInt8) -> UInt8 {
        n < 10 ? ASCII.zero + n : UInt8(ascii: "a") + n - 10
    }
}
