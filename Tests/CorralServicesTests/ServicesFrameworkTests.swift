import CorralModel
import CorralSDK
import CorralTesting
import Foundation
import Logging
import Testing

@testable import CorralServices

/// Services as a framework against a master the test plays: what it asks of the master when.
@Suite(.timeLimit(.minutes(1))) struct ServicesFrameworkTests {
    func offer(_ number: Int) -> Offer {
        Offer(id: OfferID("o\(number)"), frameworkID: "scripted-framework", agentID: "a1", hostname: "h1", role: "*",
              resources: Resources([.scalar("cpus", 4), .scalar("mem", 4096)]).allocated(to: "*"))
    }

    /// Offers declined for long while nothing was wanted hide their agents for 30 s. An app
    /// created while that decline is still on its way must make Services revive, or it would
    /// wait out the filter.
    @Test func demandThatComesUpDuringALongDeclineRevives() async throws {
        let master = ScriptedMaster()
        let services = try ServicesFramework(store: ServicesStore(path: nil), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await services.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await services.frameworkID != nil })

        master.hold("DECLINE")
        master.emit(.offers([offer(1)]))
        #expect(await eventually { master.heldCount == 1 })
        guard case .decline(_, let filters)? = master.calls.last, filters.refuseSeconds == 30 else {
            Issue.record("expected a 30 s decline, saw \(master.calls.map(\.typeName))")
            return
        }
        // The app arrives while Services is still inside its answer to the offers.
        var app = AppDefinition(id: "/web", cmd: "serve", instances: 1)
        app.cpus = 0.5
        _ = try await services.create(app)
        master.release()

        #expect(await eventually { master.calls.contains { $0.typeName == "REVIVE" } }, "calls: \(master.calls.map(\.typeName))")
        let afterDecline = master.calls.drop { $0.typeName != "DECLINE" }
        #expect(afterDecline.contains { $0.typeName == "REVIVE" })

        // With the filter cleared the next offer takes the app.
        master.emit(.offers([offer(2)]))
        #expect(await eventually { master.calls.contains { $0.typeName == "ACCEPT" } })
    }

    /// Durable before acting: while the ACCEPT that launches an instance is on its way, the
    /// instance is already in the store, so a crash then leaves a task to reconcile, never one
    /// Services forgot.
    @Test func anInstanceIsStoredBeforeItsLaunchIsSent() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("services-durable-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let master = ScriptedMaster()
        let services = try ServicesFramework(store: ServicesStore(workDirectory: directory), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await services.run(transport: master) }
        defer { running.cancel() }
        #expect(await eventually { await services.frameworkID != nil })
        var app = AppDefinition(id: "/web", cmd: "serve", instances: 1)
        app.cpus = 0.5
        _ = try await services.create(app)
        #expect(try ServicesStore(workDirectory: directory).apps().map(\.definition.id) == ["/web"], "the app was acknowledged before it was stored")

        master.hold("ACCEPT")
        master.emit(.offers([offer(1)]))
        #expect(await eventually { master.heldCount == 1 })
        let stored = try ServicesStore(workDirectory: directory).instances()
        #expect(stored.map(\.appID.path) == ["/web"], "the launch went out before the instance was stored")
        master.release()
    }

    @Test func aRefusalByTheMasterEndsRunWithItsMessage() async throws {
        let master = ScriptedMaster()
        let services = try ServicesFramework(store: ServicesStore(path: nil), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let running = Task { try await services.run(transport: master) }
        #expect(await eventually { await services.frameworkID != nil })
        master.emit(.error("Framework is not authorized"))
        await #expect(throws: SchedulerDriverError.refused("Framework is not authorized")) { try await running.value(within: .seconds(30)) }
    }
}
