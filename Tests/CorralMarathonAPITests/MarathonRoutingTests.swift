import CorralHTTPServer
import CorralMesosJSON
import CorralModel
import Testing

@testable import CorralMarathonAPI

/// `/v2/apps/{id}…`: app IDs hold slashes, so the last segments decide what a path names, as in
/// Marathon's own `{id:.+}/tasks` routes.
@Suite struct AppPathTests {
    @Test func theLastSegmentsDecideAndTheRestIsTheAppID() {
        #expect(AppPath(segments: ["shop", "web"], method: .get) == .app(id: ["shop", "web"]))
        #expect(AppPath(segments: ["shop", "web", "tasks"], method: .get) == .tasks(id: ["shop", "web"]))
        #expect(AppPath(segments: ["shop", "web", "tasks"], method: .delete) == .tasks(id: ["shop", "web"]))
        #expect(AppPath(segments: ["shop", "web", "tasks", "t1"], method: .delete) == .task(id: ["shop", "web"], task: "t1"))
        #expect(AppPath(segments: ["shop", "web", "restart"], method: .post) == .restart(id: ["shop", "web"]))
        // An ID may hold a `tasks` segment: only the last ones count.
        #expect(AppPath(segments: ["tasks", "web", "tasks"], method: .get) == .tasks(id: ["tasks", "web"]))
    }

    @Test func restartAndOneTaskTakeTheirMethodOnlyOtherwiseThePathIsAnAppID() {
        #expect(AppPath(segments: ["web", "restart"], method: .get) == .app(id: ["web", "restart"]))
        #expect(AppPath(segments: ["web", "tasks", "t1"], method: .get) == .app(id: ["web", "tasks", "t1"]))
        #expect(AppPath(segments: ["restart"], method: .post) == .app(id: ["restart"]))
        #expect(AppPath(segments: ["tasks"], method: .get) == .app(id: ["tasks"]))
    }
}

/// The router in front of the endpoints answers as the hand-made routing before it did.
extension MarathonAPITests {
    @Test func methodsAPathDoesNotTakeAre405sNamingTheOnesItDoes() async throws {
        try await withMarathon { http in
            let head = try await http.send("HEAD", "/v2/info")
            #expect(head.status == 405)
            let apps = try await http.send("DELETE", "/v2/apps")
            #expect(apps.status == 405)
            #expect(apps.body.contains("use GET or POST or PUT"))
            let tasks = try await http.send("PUT", "/v2/apps/web/tasks")
            #expect(tasks.status == 405)
            #expect(tasks.body.contains("use GET or DELETE"))
            let app = try await http.send("POST", "/v2/apps/shop/web")
            #expect(app.status == 405)
            #expect(app.body.contains("/v2/apps/shop/web; use GET, PUT or DELETE"))
            #expect(try await http.send("GET", "/v2/tasks/delete").status == 405)
        }
    }

    @Test func slashesRepeatedOrTrailingAreIgnoredAndUnknownPathsAre404s() async throws {
        try await withMarathon { http in
            #expect(try await http.send("GET", "/v2/apps/").status == 200)
            #expect(try await http.send("GET", "//v2//deployments/").status == 200)
            let unknown = try await http.send("GET", "/v2/nothing")
            #expect(unknown.status == 404)
            #expect(unknown.body.contains("Services has no endpoint /v2/nothing"))
            // A path the app ID takes whole: `restart` asked with GET is an app of that name.
            #expect(try await http.send("GET", "/v2/apps/web/restart").status == 404)
        }
    }

    @Test func withCredentialsRequiredOnlyPingIsOpenEvenForAnUnknownPath() async throws {
        let credential = Credential(principal: "admin", secret: "pw")
        let authenticator = HTTPAuthenticator(credentials: Credentials([credential]), requiredRealms: ["Mesosphere"])
        try await withMarathon(authenticator: authenticator) { http in
            #expect(try await http.send("GET", "/ping").status == 200)
            #expect(try await http.send("POST", "/ping").status == 405)
            #expect(try await http.send("GET", "/v2/apps").status == 401)
            #expect(try await http.send("GET", "/v3/nothing").status == 401)
            let known = try await http.send("GET", "/v3/nothing", headers: [("Authorization", credential.basicAuthorization)])
            #expect(known.status == 404)
        }
    }
}

/// `/v2/groups/{id}…`: as in Marathon's own routes, a GET's last segments may name the versions,
/// one version or the apps; a PUT of `versions/{version}` is the old rollback.
@Suite struct GroupPathTests {
    @Test func theLastSegmentsOfAGetOrAPutDecide() {
        #expect(GroupPath(segments: ["shop"], method: .get) == .group(id: ["shop"]))
        #expect(GroupPath(segments: ["shop", "versions"], method: .get) == .versions(id: ["shop"]))
        #expect(GroupPath(segments: ["shop", "versions", "v1"], method: .get) == .version(id: ["shop"], version: "v1"))
        #expect(GroupPath(segments: ["shop", "apps"], method: .get) == .apps(id: ["shop"]))
        #expect(GroupPath(segments: ["apps"], method: .get) == .apps(id: []))
        #expect(GroupPath(segments: ["shop", "versions", "v1"], method: .put) == .rollback(id: ["shop"], version: "v1"))
        #expect(GroupPath(segments: ["shop", "apps"], method: .put) == .group(id: ["shop", "apps"]), "only a GET lists apps")
        #expect(GroupPath(segments: ["shop", "versions"], method: .delete) == .group(id: ["shop", "versions"]))
    }
}
