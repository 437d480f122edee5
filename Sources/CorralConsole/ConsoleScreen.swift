import ConsoleCore
import ConsoleTerminal

/// What the terminal loop draws on and reads keys from: ncurses in the program, a recording
/// screen in tests. Used from the loop's one thread only, as curses requires.
public protocol ConsoleScreen: AnyObject {
    func start() throws(TerminalError)
    /// Restores the terminal; safe to call more than once.
    func stop()
    var colorSupport: ColorSupport { get }
    var supportsUnicode: Bool { get }
    /// A signal (SIGINT, SIGTERM, …) asked the console to stop.
    var interrupted: Bool { get }
    var size: TerminalSize { get }
    /// A key, or nil once the timeout passes with none.
    func readKey(timeoutMilliseconds: Int32) -> Key?
    func draw(_ runs: [CellRun])
    func refresh()
    func clear()
}

extension NcursesTerminal: ConsoleScreen {}
