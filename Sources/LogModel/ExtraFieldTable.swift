/// Parser-owned storage behind `Hit.extras`: names and one value slot each.
///
/// Allocate one when a format's field list is known (or changes, as with a W3C `#Fields:`
/// line), `clear()` it per line, and hand `fields` to the hit. Formats whose names vary per
/// line (JSON) allocate spare capacity, set `names[i]` as names first appear, and hand out
/// `fields(count:)`.
public final class ExtraFieldTable: @unchecked Sendable {
    /// The field names, in slot order (empty strings in unused spare slots).
    public let names: UnsafeMutableBufferPointer<String>
    /// One value per name; empty views where the current line has none.
    public let values: UnsafeMutableBufferPointer<ByteView>

    /// A table holding exactly `names`.
    public convenience init(names: [String]) {
        self.init(capacity: names.count, names: names)
    }

    /// A table with room for `capacity` fields, the first ones named `names`.
    public init(capacity: Int, names: [String] = []) {
        precondition(names.count <= capacity)
        self.names = .allocate(capacity: capacity)
        _ = self.names.initialize(from: names + Array(repeating: "", count: capacity - names.count))
        values = .allocate(capacity: capacity)
        values.initialize(repeating: .none)
    }

    deinit {
        names.deinitialize()
        names.deallocate()
        values.deallocate()
    }

    /// Empties every value slot.
    @inlinable public func clear() {
        for i in values.indices { values[i] = .none }
    }

    /// The view handed to hits.
    @inlinable public var fields: ExtraFields {
        ExtraFields(names: UnsafeBufferPointer(names), values: UnsafeBufferPointer(values))
    }

    /// The first `count` fields as a hit's extras; `count` must not exceed the capacity.
    @inlinable
    public func fields(count: Int) -> ExtraFields {
        precondition(count <= names.count)
        return ExtraFields(
            names: UnsafeBufferPointer(start: names.baseAddress, count: count),
            values: UnsafeBufferPointer(start: values.baseAddress, count: count))
    }
}
