import LogModel

/// Finds delimiter bytes eight at a time (SWAR), for the long runs of plain text between the
/// delimiters of AWS and JSON lines (user agents, URLs, ARNs).
enum ByteSearch {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The first index at or after `start` whose byte is `a` or `b`, or `v.count` when none is.
    ///
    /// - Complexity: O(distance scanned), eight bytes per step.
    @inline(__always)
    static func firstIndex(of a: UInt8, or b: UInt8, in v: ByteView, from start: Int) -> Int {
        let count = v.count
        var i = start
        if let base = v.baseAddress {
            let pa = ones &* UInt64(a)
            let pb = ones &* UInt64(b)
            while i + 8 <= count {
                // Safe because `i + 8 <= count`: the eight bytes lie inside `v`.
                let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                let xa = word ^ pa
                let xb = word ^ pb
                // A byte of `x` is zero exactly where the word holds the delimiter; the lowest flag
                // set by this test is exact (borrows only disturb higher bytes).
                let found = ((xa &- ones) & ~xa | (xb &- ones) & ~xb) & highs
                if found != 0 { return i + found.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < count {
            let byte = v[i]
            if byte == a || byte == b { return i }
            i += 1
        }
        return count
    }
}
