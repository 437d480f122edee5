import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// `/master/state`, `/master/frameworks` and `/master/slaves` for a small cluster, byte for byte:
/// plain JSON as Mesos's readonly_handler.cpp writes it, keys in its order, lists always there.
@Suite struct LegacyStateTests {
    let snapshot = OperatorFixtures.small
    let master = OperatorFixtures.master

    static let runningTask = """
        {"id":"T1","name":"web-1","framework_id":"F1","executor_id":"","slave_id":"S1","state":"TASK_RUNNING",\
        "resources":{"cpus":1.0,"gpus":0.0,"mem":256.0,"disk":0.0,"ports":"[31000-31000]"},"role":"web",\
        "statuses":[{"state":"TASK_RUNNING","timestamp":1700000030.0}],"labels":[{"key":"app","value":"web"}]}
        """
    static let unreachableTask = """
        {"id":"T2","name":"web-2","framework_id":"F1","executor_id":"","slave_id":"S1","state":"TASK_UNREACHABLE",\
        "resources":{"cpus":0.5,"gpus":0.0,"mem":128.0,"disk":0.0},"role":"web",\
        "statuses":[{"state":"TASK_RUNNING","timestamp":1700000040.0},{"state":"TASK_UNREACHABLE","timestamp":1700000050.0}]}
        """
    static let finishedTask = """
        {"id":"T0","name":"web-0","framework_id":"F1","executor_id":"","slave_id":"S1","state":"TASK_FINISHED",\
        "resources":{"cpus":1.0,"gpus":0.0,"mem":0.0,"disk":0.0},"role":"web",\
        "statuses":[{"state":"TASK_RUNNING","timestamp":1700000025.0},{"state":"TASK_FINISHED","timestamp":1700000026.0}]}
        """
    static let total = #"{"cpus":4.0,"gpus":0.0,"mem":8192.0,"disk":0.0,"ports":"[31000-32000]"}"#
    static let used = #"{"cpus":1.5,"gpus":0.0,"mem":384.0,"disk":0.0,"ports":"[31000-31000]"}"#
    static let offered = #"{"cpus":2.0,"gpus":0.0,"mem":0.0,"disk":0.0}"#
    static let slave = """
        {"id":"S1","hostname":"node-1","port":5051,"attributes":{"rack":"r1"},"pid":"slave(1)@node-1:5051",\
        "registered_time":1700000010.0,"resources":\(total),"used_resources":\(used),"offered_resources":\(offered),\
        "reserved_resources":{},"unreserved_resources":\(total),"active":true,"deactivated":false,"version":"1.11.0",\
        "capabilities":[]
        """
    static let framework = """
        {"id":"F1","name":"marathon","used_resources":\(used),"offered_resources":\(offered),\
        "capabilities":["MULTI_ROLE","TASK_KILLING_STATE","PARTITION_AWARE"],"hostname":"h1","webui_url":"",\
        "active":true,"connected":true,"recovered":false,"user":"root","failover_timeout":0.0,"checkpoint":false,\
        "registered_time":1700000020.0,"unregistered_time":0.0,\
        "resources":{"cpus":3.5,"gpus":0.0,"mem":384.0,"disk":0.0,"ports":"[31000-31000]"},"roles":["web"],\
        "tasks":[\(runningTask)],"unreachable_tasks":[\(unreachableTask)],"completed_tasks":[\(finishedTask)],\
        "offers":[{"id":"O1","framework_id":"F1","allocation_info":{"role":"web"},"slave_id":"S1","resources":\(offered)}],\
        "executors":[],"offer_constraints":{}}
        """

