import CorralCluster
import CorralModel
import CorralSDK
import CorralTesting
import Testing

@testable import CorralAgent

#if canImport(Glibc)
import Glibc
#endif

/// Real `/bin/sh` tasks on an in-process cluster, through the SDK.
@Suite(.timeLimit(.minutes(2))) struct TaskLifecycleTests {
    @Test func commandThatExitsZeroFinishesWithItsOutputAndEnvironmentInTheSandbox() async throws {
        try await TestCluster.withFramework { cluster, framework in
            try await framework.launch("hello", #"echo "task=$MESOS_TASK_ID sandbox=$MESOS_SANDBOX"; echo err >&2"#)
            let finished = await framework.waitFor("hello", .finished)

            #expect(await framework.scheduler.states(of: "hello") == [.starting, .running, .finished])
            #expect(finished?.source == .executor)
            #expect(finished?.uuid?.count == 16)
            let agentID = try #require(await framework.scheduler.agent(of: "hello"))
            let frameworkID = try #require(await framework.driver.frameworkID)
            let sandbox = try #require(await cluster.sandbox(of: TaskKey(frameworkID, "hello"), on: agentID))
            #expect(try contents(sandbox.stdoutPath) == "task=hello sandbox=\(sandbox.directory)\n")
            #expect(try contents(sandbox.stderrPath) == "err\n")
        }
    }

    @Test func nonZeroExitFailsWithTheStatusInTheMessage() async throws {
        try await TestCluster.withFramework { cluster, framework in
            try await framework.launch("three", "exit 3")
            let failed = await framework.waitFor("three", .failed)
            #expect(failed?.reason == .commandExecutorFailed)
            #expect(failed?.message == "Command exited with status 3")
        }
    }

    @Test func killSendsTermAndTheTaskEndsKilled() async throws {
        try await TestCluster.withFramework { cluster, framework in
            try await framework.launch("polite", "trap 'echo bye; exit 0' TERM; sleep 600 & wait")
            await framework.waitFor("polite", .running)
            try await framework.driver.kill("polite")
            await framework.waitFor("polite", .killed)
            #expect(await framework.scheduler.states(of: "polite") == [.starting, .running, .killing, .killed])
        }
    }

    @Test func taskThatIgnoresTermIsKilledAfterTheGracePeriod() async throws {
        try await TestCluster.withFramework { cluster, framework in
            let marker = "corral-test-stubborn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try await framework.launch("stubborn", "trap '' TERM; sleep 600; echo \(marker)", killGrace: 0.5)
            await framework.waitFor("stubborn", .running)
            #expect(await eventually { !processes(containing: marker).isEmpty })
            try await framework.driver.kill("stubborn")
            await framework.waitFor("stubborn", .killing)
            // Still alive during the grace period: TERM was ignored.
            #expect(await framework.scheduler.latest(of: "stubborn")?.state == .killing)
            let killed = await framework.waitFor("stubborn", .killed)
            #expect(killed?.message == "Command terminated by signal SIGKILL")
            #expect(processes(containing: marker).isEmpty)
        }
    }

    @Test func taskOverItsMemoryLimitFailsWithMemoryLimitationUnderCgroups() async throws {
        try await TestCluster.withFramework { cluster, framework in
            // 32 MB allowed, 256 MB wanted: `tail` keeps the whole (newline-free) line in memory.
            try await framework.launch("hungry", "head -c 268435456 /dev/zero | tail > /dev/null", resources: "cpus:0.5;mem:32")
            if cluster.isolation.hasPrefix("cgroups") {
                let failed = await framework.waitFor("hungry", .failed)
                #expect(failed?.reason == .containerLimitationMemory)
                #expect(failed?.message?.contains("Memory limit") == true)
            } else {
                // posix: no limit is enforced, so the command runs to its end.
                print("cgroups are not writable here (\(cluster.isolationReason)): checking posix mode instead")
                await framework.waitFor("hungry", .finished)
            }
        }
    }

    @Test func posixIsolationRunsTasksToo() async throws {
        try await TestCluster.withFramework(isolation: .posix) { cluster, framework in
            #expect(cluster.isolation == "posix")
            try await framework.launch("plain", "true")
            await framework.waitFor("plain", .finished)
        }
    }

    @Test func invalidLaunchIsAnErrorStatusAndTheClusterCarriesOn() async throws {
        try await TestCluster.withFramework(resources: "cpus:1;mem:256") { cluster, framework in
            let offers = await eventually { !(await framework.scheduler.heldOffers.isEmpty) }
            #expect(offers)
            let offer = try #require(await framework.scheduler.takeOffer())
            let tooBig = TaskInfo(name: "big", taskID: "big", agentID: offer.agentID, resources: try Resources(parsing: "cpus:2;mem:64"), command: .shell("true"))
            try await framework.driver.launch([tooBig], on: [offer.id], filters: Filters(refuseSeconds: 0))
            let error = await framework.waitFor("big", .error)
            #expect(error?.reason == .taskInvalid)
            #expect(error?.source == .master)
            #expect(error?.uuid == nil)

            try await framework.launch("fine", "true")
            await framework.waitFor("fine", .finished)
            #expect(await cluster.master.invariantViolations() == [])
        }
    }

    /// On a manual clock: the agent re-sends when the test moves the clock past the retry
    /// interval, not on a real-time beat.
    @Test func unacknowledgedUpdateIsResentUntilAcknowledged() async throws {
        let clock = ManualClock()
        try await TestCluster.withFramework(statusRetryInterval: .seconds(10), clock: clock, implicitAcknowledgements: false) { cluster, framework in
            try await framework.launch("quiet", "sleep 600")
            let starting = try #require(await framework.waitFor("quiet", .starting))
            // Unacknowledged, STARTING comes again (same uuid) and RUNNING waits behind it.
            clock.advance(by: .seconds(10))
            #expect(await eventually { await framework.scheduler.statuses.filter { $0.uuid == starting.uuid }.count >= 2 })
            #expect(await framework.scheduler.states(of: "quiet").allSatisfy { $0 == .starting })

            try await framework.driver.acknowledge(starting)
            let running = try #require(await framework.waitFor("quiet", .running))
            try await framework.driver.acknowledge(running)
            let seen = await framework.scheduler.statuses.count
            // Acknowledged: the agent keeps no timer for re-sends.
            #expect(await eventually { await cluster.agents[0].armedDeadline == nil })
            for _ in 0..<3 { #expect(await clock.advanceUntilSettled(by: .seconds(20))) }  // three retry periods: nothing more may come
            #expect(await framework.scheduler.statuses.count == seen)
        }
    }

    @Test func nothingIsLeftRunningWhenTheClusterStops() async throws {
        let marker = "corral-test-leftover-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try await TestCluster.withFramework { cluster, framework in
            try await framework.launch("long", "sleep 600; echo \(marker)")
            await framework.waitFor("long", .running)
            #expect(await eventually { !processes(containing: marker).isEmpty })
        }
        #expect(processes(containing: marker).isEmpty)
    }

    @Test func usageIsSampledFromTheContainer() async throws {
        try await TestCluster.withFramework(usageInterval: .milliseconds(200)) { cluster, framework in
            try await framework.launch("busy", "while :; do :; done", resources: "cpus:1;mem:64")
            await framework.waitFor("busy", .running)
            let frameworkID = try #require(await framework.driver.frameworkID)
            let busy = await eventually {
                (await cluster.master.snapshot().taskUsage[TaskKey(frameworkID, "busy")]?.cpusUsed ?? 0) > 0.3
            }
            #expect(busy)
            let usage = await cluster.master.snapshot().taskUsage[TaskKey(frameworkID, "busy")]
            #expect((usage?.memoryBytes ?? 0) > 0)
        }
    }
}

func contents(_ path: String) throws -> String {
    guard let file = fopen(path, "r") else { throw POSIXError(errno) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[..<count] }
    return String(decoding: bytes, as: UTF8.self)
}

struct POSIXError: Error {
    var code: Int32
    init(_ code: Int32) { self.code = code }
}
