/// Byte-level number parsing for numeric log fields.
public enum NumberParsing {
    /// A non-negative decimal integer, or `nil` when `v` is empty, `-`, or not all digits.
    @inlinable
    public static func integer(_ v: ByteView) -> Int64? {
        guard !v.isEmpty, v.count <= 18 else { return nil }
        var n: Int64 = 0
        for b in v {
            let d = ASCII.digit(b)
            guard d < 10 else { return nil }
            n = n * 10 + Int64(d)
        }
        return n
    }

    /// A non-negative decimal with an optional fraction (`0.123`), scaled by `scale` and
    /// truncated: `decimal("0.123", scale: 1_000_000)` is 123000. `nil` when not a number.
    @inlinable
    public static func decimal(_ v: ByteView, scale: Int64) -> Int64? {
        guard !v.isEmpty, v.count <= 24 else { return nil }
        var whole: Int64 = 0
        var i = 0
        while i < v.count, ASCII.digit(v[i]) < 10 {
            whole = whole * 10 + Int64(ASCII.digit(v[i]))
            i += 1
        }
        var result = whole * scale
        if i < v.count, v[i] == ASCII.dot {
            i += 1
            var unit = scale / 10
            while i < v.count, ASCII.digit(v[i]) < 10 {
                result += Int64(ASCII.digit(v[i])) * unit
                unit /= 10
                i += 1
            }
        }
        guard i == v.count, i > 0 else { return nil }
        return result
    }
}
