import CorralJobs
import CorralModel
import CorralServices

/// The frameworks of a simulated run: Services with one app, Jobs with a job and one that
/// follows it, and two batch frameworks sharing a role (the fairness check compares them).
enum SimFrameworks {
    static let batchRole = "batch"

    static func make(random: inout SeededRandom, now: ClusterInstant) -> [FrameworkNode] {
        var web = AppDefinition(id: "/web", cmd: "serve", instances: 3)
        web.cpus = 0.5
        web.mem = 64
        web.backoffSeconds = 1
        let services = ServicesScheduler(apps: [web], now: now)
        let jobs = JobsScheduler(jobs: [
            JobDefinition(name: "tick", command: "sleep 2", schedule: "R//PT20S", epsilon: ISODuration(seconds: 60)),
            JobDefinition(name: "report", command: "sleep 1", parents: ["tick"]),
        ], now: now)
        return [
            FrameworkNode(index: 1, name: "services", role: "*", logic: services),
            FrameworkNode(index: 2, name: "jobs", role: "*", logic: jobs),
            FrameworkNode(index: 3, name: "batch-a", role: batchRole, logic: BatchScheduler(name: "batch-a", seed: random.next())),
            FrameworkNode(index: 4, name: "batch-b", role: batchRole, logic: BatchScheduler(name: "batch-b", seed: random.next())),
        ]
    }
}
