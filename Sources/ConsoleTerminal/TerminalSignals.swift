import CNCurses

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Signals while the terminal is in curses mode, so that the terminal is given back on every exit.
///
/// - SIGINT, SIGTERM, SIGHUP ask the program to stop: the handler writes the signal's number to a
///   self-pipe and returns. `NcursesTerminal.readKey` waits on that pipe as well as on the
///   keyboard, so it returns at once, and `interrupted` turns true: the console loop leaves and
///   calls `stop()`, which restores the terminal. A second interrupt while the first is still
///   unanswered means nobody is listening (a hung loop): the handler restores the terminal
///   itself, puts back the action that was there before and re-raises, so the signal ends the
///   program as it would have without a console. A second SIGHUP is not such a sign: the kernel
///   hangs up the whole session when its terminal goes, right after the hangup that was
///   answered. Once the terminal is given back, SIGHUP is ignored (see `ignoreLaterHangups`), so
///   that the program's shutdown (an embedded cluster killing its tasks) is not cut short. An
///   interrupt that was ignored before the terminal started (nohup) stays ignored.
/// - SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE: the handler calls `endwin()` (not async-signal-safe,
///   but what curses programs do: the process is dying anyway, and a terminal left without echo
///   is worse), puts back the previous action (the default, or Swift's backtracer) and lets the
///   signal reach it, so the crash still reports and exits as a crash. The same signal sent by
///   another process (`kill -SEGV`) gets the default action, since a backtracer would let the
///   program run on. The handler runs on an alternate stack, so a stack overflow is caught too.
/// - SIGWINCH stays ncurses' own (it turns a resize into KEY_RESIZE); a handler chained in front
///   of it also writes to the pipe, so a resize wakes `readKey` whichever thread the kernel chose.
/// - `atexit`: `exit()` from anywhere restores the terminal if it is still in curses mode.
///
/// Why globals: a signal handler gets nothing but the signal number, so what it needs (the pipe,
/// the actions to put back) must be in process globals. The terminal's thread writes them only
/// before installing or after removing the handlers; the handlers only read them, except
/// `interruptsPending`, a `sig_atomic_t`.
enum TerminalSignals {
    static let interrupting: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let crashing: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE]

    /// The pipe's reading end while the handlers are installed, -1 otherwise.
    static var wakeDescriptor: Int32 { pipeRead }

    /// Installs the handlers and the pipe. Call before `newterm`, so ncurses sees our SIGINT and
    /// SIGTERM handlers and does not install its own.
    static func install() throws(TerminalError) {
        guard !handlersInstalled else { throw .alreadyActive }
        _ = exitHook
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw .systemCallFailed("pipe", errno: errno) }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        pipeRead = descriptors[0]
        pipeWrite = descriptors[1]
        interruptsPending = 0
        ensureAlternateSignalStack()

        for signal in interrupting {
            var previous = sigaction()
            sigaction(signal, nil, &previous)
            if isIgnored(previous) { continue }
            install(signal, flags: 0) { signal, _, _ in handleInterrupt(signal) }
        }
        for signal in crashing {
            install(signal, flags: SA_ONSTACK) { signal, info, _ in handleCrash(signal, info) }
        }
        handlersInstalled = true
    }

    /// Chains the wake-up in front of the SIGWINCH handler ncurses installed in `newterm`.
    static func chainResizeHandler() {
        install(SIGWINCH, flags: SA_RESTART) { signal, info, context in handleResize(signal, info, context) }
    }

    /// Puts back every action the terminal replaced and closes the pipe; returns the signals
    /// still in it, so none that came during the stop is lost.
    static func uninstall() -> [Int32] {
        guard handlersInstalled else { return [] }
        for signal in installedSignals.reversed() { sigaction(signal, savedActions + Int(signal), nil) }
        if installedSignals.contains(SIGHUP) { ignoreLaterHangups() }
        installedSignals = []
        let unread = drainSignalPipe()
        let (read, write) = (pipeRead, pipeWrite)
        pipeRead = -1
        pipeWrite = -1
        close(read)
        close(write)
        cursesActive = 0
        handlersInstalled = false
        return unread
    }

    /// Once the terminal is given back the program is on its way out, and a hangup can only
    /// be the terminal going (the kernel hangs up the whole session when the window closes or
    /// tmux's server is killed, just after the hangup the console answered): with its default
    /// action it ended the program half way through its shutdown, its tasks left running.
    private static func ignoreLaterHangups() {
        var current = sigaction()
        sigaction(SIGHUP, nil, &current)
        // SIG_DFL is a null handler; a program's own handler (or SIG_IGN already) is kept.
        let isDefault = current.sa_flags & SA_SIGINFO == 0 && current.__sigaction_handler.sa_handler == nil
        if isDefault { signal(SIGHUP, SIG_IGN) }
    }

    /// The program answered the interrupt without stopping: the next one is a first one again.
    static func acknowledgeInterrupt() { interruptsPending = 0 }

    /// Whether the handlers should restore the terminal: true between `newterm` and `endwin`.
    static func setCursesActive(_ active: Bool) { cursesActive = active ? 1 : 0 }

    private static func install(
        _ signal: Int32,
        flags: Int32,
        handler: @escaping @convention(c) (Int32, UnsafeMutablePointer<siginfo_t>?, UnsafeMutableRawPointer?) -> Void
    ) {
        var action = sigaction()
        action.__sigaction_handler.sa_sigaction = handler
        action.sa_flags = SA_SIGINFO | flags
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, savedActions + Int(signal))
        installedSignals.append(signal)
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        guard action.sa_flags & SA_SIGINFO == 0, let handler = action.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }

    /// Gives the thread a stack for the crash handler, so a stack overflow still restores the
    /// terminal. Never freed: the handlers may need it until the thread ends.
    private static func ensureAlternateSignalStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        guard let memory = malloc(size) else { return }
        var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: size)
        if sigaltstack(&stack, nil) != 0 { free(memory) }
    }
}

