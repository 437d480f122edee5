import Testing

@testable import ConsoleTerminal

#if canImport(Glibc)
import Glibc
#endif

/// Hangups: the kernel hangs up a whole session when its terminal goes, just after the hangup
/// the console already answered. Neither may end the program half way through its shutdown
/// (an embedded cluster's tasks would run on). Real signals, raised in this process.
@Suite(.serialized) struct TerminalSignalsTests {
    @Test func aSecondHangupIsNotTakenForAHungLoopAndLaterHangupsAreIgnored() throws {
        var before = sigaction()
        sigaction(SIGHUP, nil, &before)
        defer { sigaction(SIGHUP, &before, nil) }
        signal(SIGHUP, SIG_DFL)

        try TerminalSignals.install()
        // To the process, as the kernel sends it (a thread that does not block it takes it).
        kill(getpid(), SIGHUP)
        #expect(waitForSignalBytes(1), "the first hangup never reached the handler")
        kill(getpid(), SIGHUP)  // with the old action put back and re-raised, this process would end here
        #expect(waitForSignalBytes(2), "the second hangup never reached the handler")
        let seen = TerminalSignals.uninstall()
        #expect(seen == [SIGHUP, SIGHUP])

        kill(getpid(), SIGHUP)  // the terminal is given back: ignored, not the default (which ends the process)
        var after = sigaction()
        sigaction(SIGHUP, nil, &after)
        #expect(after.__sigaction_handler.sa_handler.map { unsafeBitCast($0, to: Int.self) } == 1, "SIGHUP is not ignored (SIG_IGN)")
    }

    /// Waits (at most 2 s) until the handlers' pipe holds `count` bytes, without reading them.
    private func waitForSignalBytes(_ count: Int32) -> Bool {
        for _ in 0..<200 {
            var available: Int32 = 0
            if ioctl(TerminalSignals.wakeDescriptor, UInt(FIONREAD), &available) == 0, available >= count { return true }
            usleep(10_000)
        }
        return false
    }
}
