import CorralAllocator
import CorralHTTPServer
import CorralHTTPTesting
import CorralMesosJSON
import CorralModel
import CorralSDK
import CorralSDKHTTP
import Testing

/// The master with `--authenticate-*` and `--acls`, as clients see it over HTTP.
@Suite struct AuthenticationTests {
    static let authenticator = HTTPAuthenticator(
        credentials: Credentials([
            Credential(principal: "ops", secret: "ops-secret"), Credential(principal: "fw", secret: "fw-secret"),
            Credential(principal: "weak", secret: "weak-secret"),
        ]),
        requiredRealms: [MesosRealm.scheduler, MesosRealm.agent, MesosRealm.readwrite, MesosRealm.readonly])
    static let acls = ACLs(permissive: true, rules: [
        .teardownFrameworks: [
            ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .any, objects: .none),
        ],
        .updateQuotas: [ACLs.Rule(principals: .some(["ops"]), objects: .any), ACLs.Rule(principals: .any, objects: .none)],
    ])
    static let json = [("Content-Type", "application/json"), ("Accept", "application/json")]

    static func basic(_ principal: String, _ secret: String) -> (String, String) {
        ("Authorization", Credential(principal: principal, secret: secret).basicAuthorization)
    }

    static func subscribe(id: FrameworkID, principal: String? = nil) -> String {
        let claimed = principal.map { #","principal":"\#($0)""# } ?? ""
        return #"{"type":"SUBSCRIBE","framework_id":{"value":"\#(id)"},"subscribe":{"framework_info":{"user":"root","name":"x","id":{"value":"\#(id)"}\#(claimed)}}}"#
    }

    @Test func anonymousRequestsGetABasicChallengeForTheirRealmAndHealthStaysOpen() async throws {
        try await HTTPTestCluster.run(agents: 0, authenticator: Self.authenticator) { _, master in
            let raw = RawHTTP(master: master)
            let cases: [(String, String?, String)] = [
                ("/api/v1/scheduler", #"{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"root","name":"x"}}}"#, MesosRealm.scheduler),
                ("/api/v1", #"{"type":"GET_STATE"}"#, MesosRealm.readwrite),
                ("/corral/v1/agent", #"{"type":"PING","agent_id":{"value":"a"}}"#, MesosRealm.agent),
                ("/master/state", nil, MesosRealm.readonly),
            ]
            func send(_ path: String, _ body: String?, _ headers: [(String, String)]) async throws -> RawHTTP.Answer {
                guard let body else { return try await raw.send("GET", path, headers: headers) }
                return try await raw.post(path, json: body, headers: Self.json + headers)
            }
            for (path, body, realm) in cases {
                let answer = try await send(path, body, [])
                #expect(answer.status == 401, "\(path)")
                #expect(answer.headers.contains { $0.0.lowercased() == "www-authenticate" && $0.1 == #"Basic realm="\#(realm)""# }, "\(path)")
                #expect(try await send(path, body, [Self.basic("ops", "guess")]).status == 401, "\(path)")
            }
            #expect(try await raw.send("GET", "/health").status == 200)
            #expect(try await raw.send("GET", "/master/state", headers: [Self.basic("ops", "ops-secret")]).status == 200)
        }
    }

    @Test func aFrameworkIsBoundToItsPrincipal() async throws {
        try await HTTPTestCluster.run(agents: 1, authenticator: Self.authenticator, acls: Self.acls) { cluster, master in
            let raw = RawHTTP(master: master)
            let transport = HTTPSchedulerTransport(master: master, credential: Credential(principal: "fw", secret: "fw-secret"))
            let events = try await transport.subscribe(FrameworkInfo(name: "owner", failoverTimeout: 60), suppressedRoles: [])
            var iterator = events.makeAsyncIterator()
            guard case .subscribed(let id, _, _) = try await iterator.next() else { Issue.record("no SUBSCRIBED"); return }

            // Claiming another principal than the one authenticated is a 400.
            let claim = try await raw.post("/api/v1/scheduler", json: Self.subscribe(id: id, principal: "fw"), headers: Self.json + [Self.basic("weak", "weak-secret")])
            #expect(claim.status == 400)
            #expect(claim.body.contains("differs from the authenticated principal"))

            // Subscribing with its ID under another principal hears ERROR; the owner keeps it.
            let takeover = try await raw.post("/api/v1/scheduler", json: Self.subscribe(id: id), headers: Self.json + [Self.basic("weak", "weak-secret")])
            #expect(takeover.status == 200)
            #expect(takeover.body.contains(#""type":"ERROR""#))
            #expect(takeover.body.contains("registered by principal 'fw'"))
            #expect(!takeover.body.contains("SUBSCRIBED"))

            // Calls for it from another principal are 403, whatever they say.
            let call = #"{"type":"REVIVE","framework_id":{"value":"\#(id)"}}"#
            let forged = try await raw.post("/api/v1/scheduler", json: call, headers: Self.json + [Self.basic("weak", "weak-secret"), ("Mesos-Stream-Id", "x")])
            #expect(forged.status == 403)

            // Tearing it down needs teardown_frameworks: ops may, fw may not.
            let teardown = #"{"type":"TEARDOWN","teardown":{"framework_id":{"value":"\#(id)"}}}"#
            let refused = try await raw.post("/api/v1", json: teardown, headers: Self.json + [Self.basic("fw", "fw-secret")])
            #expect(refused.status == 403)
            #expect(refused.body.contains("may not tear down"))
            let allowed = try await raw.post("/api/v1", json: teardown, headers: Self.json + [Self.basic("ops", "ops-secret")])
            #expect(allowed.status == 200)

            // UPDATE_QUOTA needs update_quotas; what it sets shows in GET_ROLES.
            let quota = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"web","guarantees":{"cpus":{"value":1}},"limits":{"cpus":{"value":2}}}]}}"#
            #expect(try await raw.post("/api/v1", json: quota, headers: Self.json + [Self.basic("fw", "fw-secret")]).status == 403)
            #expect(try await raw.post("/api/v1", json: quota, headers: Self.json + [Self.basic("ops", "ops-secret")]).status == 200)
            #expect(await cluster.master.quotas["web"] == RoleQuota(guarantee: ["cpus": 1], limit: ["cpus": 2]))
            let inverted = #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"web","guarantees":{"cpus":{"value":3}},"limits":{"cpus":{"value":2}}}]}}"#
            let refused400 = try await raw.post("/api/v1", json: inverted, headers: Self.json + [Self.basic("ops", "ops-secret")])
            #expect(refused400.status == 400)
            #expect(refused400.body.contains("guarantees.cpus"))
        }
    }

}

