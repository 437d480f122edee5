import CorralModel
import CorralTesting
import Glibc
import Testing

/// The tests' own waiting: awaiting a task is bounded, so a test that waits on a task that never
/// ends fails by itself instead of stalling the run; blocking work goes to a thread of its own.
@Suite(.timeLimit(.minutes(1))) struct BoundedWaitTests {
    struct Refused: Error, Equatable {}

    @Test func aTaskThatNeverEndsIsGivenUpOnAndCancelled() async {
        let never = Latch<Int>()  // a wait no cancellation ends
        let stuck = Task { await never.wait() }
        #expect(await stuck.value(within: .milliseconds(50)) == nil)
        #expect(stuck.isCancelled)
        never.complete(0)
    }

    @Test func aTaskThatEndsGivesItsValueOrItsError() async throws {
        #expect(await Task { 7 }.value(within: .seconds(30)) == 7)
        await #expect(throws: Refused()) { try await Task { throw Refused() }.value(within: .seconds(30)) }
    }

    @Test func blockingWorkLeavesThePoolFreeAndGivesBackItsResult() async throws {
        // Four blocked threads, twice as many as CI's machines have cores: on the cooperative pool
        // they would hold every thread, and the task that sets the flag they wait for could not run.
        let flag = Latch<Bool>()
        let blocked = (0..<4).map { _ in
            Task {
                await onOwnThread { () -> Bool in
                    let deadline = ContinuousClock.now + .seconds(10)
                    while flag.result == nil, ContinuousClock.now < deadline { usleep(1000) }
                    return flag.result ?? false
                }
            }
        }
        Task { flag.complete(true) }
        for task in blocked { #expect(await task.value(within: .seconds(30)) == true) }
        await #expect(throws: Refused()) { try await onOwnThread { () throws -> Int in throw Refused() } }
    }
}
