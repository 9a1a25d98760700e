/// Builds an HTML document from static markup and escaped text only.
///
/// Tag names, attribute names and raw markup must be string literals (`StaticString`), so no
/// runtime value can become markup; every runtime `String` — element text and attribute values —
/// goes through `HTMLEscaping`. Links take an `HTMLFileName`, which only admits plain relative
/// file names, and there is no way to set `src`, `style` or an event handler from a value.
package struct HTMLWriter: Sendable {
    /// The document written so far.
    package private(set) var html = ""

    /// An empty writer.
    package init() {}

    /// Appends static markup as is (a literal: never a log-derived value).
    /// - Parameter markup: Markup written in the source code.
    package mutating func markup(_ markup: StaticString) {
        html += markup.description
    }

    /// Appends text, escaped.
    /// - Parameter text: Any text; log-derived text is fine.
    package mutating func text(_ text: String) {
        html += HTMLEscaping.escape(text)
    }

    /// Appends `<tag attributes…>`.
    /// - Parameters:
    ///   - tag: The element name (a literal).
    ///   - attributes: Attributes; their values are escaped.
    package mutating func open(_ tag: StaticString, _ attributes: HTMLAttribute...) {
        openTag(tag, attributes)
        html += ">"
    }

    /// Appends `</tag>`.
    /// - Parameter tag: The element name (a literal).
    package mutating func close(_ tag: StaticString) {
        html += "</" + tag.description + ">"
    }

    /// Appends `<tag attributes…>text</tag>`, the text escaped.
    /// - Parameters:
    ///   - tag: The element name (a literal).
    ///   - attributes: Attributes; their values are escaped.
    ///   - text: The element's text.
    package mutating func element(_ tag: StaticString, _ attributes: HTMLAttribute..., text: String) {
        openTag(tag, attributes)
        html += ">" + HTMLEscaping.escape(text) + "</" + tag.description + ">"
    }

    /// Appends a self-closed element, `<tag attributes…/>` (SVG shapes, `<meta>`).
    /// - Parameters:
    ///   - tag: The element name (a literal).
    ///   - attributes: Attributes; their values are escaped.
    package mutating func empty(_ tag: StaticString, _ attributes: HTMLAttribute...) {
        openTag(tag, attributes)
        html += "/>"
    }

    /// Appends a link to a file next to this page, or just the text when there is no file.
    /// - Parameters:
    ///   - file: The target, a checked relative file name; `nil` writes the text without a link.
    ///   - text: The link text.
    ///   - current: Marks the link as the page being shown (`aria-current="page"`).
    package mutating func link(to file: HTMLFileName?, text: String, current: Bool = false) {
        guard let file else {
            self.text(text)
            return
        }
        html += "<a href=\"" + HTMLEscaping.escape(file.name) + "\""
        if current { html += " aria-current=\"page\"" }
        html += ">" + HTMLEscaping.escape(text) + "</a>"
    }

    private mutating func openTag(_ tag: StaticString, _ attributes: [HTMLAttribute]) {
        html += "<" + tag.description
        for a in attributes {
            html += " " + a.name.description + "=\"" + HTMLEscaping.escape(a.value) + "\""
        }
    }
}
