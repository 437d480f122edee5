import CorralMesosJSON
import CorralModel
import Foundation

/// Real samples to mutate, made by encoding real values, so that they track the wire format.
enum Corpus {
    static func resources(_ text: String) -> Resources { (try? Resources(parsing: text)) ?? Resources() }

    static func task(_ id: TaskID, on agent: AgentID) -> TaskInfo {
        var command = CommandInfo.shell("echo hi", environment: ["A": "1"])
        command.user = "nobody"
        return TaskInfo(
            name: "t", taskID: id, agentID: agent, resources: resources("cpus:0.5;mem:64;ports:[31000-31001]"), command: command,
            killPolicy: KillPolicy(gracePeriodSeconds: 2),
            healthCheck: HealthCheck(kind: .tcp, delaySeconds: 1, intervalSeconds: 2, timeoutSeconds: 3, port: 31000),
            labels: [Label(key: "k", value: "v")])
    }

    static func schedulerCalls(_ sample: (agent: AgentID, offer: OfferID, framework: FrameworkID)) -> [String] {
        let (agent, offer, framework) = sample
        let executor = ExecutorInfo(executorID: "e1", frameworkID: framework, name: "group", resources: resources("cpus:0.1;mem:32"))
        var httpCheck = task("h1", on: agent)
        httpCheck.healthCheck = HealthCheck(kind: .http, timeoutSeconds: 1, port: 31001, path: "/health")
        var commandCheck = task("c1", on: agent)
        commandCheck.healthCheck = HealthCheck(kind: .command, command: .shell("true"))
        let calls: [SchedulerCall] = [
            .accept(offerIDs: [offer], operations: [.launch([task("t1", on: agent), httpCheck, commandCheck])], filters: Filters(refuseSeconds: 5)),
            .accept(offerIDs: [offer], operations: [.launchGroup(executor: executor, tasks: [task("g1", on: agent), task("g2", on: agent)])], filters: .default),
            .accept(offerIDs: [offer], operations: [.reserve(resources("cpus:1")), .launch([task("t2", on: agent)])], filters: .default),
            .decline(offerIDs: [offer], filters: Filters(refuseSeconds: 30)),
            .revive(roles: ["*"]), .suppress(roles: []),
            .kill(taskID: "t1", agentID: agent, killPolicy: KillPolicy(gracePeriodSeconds: 10)),
            .shutdown(executorID: "e1", agentID: agent),
            .acknowledge(agentID: agent, taskID: "t1", uuid: Array(repeating: 0xAB, count: 16)),
            .reconcile([ReconcileTask(taskID: "t1"), ReconcileTask(taskID: "t9", agentID: agent)]), .reconcile([]),
            .message(agentID: agent, executorID: "e1", data: Array("hello".utf8)),
            .request([resources("cpus:1;mem:2")]),
            .teardown,
        ]
        let subscribe = SchedulerCallMessage.subscribe(
            FrameworkInfo(
                user: "root", name: "other", id: framework, failoverTimeout: 60, roles: ["web", "*"], principal: "fuzz",
                capabilities: [.multiRole, .partitionAware]),
            suppressedRoles: ["web"])
        return [MesosJSON.encodeString(subscribe)] + calls.map { MesosJSON.encodeString(SchedulerCallMessage(frameworkID: framework, call: $0)) }
    }

    static let operatorCalls: [String] = [
        #"{"type":"GET_STATE"}"#, #"{"type":"GET_AGENTS"}"#, #"{"type":"GET_FRAMEWORKS"}"#, #"{"type":"GET_TASKS"}"#,
        #"{"type":"GET_EXECUTORS"}"#, #"{"type":"GET_ROLES"}"#, #"{"type":"GET_WEIGHTS"}"#, #"{"type":"GET_MASTER"}"#,
        #"{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":5000000000}}}"#, #"{"type":"GET_HEALTH"}"#,
        #"{"type":"GET_VERSION"}"#, #"{"type":"GET_FLAGS"}"#, #"{"type":"GET_OPERATIONS"}"#,
        #"{"type":"UPDATE_WEIGHTS","update_weights":{"weight_infos":[{"role":"web","weight":2.0},{"role":"*","weight":0.5}]}}"#,
        #"{"type":"UPDATE_QUOTA","update_quota":{"quota_configs":[{"role":"web","guarantees":{"cpus":{"value":1}},"limits":{"cpus":{"value":2},"mem":{"value":512}}},{"role":"old"}]}}"#,
        #"{"type":"TEARDOWN","teardown":{"framework_id":{"value":"F1"}}}"#,
        #"{"type":"MARK_AGENT_GONE","mark_agent_gone":{"agent_id":{"value":"S1"}}}"#,
        #"{"type":"KILL_TASK","kill_task":{"framework_id":{"value":"F1"},"task_id":{"value":"t1"}}}"#,
    ]

