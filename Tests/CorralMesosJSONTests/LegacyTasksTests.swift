import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// `/master/tasks`: every task the master knows, newest first by default, paged and filtered
/// as Mesos's query parameters say.
@Suite struct LegacyTasksTests {
    /// Tasks t1…t5 started at 10…50 s (t3 in a second framework, t5 ended, t4 with no status
    /// yet so its launch time counts), and t0 at 30 s, tied with t3.
    static let snapshot: ClusterSnapshot = {
        func task(_ id: TaskID, _ framework: FrameworkID, startedAt start: Double, state: TaskState = .running, statuses: Bool = true) -> TaskRecord {
            TaskRecord(
                id: id, name: id.value, frameworkID: framework, agentID: "S1", role: "*", resources: Resources(), command: nil,
                state: state, statuses: statuses ? [TaskStatus(taskID: id, state: .running, timestamp: Time(seconds: start))] : [],
                launchedAt: Time(seconds: start))
        }
        return ClusterSnapshot(
            time: Time(seconds: 100), startedAt: .zero, masterInfo: OperatorFixtures.masterInfo,
            tasks: [
                task("t1", "F1", startedAt: 10), task("t2", "F1", startedAt: 20), task("t3", "F2", startedAt: 30),
                task("t4", "F1", startedAt: 40, state: .staging, statuses: false), task("t0", "F1", startedAt: 30),
            ],
            completedTasks: [task("t5", "F1", startedAt: 50, state: .finished)])
    }()

    func ids(_ query: LegacyTaskQuery) throws -> [String] {
        guard case .object(let object) = try MesosJSON.parse(LegacyJSON.tasks(Self.snapshot, query: query)),
            case .array(let tasks)? = object["tasks"]
        else { return [] }
        return try tasks.map { try $0.object().required("id", as: String.self) }
    }

    @Test func newestFirstByDefaultWithTiesByTaskID() throws {
        #expect(try ids(LegacyTaskQuery()) == ["t5", "t4", "t3", "t0", "t2", "t1"])
        #expect(try ids(LegacyTaskQuery(order: .ascending)) == ["t1", "t2", "t0", "t3", "t4", "t5"])
    }

    @Test func limitAndOffsetCutAPage() throws {
        #expect(try ids(LegacyTaskQuery(limit: 2)) == ["t5", "t4"])
        #expect(try ids(LegacyTaskQuery(limit: 2, offset: 2)) == ["t3", "t0"])
        #expect(try ids(LegacyTaskQuery(limit: 2, offset: 5)) == ["t1"])
        #expect(try ids(LegacyTaskQuery(limit: 2, offset: 9)) == [])
        #expect(try ids(LegacyTaskQuery(limit: 0)) == [])
        #expect(try ids(LegacyTaskQuery(limit: nil, offset: 1, order: .ascending)) == ["t2", "t0", "t3", "t4", "t5"])
        #expect(try ids(LegacyTaskQuery(limit: Int.max, offset: 4)) == ["t2", "t1"])
    }

    @Test func filtersByFrameworkAndTask() throws {
        #expect(try ids(LegacyTaskQuery(frameworkID: "F2")) == ["t3"])
        #expect(try ids(LegacyTaskQuery(taskID: "t5")) == ["t5"])
        #expect(try ids(LegacyTaskQuery(frameworkID: "F2", taskID: "t5")) == [])
        #expect(try ids(LegacyTaskQuery(frameworkID: "F9")) == [])
    }

    @Test func queryParametersReadAsMesosReadsThem() {
        #expect(LegacyTaskQuery(parameters: [:]) == LegacyTaskQuery(limit: 100, offset: 0, order: .descending))
        #expect(LegacyTaskQuery(parameters: ["limit": "-1"]).limit == nil)
        #expect(LegacyTaskQuery(parameters: ["limit": "-5"]).limit == nil)
        #expect(LegacyTaskQuery(parameters: ["limit": "abc", "offset": "x"]) == LegacyTaskQuery())
        #expect(LegacyTaskQuery(parameters: ["limit": "3", "offset": "2"]) == LegacyTaskQuery(limit: 3, offset: 2))
        #expect(LegacyTaskQuery(parameters: ["offset": "-2"]).offset == 0)
        #expect(LegacyTaskQuery(parameters: ["order": "asc"]).order == .ascending)
        // Anything but `asc` is descending, as in Mesos.
        #expect(LegacyTaskQuery(parameters: ["order": "ASC"]).order == .descending)
        #expect(LegacyTaskQuery(parameters: ["order": "des"]).order == .descending)
        #expect(
            LegacyTaskQuery(parameters: ["framework_id": "F1", "task_id": "t2"])
                == LegacyTaskQuery(frameworkID: "F1", taskID: "t2"))
    }

    @Test func defaultLimitIsAHundred() throws {
        let many = OperatorFixtures.large(agents: 2, tasks: 150)
        let page = LegacyTaskQuery().page(of: many)
        #expect(page.count == 100)
        #expect(LegacyTaskQuery(limit: nil).page(of: many).count == 150)
        #expect(page.first?.id == "task-149")
    }

    @Test func taskShape() {
        let snapshot = OperatorFixtures.small
        #expect(
            LegacyJSON.tasks(snapshot, query: LegacyTaskQuery(taskID: "T1")).text == #"{"tasks":[\#(LegacyStateTests.runningTask)]}"#)
        #expect(LegacyJSON.tasks(snapshot, query: LegacyTaskQuery(taskID: "nope")).text == #"{"tasks":[]}"#)
        var cluster = snapshot
        cluster.tasks[0].executorID = "e1"
        cluster.tasks[0].command = CommandInfo(value: "true", user: "nobody")
        cluster.tasks[0].statuses[0].healthy = true
        cluster.tasks[0].statuses[0].timestamp = nil
        let json = LegacyJSON.tasks(cluster, query: LegacyTaskQuery(taskID: "T1")).text
        #expect(json.contains(#""executor_id":"e1","slave_id":"S1""#))
        #expect(json.contains(#""statuses":[{"state":"TASK_RUNNING","timestamp":1700000030.0,"healthy":true}],"user":"nobody","labels""#))
    }
}