// MARK: State the handlers read (see "Why globals" above)

nonisolated(unsafe) private var handlersInstalled = false
nonisolated(unsafe) private var installedSignals: [Int32] = []
nonisolated(unsafe) private var pipeRead: Int32 = -1
nonisolated(unsafe) private var pipeWrite: Int32 = -1
nonisolated(unsafe) private var interruptsPending: sig_atomic_t = 0
nonisolated(unsafe) private var cursesActive: sig_atomic_t = 0
/// The action each replaced signal had, indexed by signal number.
nonisolated(unsafe) private let savedActions: UnsafeMutablePointer<sigaction> = {
    let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
    actions.initialize(repeating: sigaction(), count: 65)
    return actions
}()

private let exitHook: Void = {
    atexit { restoreTerminal() }
    return ()
}()

// MARK: Handlers: async-signal-safe except for endwin, as documented above

private func restoreTerminal() {
    guard cursesActive != 0 else { return }
    cursesActive = 0
    endwin()
}

private func handleInterrupt(_ signal: Int32) {
    let savedErrno = errno
    defer { errno = savedErrno }
    // A second hangup is the kernel's (the session's terminal went), not someone asking again.
    if interruptsPending > 0, signal != SIGHUP {
        restoreTerminal()
        sigaction(signal, savedActions + Int(signal), nil)
        raise(signal)  // blocked while this handler runs; delivered to the restored action on return
        return
    }
    interruptsPending = 1
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(pipeWrite, &byte, 1)
}

private func handleCrash(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?) {
    restoreTerminal()
    let code = info?.pointee.si_code ?? 0
    if code > 0 {
        // A fault of the instruction itself: it happens again when the handler returns, now
        // reaching the previous action (Swift's backtracer, or the default) with its true details.
        sigaction(signal, savedActions + Int(signal), nil)
    } else if info?.pointee._sifields._kill.si_pid == getpid() {
        // Sent by this process (abort(), raise): the previous action handles it, sent again.
        sigaction(signal, savedActions + Int(signal), nil)
        raise(signal)
    } else {
        // Sent by another process (kill -SEGV): nothing will fault again, and a backtracer would
        // return and let the program run on, so the default action ends it as it would any program.
        var action = sigaction()
        sigemptyset(&action.sa_mask)
        sigaction(signal, &action, nil)
        raise(signal)
    }
}

private func handleResize(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    let savedErrno = errno
    defer { errno = savedErrno }
    let previous = savedActions[Int(signal)]
    if previous.sa_flags & SA_SIGINFO != 0 {
        previous.__sigaction_handler.sa_sigaction?(signal, info, context)
    } else if let handler = previous.__sigaction_handler.sa_handler, unsafeBitCast(handler, to: Int.self) > 1 {
        handler(signal)
    }
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(pipeWrite, &byte, 1)
}

/// Reads what the handlers wrote to the pipe: the signal numbers, oldest first.
func drainSignalPipe() -> [Int32] {
    guard pipeRead >= 0 else { return [] }
    var signals: [Int32] = []
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
        while true {
            let count = read(pipeRead, buffer.baseAddress, buffer.count)
            guard count > 0 else { break }
            signals += buffer[0..<count].map { Int32($0) }
        }
    }
    return signals
}
