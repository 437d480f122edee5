import Testing
@testable import CorralMesosJSON
@testable import CorralModel

@Suite struct CredentialsTests {
    @Test func readsMesosJSONTextAndSingleCredentialFiles() throws {
        let json = #"{"credentials":[{"principal":"ops","secret":"s3cret"},{"principal":"web","secret":"w"}]}"#
        #expect(try CredentialsFile.credentials(from: json) == [Credential(principal: "ops", secret: "s3cret"), Credential(principal: "web", secret: "w")])
        #expect(try CredentialsFile.credentials(from: "ops s3cret\n\nweb\tw\n") == [Credential(principal: "ops", secret: "s3cret"), Credential(principal: "web", secret: "w")])
        #expect(try CredentialsFile.credential(from: #"{"principal":"agent","secret":"a"}"#) == Credential(principal: "agent", secret: "a"))
    }

    @Test func userColonPasswordAsMarathonAndChronosTakeIt() {
        #expect(Credential(userColonPassword: "admin:s3cret") == Credential(principal: "admin", secret: "s3cret"))
        for bad in ["admin", ":pw", "admin:", "admin:a:b", ""] { #expect(Credential(userColonPassword: bad) == nil, "\(bad)") }
    }

    @Test func malformedFilesSayWhere() {
        #expect(throws: CredentialsFile.Problem(description: "line 2: expected 'principal secret', got 3 field(s)")) {
            try CredentialsFile.credentials(from: "a b\nc d e\n")
        }
        #expect(throws: CredentialsFile.Problem.self) { try CredentialsFile.credentials(from: #"{"credentials":[{"secret":"x"}]}"#) }
        #expect(throws: CredentialsFile.Problem(description: "expected one credential, found 2")) {
            try CredentialsFile.credential(from: "a b\nc d\n")
        }
    }

    @Test func basicHeadersRoundTripAndASecretWithAColonNeverAuthenticates() {
        let credential = Credential(principal: "ops", secret: "s3cret")
        #expect(Credential(basicAuthorization: credential.basicAuthorization) == credential)
        #expect(Credential(basicAuthorization: "basic  " + Base64.encode(Array("ops:s3cret".utf8))) == credential)
        #expect(Credential(basicAuthorization: "Basic " + Base64.encode(Array("ops:a:b".utf8))) == nil)
        #expect(Credential(basicAuthorization: "Basic not base64!") == nil)
        #expect(Credential(basicAuthorization: "Bearer abc") == nil)
        #expect(Credential(basicAuthorization: "Basic " + Base64.encode(Array(":x".utf8))) == nil)
    }

    @Test func acceptsOnlyAKnownPrincipalWithItsSecret() {
        let credentials = Credentials([Credential(principal: "ops", secret: "s3cret")])
        #expect(credentials.accepts(Credential(principal: "ops", secret: "s3cret")))
        #expect(!credentials.accepts(Credential(principal: "ops", secret: "s3cre")))
        #expect(!credentials.accepts(Credential(principal: "ops", secret: "s3cret!")))
        #expect(!credentials.accepts(Credential(principal: "web", secret: "s3cret")))
    }
}

@Suite struct ACLsTests {
    let acls = try! ACLs(json: """
        {"permissive": false,
         "register_frameworks": [{"principals": {"values": ["web"]}, "roles": {"values": ["web"]}},
                                 {"principals": {"type": "ANY"}, "roles": {"type": "NONE"}}],
         "run_tasks": [{"principals": {"values": ["web"]}, "users": {"values": ["nobody"]}},
                       {"principals": {"type": "NONE"}, "users": {"type": "ANY"}}],
         "teardown_frameworks": [{"principals": {"values": ["ops"]}, "framework_principals": {"type": "ANY"}}]}
        """)

    @Test func theFirstRuleThatMatchesDecidesThenPermissive() {
        #expect(acls.allows(.registerFrameworks, principal: "web", object: "web"))
        #expect(!acls.allows(.registerFrameworks, principal: "web", object: "db"))
        #expect(!acls.allows(.registerFrameworks, principal: "ops", object: "web"))
        #expect(acls.allows(.registerFrameworks, principal: "web", objects: ["web"]))
        #expect(!acls.allows(.registerFrameworks, principal: "web", objects: ["web", "db"]))
        #expect(acls.allows(.runTasks, principal: "web", object: "nobody"))
        #expect(!acls.allows(.runTasks, principal: "web", object: "root"))
        // NONE as principals matches only requests that were not authenticated.
        #expect(acls.allows(.runTasks, principal: nil, object: "root"))
        #expect(acls.allows(.teardownFrameworks, principal: "ops", object: "web"))
        #expect(!acls.allows(.teardownFrameworks, principal: "web", object: "web"))
        #expect(!acls.allows(.updateWeights, principal: "ops", object: "web"))
        #expect(ACLs.allowAll.allows(.updateWeights, principal: nil, object: "web"))
    }

