import CorralMaster
import CorralModel
import CorralTesting
import Logging
import Synchronization
import Testing

/// An agent link that only records what the master sends.
final class RecordingAgentLink: AgentLink {
    private let messages = Mutex<[AgentMessage]>([])
    func send(_ message: AgentMessage) { messages.withLock { $0.append(message) } }
    var received: [AgentMessage] { messages.withLock { $0 } }
}

/// The master actor, on a manual clock: its timers are the clock's sleeps.
@Suite(.timeLimit(.minutes(2))) struct MasterActorTests {
    @Test func outstandingOfferIsRescindedWhenTheClockPassesTheOfferTimeout() async throws {
        let clock = ManualClock()
        var configuration = MasterConfiguration()
        configuration.offerTimeout = .seconds(60)
        configuration.allocationInterval = .seconds(3600)  // the offer's timeout is the next deadline
        let master = try Master(configuration: configuration, clock: clock, seed: 1, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await master.run() }
            let agent = RecordingAgentLink()
            _ = try await master.registerAgent(AgentInfo(hostname: "h", resources: try Resources(parsing: "cpus:2;mem:1024")), isolation: "posix", link: agent)
            var events = await master.subscribe(FrameworkInfo(name: "slow")).makeAsyncIterator()
            guard case .subscribed = await events.next() else { Issue.record("no SUBSCRIBED"); return }
            guard case .offers(let offers) = await events.next() else { Issue.record("no OFFERS"); return }

            // The master sleeps on the clock until the offer times out, and not before.
            let offered = clock.now
            #expect(await eventually { clock.nextWake == offered + .seconds(60) })
            // Nothing happens for 59 seconds of manual time…
            clock.advance(by: .seconds(59))
            #expect(await master.snapshot().offers.count == 1)
            // …then the offer times out.
            clock.advance(by: .seconds(1))
            let next = await events.next()
            #expect(next == .rescind(offers[0].id))
            #expect(await master.invariantViolations() == [])
            await master.shutdown()
            group.cancelAll()
        }
    }
}
