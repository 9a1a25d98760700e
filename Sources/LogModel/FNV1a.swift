/// FNV-1a, 64 bits: a small, stable hash (the same on every run and machine, unlike
/// `Hasher`), for content fingerprints and file names. Not for hash tables on the hot path.
public enum FNV1a {
    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }
}
