/// A gauge of nested amounts, e.g. used (from the cgroup) inside allocated inside total, drawn
/// left to right as used, then allocated but idle, then offered, then free. Each part has its
/// own glyph as well as its own colour, so the bar reads without colours too.
public struct StackedBar {
    public var total: Double
    public var used: Double
    public var allocated: Double
    public var offered: Double

    public init(total: Double, used: Double, allocated: Double, offered: Double = 0) {
        self.total = total
        self.used = used
        self.allocated = allocated
        self.offered = offered
    }

    public func draw(on canvas: inout Canvas, x: Int, y: Int, width: Int) {
        guard width > 0 else { return }
        let scale = total > 0 ? Double(width) / total : 0
        func columns(_ amount: Double) -> Int { min(width, max(0, Format.whole((amount * scale).rounded()))) }
        let usedColumns = columns(min(used, allocated > 0 ? max(allocated, used) : used))
        let allocatedColumns = max(usedColumns, columns(allocated))
        let offeredColumns = min(width, allocatedColumns + columns(offered))
        for column in 0..<width {
            let (glyph, role): (Character, ThemeRole) =
                column < usedColumns ? (canvas.glyphs.barUsed, .barUsed)
                : column < allocatedColumns ? (canvas.glyphs.barAllocated, .barAllocated)
                : column < offeredColumns ? (canvas.glyphs.barOffered, .barOffered)
                : (canvas.glyphs.barFree, .barFree)
            canvas.buffer.write(String(glyph), x: x + column, y: y, style: canvas.style(role))
        }
    }
}
