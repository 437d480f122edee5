/// A key press, decoded by the terminal backend.
public enum Key: Hashable, Sendable {
    case character(Character)
    case control(Character)  // Ctrl-A … Ctrl-Z, as the lowercase letter
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case function(Int)
    /// The terminal changed size.
    case resize
    /// A click or a turn of the wheel, at a cell of a screen of the size given.
    case mouse(MouseEvent)
}

/// What the mouse did, where, on a screen of which size (the model lays the panes out again to
/// find what was under the pointer).
public struct MouseEvent: Hashable, Sendable {
    public enum Action: Hashable, Sendable { case click, wheelUp, wheelDown }

    public var action: Action
    public var x: Int
    public var y: Int
    public var screenWidth: Int
    public var screenHeight: Int

    public init(_ action: Action, x: Int, y: Int, screenWidth: Int, screenHeight: Int) {
        self.action = action
        self.x = x
        self.y = y
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
    }
}
