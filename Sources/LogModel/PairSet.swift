/// A set of pairs of 64-bit keys with open addressing: the hot-path set for composite keys
/// (visitor = address id, user-agent id, day) where Swift's `Set` would hash with SipHash.
public struct PairSet {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var seconds: [UInt64]
    @usableFromInline var used: [Bool]
    @usableFromInline var mask: Int
    /// Number of pairs in the set.
    @usableFromInline var storedCount = 0
    /// Number of pairs in the set.
    @inlinable public var count: Int { storedCount }

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        seconds = Array(repeating: 0, count: size)
        used = Array(repeating: false, count: size)
        mask = size - 1
    }

    /// Adds the pair; returns true when it was not in the set.
    @inlinable
    @discardableResult
    public mutating func insert(_ a: UInt64, _ b: UInt64) -> Bool {
        var slot = Int(truncatingIfNeeded: Self.hash(a, b)) & mask
        while used[slot] {
            if keys[slot] == a && seconds[slot] == b { return false }
            slot = (slot + 1) & mask
        }
        used[slot] = true
        keys[slot] = a
        seconds[slot] = b
        storedCount += 1
        if storedCount * 2 > mask { grow() }
        return true
    }

    /// Every pair, in no particular order.
    public func forEach(_ body: (UInt64, UInt64) -> Void) {
        for i in used.indices where used[i] { body(keys[i], seconds[i]) }
    }

    @usableFromInline
    mutating func grow() {
        var bigger = PairSet(capacity: (mask + 1))
        forEach { bigger.insert($0, $1) }
        self = bigger
    }

    @inlinable
    static func hash(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ b &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