    @Test func state() {
        #expect(
            LegacyJSON.state(snapshot, master: master).text == """
                {"version":"1.11.0","git_sha":"abc123","build_date":"2026-01-02 03:04:05","build_time":1767322245.0,\
                "build_user":"corral","start_time":1700000000.0,"elected_time":1700000000.0,"id":"master-1",\
                "pid":"master@m1:5050","hostname":"m1","capabilities":[],"activated_slaves":1.0,"deactivated_slaves":0.0,\
                "unreachable_slaves":0.0,"leader":"master@m1:5050",\
                "leader_info":{"id":"master-1","pid":"master@m1:5050","port":5050,"hostname":"m1"},\
                "flags":{"allocation_interval":"1secs","port":"5050"},"slaves":[\(Self.slave)}],"recovered_slaves":[],\
                "frameworks":[\(Self.framework)],"completed_frameworks":[],"orphan_tasks":[],"unregistered_frameworks":[]}
                """)
    }

    @Test func emptyStateStillHasEveryList() throws {
        let empty = ClusterSnapshot(time: .zero, startedAt: Time(seconds: 5), masterInfo: OperatorFixtures.masterInfo)
        let json = LegacyJSON.state(empty, master: MasterDescription(masterInfo: OperatorFixtures.masterInfo))
        #expect(
            json.text == """
                {"version":"1.11.0","build_date":"","build_time":0.0,"build_user":"","start_time":5.0,"elected_time":5.0,\
                "id":"master-1","pid":"master@m1:5050","hostname":"m1","capabilities":[],"activated_slaves":0.0,\
                "deactivated_slaves":0.0,"unreachable_slaves":0.0,"leader":"master@m1:5050",\
                "leader_info":{"id":"master-1","pid":"master@m1:5050","port":5050,"hostname":"m1"},\
                "flags":{"hostname":"m1","port":"5050"},\
                "slaves":[],"recovered_slaves":[],"frameworks":[],"completed_frameworks":[],"orphan_tasks":[],\
                "unregistered_frameworks":[]}
                """)
        var named = MasterDescription(masterInfo: OperatorFixtures.masterInfo)
        named.cluster = "prod"
        #expect(try topLevelKeys(LegacyJSON.state(empty, master: named)).contains("cluster"))
    }

    @Test func frameworks() {
        #expect(
            LegacyJSON.frameworks(snapshot).text
                == #"{"frameworks":[\#(Self.framework)],"completed_frameworks":[],"unregistered_frameworks":[]}"#)
        #expect(
            LegacyJSON.frameworks(snapshot, frameworkID: "F2").text
                == #"{"frameworks":[],"completed_frameworks":[],"unregistered_frameworks":[]}"#)
        #expect(LegacyJSON.frameworks(snapshot, frameworkID: "F1") == LegacyJSON.frameworks(snapshot))
    }

    @Test func slavesAddTheFullResources() {
        let full = """
            "reserved_resources_full":{},"unreserved_resources_full":\(OperatorResponseTests.agentTotal),\
            "used_resources_full":\(OperatorResponseTests.used),"offered_resources_full":\(OperatorResponseTests.offered)
            """
        #expect(LegacyJSON.slaves(snapshot, master: master).text == #"{"slaves":[\#(Self.slave),\#(full)}],"recovered_slaves":[]}"#)
        #expect(LegacyJSON.slaves(snapshot, master: master, agentID: "S2").text == #"{"slaves":[],"recovered_slaves":[]}"#)
    }

    @Test func singleRoleFrameworkWritesRole() {
        var cluster = snapshot
        cluster.frameworks[0].info = FrameworkInfo(name: "legacy", id: "F1", roles: ["batch"], principal: "p", capabilities: [])
        let json = LegacyJSON.frameworks(cluster).text
        #expect(json.contains(#""capabilities":[],"hostname":"","webui_url":"""#))
        #expect(json.contains(#""unregistered_time":0.0,"principal":"p","resources":"#))
        #expect(json.contains(#","role":"batch","tasks":["#))
        #expect(!json.contains(#""roles""#))
    }

    @Test func reservationsAttributesAndOtherResources() throws {
        var cluster = snapshot
        let total = Resources([
            .scalar("cpus", 2), .scalar("cpus", 6, role: "web"), .scalar("mem", 1024, role: "web"), .scalar("mem", 4096),
            .ranges("ports", [31000...31009]), .ranges("ports", [32000...32000, 33000...33001], role: "web"),
            .scalar("fpgas", 1), Resource(name: "disks", value: .set(["b", "a"])),
        ])
        cluster.agents[0].total = total
        cluster.agents[0].info.attributes = [
            Attribute(name: "rack", value: .text("r1")), Attribute(name: "cores", value: .scalar(8)),
            Attribute(name: "slots", value: .ranges(ValueRanges([1...2]))), Attribute(name: "zones", value: .set(["b", "a"])),
        ]
        let json = LegacyJSON.slaves(cluster, master: master).text
        #expect(json.contains(#""attributes":{"rack":"r1","cores":8.0,"slots":"[1-2]","zones":"{a, b}"}"#))
        // Every reservation summed, ranges merged, then the other kinds.
        #expect(
            json.contains(
                #""resources":{"cpus":8.0,"gpus":0.0,"mem":5120.0,"disk":0.0,"fpgas":1.0,"ports":"[31000-31009, 32000-32000, 33000-33001]","disks":"{a, b}"}"#
            ))
        #expect(
            json.contains(
                #""reserved_resources":{"web":{"cpus":6.0,"gpus":0.0,"mem":1024.0,"disk":0.0,"ports":"[32000-32000, 33000-33001]"}}"#))
        #expect(
            json.contains(
                #""unreserved_resources":{"cpus":2.0,"gpus":0.0,"mem":4096.0,"disk":0.0,"fpgas":1.0,"ports":"[31000-31009]","disks":"{a, b}"}"#
            ))
        #expect(json.contains(#""reserved_resources_full":{"web":[{"name":"cpus","type":"SCALAR","scalar":{"value":6.0},"reservations":[{"type":"STATIC","role":"web"}]}"#))
    }

    @Test func launchGroupExecutorsAreListed() {
        var cluster = snapshot
        cluster.tasks[0].executorID = "group-1"
        let json = LegacyJSON.frameworks(cluster).text
        #expect(json.contains(#""executor_id":"group-1","slave_id":"S1""#))
        #expect(
            json.contains(
                #""executors":[{"executor_id":"group-1","name":"","framework_id":"F1","command":{"argv":[],"uris":[]},"resources":{"cpus":0.0,"gpus":0.0,"mem":0.0,"disk":0.0},"type":"DEFAULT","slave_id":"S1"}]"#
            ))
    }

    @Test func outputIsValidJSON() throws {
        let large = OperatorFixtures.large(agents: 10, tasks: 200)
        let master = MasterDescription(masterInfo: large.masterInfo)
        for json in [
            LegacyJSON.state(large, master: master), LegacyJSON.frameworks(large), LegacyJSON.slaves(large, master: master),
            LegacyJSON.tasks(large), LegacyJSON.metricsSnapshot(large, master: master), LegacyJSON.version(master),
        ] {
            _ = try MesosJSON.parse(json)
        }
    }
}

