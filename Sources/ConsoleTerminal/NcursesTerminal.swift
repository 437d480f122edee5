import CNCurses
import ConsoleCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The console's terminal: ncurses on the process's standard input and output.
///
/// One thread only. ncurses keeps its screen in process globals and is not thread-safe, so
/// create, use and release a terminal on one thread (in practice, the console's loop). The class
/// is deliberately not `Sendable`: Swift 6 then refuses to hand it to another task or actor.
/// Debug builds check the thread on every call. One terminal can be started at a time.
///
/// The terminal is given back (`endwin`) by `stop()`, by `deinit`, at `exit()`, on a crash, and on
/// a second SIGINT/SIGTERM/SIGHUP; the first one only sets `interrupted` (see `TerminalSignals`).
public final class NcursesTerminal {
    private let colorSupportOverride: ColorSupport?
    private var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    private var owner: pthread_t?

    /// The colours the console may use; settled by `start()`.
    public private(set) var colorSupport: ColorSupport = .none
    /// Whether the locale writes Unicode (UTF-8), so box drawing, shades and wide characters show
    /// as themselves; otherwise `draw` falls back to the alternate character set and "?".
    public private(set) var supportsUnicode = false
    /// The first SIGINT, SIGTERM or SIGHUP since `start()`, or SIGHUP when the terminal went away;
    /// kept after `stop()`, so a program can end with the signal's status (re-raise it).
    public internal(set) var interruptSignal: Int32?

    var colorCount = 0
    var hasDefaultColors = false
    var pairs = ColorPairTable(pairCount: 0)
    var lastStyle: CellStyle?
    var lastRendition = Rendition(attributes: 0, pair: 0)
    var scratch: [wchar_t] = []

    /// A terminal that `start()` puts into curses mode. `colorSupportOverride` replaces what
    /// NO_COLOR would decide (a `--color` flag), but cannot add colours the terminal lacks; to
    /// turn colours off write `ColorSupport.none`, since a bare `.none` is the optional's nil.
    public init(colorSupportOverride: ColorSupport? = nil) {
        self.colorSupportOverride = colorSupportOverride
    }

    deinit { stop() }

    /// Whether the terminal is in curses mode (between `start()` and `stop()`).
    public var isActive: Bool { screen != nil }

    /// Puts the terminal into curses mode: the locale from the environment, no echo, keys one at
    /// a time, keypad keys decoded, cursor hidden, colours as `colorSupport` says. Starting a
    /// started terminal does nothing.
    public func start() throws(TerminalError) {
        guard screen == nil else { return }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        try TerminalSignals.install()
        owner = pthread_self()
        interruptSignal = nil

        setlocale(LC_ALL, "")
        supportsUnicode = TerminalCapabilities.isUnicode(codeset: String(cString: corral_locale_codeset()))

        guard let screen = corral_newterm() else {
            _ = TerminalSignals.uninstall()
            throw .unknownTerminalType(getenv("TERM").map { String(cString: $0) } ?? "")
        }
        self.screen = screen
        TerminalSignals.setCursesActive(true)
        TerminalSignals.chainResizeHandler()
        let window = corral_stdscr()
        self.window = window

        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        // Clicks focus panes and pick rows, the wheel scrolls (Shift still selects text in most
        // terminals).
        corral_mouse_enable()
        intrflush(window, false)
        leaveok(window, true)
        // Finish every refresh even when keys are waiting: the console redraws per frame anyway.
        typeahead(-1)
        curs_set(0)
        set_escdelay(25)
        startColors()

        lastStyle = nil
        clearok(corral_curscr(), true)
        wrefresh(window)
    }

    private func startColors() {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) }
        colorSupport = TerminalCapabilities.colorSupport(
            override: colorSupportOverride, noColor: noColor,
            hasColors: has_colors(), colorCount: Int(tigetnum("colors")))
        colorCount = 0
        hasDefaultColors = false
        pairs = ColorPairTable(pairCount: 0)
        guard colorSupport != .none, start_color() != ERR else {
            colorSupport = .none
            return
        }
        hasDefaultColors = use_default_colors() != ERR
        colorCount = min(Int(corral_colors()), colorSupport.rawValue)
        pairs = ColorPairTable(
            pairCount: Int(corral_color_pairs()),
            pairZero: hasDefaultColors ? .init(foreground: -1, background: -1) : .init(foreground: 7, background: 0))
    }

    /// Gives the terminal back as it was: echo, line editing, cursor, the shell's screen. Safe to
    /// call more than once; `start()` may follow.
    public func stop() {
        guard let screen else { return }
        checkThread()
        endwin()
        TerminalSignals.setCursesActive(false)
        delscreen(screen)
        self.screen = nil
        window = nil
        noteSignals(TerminalSignals.uninstall())
        owner = nil
    }

    /// The terminal's size in cells (zero when not started). After `Key.resize` it is the new size.
    public var size: TerminalSize {
        guard let window else { return .zero }
        checkThread()
        var height: Int32 = 0, width: Int32 = 0
        corral_getmaxyx(window, &height, &width)
        return TerminalSize(width: Int(width), height: Int(height))
    }

    /// Whether SIGINT, SIGTERM or SIGHUP arrived (or the terminal hung up) since `start()`: the
    /// console loop should leave and call `stop()`. `interruptSignal` says which.
    public var interrupted: Bool {
        noteSignals()
        return interruptSignal != nil
    }

    /// The console answered the interrupt without stopping (it asked "quit?" and the user said
    /// no): `interrupted` turns false, and the next SIGINT is a request again rather than the
    /// second one that ends the program.
    public func acknowledgeInterrupt() {
        checkThread()
        noteSignals()
        interruptSignal = nil
        TerminalSignals.acknowledgeInterrupt()
    }

    func noteSignals(_ signals: [Int32] = drainSignalPipe()) {
        for signal in signals where signal != SIGWINCH && interruptSignal == nil {
            interruptSignal = signal
        }
    }

    func checkThread() {
        assert(owner.map { pthread_equal($0, pthread_self()) != 0 } ?? true, "NcursesTerminal used from a second thread")
    }
}
