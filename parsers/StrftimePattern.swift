import LogModel

/// An strftime pattern (`%Y-%m-%d %H:%M:%S %z`) compiled for reading timestamps back.
///
/// Supports `%Y %y %m %d %e %b %h %B(3 letters) %H %M %S %z %T %F %D %s %f %%` and literal text.
/// A pattern without `%z` reads times as UTC.
public struct StrftimePattern: Sendable, Equatable {
    enum Item: Sendable, Equatable {
        case year4, year2, month, monthName, day, hour, minute, second, zone, epoch, fraction
        case literal(UInt8)
    }

    let items: [Item]

    /// Compiles `pattern`. - Throws: `FormatError` for an unsupported conversion.
    public init(_ pattern: String) throws(FormatError) {
        var items: [Item] = []
        var bytes = Array(pattern.utf8)[...]
        while let b = bytes.popFirst() {
            guard b == ASCII.percent else {
                items.append(.literal(b))
                continue
            }
            guard let c = bytes.popFirst() else { throw FormatError("strftime pattern '\(pattern)' ends with '%'") }
            switch c {
            case UInt8(ascii: "Y"): items.append(.year4)
            case UInt8(ascii: "y"): items.append(.year2)
            case UInt8(ascii: "m"): items.append(.month)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): items.append(.day)
            case UInt8(ascii: "b"), UInt8(ascii: "h"): items.append(.monthName)
            case UInt8(ascii: "H"): items.append(.hour)
            case UInt8(ascii: "M"): items.append(.minute)
            case UInt8(ascii: "S"): items.append(.second)
            case UInt8(ascii: "z"): items.append(.zone)
            case UInt8(ascii: "s"): items.append(.epoch)
            case UInt8(ascii: "f"): items.append(.fraction)
            case UInt8(ascii: "T"): items += [.hour, .literal(ASCII.colon), .minute, .literal(ASCII.colon), .second]
            case UInt8(ascii: "F"): items += [.year4, .literal(ASCII.dash), .month, .literal(ASCII.dash), .day]
            case UInt8(ascii: "D"): items += [.month, .literal(ASCII.slash), .day, .literal(ASCII.slash), .year2]
            case ASCII.percent: items.append(.literal(ASCII.percent))
            default:
                throw FormatError("strftime conversion '%\(Character(Unicode.Scalar(c)))' is not supported in time formats")
            }
        }
        self.items = items
    }

    /// Reads `v` with this pattern into `hit.time` / `hit.utcOffsetSeconds`.
    public func parse(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        var i = 0
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0
        var offset: Int32 = 0
        var epoch: Int64? = nil
        var micros: Int64 = 0
        func digits(_ maxCount: Int) throws(LineRejection) -> Int {
            var n = 0
            var k = 0
            if i < v.count, v[i] == ASCII.space { i += 1 }  // %e pads with a space
            while k < maxCount, i < v.count, ASCII.digit(v[i]) < 10 {
                n = n * 10 + Int(ASCII.digit(v[i]))
                i += 1
                k += 1
            }
            guard k > 0 else { throw .badTimestamp }
            return n
        }
        for item in items {
            switch item {
            case .year4: year = try digits(4)
            case .year2: year = 2000 + (try digits(2))
            case .month: month = try digits(2)
            case .day: day = try digits(2)
            case .hour: hour = try digits(2)
            case .minute: minute = try digits(2)
            case .second: second = try digits(2)
            case .epoch: epoch = Int64(try digits(12))
            case .fraction:
                var scale: Int64 = 100_000
                while i < v.count, ASCII.digit(v[i]) < 10 {
                    micros += Int64(ASCII.digit(v[i])) * scale
                    scale /= 10
                    i += 1
                }
            case .monthName:
                guard i + 3 <= v.count else { throw .badTimestamp }
                month = CivilTime.month(v[i], v[i + 1], v[i + 2])
                guard month != 0 else { throw .badTimestamp }
                i += 3
            case .zone:
                var zoneHit = Hit()
                let rest = v.slice(i, v.count - i)
                // Reuse the ISO-8601 zone reader through a tiny buffer: "+HHMM" or "Z".
                var k = 0
                while k < rest.count, rest[k] != ASCII.space { k += 1 }
                try Self.readZone(rest.slice(0, k), into: &zoneHit)
                offset = zoneHit.utcOffsetSeconds
                i += k
            case .literal(let b):
                guard i < v.count, v[i] == b else { throw .badTimestamp }
                i += 1
            }
        }
        guard i == v.count else { throw .badTimestamp }
        if let epoch {
            hit.time = epoch * 1_000_000 + micros
            hit.utcOffsetSeconds = 0
            return
        }
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
            TimestampParser.plausibleYears.contains(year)
        else {
            throw .badTimestamp
        }
        let local = Int64(CivilTime.days(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        hit.time = (local - Int64(offset)) * 1_000_000 + micros
        hit.utcOffsetSeconds = offset
    }

    /// `Z`, `+HHMM`, `-HH:MM` → `hit.utcOffsetSeconds`.
    static func readZone(_ v: ByteView, into hit: inout Hit) throws(LineRejection) {
        guard !v.isEmpty else { throw .badTimestamp }
        if v.count == 1, v[0] | 0x20 == UInt8(ascii: "z") { hit.utcOffsetSeconds = 0; return }
        guard v.count >= 3, v[0] == ASCII.plus || v[0] == ASCII.dash else { throw .badTimestamp }
        var n = 0
        var count = 0
        for k in 1..<v.count where v[k] != ASCII.colon {
            guard ASCII.digit(v[k]) < 10 else { throw .badTimestamp }
            n = n * 10 + Int(ASCII.digit(v[k]))
            count += 1
        }
        let seconds: Int
        switch count {
        case 2: seconds = n * 3600
        case 4: seconds = (n / 100) * 3600 + (n % 100) * 60
        default: throw .badTimestamp
        }
        hit.utcOffsetSeconds = Int32(v[0] == ASCII.dash ? -seconds : seconds)
    }
}

/// A log format string that cannot be compiled; the message names the offending part.
public struct FormatError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
