import LogModel

/// A parser-owned table of the dotted key paths seen in JSON lines, each interned once.
///
/// Lookups first try the key that followed the previous key on the last line (log lines of one
/// server have the same shape), then a hash table. A new key is copied and its `String` made
/// only the first time it appears; after `limit` keys, new keys are not recorded (`lookup`
/// returns `nil`), so attacker-chosen keys (request header names) cannot grow it without bound.
struct JSONKeyTable {
    /// What a key is used for: a mapped key's group (≥ 0), or `extraRole` for an extra.
    static let extraRole: Int32 = -1

    struct Entry {
        var start: Int32
        var length: Int32
        var role: Int32
        /// The entry that followed this one on the last line, or -1.
        var next: Int32
    }

    private(set) var entries: [Entry] = []
    /// Key names as Strings (for `Hit.extras`), index-aligned with `entries`.
    private(set) var names: [String] = []
    private var bytes: [UInt8] = []
    /// Open addressing: entry index or -1; the count is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private var previous: Int32 = -1
    private var firstOfLastLine: Int32 = -1
    let limit: Int

    /// An empty table that records at most `limit` keys.
    init(limit: Int) {
        self.limit = limit
    }

    /// Starts a new line (the shape hint restarts at the first key).
    @inline(__always)
    mutating func startLine() {
        previous = -1
    }

    /// Records `key` with `role`, whether or not the table is full; for the keys of a mapping.
    mutating func define(_ key: [UInt8], role: Int32) {
        key.withUnsafeBufferPointer { view in
            if let existing = find(view, hash: Self.hash(view)) {
                entries[Int(existing)].role = role
            } else {
                insert(view, hash: Self.hash(view), role: role)
            }
        }
    }

    /// The entry for `key`, interning it as an extra when new, or `nil` when the table is full.
    ///
    /// - Complexity: O(key length); allocates only for a key never seen before.
    @inline(__always)
    mutating func lookup(_ key: ByteView) -> Int32? {
        let candidate = previous >= 0 ? entries[Int(previous)].next : firstOfLastLine
        let found: Int32
        if candidate >= 0, matches(Int(candidate), key) {
            return advance(to: candidate, hinted: true)
        } else {
            let h = Self.hash(key)
            if let index = find(key, hash: h) {
                found = index
            } else {
                guard entries.count < limit else { return nil }
                found = insert(key, hash: h, role: Self.extraRole)
            }
        }
        return advance(to: found, hinted: false)
    }

    @inline(__always)
    private mutating func advance(to entry: Int32, hinted: Bool) -> Int32 {
        if !hinted {
            if previous >= 0 {
                entries[Int(previous)].next = entry
            } else {
                firstOfLastLine = entry
            }
        }
        previous = entry
        return entry
    }

    @inline(__always)
    private func matches(_ index: Int, _ key: ByteView) -> Bool {
        let entry = entries[index]
        guard Int(entry.length) == key.count else { return false }
        if key.count == 0 { return true }
        return bytes.withUnsafeBufferPointer { stored in
            // Safe because `entry.start + entry.length <= stored.count` (set by `insert`) and
            // `key` holds `entry.length` bytes.
            Self.equal(stored.baseAddress! + Int(entry.start), key.baseAddress!, key.count)
        }
    }

    private func find(_ key: ByteView, hash: UInt32) -> Int32? {
        let mask = slots.count - 1
        var s = Int(hash) & mask
        while true {
            let index = slots[s]
            if index < 0 { return nil }
            if matches(Int(index), key) { return index }
            s = (s + 1) & mask
        }
    }

    @discardableResult
    private mutating func insert(_ key: ByteView, hash: UInt32, role: Int32) -> Int32 {
        let index = Int32(entries.count)
        entries.append(Entry(start: Int32(bytes.count), length: Int32(key.count), role: role, next: -1))
        bytes.append(contentsOf: key)
        names.append(key.string)
        if entries.count * 2 > slots.count {
            slots = Array(repeating: -1, count: slots.count * 2)
            for k in 0..<entries.count {
                let e = entries[k]
                let h = bytes.withUnsafeBufferPointer { stored in
                    Self.hash(ByteView(rebasing: stored[Int(e.start)..<Int(e.start + e.length)]))
                }
                place(Int32(k), hash: h)
            }
        } else {
            place(index, hash: hash)
        }
        return index
    }

    private mutating func place(_ index: Int32, hash: UInt32) {
        let mask = slots.count - 1
        var s = Int(hash) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = index
    }

    /// A multiplicative hash over eight bytes at a time (keys are short and come from one
    /// server's log configuration or clients' header names; the table is private to a parser).
    @inline(__always)
    static func hash(_ key: ByteView) -> UInt32 {
        let count = key.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        guard let base = key.baseAddress else { return UInt32(truncatingIfNeeded: h) }
        var k = 0
        while k + 8 <= count {
            // Safe because `k + 8 <= count`: the eight bytes lie inside `key`.
            let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
            h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            k += 8
        }
        if k < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while k < count {
                tail |= UInt64(key[k]) << shift
                shift += 8
                k += 1
            }
            h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        h ^= h >> 29
        return UInt32(truncatingIfNeeded: h)
    }

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var k = 0
        while k + 8 <= count {
            // Safe because `k + 8 <= count` and both pointers address `count` bytes.
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self)
                != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self)
            {
                return false
            }
            k += 8
        }
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }
}
