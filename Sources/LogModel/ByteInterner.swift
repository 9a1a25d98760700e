/// Assigns a dense integer id to each distinct byte string, storing each string once.
///
/// The hot-path companion of parsing: hits carry borrowed views; sinks intern the values they
/// keep and count by id. Lookups hash 8 bytes at a time with open addressing; the last value
/// looked up is remembered, so runs of the same value (one visitor's asset requests) skip the
/// hash entirely. Memory grows with the distinct values, never with the number of lookups.
public struct ByteInterner {
    @usableFromInline var arena: [UInt8] = []
    @usableFromInline var starts: [Int] = [0]
    @usableFromInline var slots: [Int32]
    @usableFromInline var slotHashes: [UInt32]
    @usableFromInline var mask: Int
    @usableFromInline var lastID: Int32 = -1

    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        slotHashes = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// Number of distinct values.
    @inlinable public var count: Int { starts.count - 1 }

    /// The id of `value`, adding it if new. Ids are 0, 1, 2… in first-seen order.
    /// - Complexity: O(value.count) expected.
    @inlinable
    public mutating func intern(_ value: ByteView) -> Int32 {
        if lastID >= 0, equals(lastID, value) { return lastID }
        let hash = Self.hash(value)
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if slotHashes[slot] == tag, equals(id, value) {
                lastID = id
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = Int32(count)
        arena.append(contentsOf: value)
        starts.append(arena.count)
        slots[slot] = id
        slotHashes[slot] = tag
        if count * 2 > mask { grow() }
        lastID = id
        return id
    }

    /// The bytes of `id` as a String (invalid UTF-8 repaired).
    public func string(_ id: Int32) -> String {
        arena.withUnsafeBufferPointer { a in
            String(decoding: UnsafeBufferPointer(rebasing: a[starts[Int(id)]..<starts[Int(id) + 1]]), as: UTF8.self)
        }
    }

    /// Calls `body` with the bytes of `id`.
    public func withBytes<R>(_ id: Int32, _ body: (ByteView) -> R) -> R {
        arena.withUnsafeBufferPointer { a in
            body(UnsafeBufferPointer(rebasing: a[starts[Int(id)]..<starts[Int(id) + 1]]))
        }
    }

    @inlinable
    func equals(_ id: Int32, _ value: ByteView) -> Bool {
        let start = starts[Int(id)]
        let length = starts[Int(id) + 1] - start
        guard length == value.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { a in
            // Safe because `start + length <= a.count` by construction of `starts`.
            memcmpBytes(a.baseAddress! + start, value.baseAddress!, length)
        }
    }

    @usableFromInline
    mutating func grow() {
        let size = (mask + 1) * 2
        var newSlots = [Int32](repeating: -1, count: size)
        var newHashes = [UInt32](repeating: 0, count: size)
        let newMask = size - 1
        arena.withUnsafeBufferPointer { a in
            for id in 0..<count {
                let h = Self.hash(UnsafeBufferPointer(rebasing: a[starts[id]..<starts[id + 1]]))
                var slot = Int(truncatingIfNeeded: h) & newMask
                while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
                newSlots[slot] = Int32(id)
                newHashes[slot] = UInt32(truncatingIfNeeded: h >> 32)
            }
        }
        slots = newSlots
        slotHashes = newHashes
        mask = newMask
    }

    /// A fast 64-bit hash of bytes: 8-byte words folded with multiply-xorshift, then mixed.
    @inlinable
    public static func hash(_ v: ByteView) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(v.count)
        guard let base = v.baseAddress else { return mix(h) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        // Safe because every load reads 8 bytes at `i` with `i + 8 <= v.count`.
        while i + 8 <= v.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < v.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return mix(h)
    }

    @inlinable
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Byte equality of two regions of `count` bytes, 8 bytes at a time.
@inlinable
public func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    var i = 0
    while i + 8 <= count {
        if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
            return false
        }
        i += 8
    }
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