    @Test func aMisspeltActionOrTypeIsRefusedWithItsPlace() {
        #expect(throws: MesosJSONError.self) { try ACLs(json: #"{"run_task": []}"#) }
        do {
            _ = try ACLs(json: #"{"run_tasks": [{"principals": {"type": "ALL"}, "users": {"type": "ANY"}}]}"#)
            Issue.record("expected a refusal")
        } catch {
            #expect("\(error)".contains("run_tasks[0].principals.type"))
        }
    }
}

@Suite struct ClusterViewTests {
    static func snapshot() -> ClusterSnapshot {
        func framework(_ id: FrameworkID, user: String) -> FrameworkSnapshot {
            FrameworkSnapshot(
                info: FrameworkInfo(user: user, name: id.value, id: id), id: id, active: true, connected: true, registeredAt: Time(seconds: 0),
                dominantShare: 0, used: Resources(), offered: Resources(), taskCount: 1, offerCount: 0)
        }
        func task(_ id: TaskID, of framework: FrameworkID, user: String?) -> TaskRecord {
            var command = CommandInfo.shell("true")
            command.user = user
            return TaskRecord(id: id, name: id.value, frameworkID: framework, agentID: "a", role: "*", resources: Resources(), command: command, state: .running, statuses: [], launchedAt: Time(seconds: 0))
        }
        var snapshot = ClusterSnapshot(time: Time(seconds: 1), startedAt: Time(seconds: 0), masterInfo: MasterInfo(id: "m", hostname: "h", version: "1"))
        snapshot.frameworks = [framework("f-alice", user: "alice"), framework("f-bob", user: "bob")]
        snapshot.tasks = [task("a1", of: "f-alice", user: nil), task("b1", of: "f-bob", user: nil), task("b2", of: "f-bob", user: "alice")]
        return snapshot
    }

    @Test func aPrincipalSeesOnlyFrameworksAndTasksOfUsersItMayView() {
        let acls = ACLs(permissive: false, rules: [
            .viewFrameworks: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .some(["alice"]), objects: .some(["alice"]))],
            .viewTasks: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .some(["alice"]), objects: .some(["alice"]))],
        ])
        var ops = ClusterView(acls: acls, principal: "ops")
        let opsSees = ops.filter(Self.snapshot())
        #expect(opsSees == Self.snapshot())

        var alice = ClusterView(acls: acls, principal: "alice")
        let seen = alice.filter(Self.snapshot())
        #expect(seen.frameworks.map(\.id) == ["f-alice"])
        // A task runs as its command's user, else its framework's.
        #expect(seen.tasks.map(\.id) == ["a1", "b2"])
        let ownUpdate = alice.admits(.taskUpdated(TaskKey("f-alice", "a1"), status: TaskStatus(taskID: "a1", state: .finished)))
        let othersUpdate = alice.admits(.taskUpdated(TaskKey("f-bob", "b1"), status: TaskStatus(taskID: "b1", state: .finished)))
        let othersRemoval = alice.admits(.frameworkRemoved("f-bob", name: "f-bob"))
        #expect(ownUpdate && !othersUpdate && !othersRemoval)

        var anonymous = ClusterView(acls: acls, principal: nil)
        let anonymousSees = anonymous.filter(Self.snapshot())
        #expect(anonymousSees.frameworks.isEmpty)
        #expect(ClusterView(acls: .allowAll, principal: nil).seesEverything)
    }
}

