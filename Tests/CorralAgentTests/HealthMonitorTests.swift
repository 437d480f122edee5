import CorralModel
import CorralTesting
import Synchronization
import Testing

@testable import CorralAgent

/// The monitor's schedule and timeout on a manual clock, with a probe that answers from a script.
@Suite("Health monitor", .timeLimit(.minutes(1)))
struct HealthMonitorTests {
    /// Answers from `script` in turn (then passes), noting the clock's time of each attempt;
    /// with `hang`, never answers until cancelled.
    final class ScriptedProbe: HealthProbe {
        let clock: ManualClock
        let hang: Bool
        private let state: Mutex<(script: [HealthCheckResult], times: [Time], cancelled: Int)>

        init(clock: ManualClock, script: [HealthCheckResult] = [], hang: Bool = false) {
            self.clock = clock
            self.hang = hang
            state = Mutex((script, [], 0))
        }

        var name: String { "scripted" }
        var times: [Time] { state.withLock { $0.times } }
        var cancelled: Int { state.withLock { $0.cancelled } }

        func attempt() async -> HealthCheckResult {
            let now = clock.now.wall
            let next = state.withLock { state in
                state.times.append(now)
                return state.script.isEmpty ? HealthCheckResult.passed("ok") : state.script.removeFirst()
            }
            guard hang else { return next }
            while (try? await Task.sleep(for: .seconds(3600))) != nil {}
            state.withLock { $0.cancelled += 1 }
            return .failed("cancelled")
        }
    }

    @Test("The first attempt comes after the delay, the next ones an interval after each; only changes are reported")
    func schedule() async throws {
        let clock = ManualClock()
        let start = clock.now.wall
        let probe = ScriptedProbe(clock: clock, script: [.passed("up"), .failed("down"), .failed("down")])
        // No timeout: the delay and interval sleeps are then the clock's only sleepers.
        let check = HealthCheck(kind: .tcp, delaySeconds: 5, intervalSeconds: 2, timeoutSeconds: 0, consecutiveFailures: 1, gracePeriodSeconds: 0, port: 1)
        let reports = Mutex<[HealthTracker.Change]>([])
        let monitor = HealthMonitor(check: check, probe: probe, clock: clock)
        let running = Task { await monitor.run { change in reports.withLock { $0.append(change) } } }
        defer { running.cancel() }

        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: .seconds(4.9))
        #expect(probe.times.isEmpty)  // the delay sleeper was not woken, so nothing could run
        clock.advance(by: .seconds(0.1))
        for attempt in 1...3 {
            #expect(await eventually { probe.times.count == attempt && clock.sleeperCount == 1 })
            clock.advance(by: .seconds(2))
        }
        #expect(await eventually { probe.times.count == 4 })
        #expect(probe.times == [start + 5, start + 7, start + 9, start + 11])
        #expect(await eventually { reports.withLock { $0.count } == 3 })
        #expect(reports.withLock { $0 } == [.init(healthy: true, message: "up"), .init(healthy: false, message: "down"), .init(healthy: true, message: "ok")])
    }

    @Test("An attempt that outlives the timeout is cancelled and counts as a failure")
    func timeout() async throws {
        let clock = ManualClock()
        let probe = ScriptedProbe(clock: clock, hang: true)
        let check = HealthCheck(kind: .tcp, timeoutSeconds: 3, port: 1)
        let monitor = HealthMonitor(check: check, probe: probe, clock: clock)
        let attempt = Task { await monitor.attempt() }

        #expect(await eventually { clock.sleeperCount == 1 && probe.times.count == 1 })
        clock.advance(by: .seconds(3))
        #expect(await attempt.value(within: .seconds(30)) == .failed("scripted: timed out after 3.0 s"))
        #expect(probe.cancelled == 1)
    }
}

extension HealthMonitorTests {
    @Test("An attempt that answers at once does not wait for its timer, even on a clock that never moves")
    func quickAttempt() async {
        let clock = ManualClock()
        let monitor = HealthMonitor(check: HealthCheck(kind: .tcp, timeoutSeconds: 3, port: 1), probe: ScriptedProbe(clock: clock), clock: clock)
        for _ in 0..<50 { #expect(await monitor.attempt() == .passed("ok")) }
        #expect(clock.sleeperCount == 0)
    }
}
