import CorralJobs
import CorralModel
import CorralSDK
import CorralTesting
import Logging
import Testing

/// Jobs as a framework against a master the test plays: what it asks of the master when.
@Suite(.timeLimit(.minutes(1))) struct JobsOffersTests {
    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "scripted-framework", agentID: "a1", hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 4), .scalar("mem", 4096)]).allocated(to: "*"))
    }

    /// A run that comes due while offers are being declined for long (nothing was due, and
    /// offers were not suppressed yet) makes Jobs revive, so the run does not wait out the
    /// 30 s filter.
    @Test func runThatComesDueDuringALongDeclineRevives() async throws {
        let master = ScriptedMaster()
        let clock = ManualClock(now: Time(seconds: 1_764_064_800))
        let jobs = try JobsFramework(store: JobsStore(path: nil), clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await jobs.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await jobs.isSubscribed })

        // A run due now takes the first of two offers; with nothing else due the second is
        // declined for long, and the next run comes due while that decline is on its way.
        try await jobs.put(JobDefinition(name: "now", command: "true", schedule: "R/2030-01-01T00:00:00Z/PT1H", disk: 0, concurrent: true))
        try await jobs.runNow("now")
        master.hold("DECLINE")
        master.emit(.offers([offer(1), offer(2)]))
        #expect(await eventually { master.heldCount == 1 })
        guard case .decline(_, let filters)? = master.calls.last, filters.refuseSeconds == 30 else {
            Issue.record("expected a 30 s decline, saw \(master.calls.map(\.typeName))")
            return
        }
        #expect(master.calls.contains { $0.typeName == "ACCEPT" })
        try await jobs.runNow("now")
        master.release()

        #expect(await eventually { master.calls.drop { $0.typeName != "DECLINE" }.contains { $0.typeName == "REVIVE" } }, "calls: \(master.calls.map(\.typeName))")
        master.emit(.offers([offer(3)]))
        #expect(await eventually { master.calls.filter { $0.typeName == "ACCEPT" }.count == 2 })
    }

    @Test func aRefusalByTheMasterEndsRunWithItsMessage() async throws {
        let master = ScriptedMaster()
        let jobs = try JobsFramework(store: JobsStore(path: nil), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await jobs.run(transport: master) }
        #expect(await eventually { await jobs.isSubscribed })
        master.emit(.error("Framework is not authorized"))
        await #expect(throws: SchedulerDriverError.refused("Framework is not authorized")) { try await running.value(within: .seconds(30)) }
    }
}
