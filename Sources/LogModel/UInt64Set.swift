/// A set of 64-bit keys with open addressing in one flat array (one cache line touched per
/// probe): the hot-path set for packed composite keys, where Swift's `Set` would hash with
/// SipHash. `UInt64.max` is reserved as the empty marker and cannot be inserted.
public struct UInt64Set {
    @usableFromInline var slots: [UInt64]
    @usableFromInline var mask: Int
    @usableFromInline var storedCount = 0

    public init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: .max, count: size)
        mask = size - 1
    }

    /// Number of keys in the set.
    @inlinable public var count: Int { storedCount }

    /// Adds `key` (not `UInt64.max`); returns true when it was not in the set.
    @inlinable
    @discardableResult
    public mutating func insert(_ key: UInt64) -> Bool {
        precondition(key != .max, "UInt64.max marks empty slots")
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        while true {
            let existing = slots[slot]
            if existing == key { return false }
            if existing == .max { break }
            slot = (slot + 1) & mask
        }
        slots[slot] = key
        storedCount += 1
        if storedCount * 2 > mask { grow() }
        return true
    }

    /// Every key, in no particular order.
    public func forEach(_ body: (UInt64) -> Void) {
        for key in slots where key != .max { body(key) }
    }

    @usableFromInline
    mutating func grow() {
        var bigger = UInt64Set(capacity: mask + 1)
        forEach { bigger.insert($0) }
        self = bigger
    }

    @inlinable
    static func hash(_ x: UInt64) -> UInt64 {
        var z = x &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