    /// The agent's own operator API: every call it answers, with the bodies Mesos's clients send.
    static let agentOperatorCalls: [String] =
        AgentOperatorCall.allCases.map { #"{"type":"\#($0.typeName)"}"# } + [
            #"{"type":"GET_METRICS","get_metrics":{"timeout":{"nanoseconds":5000000000}}}"#,
            #"{"type":"GET_CONTAINERS","get_containers":{"show_nested":true,"show_standalone":false}}"#,
            #"{"type":"LAUNCH_NESTED_CONTAINER","launch_nested_container":{"container_id":{"value":"c"}}}"#,
        ]

    static func agentCalls(_ sample: (agent: AgentID, offer: OfferID, framework: FrameworkID)) -> [String] {
        let (agent, _, framework) = sample
        let info = AgentInfo(id: agent, hostname: "a", port: 5051, resources: resources("cpus:4;mem:4096;ports:[31000-31100]"), attributes: [Attribute(name: "rack", value: .text("r1"))])
        let inventory = AgentInventory(
            frameworks: [FrameworkInfo(name: "fuzz", id: framework, failoverTimeout: 60)],
            tasks: [RunningTaskReport(frameworkID: framework, task: task("t1", on: agent), state: .running)])
        let status = TaskStatus(
            taskID: "t1", state: .running, source: .executor, reason: .taskHealthCheckStatusUpdated, message: "ok", agentID: agent,
            timestamp: Time(seconds: 1_000_000), uuid: Array(repeating: 1, count: 16), healthy: true,
            containerStatus: ContainerStatus(containerID: "1-t1"))
        let usage = AgentUsage(
            agentID: agent, total: ResourceUsage(cpusUsed: 0.5, cpuTimeSeconds: 10, memoryBytes: 1 << 20, memoryLimitBytes: 1 << 30, processes: 3),
            tasks: [TaskKey(framework, "t1"): ResourceUsage(cpusUsed: 0.25, memoryBytes: 4096)])
        let calls: [AgentCallMessage] = [
            AgentCallMessage(agentID: nil, call: .register(AgentInfo(hostname: "c", resources: resources("cpus:2;mem:512")), isolation: "posix", inventory: .empty)),
            // Hostnames that are not hosts: refused at registration, never a URL to somewhere else.
            AgentCallMessage(agentID: nil, call: .register(AgentInfo(hostname: "evil:80/#", resources: resources("cpus:1")), isolation: "posix", inventory: .empty)),
            AgentCallMessage(agentID: nil, call: .register(AgentInfo(hostname: "x@y\u{0}z", resources: resources("cpus:1")), isolation: "posix", inventory: .empty)),
            AgentCallMessage(agentID: agent, call: .register(info, isolation: "cgroups/v1", inventory: inventory)),
            // Registering while it drains: never offered.
            AgentCallMessage(agentID: agent, call: .register(info, isolation: "cgroups/v1", inventory: AgentInventory(tasks: inventory.tasks, draining: true))),
            // Tasks that hold more than the agent has (ports it does not offer): refused, named.
            AgentCallMessage(agentID: agent, call: .register(
                AgentInfo(id: agent, hostname: "a", port: 5051, resources: resources("cpus:4;mem:4096")), isolation: "cgroups/v1", inventory: inventory)),
            AgentCallMessage(agentID: agent, call: .update(StatusUpdate(frameworkID: framework, status: status))),
            AgentCallMessage(agentID: agent, call: .usage(usage)),
            AgentCallMessage(agentID: agent, call: .ping),
            AgentCallMessage(agentID: agent, call: .draining),
            AgentCallMessage(agentID: agent, call: .unregister(reason: "drained")),
        ]
        return calls.map { MesosJSON.encodeString($0) }
    }

    static var agentEvents: [String] {
        let framework = FrameworkInfo(user: "nobody", name: "fuzz", id: "F1")
        var httpCheck = task("h1", on: "S1")
        httpCheck.healthCheck = HealthCheck(kind: .http, timeoutSeconds: 1, port: 31001, path: "/")
        let events: [AgentEvent] = [
            .registered("S1", heartbeatIntervalSeconds: 15),
            .message(.launch(LaunchRequest(framework: framework, tasks: [task("t1", on: "S1"), httpCheck]))),
            .message(.launch(LaunchRequest(
                framework: framework, tasks: [task("g1", on: "S1")],
                executor: ExecutorInfo(executorID: "e1", frameworkID: "F1", resources: resources("cpus:0.1;mem:32"))))),
            .message(.kill("F1", "t1", KillPolicy(gracePeriodSeconds: 1))),
            .message(.acknowledge("F1", "t1", uuid: Array(repeating: 2, count: 16))),
            .message(.shutdownFramework("F1")),
            .message(.shutdown(reason: "gone")),
            .heartbeat,
        ]
        return events.map { MesosJSON.encodeString($0) }
    }

