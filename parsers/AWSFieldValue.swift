import LogModel

/// Helpers for the values AWS load balancers write, shared by `ALBFormat` and `ClassicELBFormat`.
public enum AWSFieldValue {
    /// Splits `client:port` (`192.168.131.39:2817`, `[2001:db8::1]:443`, `2001:db8::1:443`) into
    /// address and port. A value without a port (`10.0.0.1`, `2001:db8::1`, `-`) is all address.
    ///
    /// Unbracketed IPv6 is read as the AWS docs write the field, `address:port`: the text after
    /// the last colon is the port when it is all digits, unless that colon ends a `::` (the
    /// address ends in a compressed group) or the value has exactly seven colons and no `::`
    /// (a full eight-group address without port).
    @inlinable
    public static func splitHostPort(_ v: ByteView) -> (address: ByteView, port: ByteView) {
        let count = v.count
        guard count > 0 else { return (v, .none) }
        if v[0] == ASCII.openBracket {
            guard let close = v.firstIndex(of: ASCII.closeBracket, from: 1) else { return (v, .none) }
            let address = v.slice(1, close - 1)
            if close + 2 <= count, v[close + 1] == ASCII.colon {
                return (address, v.slice(close + 2, count - close - 2))
            }
            return (address, .none)
        }
        var colons = 0
        var last = -1
        var doubleColon = false
        for i in 0..<count where v[i] == ASCII.colon {
            colons += 1
            if last == i - 1 { doubleColon = true }
            last = i
        }
        guard colons > 0, last + 1 < count else { return (v, .none) }
        for i in (last + 1)..<count where ASCII.digit(v[i]) >= 10 { return (v, .none) }
        if colons > 1 {
            if last > 0, v[last - 1] == ASCII.colon { return (v, .none) }
            if colons == 7, !doubleColon { return (v, .none) }
        }
        return (v.slice(0, last), v.slice(last + 1, count - last - 1))
    }

    /// A processing time in seconds (`0.000073`) as microseconds, or `nil` for `-1` (AWS writes
    /// `-1` when the request never reached a target) and `-`.
    ///
    /// - Throws: `.badNumber` for anything else that is not a decimal number.
    @inlinable
    public static func processingMicros(_ v: ByteView) throws(LineRejection) -> Int64? {
        if v.isDash || (v.count == 2 && v[0] == ASCII.dash && v[1] == UInt8(ascii: "1")) { return nil }
        guard let micros = NumberParsing.decimal(v, scale: 1_000_000) else { throw .badNumber }
        return micros
    }

    /// The load balancer's status code: 0 for `-` (no HTTP response: TCP/SSL listeners,
    /// connections closed before a request), else a code in 100…599.
    ///
    /// - Throws: `.badStatus` for anything else.
    @inlinable
    public static func status(_ v: ByteView) throws(LineRejection) -> Int32 {
        if v.isDash { return 0 }
        guard v.count == 3, let code = NumberParsing.integer(v), code >= 100, code <= 599 else { throw .badStatus }
        return Int32(code)
    }

    /// A byte count, or -1 for `-`.
    ///
    /// - Throws: `.badNumber` for anything else that is not a non-negative integer.
    @inlinable
    public static func byteCount(_ v: ByteView) throws(LineRejection) -> Int64 {
        if v.isDash { return -1 }
        guard let n = NumberParsing.integer(v) else { throw .badNumber }
        return n
    }

    /// True for the request field of a connection that carried no HTTP request: empty, `-`, or
    /// `- - - ` as Classic ELB TCP/SSL listeners and ALB write it.
    @inlinable
    public static func isAbsentRequest(_ v: ByteView) -> Bool {
        v.isEmpty || (v[0] == ASCII.dash && (v.count == 1 || v[1] == ASCII.space))
    }
}
