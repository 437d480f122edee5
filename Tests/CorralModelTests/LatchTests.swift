import CorralModel
import Synchronization
import Testing

@Suite struct LatchTests {
    @Test func aHandlerGivenBeforeTheValueRunsOnceWhenItComesAndLaterValuesAreIgnored() {
        let latch = Latch<Int>()
        let seen = Mutex<[Int]>([])
        latch.whenComplete { value in seen.withLock { $0.append(value) } }
        #expect(seen.withLock { $0 }.isEmpty)
        latch.complete(7)
        latch.complete(8)
        #expect(seen.withLock { $0 } == [7])
        #expect(latch.result == 7)
    }

    @Test func aHandlerGivenAfterTheValueRunsAtOnce() {
        let latch = Latch(completed: "ended")
        let seen = Mutex<String?>(nil)
        latch.whenComplete { value in seen.withLock { $0 = value } }
        #expect(seen.withLock { $0 } == "ended")
    }

    @Test func waitersAndHandlersAllGetTheValue() async {
        let latch = Latch<Int>()
        let seen = Mutex<Int>(0)
        latch.whenComplete { value in seen.withLock { $0 += value } }
        async let waited = latch.wait()
        latch.complete(5)
        #expect(await waited == 5)
        #expect(seen.withLock { $0 } == 5)
    }
}
