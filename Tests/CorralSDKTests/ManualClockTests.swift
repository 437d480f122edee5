import CorralModel
import CorralSDK
import CorralTesting
import Synchronization
import Testing

/// The tests' clock is a Swift `Clock`: sleepers wake, in deadline order, when a test moves it;
/// and the framework's `DeadlineTimer` wakes on it at the deadline it was last armed with.
@Suite(.timeLimit(.minutes(1))) struct ManualClockTests {
    final class Record: Sendable {
        private let items = Mutex<[Int]>([])
        func append(_ item: Int) { items.withLock { $0.append(item) } }
        var all: [Int] { items.withLock { $0 } }
    }

    @Test func sleepersWakeInDeadlineOrderWhenTheClockPassesTheirDeadlines() async throws {
        let clock = ManualClock()
        let woken = Record()
        let start = clock.now
        let sleepers = [3, 1, 2].map { seconds in
            Task {
                try await clock.sleep(until: start + .seconds(seconds), tolerance: nil)
                woken.append(seconds)
            }
        }
        #expect(await eventually { clock.sleeperCount == 3 })
        #expect(clock.nextWake == start + .seconds(1))
        clock.advance(by: .milliseconds(1500))
        #expect(await eventually { woken.all == [1] })
        clock.advance(to: start + .seconds(3))
        for sleeper in sleepers { try await sleeper.value }
        #expect(woken.all.sorted() == [1, 2, 3])
        #expect(clock.now == start + .seconds(3))
    }

    @Test func aWallJumpWakesNobodyAndMovesNoDeadline() async throws {
        let clock = ManualClock()
        let start = clock.now
        let sleeper = Task { try await clock.sleep(for: .seconds(10)) }
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.jumpWall(by: 3600)
        #expect(clock.sleeperCount == 1)
        #expect(clock.now == start)
        #expect(clock.now.wall == start.wall + 3600)
        clock.advance(by: .seconds(10))
        try await sleeper.value
    }

    @Test func aCancelledSleeperThrowsAndLeaves() async throws {
        let clock = ManualClock()
        let sleeper = Task { try await clock.sleep(for: .seconds(10)) }
        #expect(await eventually { clock.sleeperCount == 1 })
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func aDeadlineTimerWakesOnceAtTheDeadlineItWasLastArmedWith() async throws {
        let clock = ManualClock()
        let wakes = Record()
        let timer = DeadlineTimer(clock: clock) { wakes.append(1) }
        timer.arm(at: clock.now + .seconds(60))
        timer.arm(at: clock.now + .seconds(30))  // moved earlier: the first arming is gone
        #expect(await eventually { clock.sleeperCount == 1 })
        clock.advance(by: .seconds(29))
        #expect(timer.deadline == clock.now + .seconds(1))
        clock.advance(by: .seconds(1))
        #expect(await eventually { wakes.all.count == 1 })
        #expect(timer.deadline == nil)
        clock.advance(by: .seconds(60))
        timer.arm(at: nil)
        #expect(wakes.all.count == 1)
    }

    @Test func armingNotAfterADeadlineOnlyEverBringsTheWakeForward() {
        let clock = ManualClock()
        let timer = DeadlineTimer(clock: clock) {}
        let start = clock.now
        timer.arm(notAfter: start + .seconds(60))
        timer.arm(notAfter: start + .seconds(90))
        #expect(timer.deadline == start + .seconds(60))
        timer.arm(notAfter: start + .seconds(30))
        #expect(timer.deadline == start + .seconds(30))
        timer.disarm()
        #expect(timer.deadline == nil)
    }
}