    /// Connections as an agent, a careless client or an attacker opens them.
    static let registrationConnections: [String] = {
        let register = #"{"type":"REGISTER","agent_id":{"value":"S1"},"register":{"agent_info":{"hostname":"h","port":5051,"resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":2}}]},"isolation":"posix"}}"#
        let head = "POST /corral/v1/agent/register HTTP/1.1\r\nHost: master\r\nContent-Type: application/json\r\n"
        return [
            head + "Content-Length: \(register.utf8.count)\r\n\r\n" + register,
            head + "Transfer-Encoding: chunked\r\n\r\n" + String(register.utf8.count, radix: 16) + "\r\n" + register + "\r\n0\r\n\r\n",
            head + "Authorization: Basic YWdlbnQ6c2VjcmV0\r\nContent-Length: 2\r\n\r\n{}",
            head + "Content-Length: 2\r\n\r\n{}" + "POST /corral/v1/agent/register HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}",
            "POST /corral/v1/agent/register HTTP/1.0\r\n\r\n",
            "GET /corral/v1/agent/register HTTP/1.1\r\n\r\n",
            "POST /corral/v1/agent HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
        ]
    }()

    /// Content-Type and Accept items, as clients write them and worse.
    static let mediaTypes: [String] = [
        "application/json", " Application/JSON ; charset=utf-8", "\tapplication/json\t", "text/plain;q=0.9", "*/*",
        "application/*", ";", "", "application/jsön", "APPLICATION/JSON;;;", "application/json\u{0}",
    ]

    static let marathonApps: [String] = [
        #"{"id": "/web", "cmd": "python3 -m http.server $PORT0", "cpus": 0.25, "mem": 64, "instances": 2, "portDefinitions": [{"port": 0, "name": "http"}], "healthChecks": [{"protocol": "HTTP", "path": "/", "portIndex": 0, "gracePeriodSeconds": 5, "intervalSeconds": 2, "timeoutSeconds": 1, "maxConsecutiveFailures": 3}], "constraints": [["hostname", "UNIQUE"]], "labels": {"team": "a"}, "env": {"A": "1"}, "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.5}, "backoffSeconds": 1, "backoffFactor": 1.15, "maxLaunchDelaySeconds": 300}"#,
        #"{"id": "/group/worker", "args": ["sleep", "600"], "cpus": 0.1, "mem": 16, "instances": 3, "constraints": [["rack", "GROUP_BY", "2"], ["rack", "LIKE", "r[0-9]+"]], "healthChecks": [{"protocol": "COMMAND", "command": {"value": "true"}}], "unreachableStrategy": {"inactiveAfterSeconds": 0, "expungeAfterSeconds": 0}, "taskKillGracePeriodSeconds": 2}"#,
        #"{"id": "/tcp", "cmd": "nc -l $PORT0", "user": "nobody", "ports": [0, 0], "healthChecks": [{"protocol": "TCP", "port": 31000}], "constraints": [["hostname", "MAX_PER", "1"], ["rack", "UNLIKE", "bad.*"]]}"#,
    ]

    /// `POST`/`PUT /v2/groups` bodies: nested groups, relative ids and dependencies, a scale.
    static let marathonGroups: [String] = [
        #"{"id": "shop", "dependencies": ["/base"], "apps": [{"id": "web", "cmd": "serve", "cpus": 0.1, "mem": 16, "instances": 2, "dependencies": ["db", "../base/cache"]}, {"id": "db", "cmd": "db", "cpus": 0.1, "mem": 16}], "groups": [{"id": "jobs", "apps": [{"id": "/shop/jobs/w", "args": ["sleep", "9"], "cpus": 0.1, "mem": 16}], "groups": [{"id": "empty"}]}, {"id": "./cache", "dependencies": ["../jobs"]}]}"#,
        #"{"id": "/base", "apps": [{"id": "cache", "cmd": "c", "cpus": 0.1, "mem": 16, "instances": 3}], "pods": []}"#,
        #"{"scaleBy": 1.5}"#,
        #"{"id": "loop", "apps": [{"id": "a", "cmd": "a", "dependencies": ["b"]}, {"id": "b", "cmd": "b", "dependencies": ["a"]}]}"#,
        #"{"version": "2025-11-25T10:00:00.000Z"}"#,
        #"{"id": "shop", "version": "1970-01-01T00:16:40.000Z"}"#,
    ]

