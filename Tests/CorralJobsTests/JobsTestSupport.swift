import CorralModel
import CorralSDK
import Foundation

@testable import CorralJobs

/// A manual clock for the core: tests pass times in, starting at 2025-11-25T10:00:00Z.
let t0 = Time(seconds: 1_764_064_800)

func offer(_ number: Int, hostname: String = "h1", cpus: Double = 2, mem: Double = 2048, disk: Double = 0, attributes: [Attribute] = []) -> Offer {
    var resources = [Resource.scalar("cpus", cpus), .scalar("mem", mem)]
    if disk > 0 { resources.append(.scalar("disk", disk)) }
    return Offer(
        id: OfferID("o\(number)"), frameworkID: "jobs", agentID: AgentID("a-\(hostname)"), hostname: hostname, role: "*",
        resources: Resources(resources).allocated(to: "*"), attributes: attributes)
}

func launched(_ actions: [FrameworkAction]) -> [TaskInfo] {
    var tasks: [TaskInfo] = []
    for case .launch(_, let launched) in actions { tasks += launched }
    return tasks
}

func killed(_ actions: [FrameworkAction]) -> [TaskID] {
    var tasks: [TaskID] = []
    for case .kill(let taskID, _) in actions { tasks.append(taskID) }
    return tasks
}

/// A job; without a schedule or parents it gets a daily schedule from 2030, so that it runs only
/// when a test says "run now".
func job(_ name: String, _ command: String = "true", schedule: String? = nil, parents: [String] = [], retries: Int = 2) -> JobDefinition {
    let schedule = schedule ?? (parents.isEmpty ? "R/2030-01-01T00:00:00Z/P1D" : nil)
    return JobDefinition(name: name, command: command, schedule: schedule, parents: parents, retries: retries)
}

extension JobsCore {
    /// Launches what is queued on a fresh offer and returns the tasks.
    mutating func launchQueued(now: Time, offerNumber: Int = 1) -> [TaskInfo] {
        launched(offers([offer(offerNumber)], now: now))
    }

    mutating func finish(_ task: TaskInfo, _ state: TaskState = .finished, message: String? = nil, now: Time) {
        update(TaskStatus(taskID: task.taskID, state: state, message: message), now: now)
    }
}

/// The core's tests count in wall time, on a clock whose monotonic reading is the same number of
/// seconds: each call below hands the core that clock's instant.
extension ClusterInstant {
    init(_ time: Time) { self.init(seconds: time.seconds) }
}

func + (lhs: Time, rhs: Duration) -> Time { lhs + rhs.seconds }

extension JobsCore {
    @discardableResult
    mutating func put(_ job: JobDefinition, now: Time) throws(JobsError) -> JobDefinition { try put(job, now: ClusterInstant(now)) }
    mutating func runNow(_ name: String, now: Time) throws(JobsError) { try runNow(name, now: ClusterInstant(now)) }
    mutating func tick(now: Time) { tick(now: ClusterInstant(now)) }
    mutating func offers(_ offers: [Offer], now: Time) -> [FrameworkAction] { self.offers(offers, now: ClusterInstant(now)) }
    mutating func update(_ status: TaskStatus, now: Time) { update(status, now: ClusterInstant(now)) }
    func nextRun(of name: String, now: Time) -> Time? { nextRun(of: name, now: ClusterInstant(now)) }
    func summary(of name: String, now: Time) -> JobSummary? { summary(of: name, now: ClusterInstant(now)) }
    func summaries(now: Time) -> [JobSummary] { summaries(now: ClusterInstant(now)) }
    func graphCSV(now: Time) -> String { graphCSV(now: ClusterInstant(now)) }
    mutating func kill(_ name: String, now: Time) throws(JobsError) -> [FrameworkAction] { try kill(name, now: ClusterInstant(now)) }
    mutating func report(_ taskID: TaskID, statusCode: Int, now: Time) throws(JobsError) {
        try report(taskID, statusCode: statusCode, now: ClusterInstant(now))
    }
}
