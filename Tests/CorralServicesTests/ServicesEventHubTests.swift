import CorralModel
import Foundation
import Synchronization
import Testing

@testable import CorralServices

/// Each reader of the event stream gets every event, and one that stops reading is dropped once
/// it falls `limit` events behind: Services never keeps events for it without bound.
@Suite struct ServicesEventHubTests {
    func event(_ n: Int) -> ServicesEvent { ServicesEvent(at: Time(seconds: Double(n)), kind: .streamAttached(remoteAddress: "r\(n)")) }

    /// A reader cancelled while an event is handed to it: cancelling holds the reader task's
    /// lock and runs the stream's termination, which takes the hub's; handing the event over
    /// held the hub's lock and wanted the task's. The Marathon event stream's test run stalled
    /// on it. Both sides run on threads of their own here, so a deadlock fails the test instead
    /// of stalling the run.
    @Test func readersCancelledWhileEventsArePublishedNeverDeadlock() async {
        let hub = ServicesEventHub()
        let stop = Atomic(false)
        let done = Latch<Void>()
        let publisher = Thread {
            while !stop.load(ordering: .relaxed) { hub.publish(event(0)) }
        }
        let canceller = Thread {
            for _ in 0..<3000 {
                let reader = Task.detached { for await _ in hub.subscribe() {} }
                usleep(20)
                reader.cancel()
            }
            done.complete(())
        }
        publisher.start()
        canceller.start()
        let finished = await Task { await done.wait() }.result(within: .seconds(60)) != nil
        stop.store(true, ordering: .relaxed)
        #expect(finished, "publishing and cancelling readers deadlocked")
    }

    @Test func aReaderThatFallsBehindIsDroppedAndTheOthersCarryOn() async {
        let hub = ServicesEventHub(limit: 3)
        let slow = hub.subscribe()
        let keeping = hub.subscribe()
        var keepingIterator = keeping.makeAsyncIterator()
        for n in 1...3 {
            hub.publish(event(n))
            _ = await keepingIterator.next()
        }
        hub.publish(event(4))
        #expect(hub.subscriberCount == 1)
        var got: [Double] = []
        for await event in slow { got.append(event.at.seconds) }
        #expect(got == [1, 2, 3])
        #expect(await keepingIterator.next()?.at.seconds == 4)
        hub.finishAll()
        #expect(await keepingIterator.next() == nil)
    }
}
