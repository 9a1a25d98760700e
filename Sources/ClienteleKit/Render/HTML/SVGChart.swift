import Foundation

/// Charts as inline SVG, drawn by our own code: horizontal bars, grouped bars, lines,
/// scatter/bubble, a funnel and a pyramid.
///
/// Every chart is a `<figure>` holding an `<svg role="img">` with an `aria-label`, a `<title>`
/// and a `<desc>` (the text alternative), a visible title, axes with tick labels and an axis title
/// naming the unit, and a legend when it has several series. Series differ by fill pattern or
/// line dash and marker as well as by colour, so they survive greyscale printing. The `viewBox`
/// is 640 wide and the SVG scales to the page width. All text goes through `HTMLWriter`, so
/// labels from logs are escaped. An empty data set draws "No data in this period." instead.
package enum SVGChart {
    /// What the numbers of an axis are.
    package enum Unit: Sendable {
        /// Whole things (pageviews, customers).
        case count
        /// Currency units (e.g. 12.5 for 12.50).
        case money
        /// A fraction 0…1 written as a percentage.
        case percent
        /// Seconds.
        case seconds
    }

    /// An axis: its title (with the unit in words) and unit; `max` fixes the top of the scale.
    package struct Axis: Sendable {
        /// The axis title, naming the unit.
        package var title: String
        /// What the numbers are.
        package var unit: Unit
        /// A fixed top of the scale (1 for shares); `nil` fits the data.
        package var max: Double?

        /// Makes an axis.
        package init(_ title: String, _ unit: Unit, max: Double? = nil) {
            self.title = title
            self.unit = unit
            self.max = max
        }
    }

    /// A named row of values, one per category (bars) or one per x position (lines).
    package struct Series: Sendable {
        /// The legend name.
        package var name: String
        /// One value per category.
        package var values: [Double]

        /// Makes a series.
        package init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// A point of a line.
    package struct Point: Sendable {
        /// The x value.
        package var x: Double
        /// The y value.
        package var y: Double

        /// Makes a point.
        package init(_ x: Double, _ y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A line: a name and its points (by x).
    package struct Line: Sendable {
        /// The legend name.
        package var name: String
        /// The points.
        package var points: [Point]

        /// Makes a line.
        package init(_ name: String, _ points: [Point]) {
            self.name = name
            self.points = points
        }
    }

    /// A dot of a scatter or bubble chart.
    package struct Dot: Sendable {
        /// The visible label (shortened when long).
        package var label: String
        /// The x value.
        package var x: Double
        /// The y value.
        package var y: Double
        /// Bubble size (area); `nil` draws the smallest size.
        package var size: Double?
        /// The text of the dot's tooltip and text alternative.
        package var detail: String

        /// Makes a dot.
        package init(label: String, x: Double, y: Double, size: Double? = nil, detail: String) {
            self.label = label
            self.x = x
            self.y = y
            self.size = size
            self.detail = detail
        }
    }

    /// A stage of a funnel.
    package struct Stage: Sendable {
        /// The stage name.
        package var label: String
        /// The count.
        package var value: Int

        /// Makes a stage.
        package init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    /// A tier of a pyramid (top first).
    package struct Tier: Sendable {
        /// The tier name (`top 1%`).
        package var label: String
        /// Customers in the tier.
        package var customers: Int
        /// Their revenue.
        package var revenue: Money
        /// Their share of all revenue (0…1).
        package var share: Double

        /// Makes a tier.
        package init(label: String, customers: Int, revenue: Money, share: Double) {
            self.label = label
            self.customers = customers
            self.revenue = revenue
            self.share = share
        }
    }

    // MARK: - Layout constants

    static let width = 640.0
    static let labelRight = 192.0
    static let plotLeftOfBars = 200.0
    static let plotRightOfBars = 552.0

    /// Fills of series 0…5: colour plus pattern (the patterns are in `definitions`).
    static let fills = [
        "#1f3b73", "url(#cl-hatch)", "url(#cl-dots)", "url(#cl-cross)", "#c9dcf0", "url(#cl-vlines)",
    ]
    /// Line strokes, dash patterns and markers of series 0…2.
    static let strokes = ["#1f3b73", "#b34700", "#555555"]
    static let dashes = ["", "7 4", "2 3"]

    /// The pattern definitions the fills refer to; written once per page in a hidden SVG.
    /// - Parameter w: The page being written.
    package static func definitions(_ w: inout HTMLWriter) {
        w.markup(
            """
            <svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>\
            <pattern id="cl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f6b26b"/><rect width="2.2" height="6" fill="#7a3300"/></pattern>\
            <pattern id="cl-dots" width="5" height="5" patternUnits="userSpaceOnUse">\
            <rect width="5" height="5" fill="#d4ecd4"/><circle cx="2.5" cy="2.5" r="1.3" fill="#1b5e20"/></pattern>\
            <pattern id="cl-cross" width="6" height="6" patternUnits="userSpaceOnUse">\
            <rect width="6" height="6" fill="#ffffff"/><path d="M0 0L6 6M6 0L0 6" stroke="#5b2c83" stroke-width="1"/></pattern>\
            <pattern id="cl-vlines" width="5" height="5" patternUnits="userSpaceOnUse">\
            <rect width="5" height="5" fill="#f3e37c"/><rect width="1.6" height="5" fill="#333333"/></pattern>\
            </defs></svg>
            """)
    }

    // MARK: - Charts

    /// Horizontal bars, one per label, with the value written at the end of each bar.
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - labels: One label per bar (log-derived text is fine).
    ///   - values: One value per bar (negative values draw as 0).
    ///   - axis: The value axis.
    package static func bars(
        _ w: inout HTMLWriter, title: String, labels: [String], values: [Double], axis: Axis
    ) {
        groupedBars(&w, title: title, categories: labels, series: [Series(axis.title, values)], axis: axis)
    }

    /// Horizontal grouped bars: one group per category, one bar per series (in legend order).
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - categories: One label per group.
    ///   - series: The series; each has one value per category.
    ///   - axis: The value axis.
    package static func groupedBars(
        _ w: inout HTMLWriter, title: String, categories: [String], series: [Series], axis: Axis
    ) {
        let maxValue = series.flatMap(\.values).filter(\.isFinite).max() ?? 0
        guard !categories.isEmpty, !series.isEmpty, maxValue > 0 || axis.max != nil else {
            noData(&w, title: title)
            return
        }
        let legend = series.count > 1
        let barHeight = legend ? 11.0 : 16.0
        let groupHeight = barHeight * Double(series.count) + (legend ? 10 : 6)
        let top = legend ? 40.0 + legendHeight(series.map(\.name)) : 38.0
        let bottom = top + groupHeight * Double(categories.count)
        let ticks = ticks(upTo: axis.max ?? maxValue, unit: axis.unit)
        let scaleMax = ticks.last ?? 1
        func x(_ v: Double) -> Double {
            plotLeftOfBars + max(0, min(v, scaleMax)) / scaleMax * (plotRightOfBars - plotLeftOfBars)
        }
        var description = "Bar chart, \(categories.count) \(categories.count == 1 ? "bar" : "bars")"
        if legend { description += " in groups of \(series.count) (\(series.map(\.name).joined(separator: ", ")))" }
        description += ". " + axis.title + "."
        if let best = series.first, let i = best.values.indices.max(by: { best.values[$0] < best.values[$1] }) {
            description += " Largest\(legend ? " " + best.name : ""): \(categories[i]), "
            description += valueText(best.values[i], axis.unit) + "."
        }
        frame(&w, title: title, description: description, height: bottom + 46) { w in
            if legend { Self.legend(&w, names: series.map(\.name), y: 40, lines: false) }
            valueAxis(&w, ticks: ticks, unit: axis.unit, x: x, top: top - 4, bottom: bottom, title: axis.title)
            for (i, category) in categories.enumerated() {
                let y0 = top + Double(i) * groupHeight
                w.element(
                    "text", HTMLAttribute("class", "label"), HTMLAttribute("font-size", 12),
                    HTMLAttribute("x", labelRight),
                    HTMLAttribute("y", y0 + groupHeight / 2 + 1), HTMLAttribute("text-anchor", "end"),
                    HTMLAttribute("dy", "0.35em"), text: truncate(category, 28))
                for (k, s) in series.enumerated() {
                    let value = i < s.values.count && s.values[i].isFinite ? s.values[i] : 0
                    let y = y0 + Double(k) * barHeight + 2
                    w.open("g")
                    w.element(
                        "title", text: "\(category)\(legend ? " — " + s.name : ""): " + valueText(value, axis.unit))
                    w.empty(
                        "rect", HTMLAttribute("x", plotLeftOfBars), HTMLAttribute("y", y),
                        HTMLAttribute("width", max(value > 0 ? 1 : 0, x(value) - plotLeftOfBars)),
                        HTMLAttribute("height", barHeight - 2), HTMLAttribute("fill", fills[k % fills.count]),
                        HTMLAttribute("class", "bar"), HTMLAttribute("stroke", "#1d232b"),
                        HTMLAttribute("stroke-width", 0.6))
                    w.element(
                        "text", HTMLAttribute("class", "value"), HTMLAttribute("font-size", legend ? 9.5 : 11),
                        HTMLAttribute("x", x(value) + 4), HTMLAttribute("y", y + (barHeight - 2) / 2 + 1),
                        HTMLAttribute("dy", "0.35em"), text: valueText(value, axis.unit))
                    w.close("g")
                }
            }
        }
    }

    /// Lines over a numeric x axis, or over categories (`xLabels`, x = index) such as days.
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - lines: The lines (up to three styles; more repeat them).
    ///   - x: The x axis.
    ///   - y: The y axis.
    ///   - xLabels: Category labels of x = 0, 1, … (then x's unit is ignored).
    ///   - diagonal: A label for a dashed reference line from (0, 0) to (max x, max y), e.g. "equal spread".
    package static func lines(
        _ w: inout HTMLWriter, title: String, lines: [Line], x: Axis, y: Axis, xLabels: [String]? = nil,
        diagonal: String? = nil
    ) {
        let all = lines.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        guard !all.isEmpty, (all.map(\.y).max() ?? 0) > 0 || y.max != nil else {
            noData(&w, title: title)
            return
        }
        let legend = lines.count > 1 || diagonal != nil
        let names = lines.map(\.name) + (diagonal.map { [$0] } ?? [])
        let top = legend ? 44.0 + legendHeight(names) : 40.0
        let left = 76.0
        let right = 620.0
        let bottom = top + 250
        let yTicks = ticks(upTo: y.max ?? (all.map(\.y).max() ?? 1), unit: y.unit)
        let yMax = yTicks.last ?? 1
        let xMaxValue = xLabels.map { Double(max($0.count - 1, 1)) } ?? x.max ?? max(all.map(\.x).max() ?? 1, 1e-9)
        let xTicks: [(Double, String)]
        if let xLabels {
            let stepCount = max(1, Int((Double(xLabels.count) / 7).rounded(.up)))
            xTicks = stride(from: 0, to: xLabels.count, by: stepCount).map { (Double($0), xLabels[$0]) }
        } else {
            let t = ticks(upTo: xMaxValue, unit: x.unit)
            xTicks = t.map { ($0, tickText($0, x.unit, step: t.count > 1 ? t[1] - t[0] : 1)) }
        }
        let xMax = xLabels == nil ? (xTicks.last?.0 ?? 1) : xMaxValue
        func px(_ v: Double) -> Double {
            xLabels?.count == 1 ? (left + right) / 2 : left + max(0, min(v, xMax)) / xMax * (right - left)
        }
        func py(_ v: Double) -> Double { bottom - max(0, min(v, yMax)) / yMax * (bottom - top) }
        var description = "Line chart of \(lines.map(\.name).joined(separator: " and ")): \(y.title) by \(x.title)"
        if let xLabels, let first = xLabels.first, let last = xLabels.last {
            description += ", \(first) to \(last)"
        }
        description += "."
        for line in lines {
            if let peak = line.points.max(by: { $0.y < $1.y }) {
                let at = xLabels.map { $0[min(max(Int(peak.x), 0), $0.count - 1)] } ?? valueText(peak.x, x.unit)
                description += " \(line.name) peaks at \(valueText(peak.y, y.unit)) (\(at))."
            }
        }
        frame(&w, title: title, description: description, height: bottom + 52) { w in
            if legend { Self.legend(&w, names: names, y: 40, lines: true, lineCount: lines.count) }
            // Grid and y ticks.
            let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
            for t in yTicks {
                w.empty(
                    "line", HTMLAttribute("class", "grid"), HTMLAttribute("stroke", "#e1e5ea"),
                    HTMLAttribute("x1", left), HTMLAttribute("x2", right),
                    HTMLAttribute("y1", py(t)), HTMLAttribute("y2", py(t)))
                w.element(
                    "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11),
                    HTMLAttribute("x", left - 6), HTMLAttribute("y", py(t)),
                    HTMLAttribute("text-anchor", "end"), HTMLAttribute("dy", "0.35em"),
                    text: tickText(t, y.unit, step: yStep))
            }
            for (v, label) in xTicks {
                w.empty(
                    "line", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"),
                    HTMLAttribute("x1", px(v)), HTMLAttribute("x2", px(v)),
                    HTMLAttribute("y1", bottom), HTMLAttribute("y2", bottom + 4))
                w.element(
                    "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11), HTMLAttribute("x", px(v)),
                    HTMLAttribute("y", bottom + 17),
                    HTMLAttribute("text-anchor", "middle"), text: truncate(label, 14))
            }
            w.empty(
                "line", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"), HTMLAttribute("x1", left),
                HTMLAttribute("x2", right),
                HTMLAttribute("y1", bottom), HTMLAttribute("y2", bottom))
            w.empty(
                "line", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"), HTMLAttribute("x1", left),
                HTMLAttribute("x2", left),
                HTMLAttribute("y1", top), HTMLAttribute("y2", bottom))
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", (left + right) / 2),
                HTMLAttribute("y", bottom + 40), HTMLAttribute("text-anchor", "middle"), text: x.title)
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", -(top + bottom) / 2),
                HTMLAttribute("y", 16), HTMLAttribute("transform", "rotate(-90)"),
                HTMLAttribute("text-anchor", "middle"), text: y.title)
            if diagonal != nil {
                w.empty(
                    "line", HTMLAttribute("class", "reference"), HTMLAttribute("stroke", "#7a828c"),
                    HTMLAttribute("stroke-width", 1.5), HTMLAttribute("fill", "none"), HTMLAttribute("x1", px(0)),
                    HTMLAttribute("y1", py(0)), HTMLAttribute("x2", px(xMax)), HTMLAttribute("y2", py(yMax)),
                    HTMLAttribute("stroke-dasharray", "3 5"))
            }
            for (k, line) in lines.enumerated() {
                let points = line.points.filter { $0.x.isFinite && $0.y.isFinite }.sorted { $0.x < $1.x }
                let d = points.enumerated().map { i, p in
                    (i == 0 ? "M" : "L") + SVGNumber.text(px(p.x)) + " " + SVGNumber.text(py(p.y))
                }.joined(separator: " ")
                w.empty(
                    "path", HTMLAttribute("d", d), HTMLAttribute("fill", "none"),
                    HTMLAttribute("stroke", strokes[k % strokes.count]), HTMLAttribute("stroke-width", 2.2),
                    HTMLAttribute("stroke-dasharray", dashes[k % dashes.count]))
                guard points.count <= 62 else { continue }
                for p in points {
                    let at = xLabels.map { $0[min(max(Int(p.x), 0), $0.count - 1)] } ?? valueText(p.x, x.unit)
                    w.open("g")
                    w.element("title", text: "\(line.name), \(at): \(valueText(p.y, y.unit))")
                    marker(&w, style: k, x: px(p.x), y: py(p.y))
                    w.close("g")
                }
            }
        }
    }

    /// A scatter chart, or a bubble chart when dots have sizes (bubble area ∝ size).
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - dots: The dots.
    ///   - x: The x axis.
    ///   - y: The y axis.
    ///   - size: What the bubble size means (shown under the axes), when dots have sizes.
    ///   - labelled: How many dots get a visible label (the first ones given).
    package static func scatter(
        _ w: inout HTMLWriter, title: String, dots: [Dot], x: Axis, y: Axis, size: String? = nil, labelled: Int = 10
    ) {
        let dots = dots.filter { $0.x.isFinite && $0.y.isFinite }
        guard !dots.isEmpty else {
            noData(&w, title: title)
            return
        }
        let left = 76.0
        let right = 610.0
        let top = 44.0
        let bottom = top + 270
        let xTicks = ticks(upTo: x.max ?? max(dots.map(\.x).max() ?? 1, 0), unit: x.unit)
        let yTicks = ticks(upTo: y.max ?? max(dots.map(\.y).max() ?? 1, 0), unit: y.unit)
        let xMax = xTicks.last ?? 1
        let yMax = yTicks.last ?? 1
        func px(_ v: Double) -> Double { left + max(0, min(v, xMax)) / xMax * (right - left) }
        func py(_ v: Double) -> Double { bottom - max(0, min(v, yMax)) / yMax * (bottom - top) }
        let maxSize = dots.compactMap(\.size).filter(\.isFinite).max() ?? 0
        func radius(_ d: Dot) -> Double {
            guard let s = d.size, s.isFinite, s > 0, maxSize > 0 else { return 4 }
            return 4 + 11 * (s / maxSize).squareRoot()
        }
        var description = "\(size == nil ? "Scatter" : "Bubble") chart of \(dots.count) "
        description += "\(dots.count == 1 ? "point" : "points"): \(y.title) against \(x.title)"
        if let size { description += "; bubble size: \(size)" }
        description += ". " + dots.prefix(12).map(\.detail).joined(separator: "; ") + (dots.count > 12 ? "; …" : "")
        frame(&w, title: title, description: description, height: bottom + (size == nil ? 52 : 70)) { w in
            let xStep = xTicks.count > 1 ? xTicks[1] - xTicks[0] : 1
            let yStep = yTicks.count > 1 ? yTicks[1] - yTicks[0] : 1
            for t in yTicks {
                w.empty(
                    "line", HTMLAttribute("class", "grid"), HTMLAttribute("stroke", "#e1e5ea"),
                    HTMLAttribute("x1", left), HTMLAttribute("x2", right),
                    HTMLAttribute("y1", py(t)), HTMLAttribute("y2", py(t)))
                w.element(
                    "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11),
                    HTMLAttribute("x", left - 6), HTMLAttribute("y", py(t)),
                    HTMLAttribute("text-anchor", "end"), HTMLAttribute("dy", "0.35em"),
                    text: tickText(t, y.unit, step: yStep))
            }
            for t in xTicks {
                w.empty(
                    "line", HTMLAttribute("class", "grid"), HTMLAttribute("stroke", "#e1e5ea"),
                    HTMLAttribute("x1", px(t)), HTMLAttribute("x2", px(t)),
                    HTMLAttribute("y1", top), HTMLAttribute("y2", bottom))
                w.element(
                    "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11), HTMLAttribute("x", px(t)),
                    HTMLAttribute("y", bottom + 17),
                    HTMLAttribute("text-anchor", "middle"), text: tickText(t, x.unit, step: xStep))
            }
            w.empty(
                "path", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"),
                HTMLAttribute("fill", "none"),
                HTMLAttribute(
                    "d",
                    "M\(SVGNumber.text(left)) \(SVGNumber.text(top))V\(SVGNumber.text(bottom))H\(SVGNumber.text(right))"
                ))
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", (left + right) / 2),
                HTMLAttribute("y", bottom + 40), HTMLAttribute("text-anchor", "middle"), text: x.title)
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", -(top + bottom) / 2),
                HTMLAttribute("y", 16), HTMLAttribute("transform", "rotate(-90)"),
                HTMLAttribute("text-anchor", "middle"), text: y.title)
            if let size {
                w.element(
                    "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                    HTMLAttribute("x", left),
                    HTMLAttribute("y", bottom + 62), text: "Bubble area: \(size) (smallest dots: none or not known).")
            }
            // Big bubbles first so small ones stay visible on top.
            let order = dots.indices.sorted { radius(dots[$0]) > radius(dots[$1]) }
            for i in order {
                let d = dots[i]
                w.open("g")
                w.element("title", text: d.detail)
                w.empty(
                    "circle", HTMLAttribute("class", "dot"), HTMLAttribute("fill", "#1f3b73"),
                    HTMLAttribute("fill-opacity", 0.3), HTMLAttribute("stroke", "#1f3b73"),
                    HTMLAttribute("stroke-width", 1.2), HTMLAttribute("cx", px(d.x)), HTMLAttribute("cy", py(d.y)),
                    HTMLAttribute("r", radius(d)))
                w.close("g")
            }
            // Labels beside the first `labelled` dots, each where it overlaps no label placed before
            // (right, left, above, below); a label that fits nowhere is left to the tooltip.
            var placed: [(x0: Double, x1: Double, y0: Double, y1: Double)] = []
            for d in dots.prefix(labelled) {
                let r = radius(d)
                let text = truncate(d.label, 24)
                let textWidth = Double(text.count) * 7.2
                let cx = px(d.x)
                let cy = py(d.y)
                let candidates: [(x: Double, y: Double, anchor: String)] = [
                    (cx + r + 3, cy, "start"), (cx - r - 3, cy, "end"), (cx, cy - r - 9, "middle"),
                    (cx, cy + r + 10, "middle"),
                ]
                for c in candidates {
                    let x0 = c.anchor == "start" ? c.x : c.anchor == "end" ? c.x - textWidth : c.x - textWidth / 2
                    let box = (x0: x0, x1: x0 + textWidth, y0: c.y - 7, y1: c.y + 7)
                    let inside = box.x0 >= 0 && box.x1 <= width && box.y0 >= top - 8 && box.y1 <= bottom + 2
                    let free = !placed.contains { box.x0 < $0.x1 && $0.x0 < box.x1 && box.y0 < $0.y1 && $0.y0 < box.y1 }
                    guard inside && free else { continue }
                    placed.append(box)
                    w.element(
                        "text", HTMLAttribute("class", "point-label"), HTMLAttribute("font-size", 11.5),
                        HTMLAttribute("x", c.x), HTMLAttribute("y", c.y), HTMLAttribute("dy", "0.35em"),
                        HTMLAttribute("text-anchor", c.anchor), text: text)
                    break
                }
            }
        }
    }

    /// A funnel: one centred bar per stage, width ∝ its value, with the share of the first stage
    /// and of the stage before.
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - stages: The stages, widest first.
    package static func funnel(_ w: inout HTMLWriter, title: String, stages: [Stage]) {
        let maxValue = stages.map(\.value).max() ?? 0
        guard maxValue > 0 else {
            noData(&w, title: title)
            return
        }
        let top = 40.0
        let rowHeight = 62.0
        let centre = 320.0
        let maxWidth = 440.0
        let bottom = top + rowHeight * Double(stages.count)
        var description = "Funnel: "
        description += stages.map { "\($0.label) \(HTMLNumberFormat.count($0.value))" }.joined(separator: ", then ")
        description += "."
        frame(&w, title: title, description: description, height: bottom + 46) { w in
            for (i, stage) in stages.enumerated() {
                let y0 = top + Double(i) * rowHeight
                var label = "\(stage.label): \(HTMLNumberFormat.count(stage.value))"
                if i > 0, let first = stages.first, first.value > 0 {
                    label +=
                        " — \(HTMLNumberFormat.rate(Double(stage.value) / Double(first.value))) of \(first.label.lowercased())"
                    let before = stages[i - 1]
                    if i > 1, before.value > 0 {
                        label +=
                            ", \(HTMLNumberFormat.rate(Double(stage.value) / Double(before.value))) of \(before.label.lowercased())"
                    }
                }
                w.element(
                    "text", HTMLAttribute("class", "label"), HTMLAttribute("font-size", 12), HTMLAttribute("x", centre),
                    HTMLAttribute("y", y0 + 14),
                    HTMLAttribute("text-anchor", "middle"), text: label)
                let width = max(2, Double(stage.value) / Double(maxValue) * maxWidth)
                w.open("g")
                w.element("title", text: label)
                w.empty(
                    "rect", HTMLAttribute("class", "bar"), HTMLAttribute("stroke", "#1d232b"),
                    HTMLAttribute("stroke-width", 0.6), HTMLAttribute("x", centre - width / 2),
                    HTMLAttribute("y", y0 + 22), HTMLAttribute("width", width), HTMLAttribute("height", 30),
                    HTMLAttribute("fill", fills[i % fills.count]))
                w.close("g")
            }
            // The scale: bar width as a share of the first stage.
            let ticks = [0.0, 0.25, 0.5, 0.75, 1.0]
            for t in ticks {
                for side in [-1.0, 1.0] where !(t == 0 && side > 0) {
                    let x = centre + side * t * maxWidth / 2
                    w.empty(
                        "line", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"),
                        HTMLAttribute("x1", x), HTMLAttribute("x2", x),
                        HTMLAttribute("y1", bottom), HTMLAttribute("y2", bottom + 4))
                    w.element(
                        "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11), HTMLAttribute("x", x),
                        HTMLAttribute("y", bottom + 16),
                        HTMLAttribute("text-anchor", "middle"),
                        text: HTMLNumberFormat.count(Int((t * Double(maxValue)).rounded())))
                }
            }
            w.empty(
                "line", HTMLAttribute("class", "axis"), HTMLAttribute("stroke", "#4a525c"),
                HTMLAttribute("x1", centre - maxWidth / 2),
                HTMLAttribute("x2", centre + maxWidth / 2), HTMLAttribute("y1", bottom), HTMLAttribute("y2", bottom))
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", centre), HTMLAttribute("y", bottom + 36),
                HTMLAttribute("text-anchor", "middle"), text: "Bar width: count (pageviews or orders)")
        }
    }

    /// A customer value pyramid: one layer per tier (top tier at the apex, layers of equal height),
    /// and beside each a bar of the tier's revenue share on a 0–100% scale.
    /// - Parameters:
    ///   - w: The page being written.
    ///   - title: The visible title and `<title>`.
    ///   - tiers: The tiers, top first.
    package static func pyramid(_ w: inout HTMLWriter, title: String, tiers: [Tier]) {
        guard tiers.contains(where: { $0.customers > 0 }) else {
            noData(&w, title: title)
            return
        }
        let top = 40.0
        let rowHeight = 54.0
        let centre = 140.0
        let maxWidth = 260.0
        let barLeft = 300.0
        let barWidth = 300.0
        let bottom = top + rowHeight * Double(tiers.count)
        let description =
            "Pyramid of \(tiers.count) customer tiers: "
            + tiers.map {
                "\($0.label), \(HTMLNumberFormat.count($0.customers)) customers, \(HTMLNumberFormat.rate($0.share)) of revenue"
            }.joined(separator: "; ") + "."
        frame(&w, title: title, description: description, height: bottom + 46) { w in
            let k = Double(tiers.count)
            for (i, tier) in tiers.enumerated() {
                let y0 = top + Double(i) * rowHeight
                let upper = maxWidth * Double(i) / k / 2
                let lower = maxWidth * Double(i + 1) / k / 2
                let points = [
                    (centre - upper, y0), (centre + upper, y0), (centre + lower, y0 + rowHeight - 3),
                    (centre - lower, y0 + rowHeight - 3),
                ].map { SVGNumber.text($0.0) + "," + SVGNumber.text($0.1) }.joined(separator: " ")
                let text =
                    "\(tier.label): \(HTMLNumberFormat.count(tier.customers)) customers, "
                    + "\(HTMLNumberFormat.rate(tier.share)) of revenue (\(tier.revenue.text))"
                w.open("g")
                w.element("title", text: text)
                w.empty(
                    "polygon", HTMLAttribute("class", "bar"), HTMLAttribute("stroke", "#1d232b"),
                    HTMLAttribute("stroke-width", 0.6), HTMLAttribute("points", points),
                    HTMLAttribute("fill", fills[i % fills.count]))
                w.close("g")
                w.element(
                    "text", HTMLAttribute("class", "label"), HTMLAttribute("font-size", 12),
                    HTMLAttribute("x", barLeft), HTMLAttribute("y", y0 + 13),
                    text: "\(tier.label) · \(HTMLNumberFormat.count(tier.customers)) customers")
                let width = max(0, min(tier.share, 1)) * barWidth
                w.empty(
                    "rect", HTMLAttribute("class", "bar"), HTMLAttribute("stroke", "#1d232b"),
                    HTMLAttribute("stroke-width", 0.6), HTMLAttribute("x", barLeft), HTMLAttribute("y", y0 + 20),
                    HTMLAttribute("width", max(width, tier.share > 0 ? 1 : 0)), HTMLAttribute("height", 18),
                    HTMLAttribute("fill", fills[i % fills.count]))
                w.element(
                    "text", HTMLAttribute("class", "value"), HTMLAttribute("font-size", 11),
                    HTMLAttribute("x", barLeft + width + 4),
                    HTMLAttribute("y", y0 + 30), HTMLAttribute("dy", "0.35em"),
                    text: HTMLNumberFormat.rate(tier.share))
            }
            for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
                let x = barLeft + t * barWidth
                w.empty(
                    "line", HTMLAttribute("class", "grid"), HTMLAttribute("stroke", "#e1e5ea"), HTMLAttribute("x1", x),
                    HTMLAttribute("x2", x),
                    HTMLAttribute("y1", top + 18), HTMLAttribute("y2", bottom))
                w.element(
                    "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11), HTMLAttribute("x", x),
                    HTMLAttribute("y", bottom + 16),
                    HTMLAttribute("text-anchor", "middle"), text: tickText(t, .percent, step: 0.25))
            }
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", barLeft + barWidth / 2),
                HTMLAttribute("y", bottom + 36), HTMLAttribute("text-anchor", "middle"),
                text: "Share of the period's revenue (%)")
            w.element(
                "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
                HTMLAttribute("x", centre),
                HTMLAttribute("y", bottom + 16), HTMLAttribute("text-anchor", "middle"),
                text: "Tiers by customer count")
        }
    }

    // MARK: - Parts

    /// `<figure class="chart"><svg role="img" aria-label viewBox width="100%">` with `<title>`,
    /// `<desc>` and the visible title, then `body`, then the closing tags.
    static func frame(
        _ w: inout HTMLWriter, title: String, description: String, height: Double, body: (inout HTMLWriter) -> Void
    ) {
        w.open("figure", HTMLAttribute("class", "chart"))
        w.open(
            "svg", HTMLAttribute("viewBox", "0 0 \(SVGNumber.text(width)) \(SVGNumber.text(height))"),
            HTMLAttribute("width", "100%"), HTMLAttribute("role", "img"),
            HTMLAttribute("aria-label", title + ". " + description))
        w.element("title", text: title)
        w.element("desc", text: description)
        w.element(
            "text", HTMLAttribute("class", "chart-title"), HTMLAttribute("font-size", 15),
            HTMLAttribute("font-weight", "600"), HTMLAttribute("x", 0), HTMLAttribute("y", 20), text: title)
        body(&w)
        w.close("svg")
        w.close("figure")
    }

    /// The visible message that replaces a chart without data.
    static func noData(_ w: inout HTMLWriter, title: String) {
        w.open("figure", HTMLAttribute("class", "chart chart-empty"))
        w.element("figcaption", HTMLAttribute("class", "chart-title"), text: title)
        w.element("p", HTMLAttribute("class", "no-data"), text: HTMLReportRenderer.noDataMessage)
        w.close("figure")
    }

    /// Rows the legend needs for these names (up to 3 per row).
    static func legendHeight(_ names: [String]) -> Double {
        Double((names.count + 2) / 3) * 18
    }

    /// Legend entries: a swatch (fill or line + marker) and the name, three per row.
    static func legend(_ w: inout HTMLWriter, names: [String], y: Double, lines: Bool, lineCount: Int = .max) {
        for (i, name) in names.enumerated() {
            let x = Double(i % 3) * 210
            let yy = y + Double(i / 3) * 18
            w.open("g", HTMLAttribute("class", "legend"))
            if lines && i >= lineCount {
                w.empty(
                    "line", HTMLAttribute("class", "reference"), HTMLAttribute("stroke", "#7a828c"),
                    HTMLAttribute("stroke-width", 1.5), HTMLAttribute("fill", "none"), HTMLAttribute("x1", x),
                    HTMLAttribute("x2", x + 26),
                    HTMLAttribute("y1", yy), HTMLAttribute("y2", yy), HTMLAttribute("stroke-dasharray", "3 5"))
            } else if lines {
                w.empty(
                    "line", HTMLAttribute("x1", x), HTMLAttribute("x2", x + 26), HTMLAttribute("y1", yy),
                    HTMLAttribute("y2", yy), HTMLAttribute("stroke", strokes[i % strokes.count]),
                    HTMLAttribute("stroke-width", 2.2), HTMLAttribute("stroke-dasharray", dashes[i % dashes.count]))
                marker(&w, style: i, x: x + 13, y: yy)
            } else {
                w.empty(
                    "rect", HTMLAttribute("class", "bar"), HTMLAttribute("stroke", "#1d232b"),
                    HTMLAttribute("stroke-width", 0.6), HTMLAttribute("x", x), HTMLAttribute("y", yy - 6),
                    HTMLAttribute("width", 22), HTMLAttribute("height", 12),
                    HTMLAttribute("fill", fills[i % fills.count]))
            }
            w.element(
                "text", HTMLAttribute("class", "legend-label"), HTMLAttribute("font-size", 12),
                HTMLAttribute("x", x + 32), HTMLAttribute("y", yy),
                HTMLAttribute("dy", "0.35em"), text: truncate(name, 26))
            w.close("g")
        }
    }

    /// A line marker: circle, square or triangle by series.
    static func marker(_ w: inout HTMLWriter, style: Int, x: Double, y: Double) {
        let stroke = strokes[style % strokes.count]
        switch style % 3 {
        case 0:
            w.empty(
                "circle", HTMLAttribute("cx", x), HTMLAttribute("cy", y), HTMLAttribute("r", 3.5),
                HTMLAttribute("fill", stroke))
        case 1:
            w.empty(
                "rect", HTMLAttribute("x", x - 3.5), HTMLAttribute("y", y - 3.5), HTMLAttribute("width", 7),
                HTMLAttribute("height", 7), HTMLAttribute("fill", "#ffffff"), HTMLAttribute("stroke", stroke),
                HTMLAttribute("stroke-width", 1.6))
        default:
            let d =
                "M\(SVGNumber.text(x)) \(SVGNumber.text(y - 4.5))L\(SVGNumber.text(x + 4)) \(SVGNumber.text(y + 3))"
                + "L\(SVGNumber.text(x - 4)) \(SVGNumber.text(y + 3))Z"
            w.empty("path", HTMLAttribute("d", d), HTMLAttribute("fill", stroke))
        }
    }

    /// Vertical grid lines with tick labels under a horizontal-bar plot, and the axis title.
    static func valueAxis(
        _ w: inout HTMLWriter, ticks: [Double], unit: Unit, x: (Double) -> Double, top: Double, bottom: Double,
        title: String
    ) {
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        for t in ticks {
            w.empty(
                "line", HTMLAttribute("class", t == 0 ? "axis" : "grid"),
                HTMLAttribute("stroke", t == 0 ? "#4a525c" : "#e1e5ea"), HTMLAttribute("x1", x(t)),
                HTMLAttribute("x2", x(t)), HTMLAttribute("y1", top), HTMLAttribute("y2", bottom + 4))
            w.element(
                "text", HTMLAttribute("class", "tick"), HTMLAttribute("font-size", 11), HTMLAttribute("x", x(t)),
                HTMLAttribute("y", bottom + 17),
                HTMLAttribute("text-anchor", "middle"), text: tickText(t, unit, step: step))
        }
        w.element(
            "text", HTMLAttribute("class", "axis-title"), HTMLAttribute("font-size", 11.5),
            HTMLAttribute("x", (x(ticks.first ?? 0) + x(ticks.last ?? 1)) / 2),
            HTMLAttribute("y", bottom + 38), HTMLAttribute("text-anchor", "middle"), text: title)
    }

    /// Round tick values from 0 to at least `max`: steps of 1, 2, 2.5 or 5 × 10ⁿ, about five of them.
    static func ticks(upTo max: Double, unit: Unit) -> [Double] {
        guard max > 0, max.isFinite else { return [0, unit == .percent ? 0.25 : 1] }
        let raw = max / 5
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normal = raw / magnitude
        var step = (normal <= 1 ? 1 : normal <= 2 ? 2 : normal <= 2.5 ? 2.5 : normal <= 5 ? 5 : 10) * magnitude
        if unit == .count && step < 1 { step = 1 }
        let count = Int((max / step - 1e-9).rounded(.up))
        return (0...Swift.max(count, 1)).map { Double($0) * step }
    }

    /// A tick label; decimals follow the step.
    static func tickText(_ v: Double, _ unit: Unit, step: Double) -> String {
        switch unit {
        case .count:
            return step >= 1 ? HTMLNumberFormat.count(Int(v.rounded())) : HTMLNumberFormat.decimal(v, digits: 1)
        case .money:
            return HTMLNumberFormat.decimal(v, digits: step >= 1 ? 0 : 2)
        case .percent:
            let digits = step * 100 >= 1 || step == 0 ? (step * 100 == (step * 100).rounded() ? 0 : 1) : 2
            return HTMLNumberFormat.decimal(v * 100, digits: digits) + "%"
        case .seconds:
            return HTMLNumberFormat.decimal(v, digits: step >= 1 ? 0 : 1) + "s"
        }
    }

    /// A value label: counts grouped, money with two decimals, rates as percentages.
    static func valueText(_ v: Double, _ unit: Unit) -> String {
        switch unit {
        case .count:
            v.isFinite && v == v.rounded() && abs(v) < 1e15
                ? HTMLNumberFormat.count(Int(v)) : HTMLNumberFormat.decimal(v, digits: 1)
        case .money: HTMLNumberFormat.decimal(v, digits: 2)
        case .percent: HTMLNumberFormat.rate(v)
        case .seconds: HTMLNumberFormat.duration(v)
        }
    }

    /// Shortens a label to `limit` characters with an ellipsis (the full text is in the tooltip).
    static func truncate(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
    }
}
