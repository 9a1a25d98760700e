import CSupport

/// Assigns a dense integer id to each distinct byte string, storing each string once.
///
/// The hot-path companion of parsing: hits carry borrowed views; sinks intern the values they
/// keep and count by id. Lookups hash 8 bytes at a time into an open-addressing table whose
/// 16-byte slots hold the hash tag, the id, and where the bytes live, so a lookup costs one
/// cache miss for the slot and one for the bytes. Callers with several lookups per line can
/// `prefetch` them first so the misses overlap. The last value looked up is remembered, so runs
/// of the same value skip the hash. Memory grows with the distinct values, never with the
/// number of lookups.
public final class ByteInterner {
    @usableFromInline
    struct Slot {
        /// Hash high 32 bits | (id + 1); 0 when empty.
        @usableFromInline var tagAndID: UInt64
        /// Arena offset << 24 | length (values longer than 16 MiB are not interned whole).
        @usableFromInline var location: UInt64

        @usableFromInline
        init(tagAndID: UInt64, location: UInt64) {
            self.tagAndID = tagAndID
            self.location = location
        }
    }

    /// All values back to back.
    @usableFromInline var arena: UnsafeMutablePointer<UInt8>
    @usableFromInline var arenaCapacity: Int
    @usableFromInline var arenaCount = 0
    /// `location[id]` for id → bytes.
    @usableFromInline var locations: UnsafeMutablePointer<UInt64>
    @usableFromInline var locationsCapacity: Int
    @usableFromInline var slots: UnsafeMutablePointer<Slot>
    @usableFromInline var mask: Int
    @usableFromInline var storedCount = 0
    @usableFromInline var lastID: Int32 = -1

    /// Longest value kept whole; longer values are cut to this length before interning.
    public static let maxLength = (1 << 24) - 1

    /// - Parameter capacity: expected number of distinct values (the table grows as needed).
    public init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        mask = size - 1
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Slot(tagAndID: 0, location: 0), count: size)
        locationsCapacity = max(capacity, 16)
        locations = .allocate(capacity: locationsCapacity)
        arenaCapacity = max(capacity * 32, 256)
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        arena.deallocate()
        locations.deallocate()
        slots.deallocate()
    }

    /// Number of distinct values.
    @inlinable public var count: Int { storedCount }

    /// The id of `value`, adding it if new. Ids are 0, 1, 2… in first-seen order.
    /// - Complexity: O(value.count) expected.
    @inlinable
    public func intern(_ value: ByteView) -> Int32 {
        if lastID >= 0, equals(lastID, value) { return lastID }
        return insert(value, hash: Self.hash(value))
    }

    /// Hashes `value` and starts loading its table slot; pass the result to
    /// `intern(_:hash:)` after prefetching the other lookups of the same line.
    @inlinable
    public func prefetch(_ value: ByteView) -> UInt64 {
        let hash = Self.hash(value)
        clientele_prefetch(slots + (Int(truncatingIfNeeded: hash) & mask))
        return hash
    }

    /// Second prefetch step: once the slot for `hash` has had time to arrive, starts loading the
    /// bytes of the value stored there, so the compare in `intern(_:hash:)` does not wait.
    @inlinable
    public func prefetchBytes(hash: UInt64) {
        let entry = slots[Int(truncatingIfNeeded: hash) & mask]
        if entry.tagAndID != 0 {
            clientele_prefetch(arena + Int(entry.location >> 24))
        }
    }

    /// `intern(_:)` with the hash already computed by `prefetch(_:)`.
    @inlinable
    public func intern(_ value: ByteView, hash: UInt64) -> Int32 {
        if lastID >= 0, equals(lastID, value) { return lastID }
        return insert(value, hash: hash)
    }

    @inlinable
    func insert(_ value: ByteView, hash: UInt64) -> Int32 {
        let value = value.count > Self.maxLength ? ByteView(rebasing: value[0..<Self.maxLength]) : value
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let entry = slots[slot]
            if entry.tagAndID == 0 { break }
            if entry.tagAndID & 0xFFFF_FFFF_0000_0000 == tag, Self.matches(entry.location, value, arena) {
                let id = Int32(truncatingIfNeeded: entry.tagAndID & 0xFFFF_FFFF) - 1
                lastID = id
                return id
            }
            slot = (slot + 1) & mask
        }
        let id = append(value)
        slots[slot] = Slot(tagAndID: tag | UInt64(id + 1), location: locations[Int(id)])
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
        let location = locations[Int(id)]
        return ByteView(start: arena + Int(location >> 24), count: Int(location & 0xFF_FFFF))
    }

    @inlinable
    func equals(_ id: Int32, _ value: ByteView) -> Bool {
        Self.matches(locations[Int(id)], value, arena)
    }

    @inlinable
    static func matches(_ location: UInt64, _ value: ByteView, _ arena: UnsafeMutablePointer<UInt8>) -> Bool {
        let length = Int(location & 0xFF_FFFF)
        guard length == value.count else { return false }
        // Safe because the location was recorded for bytes inside the arena.
        return length == 0 || memcmpBytes(arena + Int(location >> 24), value.baseAddress!, length)
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
        if storedCount == locationsCapacity {
            let capacity = locationsCapacity * 2
            let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
            bigger.update(from: locations, count: storedCount)
            locations.deallocate()
            locations = bigger
            locationsCapacity = capacity
        }
        if let source = value.baseAddress {
            (arena + arenaCount).update(from: source, count: value.count)
        }
        locations[storedCount] = UInt64(arenaCount) << 24 | UInt64(value.count)
        arenaCount += value.count
        storedCount += 1
        return Int32(storedCount - 1)
    }

    @usableFromInline
    func grow() {
        let size = (mask + 1) * 2
        let newSlots = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        newSlots.initialize(repeating: Slot(tagAndID: 0, location: 0), count: size)
        let newMask = size - 1
        for id in 0..<storedCount {
            let h = Self.hash(bytes(Int32(id)))
            var slot = Int(truncatingIfNeeded: h) & newMask
            while newSlots[slot].tagAndID != 0 { slot = (slot + 1) & newMask }
            newSlots[slot] = Slot(tagAndID: (h & 0xFFFF_FFFF_0000_0000) | UInt64(id + 1), location: locations[id])
        }
        slots.deallocate()
        slots = newSlots
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
