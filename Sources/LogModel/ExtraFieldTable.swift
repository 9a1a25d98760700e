/// Parser-owned storage behind `Hit.extras`: a fixed list of names and one value slot each.
///
/// Allocate one when a format's field list is known (or changes, as with a W3C `#Fields:`
/// line), `clear()` it per line, and hand `fields` to the hit.
public final class ExtraFieldTable: @unchecked Sendable {
    /// The field names, in slot order.
    public let names: UnsafeMutableBufferPointer<String>
    /// One value per name; empty views where the current line has none.
    public let values: UnsafeMutableBufferPointer<ByteView>

    public init(names: [String]) {
        self.names = .allocate(capacity: names.count)
        _ = self.names.initialize(from: names)
        values = .allocate(capacity: names.count)
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
}
