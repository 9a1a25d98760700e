/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation.
public enum CivilTime {
    /// `a / b` rounded toward minus infinity (times before 1970 fall on the earlier day).
    /// - Parameter b: a positive divisor.
    @inlinable
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : (a - b + 1) / b
    }

    /// Days since 1970-01-01 for a calendar date (Howard Hinnant's `days_from_civil`).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The calendar date of a day number (days since 1970-01-01).
    @inlinable
    public static func date(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Month number 1…12 for an English three-letter abbreviation (any case), or 0.
    @inlinable
    public static func month(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        let key = (UInt32(a | 0x20) << 16) | (UInt32(b | 0x20) << 8) | UInt32(c | 0x20)
        switch key {
        case 0x6a_616e: return 1  // jan
        case 0x66_6562: return 2  // feb
        case 0x6d_6172: return 3  // mar
        case 0x61_7072: return 4  // apr
        case 0x6d_6179: return 5  // may
        case 0x6a_756e: return 6  // jun
        case 0x6a_756c: return 7  // jul
        case 0x61_7567: return 8  // aug
        case 0x73_6570: return 9  // sep
        case 0x6f_6374: return 10  // oct
        case 0x6e_6f76: return 11  // nov
        case 0x64_6563: return 12  // dec
        default: return 0
        }
    }

    /// ISO-8601 UTC text for microseconds since the epoch: `2026-11-01T13:05:09Z`, with
    /// `.ffffff` (or `.fff` when whole milliseconds) when the time has a fraction.
    public static func iso8601(micros: Int64) -> String {
        var secs = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let frac = micros - secs * 1_000_000
        let dayNumber = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        secs -= dayNumber * 86_400
        let (y, m, d) = date(days: Int(dayNumber))
        var out = pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        out += "T" + pad(Int(secs / 3600), 2) + ":" + pad(Int(secs / 60 % 60), 2) + ":" + pad(Int(secs % 60), 2)
        if frac != 0 {
            out += frac % 1000 == 0 ? "." + pad(Int(frac / 1000), 3) : "." + pad(Int(frac), 6)
        }
        return out + "Z"
    }

    /// `YYYY-MM-DD` for a day number.
    public static func isoDate(days: Int) -> String {
        let (y, m, d) = date(days: days)
        return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
    }

    @usableFromInline
    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
