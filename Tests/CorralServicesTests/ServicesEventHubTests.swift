import CorralModel
import Testing

@testable import CorralServices

/// Each reader of the event stream gets every event, and one that stops reading is dropped once
/// it falls `limit` events behind: Services never keeps events for it without bound.
@Suite struct ServicesEventHubTests {
    func event(_ n: Int) -> ServicesEvent { ServicesEvent(at: Time(seconds: Double(n)), kind: .streamAttached(remoteAddress: "r\(n)")) }

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
