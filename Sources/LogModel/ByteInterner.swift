/// Assigns a dense integer id to each distinct byte string, storing each string once.
///
/// The hot-path companion of parsing: hits carry borrowed views; sinks intern the values they
/// keep and count by id. Lookups hash 8 bytes at a time into an open-addressing table; the last
/// value looked up is remembered, so runs of the same value (one visitor's asset requests) skip
/// the hash. Memory grows with the distinct values, never with the number of lookups.
public final class ByteInterner {
    /// All values back to back.
    @usableFromInline var arena: UnsafeMutablePointer<UInt8>
    @usableFromInline var arenaCapacity: Int
    @usableFromInline var arenaCount = 0
    /// `starts[id]..<starts[id + 1]` is value `id` in the arena.
    @usableFromInline var starts: UnsafeMutablePointer<Int>
    @usableFromInline var startsCapacity: Int
    /// Table slots: id, or -1 when empty; `tags` hold the hash's high bits to skip most compares.
    @usableFromInline var slots: UnsafeMutablePointer<Int32>
    @usableFromInline var tags: UnsafeMutablePointer<UInt32>
    @usableFromInline var mask: Int
    @usableFromInline var storedCount = 0
    @usableFromInline var lastID: Int32 = -1

    /// - Parameter capacity: expected number of distinct values (the table grows as needed).
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: -1, count: size)
        tags = .allocate(capacity: size)
        tags.initialize(repeating: 0, count: size)
        startsCapacity = capacity + 1
        starts = .allocate(capacity: startsCapacity)
        starts[0] = 0
        arenaCapacity = max(capacity * 32, 256)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        arena.deallocate()
        starts.deallocate()
        slots.deallocate()
        tags.deallocate()
    }

    /// Number of distinct values.
    @inlinable public var count: Int { storedCount }

    /// The id of `value`, adding it if new. Ids are 0, 1, 2… in first-seen order.
    /// - Complexity: O(value.count) expected.
    @inlinable
    public func intern(_ value: ByteView) -> Int32 {
        if lastID >= 0, equals(lastID, value) { return lastID }
        let hash = Self.hash(value)
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = UInt32(truncatingIfNeeded: hash >> 32)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if tags[slot] == tag, equals(id, value) {
                lastID = id
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = append(value)
        slots[slot] = id
        tags[slot] = tag
        if storedCount * 2 > mask { grow() }
        lastID = id
        return id
    }

    /// The bytes of `id` as a String (invalid UTF-8 repaired).
    public func string(_ id: Int32) -> String {
        withBytes(id) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the bytes of `id` (valid only during the call).
    public func withBytes<R>(_ id: Int32, _ body: (ByteView) -> R) -> R {
        body(bytes(id))
    }

    @inlinable
    func bytes(_ id: Int32) -> ByteView {
        let start = starts[Int(id)]
        return ByteView(start: arena + start, count: starts[Int(id) + 1] - start)
    }

    @inlinable
    func equals(_ id: Int32, _ value: ByteView) -> Bool {
        let start = starts[Int(id)]
        let length = starts[Int(id) + 1] - start
        guard length == value.count else { return false }
        return length == 0 || memcmpBytes(arena + start, value.baseAddress!, length)
    }

    @usableFromInline
    func append(_ value: ByteView) -> Int32 {
        if arenaCount + value.count > arenaCapacity {
            var capacity = arenaCapacity * 2
            while capacity < arenaCount + value.count { capacity *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            bigger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = bigger
            arenaCapacity = capacity
        }
        if storedCount + 2 > startsCapacity {
            let capacity = startsCapacity * 2
            let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
            bigger.update(from: starts, count: storedCount + 1)
            starts.deallocate()
            starts = bigger
            startsCapacity = capacity
        }
        if let source = value.baseAddress {
            (arena + arenaCount).update(from: source, count: value.count)
        }
        arenaCount += value.count
        storedCount += 1
        starts[storedCount] = arenaCount
        return Int32(storedCount - 1)
    }

    @usableFromInline
    func grow() {
        let size = (mask + 1) * 2
        let newSlots = UnsafeMutablePointer<Int32>.allocate(capacity: size)
        newSlots.initialize(repeating: -1, count: size)
        let newTags = UnsafeMutablePointer<UInt32>.allocate(capacity: size)
        newTags.initialize(repeating: 0, count: size)
        let newMask = size - 1
        for id in 0..<storedCount {
            let h = Self.hash(bytes(Int32(id)))
            var slot = Int(truncatingIfNeeded: h) & newMask
            while newSlots[slot] >= 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Int32(id)
            newTags[slot] = UInt32(truncatingIfNeeded: h >> 32)
        }
        slots.deallocate()
        tags.deallocate()
        slots = newSlots
        tags = newTags
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
        if i < v.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < v.count {
                tail |= UInt64(base[i]) << shift
                shift &+= 8
                i += 1
            }
            h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        }
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
