/// Parser-owned bytes for values that must be rewritten (escapes, percent-encoding) before use.
///
/// Reset once per line; views it returns stay valid until the next `reset()`. Its capacity is
/// fixed at creation so views never move; a write past the end throws `.tooLong`. Copies share
/// the same storage: give each parser its own.
public struct ScratchBuffer {
    @usableFromInline let owner: OwnedBytes
    @usableFromInline var used = 0

    /// - Parameter capacity: bytes available per line; twice the longest accepted line is safe.
    public init(capacity: Int = 256 * 1024) {
        owner = OwnedBytes(capacity: capacity)
    }

    /// Forgets every value written since the last reset.
    @inlinable public mutating func reset() { used = 0 }

    /// Appends the result of `write`, which receives the free space and returns how many bytes
    /// it wrote, and returns a view of those bytes.
    @inlinable
    public mutating func append(
        maxCount: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int
    ) throws(LineRejection) -> ByteView {
        let storage = owner.bytes
        guard storage.count - used >= maxCount else { throw .tooLong }
        // Safe because `used + maxCount <= storage.count` was checked above.
        let free = UnsafeMutableBufferPointer(rebasing: storage[used..<(used + maxCount)])
        let written = write(free)
        defer { used += written }
        return ByteView(start: free.baseAddress, count: written)
    }
}

/// A fixed block of bytes freed with its owner.
public final class OwnedBytes: @unchecked Sendable {
    /// The bytes; their address never changes.
    public let bytes: UnsafeMutableBufferPointer<UInt8>

    public init(capacity: Int) {
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }
}

/// Decoders for the escapes found in access logs. Each writes into a caller's buffer that is at
/// least as long as the input (every decoding here shrinks or keeps the length) and returns the
/// number of bytes written.
public enum ByteDecoding {
    /// Percent-decoding (`%2F` → `/`). Malformed escapes are kept as written. With
    /// `plusAsSpace`, `+` becomes a space (form encoding, W3C values).
    @inlinable
    public static func percentDecode(
        _ input: ByteView, into out: UnsafeMutableBufferPointer<UInt8>, plusAsSpace: Bool = false
    ) -> Int {
        var i = 0
        var o = 0
        while i < input.count {
            let b = input[i]
            if b == ASCII.percent, i + 2 < input.count,
                let hi = ASCII.hexValue(input[i + 1]), let lo = ASCII.hexValue(input[i + 2])
            {
                out[o] = hi << 4 | lo
                i += 3
            } else {
                out[o] = plusAsSpace && b == ASCII.plus ? ASCII.space : b
                i += 1
            }
            o += 1
        }
        return o
    }

    /// True when `input` contains a byte `percentDecode` would change.
    @inlinable
    public static func needsPercentDecoding(_ input: ByteView, plusAsSpace: Bool = false) -> Bool {
        if input.firstIndex(of: ASCII.percent, from: 0) != nil { return true }
        return plusAsSpace && input.firstIndex(of: ASCII.plus, from: 0) != nil
    }

    /// Backslash escapes written by Apache and nginx (`escape=default`): `\"`, `\\`, `\xHH`,
    /// `\n`, `\r`, `\t`. Unknown escapes are kept as written.
    @inlinable
    public static func unescapeBackslashes(_ input: ByteView, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var i = 0
        var o = 0
        while i < input.count {
            let b = input[i]
            if b == ASCII.backslash, i + 1 < input.count {
                let e = input[i + 1]
                switch e {
                case UInt8(ascii: "x") where i + 3 < input.count:
                    if let hi = ASCII.hexValue(input[i + 2]), let lo = ASCII.hexValue(input[i + 3]) {
                        out[o] = hi << 4 | lo
                        i += 4
                    } else {
                        out[o] = b
                        i += 1
                    }
                case ASCII.quote, ASCII.backslash:
                    out[o] = e
                    i += 2
                case UInt8(ascii: "n"):
                    out[o] = ASCII.newline
                    i += 2
                case UInt8(ascii: "r"):
                    out[o] = ASCII.carriageReturn
                    i += 2
                case UInt8(ascii: "t"):
                    out[o] = ASCII.tab
                    i += 2
                default:
                    out[o] = b
                    i += 1
                }
            } else {
                out[o] = b
                i += 1
            }
            o += 1
        }
        return o
    }

    /// JSON string escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` with
    /// surrogate pairs) → UTF-8. Returns `nil` on a malformed escape.
    @inlinable
    public static func unescapeJSON(_ input: ByteView, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var i = 0
        var o = 0
        while i < input.count {
            let b = input[i]
            guard b == ASCII.backslash else {
                out[o] = b
                o += 1
                i += 1
                continue
            }
            guard i + 1 < input.count else { return nil }
            let e = input[i + 1]
            i += 2
            switch e {
            case ASCII.quote, ASCII.backslash, ASCII.slash: out[o] = e
            case UInt8(ascii: "b"): out[o] = 0x08
            case UInt8(ascii: "f"): out[o] = 0x0C
            case UInt8(ascii: "n"): out[o] = ASCII.newline
            case UInt8(ascii: "r"): out[o] = ASCII.carriageReturn
            case UInt8(ascii: "t"): out[o] = ASCII.tab
            case UInt8(ascii: "u"):
                guard var scalar = hex4(input, i) else { return nil }
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 6 <= input.count, input[i] == ASCII.backslash,
                    input[i + 1] == UInt8(ascii: "u"), let low = hex4(input, i + 2), low >= 0xDC00, low < 0xE000
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                for unit in UTF8.encode(s)! {
                    out[o] = unit
                    o += 1
                }
                continue
            default: return nil
            }
            o += 1
        }
        return o
    }

    @inlinable
    static func hex4(_ input: ByteView, _ at: Int) -> UInt32? {
        guard at + 4 <= input.count else { return nil }
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            guard let h = ASCII.hexValue(input[k]) else { return nil }
            v = v << 4 | UInt32(h)
        }
        return v
    }
}
