import CorralHTTPTesting
import CorralTesting
import Foundation
import Testing

/// `/v2/groups` beyond create and change, over a real embedded cluster: a dry run, a rollback
/// to a version, the group's apps, the group's change events and its steps per dependency level.
extension MarathonAPITests {
    func array(_ answer: RawHTTP.Answer) -> [[String: Any]] {
        ((try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [[String: Any]]) ?? []
    }

    @Test func aGroupIsDryRunRolledBackAndListedAsMarathonDoesIt() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        try await withMarathon { http in
            let events = EventReader(http)
            defer { events.task.cancel() }
            #expect(await eventually { events.types.contains("event_stream_attached") })
            func app(_ id: String, _ extra: String = "") -> String {
                #"{"id": "\#(id)", "cmd": "exec sleep 600.\#(marker)", "cpus": 0.1, "mem": 16\#(extra)}"#
            }
            let first = try await post(http, "/v2/groups", #"{"id": "roll", "apps": [\#(app("db")), \#(app("web", #", "dependencies": ["db"]"#))]}"#)
            #expect(first.status == 201, "\(first.body)")
            let version = try #require(json(first)["version"] as? String)
            #expect(await eventually { ((try? await running(http, "roll/web")) ?? 0) == 1 })
            // As Marathon's group manager: the change is told when taken, under the changed group's parent.
            #expect(await eventually { events.events("group_change_success").contains { $0["groupId"] as? String == "/" && $0["version"] as? String == version } })
            let info = events.events("deployment_info").first { (($0["plan"] as? [String: Any])?["id"] as? String) == json(first)["deploymentId"] as? String }
            let steps = ((info?["plan"] as? [String: Any])?["steps"] as? [[String: Any]])?.map { ($0["actions"] as? [[String: String]])?.compactMap { $0["app"] } ?? [] }
            #expect(steps == [["/roll/db", "/roll/web"], ["/roll/db"], ["/roll/web"]], "starts, then one step per dependency level")
            // Marathon tells plans, not apps: one info and one success for the two apps' plan, a
            // step success per step in order, and the plan's apps as its target.
            let planID = json(first)["deploymentId"] as? String
            @Sendable func ofPlan(_ type: String) -> [[String: Any]] {
                events.events(type).filter { ((($0["plan"] as? [String: Any])?["id"] ?? $0["id"]) as? String) == planID }
            }
            #expect(await eventually { ofPlan("deployment_success").count == 1 })
            #expect(ofPlan("deployment_info").count == 1)
            let target = ((info?["plan"] as? [String: Any])?["target"] as? [String: Any])?["apps"] as? [[String: Any]]
            #expect(target?.compactMap { $0["id"] as? String } == ["/roll/db", "/roll/web"])
            let done = ofPlan("deployment_step_success").map { (($0["currentStep"] as? [String: Any])?["actions"] as? [[String: String]])?.compactMap { $0["app"] } ?? [] }
            #expect(done == steps, "each step once, in order")

            let change = #"{"apps": [\#(app("db")), \#(app("cache"))]}"#
            let dry = try await post(http, "/v2/groups/roll?dryRun=true", change, method: "PUT")
            #expect(dry.status == 200, "\(dry.body)")
            let planned = (json(dry)["steps"] as? [[String: Any]])?.compactMap { ($0["actions"] as? [[String: String]])?.first }
            #expect(planned?.map { $0["action"] ?? "" } == ["StopApplication", "StartApplication", "ScaleApplication"])
            #expect(planned?.map { $0["app"] ?? "" } == ["/roll/web", "/roll/cache", "/roll/cache"])
            #expect(try await http.send("GET", "/v2/apps/roll/cache").status == 404, "a dry run changes nothing")

            #expect(try await post(http, "/v2/groups/roll?force=true", change, method: "PUT").status == 200)
            #expect(array(try await http.send("GET", "/v2/groups/roll/apps")).compactMap { $0["id"] as? String } == ["/roll/cache", "/roll/db"])

            let rolledBack = try await post(http, "/v2/groups/roll?force=true", #"{"version": "\#(version)"}"#, method: "PUT")
            #expect(rolledBack.status == 200, "\(rolledBack.body)")
            #expect(json(rolledBack)["deploymentId"] is String && (json(rolledBack)["version"] as? String ?? "") > version)
            #expect(array(try await http.send("GET", "/v2/groups/roll/apps")).compactMap { $0["id"] as? String } == ["/roll/db", "/roll/web"])
            #expect(await eventually { ((try? await running(http, "roll/web")) ?? 0) == 1 })

            let unknown = try await post(http, "/v2/groups/roll", #"{"version": "2001-01-01T00:00:00.000Z"}"#, method: "PUT")
            #expect(unknown.status == 404 && json(unknown)["message"] as? String == "Group '/roll' not available in version 2001-01-01T00:00:00.000Z")
            #expect(try await http.send("GET", "/v2/groups/nothing/apps").status == 404)
            #expect(try await http.send("DELETE", "/v2/groups/roll?force=true").status == 200)
            // As in Marathon, a deleted group keeps its versions and comes back by one.
            #expect(try await http.send("GET", "/v2/groups/roll").status == 404)
            let kept = try await http.send("GET", "/v2/groups/roll/versions")
            #expect(kept.status == 200 && kept.body.contains(version), "\(kept.body)")
            #expect(try await post(http, "/v2/groups/roll?force=true", #"{"version": "\#(version)"}"#, method: "PUT").status == 200)
            #expect(array(try await http.send("GET", "/v2/groups/roll/apps")).compactMap { $0["id"] as? String } == ["/roll/db", "/roll/web"])
            #expect(try await http.send("DELETE", "/v2/groups/roll?force=true").status == 200)
        }
    }

    /// An app that fits no agent holds its group's deployment at its dependency level; a change
    /// meanwhile is refused, and a forced cancel ends the plan as failed.
    @Test func aGroupDeploymentShowsItsStepsAndFailsWhenCancelled() async throws {
        try await withMarathon { http in
            let events = EventReader(http)
            defer { events.task.cancel() }
            #expect(await eventually { events.types.contains("event_stream_attached") })
            let body = #"{"id": "stuck", "apps": [{"id": "db", "cmd": "sleep 1", "cpus": 100, "mem": 16}, {"id": "web", "cmd": "sleep 1", "cpus": 0.1, "mem": 16, "dependencies": ["db"]}]}"#
            let created = try await post(http, "/v2/groups", body)
            let id = try #require(json(created)["deploymentId"] as? String)
            let deployment = try #require(array(try await http.send("GET", "/v2/deployments")).first { $0["id"] as? String == id })
            #expect(deployment["totalSteps"] as? Int == 3 && deployment["currentStep"] as? Int == 2, "\(deployment)")
            #expect((deployment["currentActions"] as? [[String: Any]])?.map { "\($0["action"] ?? "") \($0["app"] ?? "")" } == ["ScaleApplication /stuck/db"])
            // A change while it deploys is refused, and told as Marathon tells it.
            let locked = try await post(http, "/v2/groups/stuck", #"{"scaleBy": 2}"#, method: "PUT")
            #expect(locked.status == 409, "\(locked.body)")
            #expect(await eventually {
                events.events("group_change_failed").contains { $0["groupId"] as? String == "/" && ($0["reason"] as? String)?.contains("locked") == true }
            })
            #expect(try await http.send("DELETE", "/v2/deployments/\(id)?force=true").status == 202)
            // The plan never finished: it ends as failed, once.
            #expect(await eventually { events.events("deployment_failed").filter { $0["id"] as? String == id }.count == 1 })
            #expect(events.events("deployment_success").allSatisfy { $0["id"] as? String != id })
            #expect(try await http.send("DELETE", "/v2/groups/stuck?force=true").status == 200)
        }
    }
}
