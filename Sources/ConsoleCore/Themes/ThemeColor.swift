/// A colour as a theme writes it, before it is fitted to a terminal: the terminal's own default,
/// one of the 16 standard colours (whose exact shade each terminal chooses), or an exact RGB value.
public enum ThemeColor: Hashable, Sendable {
    case terminalDefault
    /// 0–7 the normal standard colours, 8–15 their bright variants.
    case standard(UInt8)
    case rgb(red: UInt8, green: UInt8, blue: UInt8)

    /// The standard colours' names in a theme file, indexed by colour number.
    public static let standardNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Reads `default`, a standard colour name, or `#rrggbb` (any case); nil for anything else.
    /// Palette names are the theme file's business, not this type's.
    public init?(_ text: String) {
        let lowered = text.lowercased()
        if lowered == "default" {
            self = .terminalDefault
        } else if let index = Self.standardNames.firstIndex(of: lowered) {
            self = .standard(UInt8(index))
        } else if let rgb = Self.hexComponents(lowered) {
            self = .rgb(red: rgb.0, green: rgb.1, blue: rgb.2)
        } else {
            return nil
        }
    }

    private static func hexComponents(_ text: String) -> (UInt8, UInt8, UInt8)? {
        guard text.utf8.count == 7, text.hasPrefix("#"),
              text.dropFirst().allSatisfy(\.isHexDigit),
              let value = UInt32(text.dropFirst(), radix: 16)
        else { return nil }
        return (UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
    }
}
