/// Makes any text safe to place in an HTML (or inline SVG) document, as element text or as a
/// quoted attribute value.
///
/// Log lines and CSV files are attacker-controlled: a path, referrer, campaign or sku can hold
/// markup. Every such string reaches the page through `HTMLWriter`, which calls this escaper.
package enum HTMLEscaping {
    /// Escapes `text` for element content and for double- or single-quoted attribute values.
    ///
    /// `&`, `<`, `>`, `"` and `'` become character references; control characters other than
    /// tab, line feed and carriage return (which HTML parsers reject or mangle) become U+FFFD.
    /// Cost: one pass over the text's Unicode scalars.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text with nothing left that could open or close markup or an attribute.
    package static func escape(_ text: String) -> String {
        // Fast path: most labels have nothing to escape.
        if !text.unicodeScalars.contains(where: needsEscape) { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(text.unicodeScalars.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(isControl(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(out)
    }

    static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "&", "<", ">", "\"", "'": true
        default: isControl(scalar)
        }
    }

    /// C0 controls except tab, LF and CR; DEL; C1 controls.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v < 0xA0)
    }
}
