#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A borrowed run of bytes inside a line being parsed or inside a parser's scratch space.
///
/// A `ByteView` is only valid until the parser that produced it is asked for the next line:
/// copy what you keep (`string`, `array`) or intern it.
public typealias ByteView = UnsafeBufferPointer<UInt8>

extension UnsafeBufferPointer where Element == UInt8 {
    /// The empty view (no base address); used for fields a format does not have.
    @inlinable public static var none: ByteView { ByteView(start: nil, count: 0) }

    /// A view of `count` bytes starting `offset` bytes into this one.
    @inlinable
    public func slice(_ offset: Int, _ count: Int) -> ByteView {
        // Safe because callers pass offsets found by scanning this same view.
        ByteView(start: baseAddress! + offset, count: count)
    }

    /// The bytes as a String; invalid UTF-8 is repaired with U+FFFD.
    @inlinable public var string: String { String(decoding: self, as: UTF8.self) }

    /// `nil` for an empty view or a lone `-` (the common "no value" marker), else the string.
    @inlinable public var optionalString: String? { isEmpty || isDash ? nil : string }

    /// True when the view is exactly `-`.
    @inlinable public var isDash: Bool { count == 1 && self[0] == UInt8(ascii: "-") }

    /// Byte-wise equality with a static ASCII string.
    @inlinable
    public func equals(_ literal: StaticString) -> Bool {
        guard literal.utf8CodeUnitCount == count else { return false }
        let p = literal.utf8Start
        for i in 0..<count where self[i] != p[i] { return false }
        return true
    }

    /// Case-insensitive (ASCII) equality with a static lowercase ASCII string.
    @inlinable
    public func equalsIgnoringCase(_ lowercaseLiteral: StaticString) -> Bool {
        guard lowercaseLiteral.utf8CodeUnitCount == count else { return false }
        let p = lowercaseLiteral.utf8Start
        for i in 0..<count where ASCII.lowercased(self[i]) != p[i] { return false }
        return true
    }

    /// Index of the first `byte` at or after `from`, or `nil`. Uses memchr past a few bytes.
    @inlinable
    public func firstIndex(of byte: UInt8, from: Int) -> Int? {
        var i = from
        let shortEnd = Swift.min(count, from + 16)
        while i < shortEnd {
            if self[i] == byte { return i }
            i += 1
        }
        guard i < count else { return nil }
        // Safe because `i < count`, so memchr reads inside the view.
        guard let found = memchr(baseAddress! + i, Int32(byte), count - i) else { return nil }
        return baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The view without leading and trailing spaces and tabs.
    @inlinable
    public var trimmingSpaces: ByteView {
        var s = 0
        var e = count
        while s < e, self[s] == ASCII.space || self[s] == ASCII.tab { s += 1 }
        while e > s, self[e - 1] == ASCII.space || self[e - 1] == ASCII.tab { e -= 1 }
        return s == 0 && e == count ? self : (s == e ? .none : slice(s, e - s))
    }
}

/// ASCII byte constants and small classifiers used by every parser.
public enum ASCII {
    @inlinable public static var space: UInt8 { UInt8(ascii: " ") }
    @inlinable public static var tab: UInt8 { UInt8(ascii: "\t") }
    @inlinable public static var newline: UInt8 { UInt8(ascii: "\n") }
    @inlinable public static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
    @inlinable public static var quote: UInt8 { UInt8(ascii: "\"") }
    @inlinable public static var backslash: UInt8 { UInt8(ascii: "\\") }
    @inlinable public static var dash: UInt8 { UInt8(ascii: "-") }
    @inlinable public static var plus: UInt8 { UInt8(ascii: "+") }
    @inlinable public static var percent: UInt8 { UInt8(ascii: "%") }
    @inlinable public static var question: UInt8 { UInt8(ascii: "?") }
    @inlinable public static var colon: UInt8 { UInt8(ascii: ":") }
    @inlinable public static var comma: UInt8 { UInt8(ascii: ",") }
    @inlinable public static var dot: UInt8 { UInt8(ascii: ".") }
    @inlinable public static var slash: UInt8 { UInt8(ascii: "/") }
    @inlinable public static var hash: UInt8 { UInt8(ascii: "#") }
    @inlinable public static var openBracket: UInt8 { UInt8(ascii: "[") }
    @inlinable public static var closeBracket: UInt8 { UInt8(ascii: "]") }
    @inlinable public static var zero: UInt8 { UInt8(ascii: "0") }

    /// The value of a decimal digit byte, or a value > 9 for anything else.
    @inlinable public static func digit(_ b: UInt8) -> UInt8 { b &- zero }

    /// The value of a hexadecimal digit byte, or `nil`.
    @inlinable
    public static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// ASCII lowercase of a byte; other bytes unchanged.
    @inlinable
    public static func lowercased(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }
}
