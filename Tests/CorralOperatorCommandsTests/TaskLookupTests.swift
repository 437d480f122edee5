import CorralModel
import CorralOperatorCommands
import Testing

/// Which task `corral task log|kill NAME` means: an ID, or the start of one that only one task
/// has; an ID wins over the longer IDs it starts; the framework tells apart tasks that share an ID.
@Suite struct TaskLookupTests {
    let web = SampleCluster.web
    let batch = SampleCluster.batch
    let frameworks = [SampleCluster.framework(SampleCluster.web, "services"), SampleCluster.framework(SampleCluster.batch, "jobs")]

    func task(_ id: String, _ framework: FrameworkID, _ state: TaskState = .running, launched: Double = 0) -> TaskRecord {
        SampleCluster.task(id, framework, on: "S0", state, launched: launched)
    }

    @Test func anIDOrAUniquePrefixFindsItsTask() {
        let tasks = [task("web-1", web), task("report", batch)]
        #expect(TaskLookup.find("report", among: tasks) == .found(tasks[1]))
        #expect(TaskLookup.find("rep", among: tasks) == .found(tasks[1]))
        #expect(TaskLookup.find("w", among: tasks) == .found(tasks[0]))
    }

    @Test func aPrefixOfSeveralIDsIsAmbiguousAndListsThemByID() {
        let tasks = [task("web-2", web), task("web-1", web), task("report", batch)]
        #expect(TaskLookup.find("web", among: tasks) == .ambiguous([tasks[1], tasks[0]]))
    }

    @Test func anExactIDWinsOverTheLongerIDsItStarts() {
        let tasks = [task("web-2", web), task("web", web)]
        #expect(TaskLookup.find("web", among: tasks) == .found(tasks[1]))
    }

    @Test func nothingMatchesIsNoneAndAnEmptyNameMatchesNothing() {
        let tasks = [task("web-1", web)]
        #expect(TaskLookup.find("db", among: tasks) == .none)
        #expect(TaskLookup.find("", among: tasks) == .none)
        #expect(TaskLookup.find("web-1x", among: tasks) == .none)
    }

    @Test func theSameIDInTwoFrameworksIsAmbiguousUntilTheFrameworkIsGiven() {
        let tasks = [task("sleep", web), task("sleep", batch)]
        #expect(TaskLookup.find("sleep", among: tasks) == .ambiguous([tasks[0], tasks[1]]))
        #expect(TaskLookup.find("sleep", framework: "jobs", among: tasks, frameworks: frameworks) == .found(tasks[1]))
        #expect(TaskLookup.find("sleep", framework: "M-0001", among: tasks, frameworks: frameworks) == .found(tasks[0]))
        #expect(TaskLookup.find("sleep", framework: "M-000", among: tasks, frameworks: frameworks) == .ambiguous([tasks[0], tasks[1]]))
        #expect(TaskLookup.find("sleep", framework: "marathon", among: tasks, frameworks: frameworks) == .none)
    }

    @Test func aTaskLaunchedAgainWithItsIDIsOneTaskItsLatestLaunch() {
        let ended = task("sleep", web, .finished, launched: 1)
        let again = task("sleep", web, .running, launched: 9)
        #expect(TaskLookup.find("sleep", among: [again, ended]) == .found(again))
        #expect(TaskLookup.find("sl", among: [ended, again]) == .found(again))
    }
}
