/// The terminal's colour pairs, allocated on demand: one pair per (foreground, background) the
/// console draws with, numbered from 1 (pair 0 is the terminal's own colours). When the terminal
/// has no pairs left, colours reuse the nearest pair they can. A value type with no curses in it:
/// the terminal initialises the pairs it is told to.
struct ColorPairTable {
    /// Curses colour numbers: -1 is the terminal's default colour.
    struct Colors: Hashable {
        var foreground: Int32
        var background: Int32
    }

    enum Assignment: Equatable {
        /// A pair this table already allocated (or pair 0).
        case existing(Int32)
        /// A new pair: the terminal must initialise it with the colours first.
        case allocate(Int32)
        /// The pairs ran out: the nearest existing pair stands in.
        case substitute(Int32)

        var pair: Int32 {
            switch self {
            case .existing(let pair), .allocate(let pair), .substitute(let pair): pair
            }
        }
    }

    /// The colours of pair 0: the terminal's defaults, or white on black without use_default_colors.
    let pairZero: Colors
    /// How many pairs the table may allocate (1 through `capacity`).
    let capacity: Int
    private var pairs: [Colors: Int32] = [:]
    /// The colours of pair i + 1; nil where the terminal refused to initialise it.
    private var allocated: [Colors?] = []
    private var substitutes: [Colors: Int32] = [:]

    /// A table for a terminal with `pairCount` colour pairs (COLOR_PAIRS, which counts pair 0).
    init(pairCount: Int, pairZero: Colors = Colors(foreground: -1, background: -1)) {
        self.pairZero = pairZero
        capacity = max(0, pairCount - 1)
    }

    var allocatedCount: Int { allocated.count }

    /// The pair to draw `colors` with.
    mutating func assign(_ colors: Colors) -> Assignment {
        if colors == pairZero { return .existing(0) }
        if let pair = pairs[colors] { return .existing(pair) }
        if let pair = substitutes[colors] { return .substitute(pair) }
        if allocated.count < capacity {
            allocated.append(colors)
            let pair = Int32(allocated.count)
            pairs[colors] = pair
            return .allocate(pair)
        }
        let pair = nearestPair(to: colors)
        substitutes[colors] = pair
        return .substitute(pair)
    }

    /// The terminal could not initialise `pair`: its colours fall back to pair 0 from now on.
    mutating func discard(_ pair: Int32) {
        let index = Int(pair) - 1
        guard allocated.indices.contains(index), let colors = allocated[index] else { return }
        allocated[index] = nil
        pairs[colors] = nil
        substitutes[colors] = 0
    }

    private func nearestPair(to colors: Colors) -> Int32 {
        var best: Int32 = 0
        var bestDistance = distance(colors, pairZero)
        for (index, candidate) in allocated.enumerated() {
            guard let candidate else { continue }
            let candidateDistance = distance(colors, candidate)
            if candidateDistance < bestDistance {
                best = Int32(index + 1)
                bestDistance = candidateDistance
            }
        }
        return best
    }

    /// How far apart two pairs look. The terminal's default colours are unknown; a light
    /// foreground on a dark background (7 on 0) stands in for them, as on most terminals.
    private func distance(_ a: Colors, _ b: Colors) -> Int {
        func paletteIndex(_ color: Int32, default fallback: Int) -> Int { color < 0 ? fallback : Int(color) }
        func between(_ x: Int32, _ y: Int32, default fallback: Int) -> Int {
            if x == y { return 0 }
            return XtermPalette.distance(paletteIndex(x, default: fallback), paletteIndex(y, default: fallback)) + 1
        }
        return between(a.foreground, b.foreground, default: 7) + between(a.background, b.background, default: 0)
    }
}
