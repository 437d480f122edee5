/// The terminal's size in cells. Re-read it after `Key.resize`.
public struct TerminalSize: Hashable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public static let zero = TerminalSize(width: 0, height: 0)
}