    static let chronosJobs: [String] = [
        #"{"schedule": "R/2025-11-25T10:00:00Z/PT2M", "name": "sample-job", "epsilon": "PT30M", "command": "echo hi", "owner": "a@b.c", "async": false, "disabled": false, "cpus": 0.5, "mem": 512, "disk": 64, "shell": true, "retries": 3, "concurrent": true, "scheduleTimeZone": "Europe/Berlin", "runAsUser": "nobody", "environmentVariables": [{"name": "FOO", "value": "BAR"}], "constraints": [["rack", "EQUALS", "rack-1"]], "arguments": ["-v"], "uris": ["http://example.com/x"]}"#,
        #"{"name": "child", "command": "true", "parents": ["sample-job"], "cpus": 0.1, "mem": 16, "retries": 0}"#,
        #"{"schedule": "R5/2020-01-01T00:00:00Z/PT5S", "name": "past", "epsilon": "PT30M", "command": "true", "constraints": [["rack", "LIKE", "r.*"]]}"#,
    ]

    static let schedules: [String] = [
        "R/2025-11-25T10:00:00Z/PT2M", "R5/2020-01-01T00:00:00.000Z/P1DT12H", "R0/2025-11-25T10:00:00+01:00/P1Y2M3W4DT5H6M7.5S",
        "R//PT1H", "PT30M", "P1D", "R1/2030-02-29T00:00:00Z/P1M",
    ]

    static let resourceStrings: [String] = [
        "cpus:4;mem:4096;disk:100;ports:[31000-32000,40000-40010]", "cpus(web):2;mem(*):512", "gpus:1;zones:{a,b,c}",
        "ports:[1-18446744073709551615]", "cpus:0.001;mem:0.5",
    ]

    /// What a remote console reads from `/corral/v1/explain`: the answers of a master core that
    /// has made an offer, and a standing and a reason with the parts its small cluster lacks
    /// (several roles, quota, suppression, refuse filters, frameworks passed over).
    static func explanations(_ cluster: FuzzCluster) -> (standings: [String], offers: [String]) {
        var standings = cluster.core.standing(of: cluster.framework, now: cluster.now).map { [MesosJSON.encodeString($0)] } ?? []
        var offers = cluster.core.outstandingOffers(of: cluster.framework).compactMap { offer in
            cluster.core.reason(forOffer: offer.id).map { MesosJSON.encodeString(OfferExplanation(offer: $0.offer, reason: $0.reason)) }
        }
        let web = ShareStanding(id: "F2", name: "web", weightedShare: 0.25)
        let gold = FrameworkStanding.RoleStanding(
            role: "gold", weight: 2, roleShare: 1.0 / 3, rolePlace: 2, roleCount: 3, frameworkShare: 2.0 / 3, frameworkPlace: 1,
            frameworkCount: 2, suppressed: true, guarantee: ["cpus": 2], limit: ["cpus": 8, "mem": 4096], allocated: ["cpus": 3, "mem": 1024])
        let standing = FrameworkStanding(
            frameworkID: "F1", name: "batch", active: false, dominantShare: 2.0 / 3, dominantResource: "mem",
            roles: [gold, FrameworkStanding.RoleStanding(
                role: "*", weight: 1, roleShare: 0, rolePlace: 0, roleCount: 3, frameworkShare: 0, frameworkPlace: 0, frameworkCount: 0,
                suppressed: false)],
            next: web, nextRole: "*",
            filters: [FrameworkStanding.Filter(agentID: "S1", hostname: "node-1", secondsLeft: 4.5, resources: resources("cpus:4;mem:512;ports:[31000-31001]"))],
            outstandingOffers: 3)
        standings.append(MesosJSON.encodeString(standing))
        let offer = Offer(id: "O9", frameworkID: "F1", agentID: "S1", hostname: "node-1", role: "gold", resources: resources("cpus:2;mem:256").allocated(to: "gold"))
        let reason = OfferReason(
            stage: .guarantee, role: "gold", roleOrder: [ShareStanding(id: "gold", weightedShare: 0.1, weight: 2), ShareStanding(id: "*", weightedShare: 0.4)],
            rolePlace: 1, roleCount: 2, frameworkOrder: [web, ShareStanding(id: "F1", name: "batch", weightedShare: 0.3)], frameworkPlace: 2,
            frameworkCount: 2, passedOver: [PassedOver(framework: web, reason: .filtered), PassedOver(framework: ShareStanding(id: "F3", weightedShare: 0), reason: .inactive)])
        offers.append(MesosJSON.encodeString(OfferExplanation(offer: offer, reason: reason)))
        return (standings, offers)
    }

    /// The theme files people start from: the ones in `themes/`.
    static func themeFiles() throws -> [String] { try shippedFiles(in: "themes", ending: ".yaml") }

    /// The tours people start from: the ones in `tours/`.
    static func tourFiles() throws -> [String] { try shippedFiles(in: "tours", ending: ".tour") }

    private static func shippedFiles(in folder: String, ending suffix: String) throws -> [String] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../\(folder)").standardized
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(suffix) }.sorted()
        return try names.map { try String(contentsOf: directory.appendingPathComponent($0), encoding: .utf8) }
    }
}
