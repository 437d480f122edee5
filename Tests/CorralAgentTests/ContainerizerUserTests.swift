import CorralModel
import Foundation
import Testing

@testable import CorralAgent

/// `--switch-user`: a task and its checks run as its user, in a sandbox that user owns.
@Suite("Containerizer users", .timeLimit(.minutes(2)), .enabled(if: geteuid() == 0, "switching users needs root"))
struct ContainerizerUserTests {
    @Test(
        "A task runs as its user, groups and all, and owns its sandbox and output (a spare sandbox too)",
        arguments: [IsolationRequest.auto, .posix], [false, true])
    func taskRunsAsItsUser(isolation: IsolationRequest, spares: Bool) async throws {
        let nobody = try #require(TaskUser.lookUp("nobody"))
        try await Fixture.withContainerizer(isolation, spares: spares) { containerizer, scratch in
            if spares {
                _ = try await containerizer.launch(Fixture.spec("before", .shell("exit 0"), in: scratch))
                containerizer.prepareAhead()
            }
            var spec = Fixture.spec("as-nobody", .shell("touch made; id -u; id -g; id -G; exec sleep 600"), in: scratch)
            spec.user = nobody
            _ = try await containerizer.launch(spec)
            // `made` comes first: once the three lines are out, it is there.
            #expect(await Fixture.eventually { Fixture.contents(spec.sandbox + "/stdout").split(separator: "\n").count == 3 })
            let lines = Fixture.contents(spec.sandbox + "/stdout").split(separator: "\n").map(String.init)
            #expect(lines == ["\(nobody.uid)", "\(nobody.gid)", nobody.groups.map(String.init).joined(separator: " ")])
            if spares { #expect(!SystemFile.entries(of: scratch + "/spares").contains("sandbox-2"), "the sandbox was a spare") }
            for file in ["", "/stdout", "/stderr", "/made"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: spec.sandbox + file)
                #expect((attributes[.ownerAccountID] as? NSNumber)?.uint32Value == nobody.uid, "\(file)")
            }
            // Its health checks run as it too.
            #expect(try await containerizer.exec(.shell("test $(id -u) = \(nobody.uid)"), environment: ["PATH": "/usr/bin:/bin"], in: "as-nobody", outputName: "check", as: nobody) == .exited(0))
        }
    }

    @Test("A user who does not exist is not found, and root's own tasks keep root")
    func lookUp() {
        #expect(TaskUser.lookUp("no-such-user-\(UInt32.random(in: 0...UInt32.max))") == nil)
        #expect(TaskUser.lookUp("") == nil)
        #expect(TaskUser.lookUp("root")?.uid == 0)
    }
}

/// The agent picks the user: the command's, else the framework's; an unknown one fails the task.
@Suite("Agent task users", .timeLimit(.minutes(2)), .enabled(if: geteuid() == 0, "switching users needs root"))
struct AgentTaskUserTests {
    @Test func theCommandsUserElseTheFrameworksAndAnUnknownUserFailsTheTask() async throws {
        try await AgentHarness.run(isolation: .posix) { harness in
            func launch(_ id: TaskID, user: String?, framework: String) {
                var command = CommandInfo.shell("id -un; exec sleep 600")
                command.user = user
                let task = TaskInfo(name: id.value, taskID: id, agentID: "agent-1", resources: (try? Resources(parsing: "cpus:0.1;mem:32")) ?? Resources(), command: command)
                var info = AgentHarness.framework
                info.user = framework
                harness.agent.send(.launch(LaunchRequest(framework: info, tasks: [task])))
            }
            launch("by-command", user: "nobody", framework: "root")
            launch("by-framework", user: nil, framework: "nobody")
            launch("unknown", user: "no-such-user-here", framework: "root")

            let failed = await harness.waitFor("unknown") { $0.state == .failed }
            #expect(failed?.message?.contains("no-such-user-here") == true)
            for id: TaskID in ["by-command", "by-framework"] {
                await harness.waitFor(id) { $0.state == .running }
                let agentID = try #require(await harness.agent.agentID)
                let work = await harness.agent.configuration.workDirectory
                let sandbox = Sandbox(workDirectory: work, agentID: agentID, frameworkID: "framework-1", taskID: id)
                #expect(await Fixture.eventually { Fixture.contents(sandbox.stdoutPath) == "nobody\n" }, "\(id): \(Fixture.contents(sandbox.stdoutPath))")
            }
        }
    }
}
