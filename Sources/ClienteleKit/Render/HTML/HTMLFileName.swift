/// A plain relative file name that may be linked: `marketing.html`, `customer-c42-1a2b3c4d.html`.
///
/// Only ASCII letters, digits, `.`, `-` and `_`; starts with a letter or digit; no `..`; ends in
/// `.html`; at most 200 characters. So it has no scheme (`javascript:`), host or path.
package struct HTMLFileName: Sendable, Equatable {
    /// The file name.
    package let name: String

    /// Checks a file name.
    /// - Parameter name: The candidate.
    /// - Returns: `nil` when the name is not a plain relative `.html` file name.
    package init?(_ name: String) {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, scalars.count <= 200, name.hasSuffix(".html"), !name.contains("..") else {
            return nil
        }
        func plain(_ s: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s)
        }
        guard plain(first), scalars.allSatisfy({ plain($0) || $0 == "." || $0 == "-" || $0 == "_" }) else {
            return nil
        }
        self.name = name
    }
}
