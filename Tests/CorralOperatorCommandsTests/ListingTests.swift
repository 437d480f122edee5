import CorralMesosJSON
import CorralModel
import CorralOperatorCommands
import Testing

/// `corral task list`, `corral agent list` and `corral framework list`: what each shows of a
/// cluster, as a table for people and as JSON for scripts.
@Suite struct ListingTests {
    let snapshot = SampleCluster.snapshot

    @Test func taskListShowsLiveTasksByIDWithTheirFrameworksNameAndAgentsAddress() {
        let lines = TaskLine.lines(of: snapshot, includeCompleted: false)
        #expect(lines.map(\.task.id) == ["web-1", "web-2"])
        #expect(TaskLine.table(lines) == """
            ID     NAME   FRAMEWORK  AGENT          STATE         CPUS   MEM  DISK
            web-1  web-1  services   10.0.0.1:5051  TASK_STAGING   0.1   32M    0M
            web-2  web-2  services   10.0.0.1:5051  TASK_RUNNING   0.5  128M    0M

            """)
    }

    @Test func taskListAllAddsEndedTasksAndNamesWhatIsNoLongerListedByID() {
        let lines = TaskLine.lines(of: snapshot, includeCompleted: true)
        #expect(lines.map(\.task.id) == ["report", "web-1", "web-2"])
        // Its agent (M-S9) is gone from the master's lists: the ID is all there is.
        #expect(TaskLine.table(lines).split(separator: "\n")[1] == "report  report  jobs       M-S9           TASK_FINISHED   0.1   32M    0M")
    }

    @Test func taskJSONIsAnArrayOfObjectsWithEveryKeyAlways() throws {
        let lines = TaskLine.lines(of: snapshot, includeCompleted: true)
        let json = try MesosJSON.parse(TaskLine.json(lines)).array()
        #expect(json.count == 3)
        let report = try json[0].object()
        #expect(try report.required("id", as: String.self) == "report")
        #expect(try report.required("framework_id", as: String.self) == "M-0002")
        #expect(try report.required("framework_name", as: String.self) == "jobs")
        #expect(try report.required("agent_id", as: String.self) == "M-S9")
        #expect(report.members.contains { $0.key == "agent" && $0.value == .null })
        #expect(try report.required("state", as: String.self) == "TASK_FINISHED")
        let web2 = try json[2].object()
        #expect(try web2.required("agent", as: String.self) == "10.0.0.1:5051")
        let resources = try web2.required("resources") { $0 }
        #expect(try resources.required("cpus", as: Double.self) == 0.5)
        #expect(try resources.required("mem", as: Double.self) == 128)
        #expect(try resources.required("ports", as: String.self) == "[31000-31000]")
        #expect(try MesosJSON.parse(TaskLine.json([])).array().isEmpty)
    }

    @Test func agentListShowsEveryAgentTheMasterKnowsWithItsStatus() {
        let lines = AgentLine.lines(of: snapshot)
        #expect(lines.map(\.id) == ["M-S0", "M-S1", "M-S3", "M-S7", "M-S8"])
        #expect(lines.map(\.status) == [.active, .unreachable, .recovering, .unreachable, .gone])
        #expect(AgentLine.table(lines) == """
            ID    ADDRESS        STATUS       TASKS   CPUS      MEM    DISK
            M-S0  10.0.0.1:5051  active           2  0.6/4  160M/8G  0M/10G
            M-S1  10.0.0.1:5052  unreachable      0    0/4    0M/8G  0M/10G
            M-S3  10.0.0.3:5051  recovering       0    0/2    0M/1G   0M/0M
            M-S7  -              unreachable      0    0/0    0M/0M   0M/0M
            M-S8  -              gone             0    0/0    0M/0M   0M/0M

            """)
    }

    @Test func agentJSONSaysWhereEachAgentIsAndWhatItHolds() throws {
        let json = try MesosJSON.parse(AgentLine.json(AgentLine.lines(of: snapshot))).array()
        let first = try json[0].object()
        #expect(try first.required("hostname", as: String.self) == "10.0.0.1")
        #expect(try first.required("port", as: Int.self) == 5051)
        #expect(try first.required("status", as: String.self) == "active")
        #expect(try first.required("active", as: Bool.self))
        #expect(try first.required("tasks", as: Int.self) == 2)
        #expect(try first.required("used_resources") { $0 }.required("cpus", as: Double.self) == 0.6)
        #expect(try first.required("resources") { $0 }.required("mem", as: Double.self) == 8192)
        let gone = try json[4].object()
        #expect(gone.members.filter { $0.value == .null }.map(\.key) == ["hostname", "port"])
        #expect(try gone.required("active", as: Bool.self) == false)
    }

    @Test func frameworkListShowsRolesStatusTasksAndWhatTheyHold() throws {
        let lines = FrameworkLine.lines(of: snapshot)
        #expect(FrameworkLine.table(lines) == """
            ID      NAME      ROLES    STATUS    TASKS  CPUS   MEM  DISK
            M-0002  jobs      *        inactive      0     0    0M    0M
            M-0001  services  web,ops  active        2   0.6  160M    0M

            """)
        let json = try MesosJSON.parse(FrameworkLine.json(lines)).array()
        let services = try json[1].object()
        #expect(try services.required("roles", as: [String].self) == ["web", "ops"])
        #expect(try services.required("status", as: String.self) == "active")
        #expect(try services.required("connected", as: Bool.self))
        #expect(try services.required("tasks", as: Int.self) == 2)
    }
}
