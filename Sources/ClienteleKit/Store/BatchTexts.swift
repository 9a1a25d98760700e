import Foundation

/// The distinct texts of one batch's pageviews (paths, queries, referrers, items), each kept
/// once as a `String` (for the sessionizer) and once as UTF-8 in one buffer, which the pageview
/// inserts bind in place instead of having SQLite copy every value. Texts are numbered from 0;
/// -1 stands for no text.
struct BatchTexts {
    private(set) var strings: [String] = []
    private var bytes: [UInt8] = []
    /// `bytes[starts[i]..<starts[i + 1]]` is text `i`.
    private var starts: [Int] = [0]

    /// Adds a text (callers add each distinct value once) and returns its number.
    mutating func add(_ text: String) -> Int32 {
        strings.append(text)
        bytes.append(contentsOf: text.utf8)
        starts.append(bytes.count)
        return Int32(strings.count - 1)
    }

    /// Text `i`, or `nil` for -1.
    func string(_ i: Int32) -> String? { i < 0 ? nil : strings[Int(i)] }

    /// Byte order of texts `a` and `b` (-1 as empty text): negative, zero or positive.
    func compare(_ a: Int32, _ b: Int32) -> Int {
        bytes.withUnsafeBufferPointer { all in
            let x = a < 0 ? all[0..<0] : all[starts[Int(a)]..<starts[Int(a) + 1]]
            let y = b < 0 ? all[0..<0] : all[starts[Int(b)]..<starts[Int(b) + 1]]
            let common = min(x.count, y.count)
            if common > 0 {
                let c = memcmp(all.baseAddress! + x.startIndex, all.baseAddress! + y.startIndex, common)
                if c != 0 { return Int(c) }
            }
            return x.count - y.count
        }
    }

    /// The UTF-8 of every text, valid inside `body`.
    struct UTF8 {
        let bytes: UnsafeBufferPointer<UInt8>
        let starts: UnsafeBufferPointer<Int>

        /// Text `i`'s bytes, or `nil` for -1.
        func text(_ i: Int32) -> UnsafeBufferPointer<UInt8>? {
            guard i >= 0 else { return nil }
            return UnsafeBufferPointer(rebasing: bytes[starts[Int(i)]..<starts[Int(i) + 1]])
        }
    }

    /// Runs `body` with the UTF-8 of every text.
    func withUTF8<R>(_ body: (UTF8) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            try starts.withUnsafeBufferPointer { s in try body(UTF8(bytes: b, starts: s)) }
        }
    }
}
