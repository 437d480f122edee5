import CorralHTTPTesting
import CorralTesting
import Foundation
import Testing

/// `/v2/groups` over a real embedded cluster: the tree, a group created with its apps in
/// dependency order, scaled, changed, versioned and deleted, and Marathon's errors.
extension MarathonAPITests {
    func details(_ answer: RawHTTP.Answer) -> [String] {
        (json(answer)["details"] as? [[String: Any]])?.compactMap { $0["path"] as? String } ?? []
    }

    func instances(_ http: RawHTTP, _ id: String) async throws -> Int {
        (json(try await http.send("GET", "/v2/apps/\(id)"))["app"] as? [String: Any])?["instances"] as? Int ?? -1
    }

    @Test func aGroupIsCreatedScaledAndDeletedAsDeployToolsDoIt() async throws {
        let marker = String(UInt32.random(in: 0...UInt32.max))
        try await withMarathon { http in
            let root = json(try await http.send("GET", "/v2/groups"))
            #expect(root["id"] as? String == "/")
            #expect((root["apps"] as? [Any])?.isEmpty == true && (root["pods"] as? [Any])?.isEmpty == true)
            let body = """
                {"id": "shop", "apps": [{"id": "web", "cmd": "exec sleep 600.\(marker)", "cpus": 0.1, "mem": 16, "dependencies": ["db"]},
                  {"id": "db", "cmd": "exec sleep 600.\(marker)", "cpus": 0.1, "mem": 16}],
                 "groups": [{"id": "empty", "dependencies": ["/shop/db"]}]}
                """
            let created = try await post(http, "/v2/groups", body)
            #expect(created.status == 201, "\(created.body)")
            #expect(json(created)["deploymentId"] is String && json(created)["version"] is String)
            #expect(try await post(http, "/v2/groups", body).status == 409)
            #expect(await eventually {
                let web = try? await running(http, "shop/web")
                let db = try? await running(http, "shop/db")
                return web == 1 && db == 1
            })

            let shop = json(try await http.send("GET", "/v2/groups/shop?embed=group.apps&embed=group.groups&embed=group.apps.counts"))
            #expect((shop["apps"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["/shop/db", "/shop/web"])
            #expect((shop["apps"] as? [[String: Any]])?.first?["tasksRunning"] as? Int == 1)
            let empty = (shop["groups"] as? [[String: Any]])?.first
            #expect(empty?["id"] as? String == "/shop/empty" && empty?["dependencies"] as? [String] == ["/shop/db"])
            #expect(shop["pods"] == nil, "embed given without group.pods")

            let scaled = try await post(http, "/v2/groups//shop?force=true", #"{"scaleBy": 1.5}"#, method: "PUT")
            #expect(scaled.status == 200, "\(scaled.body)")
            #expect(try await instances(http, "shop/web") == 2, "ceil(1 × 1.5)")
            let versions = try await http.send("GET", "/v2/groups/shop/versions")
            #expect(((try? JSONSerialization.jsonObject(with: Data(versions.body.utf8))) as? [String])?.isEmpty == false)

            let deleted = try await http.send("DELETE", "/v2/groups/shop?force=true")
            #expect(deleted.status == 200 && json(deleted)["deploymentId"] is String)
            #expect(try await http.send("GET", "/v2/apps/shop/web").status == 404)
            let gone = try await http.send("GET", "/v2/groups/shop")
            #expect(gone.status == 404 && json(gone)["message"] as? String == "Group '/shop' does not exist")
        }
    }

    @Test func badGroupsAre4xxNamingTheField() async throws {
        try await withMarathon { http in
            let cases: [(String, String)] = [
                (#"{"id": "g", "apps": [{"id": "a", "cmd": "x", "cpus": "lots"}]}"#, "/apps(0)/cpus"),
                (#"{"id": "g", "groups": [{"id": "h", "apps": [{"id": "a", "cmd": "x", "instances": -1}]}]}"#, "/groups(0)/apps(0)/instances"),
                (#"{"id": "g", "groups": [{"apps": []}]}"#, "/groups(0)/id"),
                (#"{"id": "g", "scaleBy": true}"#, "/scaleBy"),
                (#"{"id": "g", "apps": [{"id": "a", "cmd": "x", "dependencies": ["b"]}, {"id": "b", "cmd": "x", "dependencies": ["a"]}]}"#, "/dependencies"),
                (#"{"id": "g", "apps": [{"id": "/elsewhere/a", "cmd": "x"}]}"#, "/apps(0)/id"),
                (#"{"id": "Bad Name"}"#, "/id"),
                (#"{"id": "g", "apps": 7}"#, "/apps"),
                (#"{"id": "g", "apps": [{"id": "a", "cmd": "x", "mem": 1e400}]}"#, "/apps(0)/mem"),
            ]
            for (body, path) in cases {
                let answer = try await post(http, "/v2/groups", body)
                #expect(answer.status == 422, "\(body): \(answer.status) \(answer.body)")
                #expect(details(answer).contains(path), "\(body): \(answer.body)")
            }
            let deep = String(repeating: #"{"id": "g", "groups": ["#, count: 40) + String(repeating: "]}", count: 40)
            #expect(try await post(http, "/v2/groups", deep).status == 422)
            #expect(try await post(http, "/v2/groups", "not json").status == 400)
            #expect(try await http.send("GET", "/v2/groups/nothing").status == 404)
            #expect(try await http.send("DELETE", "/v2/groups/nothing").status == 404)
            #expect(try await post(http, "/v2/groups/nothing", #"{"scaleBy": 2}"#, method: "PUT").status == 404)
            #expect(try await http.send("GET", "/v2/groups?embed=group.nonsense").status == 400)
            #expect(try await post(http, "/v2/apps", #"{"id": "/ca", "cmd": "sleep 1", "cpus": 0.1, "mem": 16, "instances": 0, "dependencies": ["/cb"]}"#).status == 201)
            let closing = try await post(http, "/v2/apps/cb", #"{"cmd": "sleep 1", "cpus": 0.1, "mem": 16, "dependencies": ["ca"]}"#, method: "PUT")
            #expect(closing.status == 422 && details(closing) == ["/dependencies"], "\(closing.body)")
            #expect(try await post(http, "/v2/groups", #"{"id": "g", "apps": []}"#).status == 201)
            #expect(try await post(http, "/v2/groups/g", #"{"apps": [{"id": "a", "cmd": "sleep 1", "cpus": 0.1, "mem": 16}]}"#, method: "PUT").status == 200)
        }
    }
}
