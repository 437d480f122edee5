import Foundation

/// Fits an exact RGB colour to what a terminal can show.
enum TerminalPalette {
    // MARK: 256 colours

    /// The xterm colour (16–255) that looks closest to `red, green, blue`.
    ///
    /// Only the 6×6×6 cube and the 24-step gray ramp are candidates: their RGB values are fixed by
    /// convention, while colours 0–15 are whatever the user's terminal theme made them (a theme
    /// reaches those by name: `red`, `bright-blue`).
    ///
    /// Closeness is CIE76 (Euclidean distance in CIELAB). Plain RGB distance misjudges dark colours,
    /// where the cube's steps are coarse (0, 95, 135, …) and the gray ramp is fine: it lets
    /// lightness outweigh hue, so the dark theme's steel-blue selection (#2b4766) would become the
    /// ramp's gray 238 and vanish among the grays around it. Lab is built so equal distances look
    /// about equally different, and keeps it blue (24). CIE76's known flaw, over-weighting
    /// differences between strongly saturated colours, matters little for a palette this coarse.
    static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let target = Lab(red: red, green: green, blue: blue)
        var best = 16
        var bestDistance = Double.infinity
        for (offset, candidate) in xtermLab.enumerated() {
            let distance = target.distanceSquared(to: candidate)
            if distance < bestDistance {
                best = 16 + offset
                bestDistance = distance
            }
        }
        return UInt8(best)
    }

    /// The RGB value xterm gives colour `index` (16–255).
    static func xtermRGB(_ index: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        precondition((16...255).contains(index), "only the cube and the gray ramp have fixed values")
        if index >= 232 {
            let level = UInt8(8 + 10 * (index - 232))
            return (level, level, level)
        }
        let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]
        let cube = index - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    private static let xtermLab: [Lab] = (16...255).map { index in
        let rgb = xtermRGB(index)
        return Lab(red: rgb.red, green: rgb.green, blue: rgb.blue)
    }

    // MARK: 8 colours

    /// The standard colour (0–15) an 8-colour terminal should use for `red, green, blue`.
    ///
    /// Distance is no guide here: nobody agrees on the 8 colours' RGB values (the Linux console's
    /// yellow is brown, xterm's is olive), and a pastel green is nearer to white than to any green.
    /// What survives is the hue, so a colour with some chroma goes by hue, its lightness choosing the
    /// bright variant, and a grayish one by lightness alone. The hue boundaries lean the way
    /// terminals draw: oranges go to yellow (often drawn brown-orange), sky blues to blue.
    static func nearestStandard(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        let r = Double(red) / 255, g = Double(green) / 255, b = Double(blue) / 255
        let maximum = max(r, g, b), minimum = min(r, g, b)
        let chroma = maximum - minimum
        let lightness = (maximum + minimum) / 2
        if chroma < 0.15 {
            switch lightness {
            case ..<0.22: return 0  // black
            case ..<0.6: return 8  // bright black (dark gray)
            case ..<0.88: return 7  // white (light gray)
            default: return 15  // bright white
            }
        }
        let hue: Double  // degrees, 0 = red
        if maximum == r {
            hue = (60 * ((g - b) / chroma) + 360).truncatingRemainder(dividingBy: 360)
        } else if maximum == g {
            hue = 60 * ((b - r) / chroma) + 120
        } else {
            hue = 60 * ((r - g) / chroma) + 240
        }
        let normal: UInt8 =
            switch hue {
            case 20..<75: 3  // yellow, with the oranges
            case 75..<165: 2  // green
            case 165..<200: 6  // cyan
            case 200..<270: 4  // blue
            case 270..<345: 5  // magenta
            default: 1  // red
            }
        return lightness >= 0.6 ? normal + 8 : normal
    }
}

/// A colour in CIELAB (D65 white), where Euclidean distance approximates how different two
/// colours look.
private struct Lab {
    var l: Double
    var a: Double
    var b: Double

    init(red: UInt8, green: UInt8, blue: UInt8) {
        func linear(_ component: UInt8) -> Double {
            let c = Double(component) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let r = linear(red), g = linear(green), b = linear(blue)
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double {
            let delta = 6.0 / 29
            return t > delta * delta * delta ? cbrt(t) : t / (3 * delta * delta) + 4.0 / 29
        }
        l = 116 * f(y) - 16
        a = 500 * (f(x) - f(y))
        self.b = 200 * (f(y) - f(z))
    }

    func distanceSquared(to other: Lab) -> Double {
        let dl = l - other.l, da = a - other.a, db = b - other.b
        return dl * dl + da * da + db * db
    }
}
