@testable import ClienteleKit

extension ReportData {
    /// Appends a pageview given by its texts, as the loader would store it: the path and item
    /// are looked up in `paths` and `items` (and added when new), the kind name becomes its tag
    /// (`other` when unknown). Linear lookups: for the few pageviews of hand-made test data.
    mutating func appendPageview(session: Int, ts: Int64, path: String, kind: String, item: String?, quantity: Int?) {
        func id(_ text: String, in table: inout [String]) -> Int32 {
            if let known = table.firstIndex(of: text) { return Int32(known) }
            table.append(text)
            return Int32(table.count - 1)
        }
        let page = id(path, in: &paths)
        let itemID = item.map { id($0, in: &items) } ?? -1
        pageviews.append(
            Pageview(
                session: Int32(session), ts: ts, page: page, kind: PageKind.Tag(name: kind) ?? .other, item: itemID,
                quantity: quantity.map { Int32($0) } ?? -1))
    }
}
