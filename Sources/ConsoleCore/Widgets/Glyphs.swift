/// The characters the console draws with. In a non-UTF-8 locale everything falls back to ASCII,
/// and bars stay readable by glyph alone (the monochrome look relies on that too).
public struct Glyphs: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var barUsed: Character
    public var barAllocated: Character
    public var barOffered: Character
    public var barFree: Character
    public var sparks: [Character]
    public var nextMarker: Character
    public var ellipsis: Character
    public var sortAscending: Character
    public var sortDescending: Character

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        barUsed: "█", barAllocated: "▓", barOffered: "▒", barFree: "░",
        sparks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], nextMarker: "▶", ellipsis: "…",
        sortAscending: "▲", sortDescending: "▼")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barUsed: "#", barAllocated: "=", barOffered: "~", barFree: ".",
        sparks: ["_", ".", "-", "~", "=", "+", "*", "#"], nextMarker: ">", ellipsis: "~",
        sortAscending: "^", sortDescending: "v")
}
