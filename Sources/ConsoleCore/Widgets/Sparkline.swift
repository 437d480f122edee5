/// A line of small bars for a history of values in 0…1 (newest on the right): how a
/// framework's dominant share moved as DRF converged.
public struct Sparkline {
    public var values: [Double]

    public init(_ values: [Double]) { self.values = values }

    public func draw(on canvas: inout Canvas, x: Int, y: Int, width: Int, role: ThemeRole = .sparkline) {
        guard width > 0 else { return }
        let shown = values.suffix(width)
        let sparks = canvas.glyphs.sparks
        var line = String(repeating: " ", count: width - shown.count)
        for value in shown {
            let level = Format.whole((min(1, max(0, value)) * Double(sparks.count - 1)).rounded())
            line.append(sparks[level])
        }
        canvas.text(line, x: x, y: y, width: width, role: role)
    }
}
