/// The colours of the xterm 256-colour palette as RGB: how near one palette index is to another,
/// for falling back to fewer colours or to a colour pair that already exists.
///
/// Indices 0–15 are whatever the user's terminal says; xterm's defaults stand in for them.
enum XtermPalette {
    struct RGB: Hashable {
        var red: Int, green: Int, blue: Int
    }

    private static let system: [RGB] = [
        RGB(red: 0x00, green: 0x00, blue: 0x00), RGB(red: 0xCD, green: 0x00, blue: 0x00),
        RGB(red: 0x00, green: 0xCD, blue: 0x00), RGB(red: 0xCD, green: 0xCD, blue: 0x00),
        RGB(red: 0x00, green: 0x00, blue: 0xEE), RGB(red: 0xCD, green: 0x00, blue: 0xCD),
        RGB(red: 0x00, green: 0xCD, blue: 0xCD), RGB(red: 0xE5, green: 0xE5, blue: 0xE5),
        RGB(red: 0x7F, green: 0x7F, blue: 0x7F), RGB(red: 0xFF, green: 0x00, blue: 0x00),
        RGB(red: 0x00, green: 0xFF, blue: 0x00), RGB(red: 0xFF, green: 0xFF, blue: 0x00),
        RGB(red: 0x5C, green: 0x5C, blue: 0xFF), RGB(red: 0xFF, green: 0x00, blue: 0xFF),
        RGB(red: 0x00, green: 0xFF, blue: 0xFF), RGB(red: 0xFF, green: 0xFF, blue: 0xFF),
    ]
    private static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// The colour of palette index `index` (0–255).
    static func rgb(_ index: Int) -> RGB {
        switch index {
        case ..<16: return system[max(0, index)]
        case 16..<232:
            let cube = index - 16
            return RGB(red: cubeLevels[cube / 36], green: cubeLevels[cube / 6 % 6], blue: cubeLevels[cube % 6])
        default:
            let level = 8 + 10 * (min(index, 255) - 232)
            return RGB(red: level, green: level, blue: level)
        }
    }

    /// Squared distance between two palette colours, weighted for the eye (green counts most).
    static func distance(_ a: Int, _ b: Int) -> Int {
        guard a != b else { return 0 }
        let x = rgb(a), y = rgb(b)
        let red = x.red - y.red, green = x.green - y.green, blue = x.blue - y.blue
        return 3 * red * red + 4 * green * green + 2 * blue * blue
    }

    /// The index below `count` nearest to `index`: bright system colours become their normal
    /// ones, the rest the closest by RGB.
    static func nearest(to index: Int, among count: Int) -> Int {
        guard index >= count, count > 0 else { return index }
        if index < 16, index - 8 < count, index >= 8 { return index - 8 }
        return (0..<min(count, 16)).min { distance(index, $0) < distance(index, $1) } ?? 0
    }
}
