/// Small integers keyed by store row ids: an array indexed by id when the ids are dense (the
/// usual case, as SQLite numbers rows 1, 2, 3, …), else a dictionary. Lookups on the report
/// loader's hot path then cost an array access instead of a hash.
struct RowIDTable {
    private var dense: [Int32]
    private var sparse: [Int64: Int32] = [:]

    /// A table for ids up to `maxID` where about `count` ids are expected.
    init(maxID: Int64, count: Int) {
        let isDense = maxID >= 0 && maxID <= 4 * Int64(count) + (1 << 20)
        dense = [Int32](repeating: -1, count: isDense ? Int(maxID) + 1 : 0)
    }

    /// The value of `id`, `nil` when none was set.
    subscript(id: Int64) -> Int32? {
        get {
            if id >= 0 && id < Int64(dense.count) {
                let value = dense[Int(id)]
                return value < 0 ? nil : value
            }
            return sparse[id]
        }
        set {
            if id >= 0 && id < Int64(dense.count) {
                dense[Int(id)] = newValue ?? -1
            } else {
                sparse[id] = newValue
            }
        }
    }
}