/// Requests that once stopped or wedged the master: each is refused naming the field, and the
/// master goes on serving.
@Suite struct HostileMasterInputTests {
    @Test func aNaNWeightAndAnAgentOfInfiniteCpusAreRefusedAndTheMasterServesOn() async throws {
        try await HTTPTestCluster.run(agents: 1) { _, master in
            let raw = RawHTTP(master: master)
            let json = [("Content-Type", "application/json"), ("Accept", "application/json")]
            let weight = try await raw.post("/api/v1", json: #"{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"x","weight":"NaN"}]}}"#, headers: json)
            #expect(weight.status == 400)
            #expect(weight.body.contains("weight"))
            let register = #"{"type":"REGISTER","register":{"agent_info":{"hostname":"evil","resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1e306}}]},"isolation":"posix"}}"#
            let agent = try await raw.post("/corral/v1/agent", json: register, headers: json)
            #expect(agent.status == 400)
            #expect(agent.body.contains("scalar.value"))
            let traversal = #"{"type":"SUBSCRIBE","framework_id":{"value":".."},"subscribe":{"framework_info":{"user":"root","name":"x","id":{"value":".."}}}}"#
            let subscribe = try await raw.post("/api/v1/scheduler", json: traversal, headers: json)
            #expect(subscribe.body.contains(#""type":"ERROR""#))
            #expect(subscribe.body.contains("must not be '.' or '..'"))
            #expect(try await raw.send("GET", "/health").status == 200)
            #expect(try await raw.send("GET", "/master/state").status == 200)
        }
    }
}
