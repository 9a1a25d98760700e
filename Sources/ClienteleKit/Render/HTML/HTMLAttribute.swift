/// One attribute: a literal name and a value that the writer escapes.
///
/// Names that load or run something (`href`, `src`, `style`, `on…`) are refused: links go
/// through `HTMLWriter.link(to:text:current:)`, styling through classes of the page's style sheet.
package struct HTMLAttribute: Sendable {
    let name: StaticString
    let value: String

    /// Makes an attribute.
    /// - Parameters:
    ///   - name: The attribute name (a literal; not `href`, `src`, `style` or an event handler).
    ///   - value: The value, escaped when written.
    package init(_ name: StaticString, _ value: String) {
        precondition(Self.isAllowed(name.description), "attribute \(name) may not be set from a value")
        self.name = name
        self.value = value
    }

    /// Makes a numeric attribute (SVG coordinates), written with at most two decimals.
    /// - Parameters:
    ///   - name: The attribute name (a literal).
    ///   - value: The number.
    package init(_ name: StaticString, _ value: Double) {
        self.init(name, SVGNumber.text(value))
    }

    static func isAllowed(_ name: String) -> Bool {
        let lower = name.lowercased()
        let refused: Set<String> = [
            "href", "xlink:href", "src", "srcset", "style", "action", "formaction", "data", "poster", "background",
        ]
        return !refused.contains(lower) && !lower.hasPrefix("on")
    }
}
