import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Operator responses for a small cluster, byte for byte: master.proto's JSON mapping, fields
/// in declaration order, empty lists left out.
@Suite struct OperatorResponseTests {
    let snapshot = OperatorFixtures.small
    let master = OperatorFixtures.master

    func response(_ call: OperatorCall) -> String {
        OperatorJSON.response(to: call, snapshot: snapshot, master: master)!.text
    }

    // The small cluster's parts, as each response embeds them.
    static let cpus1 = #"{"name":"cpus","type":"SCALAR","scalar":{"value":1.0},"allocation_info":{"role":"web"}}"#
    static let uuid = #""uuid":"AAECAwQFBgcICQoLDA0ODw==""#
    static let runningTask = """
        {"name":"web-1","task_id":{"value":"T1"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},\
        "state":"TASK_RUNNING","resources":[\(cpus1),\
        {"name":"mem","type":"SCALAR","scalar":{"value":256.0},"allocation_info":{"role":"web"}},\
        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31000}]},"allocation_info":{"role":"web"}}],\
        "statuses":[{"task_id":{"value":"T1"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},\
        "timestamp":1700000030.0,\(uuid)}],"labels":{"labels":[{"key":"app","value":"web"}]}}
        """
    static let unreachableTask = """
        {"name":"web-2","task_id":{"value":"T2"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},\
        "state":"TASK_UNREACHABLE","resources":[\
        {"name":"cpus","type":"SCALAR","scalar":{"value":0.5},"allocation_info":{"role":"web"}},\
        {"name":"mem","type":"SCALAR","scalar":{"value":128.0},"allocation_info":{"role":"web"}}],\
        "statuses":[{"task_id":{"value":"T2"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},\
        "timestamp":1700000040.0,\(uuid)},\
        {"task_id":{"value":"T2"},"state":"TASK_UNREACHABLE","source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},\
        "timestamp":1700000050.0}]}
        """
    static let finishedTask = """
        {"name":"web-0","task_id":{"value":"T0"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},\
        "state":"TASK_FINISHED","resources":[\(cpus1)],\
        "statuses":[{"task_id":{"value":"T0"},"state":"TASK_RUNNING","source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},\
        "timestamp":1700000025.0,\(uuid)},\
        {"task_id":{"value":"T0"},"state":"TASK_FINISHED","source":"SOURCE_EXECUTOR","agent_id":{"value":"S1"},\
        "timestamp":1700000026.0,\(uuid)}]}
        """
    static let getTasks = """
        {"tasks":[\(runningTask)],"unreachable_tasks":[\(unreachableTask)],"completed_tasks":[\(finishedTask)]}
        """
    static let offered = #"[{"name":"cpus","type":"SCALAR","scalar":{"value":2.0},"allocation_info":{"role":"web"}}]"#
    static let used = """
        [{"name":"cpus","type":"SCALAR","scalar":{"value":1.5},"allocation_info":{"role":"web"}},\
        {"name":"mem","type":"SCALAR","scalar":{"value":384.0},"allocation_info":{"role":"web"}},\
        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":31000}]},"allocation_info":{"role":"web"}}]
        """
    static let agentTotal = """
        [{"name":"cpus","type":"SCALAR","scalar":{"value":4.0}},{"name":"mem","type":"SCALAR","scalar":{"value":8192.0}},\
        {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]}}]
        """
    static let agent = """
        {"agent_info":{"id":{"value":"S1"},"hostname":"node-1","port":5051,"resources":\(agentTotal),\
        "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]},\
        "active":true,"deactivated":false,"version":"1.11.0","pid":"slave(1)@node-1:5051",\
        "registered_time":{"nanoseconds":1700000010000000000},"total_resources":\(agentTotal),\
        "allocated_resources":\(used),"offered_resources":\(offered)}
        """
    static let frameworkHead = """
        "framework_info":{"user":"root","name":"marathon","id":{"value":"F1"},"failover_timeout":0.0,"checkpoint":false,\
        "roles":["web"],"hostname":"h1","capabilities":[{"type":"MULTI_ROLE"},{"type":"TASK_KILLING_STATE"},{"type":"PARTITION_AWARE"}]},\
        "active":true,"connected":true,"recovered":false,"registered_time":{"nanoseconds":1700000020000000000}
        """
    static let frameworkOffers = """
        "offers":[{"id":{"value":"O1"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},"hostname":"node-1",\
        "allocation_info":{"role":"web"},"resources":\(offered)}]
        """
    static let frameworkResources = #""allocated_resources":\#(used),"offered_resources":\#(offered)"#
    static let framework = "{\(frameworkHead),\(frameworkOffers),\(frameworkResources)}"

    @Test func health() {
        #expect(response(.getHealth) == #"{"type":"GET_HEALTH","get_health":{"healthy":true}}"#)
    }

