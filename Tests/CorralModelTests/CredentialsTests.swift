import Testing
@testable import CorralModel

@Suite struct CredentialsTests {
    @Test func readsMesosJSONTextAndSingleCredentialFiles() throws {
        let json = #"{"credentials":[{"principal":"ops","secret":"s3cret"},{"principal":"web","secret":"w"}]}"#
        #expect(try CredentialsFile.credentials(from: json) == [Credential(principal: "ops", secret: "s3cret"), Credential(principal: "web", secret: "w")])
        #expect(try CredentialsFile.credentials(from: "ops s3cret\n\nweb\tw\n") == [Credential(principal: "ops", secret: "s3cret"), Credential(principal: "web", secret: "w")])
        #expect(try CredentialsFile.credential(from: #"{"principal":"agent","secret":"a"}"#) == Credential(principal: "agent", secret: "a"))
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
