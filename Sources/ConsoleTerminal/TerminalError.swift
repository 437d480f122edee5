/// Why the terminal could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped, redirected, or no TTY at all).
    case notATerminal
    /// Another `NcursesTerminal` is running: ncurses has one screen per process.
    case alreadyActive
    /// The terminfo database does not know TERM.
    case unknownTerminalType(String)
    /// A system call the terminal needs failed (the signal pipe: out of file descriptors).
    case systemCallFailed(String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must be a terminal"
        case .alreadyActive: "another terminal is already active in this process"
        case .unknownTerminalType(let name): "unknown terminal type \"\(name)\" (check TERM)"
        case .systemCallFailed(let call, let errno): "\(call) failed (errno \(errno))"
        }
    }
}
