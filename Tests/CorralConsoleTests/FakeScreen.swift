import ConsoleCore
import ConsoleTerminal
import CorralConsole
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A terminal played by the test: keys the test types arrive one per read, every cell drawn is
/// kept on a screen of its own, and it can refuse to start as a missing TTY does.
final class FakeScreen: ConsoleScreen, Sendable {
    private struct State {
        var keys: [Key] = []
        var cells: CellBuffer
        var started = false
        var stopped = false
    }

    private let state: Mutex<State>
    private let refusal: TerminalError?
    let size: TerminalSize

    init(width: Int = 160, height: Int = 48, refusing refusal: TerminalError? = nil) {
        size = TerminalSize(width: width, height: height)
        self.refusal = refusal
        state = Mutex(State(cells: CellBuffer(width: width, height: height)))
    }

    func type(_ keys: Key...) { state.withLock { $0.keys += keys } }

    func type(_ text: String) { state.withLock { $0.keys += text.map(Key.character) } }

    /// What the screen shows now, as text.
    var text: String { state.withLock { $0.cells.text } }
    var stopped: Bool { state.withLock { $0.stopped } }

    func start() throws(TerminalError) {
        if let refusal { throw refusal }
        state.withLock { $0.started = true }
    }

    func stop() { state.withLock { $0.stopped = true } }
    var colorSupport: ColorSupport { .none }
    var supportsUnicode: Bool { true }
    var interrupted: Bool { false }

    func readKey(timeoutMilliseconds: Int32) -> Key? {
        if let key = state.withLock({ $0.keys.isEmpty ? nil : $0.keys.removeFirst() }) { return key }
        usleep(5_000)  // a short timeout: the loop goes on to the inbox and the tick
        return nil
    }

    func draw(_ runs: [CellRun]) {
        state.withLock { state in
            for run in runs {
                for (offset, cell) in run.cells.enumerated() where state.cells.contains(x: run.x + offset, y: run.y) {
                    state.cells[run.x + offset, run.y] = cell
                }
            }
        }
    }

    func refresh() {}
    func clear() {}
}