/// A framework with thousands of tasks has them written on several threads: each is listed
/// once, in its list, in the master's order.
@Suite struct LegacyStateAtScaleTests {
    static func ids(_ value: MesosJSONValue?) throws -> [String] {
        try (value?.array() ?? []).map { item throws(MesosJSONError) in try item.object().required("id") }
    }

    @Test func aFrameworkWithThousandsOfTasksListsEachOnceInItsPlace() throws {
        var snapshot = OperatorFixtures.large(agents: 50, tasks: 5000)
        for index in snapshot.tasks.indices {
            snapshot.tasks[index].frameworkID = "F0"
            if index % 7 == 3 { snapshot.tasks[index].state = .unreachable }
        }
        snapshot.completedTasks = snapshot.tasks.prefix(3000).map { task in
            var ended = task
            ended.id = TaskID("ended-" + task.id.value)
            ended.state = .finished
            return ended
        }
        let state = try MesosJSON.parse(LegacyJSON.state(snapshot, master: MasterDescription(masterInfo: snapshot.masterInfo))).object()
        let framework = try #require(try state["frameworks"]?.array().map { try $0.object() }.first { try $0.required("id") == "F0" })
        #expect(try Self.ids(framework["tasks"]) == snapshot.tasks.filter { $0.state != .unreachable }.map(\.id.value))
        #expect(try Self.ids(framework["unreachable_tasks"]) == snapshot.tasks.filter { $0.state == .unreachable }.map(\.id.value))
        #expect(try Self.ids(framework["completed_tasks"]) == snapshot.completedTasks.map(\.id.value))

        let query = LegacyTaskQuery(limit: nil, order: .ascending)
        let tasks = try MesosJSON.parse(LegacyJSON.tasks(snapshot, query: query)).object()
        #expect(try Self.ids(tasks["tasks"]) == query.page(of: snapshot).map(\.id.value))
    }
}
