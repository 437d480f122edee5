import CorralHTTPTesting
import CorralTesting
import Foundation
import Testing

/// What Marathon's clients and deploy tools rely on beyond the basics: `/ping` as JSON, the
/// filters and embeds of `/v2/apps`, 201 for a PUT that creates, 409 while a deployment runs.
extension MarathonAPITests {
    @Test func pingAnswersJSONToAClientThatAsksForJSONAndTextToOthers() async throws {
        try await withMarathon { http in
            let json = try await http.send("GET", "/ping", headers: [("Accept", "application/json")])
            #expect(json.status == 200)
            #expect(json.body == #""pong""#)
            #expect(json.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("application/json") })
            let text = try await http.send("GET", "/ping", headers: [("Accept", "*/*")])
            #expect(text.body == "pong")
            #expect(text.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain") })
            #expect(try await http.send("GET", "/ping").body == "pong")
        }
    }

    @Test func appsAreFilteredByIDCommandAndLabelsAndCarryWhatEmbedAsksFor() async throws {
        try await withMarathon { http in
            let apps = [
                #"{"id": "/shop/web", "cmd": "exec serve --web", "instances": 0, "labels": {"tier": "web", "team": "shop"}}"#,
                #"{"id": "/shop/db", "cmd": "exec postgres", "instances": 0, "labels": {"tier": "db", "team": "shop"}}"#,
                #"{"id": "/ops/webhook", "cmd": "exec hook", "instances": 0}"#,
            ]
            for app in apps { #expect(try await post(http, "/v2/apps", app).status == 201) }
            func ids(_ query: String) async throws -> [String] {
                let answer = try await http.send("GET", "/v2/apps" + query)
                return (json(answer)["apps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }.sorted()
            }
            #expect(try await ids("?id=WEB") == ["/ops/webhook", "/shop/web"])
            #expect(try await ids("?id=/shop/") == ["/shop/db", "/shop/web"])
            #expect(try await ids("?cmd=POSTGRES") == ["/shop/db"])
            #expect(try await ids("?label=tier==web") == ["/shop/web"])
            #expect(try await ids("?label=team==shop,tier!=web") == ["/shop/db"])
            #expect(try await ids("?label=tier") == ["/shop/db", "/shop/web"])
            #expect(try await ids("?label=tier%20in%20(db,%20web)&id=db") == ["/shop/db"])

            let bare = (json(try await http.send("GET", "/v2/apps?id=/shop/web"))["apps"] as? [[String: Any]])?.first ?? [:]
            #expect(bare["tasksRunning"] as? Int == 0 && bare["deployments"] is [Any])
            #expect(bare["tasks"] == nil && bare["lastTaskFailure"] == nil && bare["taskStats"] == nil)
            let embedded = (json(try await http.send("GET", "/v2/apps?id=/shop/web&embed=apps.tasks&embed=apps.taskStats&embed=apps.readiness"))["apps"] as? [[String: Any]])?.first ?? [:]
            #expect(embedded["tasks"] is [Any] && embedded["taskStats"] is [String: Any] && embedded["readinessCheckResults"] is [Any])
            // The single app carries its tasks, as Marathon's.
            #expect((json(try await http.send("GET", "/v2/apps/shop/web"))["app"] as? [String: Any])?["tasks"] is [Any])

            let badEmbed = try await http.send("GET", "/v2/apps?embed=apps.everything")
            #expect(badEmbed.status == 400 && badEmbed.body.contains("apps.everything"))
            let badLabel = try await http.send("GET", "/v2/apps?label=tier%20=%20web")
            #expect(badLabel.status == 400 && badLabel.body.contains("label"))
        }
    }

    @Test func aPutThatCreatesIs201WithItsLocationAndAChangeWhileDeployingIsLockedUnlessForced() async throws {
        try await withMarathon { http in
            let created = try await post(http, "/v2/apps/shop/huge", #"{"cmd": "exec sleep 600", "cpus": 64, "mem": 16}"#, method: "PUT")
            #expect(created.status == 201)
            #expect(created.headers.contains { $0.0.lowercased() == "location" && $0.1 == "/v2/apps/shop/huge" })
            let deployment = try #require(json(created)["deploymentId"] as? String)
            #expect(json(created)["version"] is String)

            // No agent fits 64 cpus: its deployment runs on, and the app is locked.
            let locked = try await post(http, "/v2/apps/shop/huge", #"{"instances": 2}"#, method: "PUT")
            #expect(locked.status == 409)
            #expect((json(locked)["message"] as? String)?.hasPrefix("App is locked by one or more deployments.") == true)
            #expect((json(locked)["deployments"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [deployment])
            #expect(try await post(http, "/v2/apps/shop/huge/restart", "").status == 409)
            #expect(try await post(http, "/v2/apps", #"[{"id": "/shop/huge", "instances": 3}]"#, method: "PUT").status == 409)
            // A delete too, as Marathon's: locked unless forced.
            let undeleted = try await http.send("DELETE", "/v2/apps/shop/huge")
            #expect(undeleted.status == 409)
            #expect((json(undeleted)["deployments"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == [deployment])

            let forced = try await post(http, "/v2/apps/shop/huge?force=true", #"{"instances": 2, "cpus": 0.1}"#, method: "PUT")
            #expect(forced.status == 200)
            #expect(json(forced)["deploymentId"] as? String != deployment)
            #expect(await eventually { (try? await running(http, "shop/huge")) == 2 })
            // Settled: no longer locked, and a change is a 200.
            #expect(await eventually {
                (try? await post(http, "/v2/apps/shop/huge", #"{"instances": 0}"#, method: "PUT"))?.status == 200
            })
        }
    }

    @Test func readinessChecksAreValidatedNamingTheFieldKeptAndReturned() async throws {
        try await withMarathon { http in
            let app = #"{"id": "/ready", "cmd": "exec serve", "instances": 0, "portDefinitions": [{"port": 0, "name": "http-api"}], "readinessChecks": [{"name": "ready", "path": "/ready", "portName": "http-api", "intervalSeconds": 5, "timeoutSeconds": 2, "httpStatusCodesForReady": [200, 204], "preserveLastResponse": true}]}"#
            #expect(try await post(http, "/v2/apps", app).status == 201)
            let stored = (json(try await http.send("GET", "/v2/apps/ready"))["app"] as? [String: Any])?["readinessChecks"] as? [[String: Any]]
            #expect(stored?.first?["path"] as? String == "/ready")
            #expect(stored?.first?["httpStatusCodesForReady"] as? [Int] == [200, 204])
            #expect(stored?.first?["protocol"] as? String == "HTTP" && stored?.first?["preserveLastResponse"] as? Bool == true)

            let wrong: [(String, String, String)] = [
                (#"{"portName": "admin"}"#, "/readinessChecks(0)/portName", "admin"),
                (#"{"portName": "http-api", "protocol": "FTP"}"#, "/readinessChecks(0)/protocol", "FTP"),
                (#"{"portName": "http-api", "intervalSeconds": 5, "timeoutSeconds": 9}"#, "/readinessChecks(0)/timeoutSeconds", "9"),
                (#"{"portName": "http-api", "httpStatusCodesForReady": [999]}"#, "/readinessChecks(0)/httpStatusCodesForReady", "999"),
                (#"{"portName": "http-api", "intervalSeconds": "soon"}"#, "/readinessChecks(0)/intervalSeconds", "Double"),
            ]
            for (check, path, value) in wrong {
                let body = #"{"id": "/bad-ready", "cmd": "x", "portDefinitions": [{"name": "http-api"}], "readinessChecks": [\#(check)]}"#
                let answer = try await post(http, "/v2/apps", body)
                #expect(answer.status == 422, "\(check)")
                let detail = (json(answer)["details"] as? [[String: Any]] ?? []).first { $0["path"] as? String == path }
                #expect((detail?["errors"] as? [String])?.first?.contains(value) == true, "\(check): \(answer.body)")
            }
        }
    }

    @Test func versionsListNewestFirstAndEachAnswersTheDefinitionAsOfIt() async throws {
        try await withMarathon { http in
            #expect(try await post(http, "/v2/apps", #"{"id": "/shop/web", "cmd": "exec serve --v1", "instances": 0}"#).status == 201)
            let first = try #require((json(try await http.send("GET", "/v2/apps/shop/web"))["app"] as? [String: Any])?["version"] as? String)
            #expect(try await post(http, "/v2/apps/shop/web", #"{"cmd": "exec serve --v2"}"#, method: "PUT").status == 200)
            let versions = json(try await http.send("GET", "/v2/apps/shop/web/versions"))["versions"] as? [String] ?? []
            #expect(versions.count == 2 && versions.last == first)
            let old = json(try await http.send("GET", "/v2/apps/shop/web/versions/\(first)"))
            #expect(old["cmd"] as? String == "exec serve --v1" && old["version"] as? String == first)
            let newest = json(try await http.send("GET", "/v2/apps/shop/web/versions/\(versions.first ?? "")"))
            #expect(newest["cmd"] as? String == "exec serve --v2")

            let missing = try await http.send("GET", "/v2/apps/shop/web/versions/2001-01-01T00:00:00.000Z")
            #expect(missing.status == 404 && missing.body.contains("2001-01-01T00:00:00.000Z"))
            #expect(try await http.send("GET", "/v2/apps/nothing/versions").status == 404)
        }
    }

    @Test func deletingADeploymentRollsItBackOrWithForceJustStopsIt() async throws {
        try await withMarathon { http in
            let events = EventReader(http)
            defer { events.task.cancel() }
            #expect(await eventually { events.types.contains("event_stream_attached") })
            // No agent fits 64 cpus: the start stays in progress until it is cancelled.
            let started = json(try await post(http, "/v2/apps", #"{"id": "/huge", "cmd": "exec sleep 600", "cpus": 64, "mem": 16}"#))
            let start = try #require((started["deployments"] as? [[String: Any]])?.first?["id"] as? String)
            let undone = try await http.send("DELETE", "/v2/deployments/\(start)")
            #expect(undone.status == 200)
            #expect(json(undone)["deploymentId"] is String && json(undone)["deploymentId"] as? String != start && json(undone)["version"] is String)
            #expect(try await http.send("GET", "/v2/apps/huge").status == 404)
            // A rollback is a change of the whole tree, as Marathon tells it.
            let rollbackVersion = json(undone)["version"] as? String
            #expect(await eventually { events.events("group_change_success").contains { $0["groupId"] as? String == "/" && $0["version"] as? String == rollbackVersion } })

            // One instance per agent, two agents: a scale to 5 stays in progress.
            let unique = #"{"id": "/spread", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1, "constraints": [["hostname", "UNIQUE"]]}"#
            _ = try await post(http, "/v2/apps", unique)
            #expect(await eventually { (try? await running(http, "spread")) == 1 })
            #expect(await eventually { (try? await post(http, "/v2/apps/spread", #"{"instances": 5}"#, method: "PUT"))?.status == 200 })
            let scale = try #require((json(try await http.send("GET", "/v2/apps/spread"))["app"] as? [String: Any])?["deployments"] as? [[String: Any]]).first?["id"] as? String
            let rolledBack = try await http.send("DELETE", "/v2/deployments/\(scale ?? "")")
            #expect(rolledBack.status == 200 && json(rolledBack)["deploymentId"] is String)
            #expect((json(try await http.send("GET", "/v2/apps/spread"))["app"] as? [String: Any])?["instances"] as? Int == 1)

            // With force, the deployment just stops: the app keeps what it was asked for.
            #expect(await eventually { (try? await post(http, "/v2/apps/spread", #"{"instances": 4}"#, method: "PUT"))?.status == 200 })
            let forced = try #require((json(try await http.send("GET", "/v2/apps/spread"))["app"] as? [String: Any])?["deployments"] as? [[String: Any]]).first?["id"] as? String
            #expect(try await http.send("DELETE", "/v2/deployments/\(forced ?? "")?force=true").status == 202)
            #expect((json(try await http.send("GET", "/v2/apps/spread"))["app"] as? [String: Any])?["instances"] as? Int == 4)
            let unknown = try await http.send("DELETE", "/v2/deployments/no-such-plan")
            #expect(unknown.status == 404 && unknown.body.contains("no-such-plan"))
        }
    }

    @Test func pluginsAreAnEmptyListAndMetricsAreMarathonsJSON() async throws {
        try await withMarathon { http in
            let plugins = try await http.send("GET", "/v2/plugins")
            #expect(plugins.status == 200 && (json(plugins)["plugins"] as? [Any])?.isEmpty == true)
            _ = try await post(http, "/v2/apps", #"{"id": "/counted", "cmd": "exec sleep 600", "instances": 0}"#)
            let metrics = json(try await http.send("GET", "/metrics"))
            #expect(metrics["version"] is String)
            for key in ["counters", "histograms", "meters", "timers"] { #expect(metrics[key] is [String: Any], "\(key)") }
            let gauges = metrics["gauges"] as? [String: [String: Any]] ?? [:]
            #expect(gauges["service.mesosphere.marathon.app.count"]?["value"] as? Double == 1)
            #expect(gauges["service.mesosphere.marathon.uptime"]?["value"] is Double)
            #expect((metrics["counters"] as? [String: [String: Any]])?["corral.services.tasks.launched"]?["count"] is Int)
        }
    }
}