extension ClusterViewTests {
    /// A command task's executor is named after the task and carries its container's usage
    /// (`/monitor/statistics`, `/metrics`): it is hidden with its last visible task, and a task
    /// group's executor with a hidden task shows no usage.
    @Test func anAgentsExecutorGoesWithItsLastVisibleTask() {
        let acls = ACLs(permissive: false, rules: [
            .viewFrameworks: [ACLs.Rule(principals: .some(["alice"]), objects: .any)],
            .viewTasks: [ACLs.Rule(principals: .some(["alice"]), objects: .some(["alice"]))],
        ])
        func task(_ id: TaskID, user: String) -> TaskRecord {
            var command = CommandInfo.shell("true")
            command.user = user
            return TaskRecord(
                id: id, name: id.value, frameworkID: "f", agentID: "a", role: "*", resources: Resources(), command: command, state: .running,
                statuses: [], launchedAt: Time(seconds: 0))
        }
        func executor(_ id: TaskID, user: String, with others: [TaskRecord] = []) -> AgentExecutorState {
            AgentExecutorState(
                info: ExecutorInfo(executorID: ExecutorID(id.value), kind: nil), source: id.value, containerID: ContainerID("1-\(id)"), directory: "",
                tasks: [task(id, user: user)] + others, statistics: ResourceStatistics(timestamp: 1))
        }
        var framework = AgentFrameworkState(info: FrameworkInfo(user: "alice", name: "web", id: "f"))
        let group = executor("group", user: "alice", with: [task("group-bobs", user: "bob")])
        framework.executors = [executor("mine", user: "alice"), executor("bobs", user: "bob"), group]
        framework.completedExecutors = [executor("bobs-old", user: "bob")]
        let state = AgentState(
            info: AgentInfo(id: "a", hostname: "h", resources: Resources()), time: Time(seconds: 1), startedAt: Time(seconds: 0), version: "1",
            registered: true, frameworks: [framework])
        let seen = ClusterView(acls: acls, principal: "alice").filter(state)
        #expect(seen.frameworks.first?.executors.map(\.info.executorID) == ["mine", "group"])
        #expect(seen.frameworks.first?.completedExecutors.isEmpty == true)
        // The task group's executor keeps alice's task but not the container's usage, bob's in it.
        #expect(seen.frameworks.first?.executors.last?.tasks.map(\.id) == ["group"])
        #expect(seen.frameworks.first?.executors.first?.statistics != nil)
        #expect(seen.frameworks.first?.executors.last?.statistics == nil)
        #expect(ClusterView(acls: .allowAll, principal: nil).filter(state) == state)
    }
}

/// Numbers from the wire that once trapped, read where they enter.
@Suite struct WireNumberTests {
    @Test func durationsOutsideZeroToAHundredYearsAreRefusedNamingTheField() throws {
        for bad in ["1e300", "-1", "\"NaN\"", "\"Infinity\""] {
            let json = #"{"type":"COMMAND","command":{"value":"true"},"timeout_seconds":\#(bad)}"#
            #expect(throws: MesosJSONError.self) { try HealthCheck(mesosJSON: try MesosJSON.parse(Array(json.utf8))) }
            do {
                _ = try HealthCheck(mesosJSON: try MesosJSON.parse(Array(json.utf8)))
            } catch {
                #expect(error.description.hasPrefix("timeout_seconds: expected a number of seconds"))
            }
        }
        let fine = #"{"type":"COMMAND","command":{"value":"true"},"timeout_seconds":2.5}"#
        #expect(try HealthCheck(mesosJSON: try MesosJSON.parse(Array(fine.utf8))).timeoutSeconds == 2.5)
        // Filters are capped and defaulted as Mesos's master does, not refused.
        #expect(try Filters(mesosJSON: try MesosJSON.parse(Array(#"{"refuse_seconds":1e308}"#.utf8))).refuseSeconds == MesosJSONObject.maximumSeconds)
        #expect(try Filters(mesosJSON: try MesosJSON.parse(Array(#"{"refuse_seconds":"NaN"}"#.utf8))).refuseSeconds == Filters.default.refuseSeconds)
    }

    @Test func waitsClampInsteadOfTrapping() {
        #expect(Duration.clampedSeconds(1e300) == .seconds(MesosJSONObject.maximumSeconds))
        #expect(Duration.clampedSeconds(.infinity) == .seconds(MesosJSONObject.maximumSeconds))
        #expect(Duration.clampedSeconds(.nan) == .zero)
        #expect(Duration.clampedSeconds(-5) == .zero)
        #expect(Duration.clampedSeconds(1.5) == .milliseconds(1500))
    }

    @Test func rangesAsWideAsUInt64CountAndYieldPortsWithoutWalkingThem() {
        let everything = ValueRanges([1...UInt64.max])
        #expect(everything.count == .max)
        #expect(ValueRanges([0...UInt64.max]).count == .max)
        #expect(everything.first(3, within: 1...65535) == [1, 2, 3])
        #expect(ValueRanges([70000...80000, 31000...31001]).first(5, within: 1...65535) == [31000, 31001])
        #expect(ValueRanges([65534...UInt64.max]).first(5, within: 1...65535) == [65534, 65535])
    }
}
