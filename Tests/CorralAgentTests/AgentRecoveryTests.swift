import CorralModel
import CorralTesting
import Foundation
import Testing

@testable import CorralAgent

#if canImport(Glibc)
import Glibc
#endif

/// An agent stopped as SIGTERM stops it, and started again on the same work directory: its
/// tasks ran on under their supervisors, and it takes them over with the same ID, reports the
/// ends it missed with their real outcome, and sends again what its framework never
/// acknowledged. Real processes, on this host.
@Suite(.timeLimit(.minutes(2))) struct AgentRecoveryTests {
    static let framework = FrameworkInfo(name: "test", id: "framework-1", capabilities: [.taskKillingState])

    func configuration(_ work: String, bootID: String = "boot-1", recovery: AgentConfiguration.Recovery = .reconnect) throws -> AgentConfiguration {
        var configuration = AgentConfiguration(name: Fixture.uniqueName("agent"), resources: try Resources(parsing: "cpus:4;mem:2048"), workDirectory: work)
        configuration.stopping = .leaveTasksRunning
        configuration.bootID = bootID
        configuration.recovery = recovery
        return configuration
    }

    /// Runs an agent until `body` returns, then stops it as a signal would.
    func withAgent(_ configuration: AgentConfiguration, master: RecordingMaster, _ body: (Agent) async throws -> Void) async throws {
        let agent = try Agent(configuration: configuration, logger: Fixture.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await agent.run(master: master) }
            defer { group.cancelAll() }
            #expect(await eventually { await !master.inventories.isEmpty }, "the agent did not register")
            try await body(agent)
        }
    }

    /// Kills what the agent left running and removes its cgroups: stopped as by SIGTERM, it
    /// keeps them for its next start.
    func cleanUp(_ configuration: AgentConfiguration) async {
        let containerizer = try? Containerizer(
            name: configuration.name, isolation: configuration.isolation, recordsDirectory: configuration.checkpointDirectory + "/containers", logger: Fixture.logger)
        await containerizer?.destroyAll()
        try? FileManager.default.removeItem(atPath: configuration.workDirectory)
    }

    func launch(_ agent: Agent, _ id: TaskID, _ command: String) throws {
        let task = TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: try Resources(parsing: "cpus:0.1;mem:64"), command: .shell(command))
        agent.send(.launch(LaunchRequest(framework: Self.framework, tasks: [task])))
    }

    func states(_ master: RecordingMaster, _ id: TaskID) async -> [TaskState] { await master.statuses(of: id).map(\.state) }

    /// The task's process and its supervisor, by the supervisor's record of them.
    func pids(_ work: String) -> (supervisor: pid_t, task: pid_t)? {
        let containers = work + "/meta/containers"
        return SystemFile.entries(of: containers).lazy.filter { $0.hasSuffix(".supervisor") }.compactMap { SupervisorRecords.pids(in: containers + "/" + $0) }.first
    }

    func taskPID(_ work: String) -> pid_t? { pids(work)?.task }

    func alive(_ pid: pid_t) -> Bool { Glibc.kill(pid, 0) == 0 && !(ProcessStat.read(pid)?.isZombie ?? true) }

    /// Stopped as by SIGTERM, an agent keeps the cgroups its running tasks are in, and removes
    /// its own when nothing runs in them.
    @Test func anAgentStoppedWithNothingRunningLeavesNoCgroupBehind() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let configuration = try configuration(work)
        defer { try? FileManager.default.removeItem(atPath: work) }
        var roots: [String] = []
        try await withAgent(configuration, master: RecordingMaster()) { agent in roots = await agent.containerizer.cgroupRoots }
        #expect(roots.allSatisfy { !FileManager.default.fileExists(atPath: $0) }, "\(roots)")

        let master = RecordingMaster()
        try await withAgent(configuration, master: master) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { await states(master, "long").contains(.running) })
        }
        #expect(roots.allSatisfy { FileManager.default.fileExists(atPath: $0) }, "a running task's cgroups stay: \(roots)")
        await cleanUp(configuration)
    }

    @Test func aRestartedAgentTakesOverItsRunningTaskWithTheSameIDAndCanStillKillIt() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let configuration = try configuration(work)
        let first = RecordingMaster()
        try await withAgent(configuration, master: first) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { await states(first, "long").contains(.running) })
        }
        let pid = try #require(taskPID(work))
        #expect(alive(pid), "the task died with its agent")
        // Its supervisor holds nothing of the agent's: not its sockets, not its output.
        let supervisor = try #require(pids(work)?.supervisor)
        #expect(SystemFile.entries(of: "/proc/\(supervisor)/fd").sorted() == ["0", "1", "2"])

        let second = RecordingMaster()
        try await withAgent(configuration, master: second) { agent in
            #expect(await agent.agentID == "agent-1")
            let inventory = try #require(await second.inventories.first)
            #expect(inventory.tasks.map(\.task.taskID) == ["long"] && inventory.tasks.map(\.state) == [.running])
            #expect(inventory.frameworks.map(\.id) == ["framework-1"])
            agent.send(.kill("framework-1", "long", nil))
            #expect(await eventually { await states(second, "long").last == .killed })
            #expect(await eventually { !alive(pid) })
        }
        await cleanUp(configuration)
    }

    /// A task's end reaches the agent from the reaper's thread, once; the watch that carried it
    /// is then dropped (the agent used to keep one for every task it ever ran).
    @Test func eachEndIsReportedOnceAndLeavesNoWatchBehind() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-watch")
        let configuration = try configuration(work)
        let master = RecordingMaster()
        try await withAgent(configuration, master: master) { agent in
            for index in 0..<5 { try launch(agent, TaskID("quick-\(index)"), "exit \(index)") }
            try launch(agent, "long", "exec sleep 600")
            for index in 0..<5 {
                #expect(await eventually { await states(master, TaskID("quick-\(index)")).last?.isTerminal == true })
            }
            #expect(await eventually { await states(master, "long").contains(.running) })
            #expect(await agent.watchers.keys.map(\.taskID) == ["long"])
            let containerizer = await agent.containerizer
            if containerizer.mode != .posix {
                #expect(Fixture.spares(of: containerizer).count == 2, "the agent makes the next launches' cgroups ahead")
            }
            for index in 0..<5 {
                let ends = await master.statuses(of: TaskID("quick-\(index)")).filter(\.state.isTerminal)
                #expect(ends.map(\.state) == [index == 0 ? .finished : .failed])
            }
        }
        await cleanUp(configuration)
    }

    /// Launches take their sandboxes and files from spares made ahead; an acknowledged task's
    /// log and record become spares again; a stopped agent leaves none, and one killed leaves
    /// spares its next start removes. Spares are followed by their inodes: a rename keeps them.
    @Test func launchesUseSparesAndNoSpareOutlivesTheAgent() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-spares")
        let configuration = try configuration(work)
        let spares = configuration.checkpointDirectory + "/spares"
        let containers = configuration.checkpointDirectory + "/containers"
        @Sendable func inode(_ path: String) -> ino_t? {
            var info = stat()
            return stat(path, &info) == 0 ? info.st_ino : nil
        }
        @Sendable func spareInodes(_ prefix: String) -> Set<ino_t> { Set(SystemFile.entries(of: spares).filter { $0.hasPrefix(prefix) }.compactMap { inode(spares + "/" + $0) }) }
        let master = RecordingMaster()
        try await withAgent(configuration, master: master) { agent in
            #expect(await eventually { await agent.agentID != nil }, "registered, it hears its ID")
            let agentID = try #require(await agent.agentID)
            func sandbox(_ id: TaskID) -> Sandbox { Sandbox(workDirectory: work, agentID: agentID, frameworkID: "framework-1", taskID: id) }
            try launch(agent, "first", "echo first")
            #expect(await eventually { await states(master, "first").last == .finished })
            // Stable once the spares are made (after the launch was answered) and the task's log
            // and record recycled (once its end was acknowledged).
            #expect(await eventually { spareInodes("sandbox-").count == 2 && spareInodes("file-").count >= 4 && SystemFile.entries(of: containers).isEmpty })
            let (sandboxes, files) = (spareInodes("sandbox-"), spareInodes("file-"))

            try launch(agent, "long", "echo long; exec sleep 600")
            #expect(await eventually { await states(master, "long").contains(.running) })
            let sandboxInode = try #require(inode(sandbox("long").directory))
            #expect(sandboxes.contains(sandboxInode), "the sandbox was a spare")
            #expect(Fixture.contents(sandbox("long").stdoutPath) == "long\n")
            let logs = SystemFile.entries(of: containers).compactMap { inode(containers + "/" + $0) }
            #expect(logs.count == 2 && Set(logs).isSubset(of: files), "the log and the record were spares")

            agent.send(.kill("framework-1", "long", nil))
            #expect(await eventually { await states(master, "long").last == .killed })
            // Every update acknowledged: nothing of the task is left to recover, and its log and
            // record are spares again.
            #expect(await eventually { SystemFile.entries(of: containers).isEmpty }, "\(SystemFile.entries(of: containers))")
            #expect(Set(logs).isSubset(of: spareInodes("file-")))
        }
        #expect(!SystemFile.exists(spares), "a stopped agent removes its spares: \(SystemFile.entries(of: spares))")

        // Spares as a killed agent leaves them: the next start removes them.
        try FileManager.default.createDirectory(atPath: spares + "/sandbox-7", withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: spares + "/file-9", contents: nil))
        let restarted = try Agent(configuration: configuration, logger: Fixture.logger)
        #expect(SystemFile.entries(of: spares).isEmpty)
        _ = restarted
        await cleanUp(configuration)
    }

    /// An embedded agent (`--stopping killTasks`) that stops kills its tasks and unregisters:
    /// nothing is left to come back to, and its checkpoint goes too (one was left on every exit).
    @Test func anEmbeddedAgentThatStopsLeavesNoCheckpoint() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-embedded")
        var configuration = try configuration(work)
        configuration.stopping = .killTasks
        defer { try? FileManager.default.removeItem(atPath: work) }
        let master = RecordingMaster()
        var pid: pid_t?
        try await withAgent(configuration, master: master) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { await states(master, "long").contains(.running) })
            #expect(SystemFile.exists(configuration.checkpointDirectory + "/agent"))
            pid = taskPID(work)
        }
        #expect(!SystemFile.exists(configuration.checkpointDirectory), "\(SystemFile.entries(of: configuration.checkpointDirectory))")
        let task = try #require(pid)
        #expect(!alive(task), "its task was killed")
    }

    @Test func aTaskThatEndedWhileTheAgentWasDownIsReportedWithItsRealExitStatus() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let configuration = try configuration(work)
        let first = RecordingMaster()
        try await withAgent(configuration, master: first) { agent in
            try launch(agent, "waits", "while [ ! -e go ]; do sleep 0.02; done; exit 7")
            #expect(await eventually { await states(first, "waits").contains(.running) })
        }
        let pid = try #require(taskPID(work))
        let sandbox = try #require(Sandbox(workDirectory: work, agentID: "agent-1", frameworkID: "framework-1", taskID: "waits").directory as String?)
        _ = FileManager.default.createFile(atPath: sandbox + "/go", contents: nil)
        #expect(await eventually { !alive(pid) })

        let second = RecordingMaster()
        try await withAgent(configuration, master: second) { _ in
            #expect(await eventually { await states(second, "waits").last == .failed })
            let failed = await second.statuses(of: "waits").last
            #expect(failed?.message == "Command exited with status 7")
            #expect(failed?.reason == .commandExecutorFailed)
        }
        #expect(taskPID(work) == nil, "the checkpoint of an acknowledged end stays behind")
        await cleanUp(configuration)
    }

    @Test func anEndTheFrameworkNeverAcknowledgedIsSentAgainAfterARestart() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let configuration = try configuration(work)
        let silent = RecordingMaster(acknowledges: false)
        try await withAgent(configuration, master: silent) { agent in
            try launch(agent, "quick", "exit 0")
            // STARTING is never acknowledged, so the rest waits behind it.
            #expect(await eventually { await states(silent, "quick") == [.starting] })
            #expect(await eventually { taskPID(work).map { !alive($0) } ?? false })
        }
        let owed = try #require(await silent.statuses(of: "quick").first)

        let second = RecordingMaster()
        try await withAgent(configuration, master: second) { _ in
            #expect(await eventually { await states(second, "quick") == [.starting, .running, .finished] })
            #expect(await second.statuses(of: "quick").first == owed)  // the same update, uuid and all
            let inventory = try #require(await second.inventories.first)
            #expect(inventory.tasks.map(\.state) == [.finished])
        }
        await cleanUp(configuration)
    }

    @Test func afterARebootNothingIsRecoveredButTheAgentKeepsItsID() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let first = try configuration(work, bootID: "boot-1")
        try await withAgent(first, master: RecordingMaster()) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { taskPID(work) != nil })
        }
        // A reboot would have killed it.
        let pid = try #require(taskPID(work))
        Glibc.kill(pid, SIGKILL)
        let after = RecordingMaster()
        try await withAgent(try configuration(work, bootID: "boot-2"), master: after) { agent in
            #expect(await agent.agentID == "agent-1")
            #expect(await after.inventories.first == .empty)
        }
        await cleanUp(first)
    }

    @Test func recoverCleanupKillsWhatTheCheckpointNamesAndStartsClean() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let first = try configuration(work)
        try await withAgent(first, master: RecordingMaster()) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { taskPID(work) != nil })
        }
        let pid = try #require(taskPID(work))
        let after = RecordingMaster()
        try await withAgent(try configuration(work, recovery: .cleanup), master: after) { _ in
            #expect(await after.inventories.first == .empty)
            #expect(await eventually { !alive(pid) })
        }
        await cleanUp(first)
    }

    /// Stopped in the middle of a drain (its task killed, the end not yet acknowledged), the
    /// agent goes on draining when it starts again: it registers saying so, delivers the end,
    /// unregisters and stops. The drain is over then: the next start serves again.
    @Test func anAgentStoppedWhileItDrainsGoesOnDrainingWhenItStartsAgain() async throws {
        let work = NSTemporaryDirectory() + Fixture.uniqueName("corral-recovery")
        let configuration = try configuration(work)
        let silent = RecordingMaster(acknowledges: false)
        try await withAgent(configuration, master: silent) { agent in
            try launch(agent, "long", "exec sleep 600")
            #expect(await eventually { taskPID(work).map(alive) ?? false })
            let pid = try #require(taskPID(work))
            agent.drain()
            #expect(await eventually { await silent.drained && !alive(pid) })
        }

        let second = RecordingMaster()
        let resumed = try Agent(configuration: configuration, logger: Fixture.logger)
        try await resumed.run(master: second)  // returns once drained
        #expect(await second.inventories.first?.draining == true)
        #expect(await states(second, "long").last == .killed)
        #expect(await second.unregistered)

        let third = RecordingMaster()
        try await withAgent(configuration, master: third) { _ in
            #expect(await third.inventories.first == .empty, "a finished drain is not resumed")
        }
        await cleanUp(configuration)
    }
}

