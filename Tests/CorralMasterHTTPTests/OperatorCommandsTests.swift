import CorralHTTPServer
import CorralModel
import CorralOperatorClient
import CorralOperatorCommands
import CorralSDK
import CorralSDKHTTP
import CorralTesting
import Hummingbird
import Logging
import Synchronization
import Testing

/// `corral task|agent|framework` against Corral's master over HTTP: the listings, a task named
/// by the start of its ID, an operator's kill (KILL_TASK) that the framework hears, who may
/// kill, and what a master that cannot kill (Apache Mesos's) or cannot be reached comes to.
@Suite(.timeLimit(.minutes(2))) struct OperatorCommandsTests {
    static let failFast = (try? HTTPClients.client(caFile: nil, retryingConnections: false)) ?? .shared

    /// Launches each of its commands once, one per offer, and records every task's latest state.
    actor Launcher: Scheduler {
        var waiting: [(id: String, command: String)]
        private(set) var states: [TaskID: TaskState] = [:]

        init(_ commands: [(id: String, command: String)]) { waiting = commands }

        func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
            var unused = offers
            while !waiting.isEmpty, let offer = unused.first {
                unused.removeFirst()
                let (id, command) = waiting.removeFirst()
                let resources = (try? Resources(parsing: "cpus:0.1;mem:16")) ?? Resources()
                let task = TaskInfo(name: id, taskID: TaskID(id), agentID: offer.agentID, resources: resources, command: .shell(command))
                try? await driver.launch([task], on: [offer.id], filters: Filters(refuseSeconds: 0))
            }
            try? await driver.decline(unused.map(\.id), filters: Filters(refuseSeconds: 1))
        }

        func update(_ driver: SchedulerDriver, _ status: TaskStatus) async { states[status.taskID] = status.state }

        func state(_ id: TaskID) -> TaskState? { states[id] }

        func launched(running: TaskID, finished: TaskID) -> Bool { states[running] == .running && states[finished] == .finished }
    }

    /// A cluster of two agents running "sleepy-1" (a sleep) and "echo" (already finished) for a
    /// framework "cli-test"; `body` gets the master's address and the launcher.
    func withTasks(authenticator: HTTPAuthenticator = .none, acls: ACLs = .allowAll, _ body: @Sendable (MasterAddress, Launcher) async throws -> Void) async throws {
        try await HTTPTestCluster.run(agents: 2, authenticator: authenticator, acls: acls) { cluster, master in
            let launcher = Launcher([("sleepy-1", "sleep 60"), ("echo", "echo hi")])
            let driver = SchedulerDriver(scheduler: launcher, framework: FrameworkInfo(name: "cli-test"), transport: cluster.transport)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await driver.run() }
                #expect(await eventually { await launcher.launched(running: "sleepy-1", finished: "echo") })
                try await body(master, launcher)
                await driver.stop()
                group.cancelAll()
            }
        }
    }

    @Test func listsTheClusterAndKillsATaskByTheStartOfItsID() async throws {
        try await withTasks { master, launcher in
            let session = OperatorSession(master: master, client: Self.failFast)
            let snapshot = try await session.snapshot()
            #expect(AgentLine.lines(of: snapshot).map(\.status) == [.active, .active])
            #expect(FrameworkLine.lines(of: snapshot).map(\.framework.info.name) == ["cli-test"])
            #expect(TaskLine.lines(of: snapshot, includeCompleted: false).map(\.task.id) == ["sleepy-1"])
            #expect(TaskLine.lines(of: snapshot, includeCompleted: true).map(\.task.id) == ["echo", "sleepy-1"])

            let task = try session.task("sle", framework: "cli-test", in: snapshot, preferringLive: true)
            #expect(try await session.kill(task, wait: .seconds(20), poll: .milliseconds(50)) == .ended(.killed))
            // The framework heard of it, as of any kill.
            #expect(await eventually { await launcher.state("sleepy-1") == .killed })
            // Killed again (the record in hand still says RUNNING): the master says it ended.
            #expect(try await session.kill(task, wait: .seconds(5)) == .alreadyEnded(.killed))
        }
    }

    @Test func aTaskNobodyHasIsNotFoundAndTheMasterSays404ToItsKill() async throws {
        try await withTasks { master, _ in
            let session = OperatorSession(master: master, client: Self.failFast)
            let snapshot = try await session.snapshot()
            #expect(throws: OperatorCommandError.noSuchTask("nope", framework: nil, master: master)) {
                try session.task("nope", framework: nil, in: snapshot)
            }
            let frameworkID = try #require(snapshot.frameworks.first?.id)
            await #expect(throws: SchedulerHTTPError.self) {
                try await OperatorClient(master: master, client: Self.failFast).killTask(TaskKey(frameworkID, "ghost"))
            }
            let ghost = SampleTask.record("ghost", frameworkID)
            await #expect(throws: OperatorCommandError.noSuchTask("ghost", framework: frameworkID.value, master: master)) {
                try await session.kill(ghost, wait: nil)
            }
        }
    }

    @Test func onlyAPrincipalThatMayTearTheFrameworkDownMayKillItsTasks() async throws {
        let authenticator = HTTPAuthenticator(
            credentials: Credentials([Credential(principal: "ops", secret: "o"), Credential(principal: "viewer", secret: "v")]),
            requiredRealms: [MesosRealm.readwrite, MesosRealm.readonly])
        let acls = ACLs(permissive: true, rules: [
            .teardownFrameworks: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .any, objects: .none)]
        ])
        try await withTasks(authenticator: authenticator, acls: acls) { master, _ in
            let anonymous = OperatorSession(master: master, client: Self.failFast)
            await #expect(throws: OperatorCommandError.self) { _ = try await anonymous.snapshot() }
            let viewer = OperatorSession(master: master, credential: Credential(principal: "viewer", secret: "v"), client: Self.failFast)
            let task = try viewer.task("sleepy-1", framework: nil, in: try await viewer.snapshot())
            do throws(OperatorCommandError) {
                _ = try await viewer.kill(task, wait: nil)
                Issue.record("the viewer killed the task")
            } catch {
                guard case .masterRefused(_, 403, let message) = error else { Issue.record("\(error)"); return }
                #expect(message.contains("may not kill the tasks of framework"))
            }
            let ops = OperatorSession(master: master, credential: Credential(principal: "ops", secret: "o"), client: Self.failFast)
            #expect(try await ops.kill(task, wait: .seconds(20), poll: .milliseconds(50)) == .ended(.killed))
        }
    }

    @Test func aMasterWithoutTheCallCannotKillAndSaysSo() async throws {
        // What Apache Mesos answers to a call type it does not know.
        let router = Router()
        router.post("/api/v1") { _, _ in
            Response(status: .badRequest, body: ResponseBody(byteBuffer: ByteBuffer(string: "Failed to convert JSON into Call protobuf: Failed to find enum for 'KILL_TASK'")))
        }
        let ports = AsyncStream.makeStream(of: Int.self)
        let mesos = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { ports.continuation.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await mesos.run() }
            var iterator = ports.stream.makeAsyncIterator()
            let master = MasterAddress(host: "127.0.0.1", port: try #require(await iterator.next()))
            let session = OperatorSession(master: master, client: Self.failFast)
            do throws(OperatorCommandError) {
                _ = try await session.kill(SampleTask.record("web.1", "F1"), wait: .seconds(1))
                Issue.record("killed on a master without KILL_TASK")
            } catch {
                #expect(error.exitStatus == .cannotKill)
                #expect("\(error)".contains("cannot kill tasks for an operator"))
            }
            group.cancelAll()
        }
    }

    @Test func aMasterThatIsNotThereIsSaidSoAtOnce() async throws {
        let nowhere = MasterAddress(host: "127.0.0.1", port: 1)
        let started = ContinuousClock.now
        do throws(OperatorCommandError) {
            _ = try await OperatorSession(master: nowhere, client: Self.failFast).snapshot()
            Issue.record("reached a master on port 1")
        } catch {
            #expect(error == .masterUnreachable(nowhere, reason: "Connection refused"))
            #expect(error.exitStatus == .masterUnreachable)
        }
        // A client that retries connections gives up only at the request's deadline (30 s, with
        // the same "Connection refused"); the bound leaves room for a machine busy with every
        // other test (9.6 s was seen under load).
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

enum SampleTask {
    static func record(_ id: TaskID, _ frameworkID: FrameworkID) -> TaskRecord {
        TaskRecord(
            id: id, name: id.value, frameworkID: frameworkID, agentID: "S1", role: "*", resources: Resources(), command: nil, state: .running,
            launchedAt: .zero)
    }
}
