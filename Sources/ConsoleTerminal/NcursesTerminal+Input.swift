import CNCurses
import ConsoleCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension NcursesTerminal {
    /// The next key, waiting at most `timeoutMilliseconds` (a negative timeout waits for one);
    /// nil when the time passed, when an interrupt arrived (see `interrupted`), or when the
    /// terminal is not started. A resize reads as `Key.resize`, after which `size` is the new size
    /// and the next `refresh()` repaints the whole screen.
    public func readKey(timeoutMilliseconds: Int32) -> Key? {
        guard let window else { return nil }
        checkThread()
        let clock = ContinuousClock()
        let deadline = timeoutMilliseconds < 0 ? nil : clock.now.advanced(by: .milliseconds(timeoutMilliseconds))
        wtimeout(window, 0)
        while true {
            // The pipe is drained before reading, so a resize signalled after this point still
            // leaves a byte in it and wakes the wait below.
            noteSignals()
            if interruptSignal != nil { return nil }
            // What ncurses already holds (typeahead it read earlier, a resize) comes first.
            var value: UInt32 = 0
            let result = corral_get_wch(window, &value)
            if result != ERR {
                if result == KEY_CODE_YES, Int32(truncatingIfNeeded: value) == corral_key_mouse() {
                    guard let mouse = readMouse() else { continue }
                    return mouse
                }
                guard let key = KeyDecoding.key(code: value, isKeyCode: result == KEY_CODE_YES) else { continue }
                if key == .resize { clearok(corral_curscr(), true) }
                return key
            }
            var wait: Int32 = -1
            if let deadline {
                let remaining = clock.now.duration(to: deadline)
                guard remaining > .zero else { return nil }
                let (seconds, attoseconds) = remaining.components
                wait = Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
            }
            var descriptors = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: TerminalSignals.wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            _ = poll(&descriptors, nfds_t(descriptors.count), wait)
            // The terminal went away (SIGHUP may be ignored, as under nohup): nothing more will be
            // read, and waiting again would spin.
            if Int32(descriptors[0].revents) & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 {
                interruptSignal = SIGHUP
                return nil
            }
        }
    }

    /// The click or wheel turn behind a KEY_MOUSE; nil for what the console has no use for.
    private func readMouse() -> Key? {
        var x: Int32 = 0, y: Int32 = 0
        let action: MouseEvent.Action
        switch corral_get_mouse(&x, &y) {
        case 1: action = .click
        case 4: action = .wheelUp
        case 5: action = .wheelDown
        default: return nil
        }
        let screen = size
        return .mouse(MouseEvent(action, x: Int(x), y: Int(y), screenWidth: screen.width, screenHeight: screen.height))
    }
}