    @Test func versionIsNumeric() {
        #expect(
            response(.getVersion) == """
                {"type":"GET_VERSION","get_version":{"version_info":{"version":"1.11.0","build_date":"2026-01-02 03:04:05",\
                "build_time":1767322245.0,"build_user":"corral","git_sha":"abc123"}}}
                """)
        let tagged = MasterDescription(versionInfo: VersionInfo(version: "1.11.0-corral+dirty"))
        #expect(
            OperatorJSON.response(to: .getVersion, snapshot: snapshot, master: tagged)!.text
                == #"{"type":"GET_VERSION","get_version":{"version_info":{"version":"1.11.0"}}}"#)
    }

    @Test func masterInfoAndTimes() {
        #expect(
            response(.getMaster) == """
                {"type":"GET_MASTER","get_master":{"master_info":{"id":"master-1","ip":16777343,"port":5050,\
                "hostname":"m1","version":"1.11.0"},"start_time":1700000000.0,"elected_time":1700000000.0}}
                """)
        var elected = master
        elected.electedAt = Time(seconds: 1_700_000_005.5)
        #expect(
            OperatorJSON.response(to: .getMaster, snapshot: snapshot, master: elected)!.text
                .hasSuffix(#""start_time":1700000000.0,"elected_time":1700000005.5}}"#))
    }

    @Test func agents() {
        #expect(response(.getAgents) == #"{"type":"GET_AGENTS","get_agents":{"agents":[\#(Self.agent)]}}"#)
    }

    @Test func frameworks() {
        #expect(response(.getFrameworks) == #"{"type":"GET_FRAMEWORKS","get_frameworks":{"frameworks":[\#(Self.framework)]}}"#)
    }

    @Test func tasksSplitUnreachableAndCompleted() {
        #expect(response(.getTasks) == #"{"type":"GET_TASKS","get_tasks":\#(Self.getTasks)}"#)
    }

    @Test func state() {
        #expect(
            response(.getState) == """
                {"type":"GET_STATE","get_state":{"get_tasks":\(Self.getTasks),"get_executors":{},\
                "get_frameworks":{"frameworks":[\(Self.framework)]},"get_agents":{"agents":[\(Self.agent)]}}}
                """)
    }

    @Test func emptyClusterLeavesEveryListOut() {
        let empty = ClusterSnapshot(time: .zero, startedAt: .zero, masterInfo: OperatorFixtures.masterInfo)
        #expect(
            OperatorJSON.response(to: .getState, snapshot: empty, master: master)!.text
                == #"{"type":"GET_STATE","get_state":{"get_tasks":{},"get_executors":{},"get_frameworks":{},"get_agents":{}}}"#)
        #expect(OperatorJSON.response(to: .getRoles, snapshot: empty, master: master)!.text == #"{"type":"GET_ROLES","get_roles":{}}"#)
        #expect(
            OperatorJSON.response(to: .getOperations, snapshot: empty, master: master)!.text
                == #"{"type":"GET_OPERATIONS","get_operations":{}}"#)
    }

    @Test func rolesCountAllocatedAndOfferedScalars() {
        // 1.5 cpus allocated and 2 offered; no disk or gpus, so none written.
        #expect(
            response(.getRoles) == """
                {"type":"GET_ROLES","get_roles":{"roles":[{"name":"web","weight":2.0,"frameworks":[{"value":"F1"}],\
                "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":3.5}},{"name":"mem","type":"SCALAR","scalar":{"value":384.0}}]}]}}
                """)
        #expect(response(.getWeights) == #"{"type":"GET_WEIGHTS","get_weights":{"weight_infos":[{"weight":2.0,"role":"web"}]}}"#)
    }

    @Test func flagsAreSortedByName() {
        #expect(
            response(.getFlags) == """
                {"type":"GET_FLAGS","get_flags":{"flags":[{"name":"allocation_interval","value":"1secs"},{"name":"port","value":"5050"}]}}
                """)
    }

    @Test func metricsAreNameValuePairs() throws {
        let json = OperatorJSON.response(to: .getMetrics, snapshot: snapshot, master: master, extraMetrics: ["master/custom": 7])!
        #expect(json.text.hasPrefix(#"{"type":"GET_METRICS","get_metrics":{"metrics":[{"name":"master/cpus_percent","value":0.375},"#))
        #expect(json.text.contains(#"{"name":"master/custom","value":7.0}"#))
        #expect(json.text.contains(#"{"name":"master/tasks_running","value":1.0}"#))
    }

    @Test func executorsAreThoseTasksName() {
        var cluster = snapshot
        for index in cluster.tasks.indices { cluster.tasks[index].executorID = "group-1" }
        // Two tasks share the executor: it is listed once.
        #expect(
            OperatorJSON.response(to: .getExecutors, snapshot: cluster, master: master)!.text == """
                {"type":"GET_EXECUTORS","get_executors":{"executors":[{"executor_info":{"type":"DEFAULT",\
                "executor_id":{"value":"group-1"},"framework_id":{"value":"F1"}},"agent_id":{"value":"S1"}}]}}
                """)
        #expect(OperatorJSON.response(to: .getTasks, snapshot: cluster, master: master)!.text.contains(#""executor_id":{"value":"group-1"},"agent_id""#))
    }

    @Test func agentInfoTakesTheSnapshotsID() {
        var cluster = snapshot
        cluster.agents[0].info.id = nil
        cluster.frameworks[0].info.id = nil
        #expect(response(.getAgents) == OperatorJSON.response(to: .getAgents, snapshot: cluster, master: master)!.text)
        #expect(response(.getFrameworks) == OperatorJSON.response(to: .getFrameworks, snapshot: cluster, master: master)!.text)
    }

    @Test func writesIntoTheCallersWriter() {
        var writer = MesosJSONWriter()
        writer.writeArray { writer in
            #expect(OperatorJSON.writeResponse(to: .getHealth, snapshot: snapshot, master: master, into: &writer))
            #expect(!OperatorJSON.writeResponse(to: .subscribe, snapshot: snapshot, master: master, into: &writer))
        }
        #expect(writer.bytes.text == #"[{"type":"GET_HEALTH","get_health":{"healthy":true}}]"#)
    }
}
