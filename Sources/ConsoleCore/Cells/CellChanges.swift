/// A run of changed cells on one row: what the backend writes.
public struct CellRun: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cells: [Cell]
}

extension CellBuffer {
    /// The runs of cells that differ from `previous`; everything when the size changed (or there
    /// is no previous frame). Drawing only these is what keeps the console from flickering.
    public func changes(since previous: CellBuffer?) -> [CellRun] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { y in CellRun(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])) }
        }
        var runs: [CellRun] = []
        for y in 0..<height {
            let row = y * width
            var x = 0
            while x < width {
                guard cells[row + x] != previous.cells[row + x] else { x += 1; continue }
                var end = x + 1
                while end < width, cells[row + end] != previous.cells[row + end] { end += 1 }
                // A wide character's continuation travels with it.
                if end < width, cells[row + end].isContinuation { end += 1 }
                runs.append(CellRun(x: x, y: y, cells: Array(cells[(row + x)..<(row + end)])))
                x = end
            }
        }
        return runs
    }
}
