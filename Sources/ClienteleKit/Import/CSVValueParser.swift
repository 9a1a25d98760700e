import LogModel

/// Parses the typed values of import files: money, quantities, dates and ISO-8601 times.
///
/// All parsers take a trimmed value and work on its UTF-8 bytes; none uses `Double` or
/// `DateFormatter`, so money is exact and 1M-row files stay fast.
enum CSVValueParser {
    /// What `timestamp(_:)` found.
    enum Timestamp: Equatable {
        /// Microseconds since the epoch, UTC.
        case micros(Int64)
        /// A valid date and time of day without `Z` or an offset (which time zone is unknown).
        case missingZone
        /// Not an ISO-8601 date or date-time.
        case invalid
    }

    /// A non-negative amount with at most two decimals, in cents: `12` → 1200, `12.5` → 1250,
    /// `0.99` → 99. `nil` for a sign, exponent, comma, thousands separator, `12.`, `.5`, three
    /// decimals, more than 15 integer digits, or anything else.
    static func cents(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            var i = 0
            var whole: Int64 = 0
            while i < bytes.count, let d = digit(bytes[i]) {
                guard i < 15 else { return nil }
                whole = whole * 10 + d
                i += 1
            }
            guard i > 0 else { return nil }
            if i == bytes.count { return whole * 100 }
            guard bytes[i] == UInt8(ascii: "."), bytes.count - i - 1 == 1 || bytes.count - i - 1 == 2 else {
                return nil
            }
            guard let tenths = digit(bytes[i + 1]) else { return nil }
            var hundredths: Int64 = 0
            if i + 2 < bytes.count {
                guard let d = digit(bytes[i + 2]) else { return nil }
                hundredths = d
            }
            return whole * 100 + tenths * 10 + hundredths
        }
    }

    /// A whole number of at least 1 (digits only, leading zeros allowed, at most 9 digits).
    static func positiveInteger(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
            var n = 0
            for byte in bytes {
                guard let d = digit(byte) else { return nil }
                n = n * 10 + Int(d)
            }
            return n > 0 ? n : nil
        }
    }

    /// Days since 1970-01-01 for an exact `YYYY-MM-DD` that is a real calendar date.
    static func date(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10 else { return nil }
            return date(bytes)
        }
    }

    /// An ISO-8601 date or date-time:
    /// - `2026-11-03` — midnight UTC;
    /// - `2026-11-03T14:05:00Z`, `T` or a space between date and time, `t`/`z` in any case;
    ///   seconds optional (`14:05Z`); a fraction of a second of 1…9 digits (kept to the
    ///   microsecond, truncated); `Z` or an offset `+01:00`, `-0530`, `+01`.
    /// A date-time without `Z` or an offset is `.missingZone`; leap seconds are not accepted.
    static func timestamp(_ text: String) -> Timestamp {
        var text = text
        return text.withUTF8 { timestamp($0) }
    }

    private static func timestamp(_ b: UnsafeBufferPointer<UInt8>) -> Timestamp {
        guard b.count >= 10, let days = date(UnsafeBufferPointer(rebasing: b[0..<10])) else { return .invalid }
        if b.count == 10 { return .micros(Int64(days) * 86_400_000_000) }
        guard b.count >= 16, b[10] | 0x20 == UInt8(ascii: "t") || b[10] == UInt8(ascii: " "),
            let hour = twoDigits(b, 11), hour < 24, b[13] == UInt8(ascii: ":"),
            let minute = twoDigits(b, 14), minute < 60
        else { return .invalid }
        var i = 16
        var second = 0
        var fraction: Int64 = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let s = twoDigits(b, i + 1), s < 60 else { return .invalid }
            second = s
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var digits = 0
                var scale: Int64 = 100_000
                while i < b.count, let d = digit(b[i]) {
                    digits += 1
                    guard digits <= 9 else { return .invalid }
                    fraction += d * scale
                    scale /= 10
                    i += 1
                }
                guard digits > 0 else { return .invalid }
            }
        }
        var offsetSeconds = 0
        if i == b.count { return .missingZone }
        if b[i] | 0x20 == UInt8(ascii: "z") {
            i += 1
        } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = twoDigits(b, i + 1), hours < 24 else { return .invalid }
            i += 3
            var minutes = 0
            if i < b.count {
                if b[i] == UInt8(ascii: ":") { i += 1 }
                guard let m = twoDigits(b, i), m < 60 else { return .invalid }
                minutes = m
                i += 2
            }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return .invalid
        }
        guard i == b.count else { return .invalid }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return .micros(seconds * 1_000_000 + fraction)
    }

    /// Days since the epoch for the 10 bytes `YYYY-MM-DD`, `nil` unless a real calendar date.
    private static func date(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let century = twoDigits(b, 0), let yy = twoDigits(b, 2),
            let month = twoDigits(b, 5), let day = twoDigits(b, 8),
            (1...12).contains(month), day >= 1
        else { return nil }
        let year = century * 100 + yy
        let monthDays: Int
        switch month {
        case 2: monthDays = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: monthDays = 30
        default: monthDays = 31
        }
        guard day <= monthDays else { return nil }
        return CivilTime.days(year: year, month: month, day: day)
    }

    /// The two-digit number at `b[i]`, `b[i + 1]`; `nil` if out of range or not digits.
    private static func twoDigits(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        guard i + 1 < b.count, let high = digit(b[i]), let low = digit(b[i + 1]) else { return nil }
        return Int(high * 10 + low)
    }

    /// The value of an ASCII digit, `nil` for any other byte.
    private static func digit(_ byte: UInt8) -> Int64? {
        let d = byte &- UInt8(ascii: "0")
        return d < 10 ? Int64(d) : nil
    }
}
