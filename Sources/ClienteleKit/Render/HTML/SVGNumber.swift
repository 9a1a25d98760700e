/// Numbers for SVG attributes: at most two decimals, no exponent, no `-0`.
enum SVGNumber {
    static func text(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let hundredths = (x * 100).rounded()
        if hundredths == 0 { return "0" }
        let negative = hundredths < 0
        let magnitude = Int64(abs(hundredths))
        var out = negative ? "-" : ""
        out += String(magnitude / 100)
        let fraction = magnitude % 100
        if fraction != 0 {
            out += "." + (fraction < 10 ? "0" : "") + String(fraction)
            if out.hasSuffix("0") { out.removeLast() }
        }
        return out
    }
}
