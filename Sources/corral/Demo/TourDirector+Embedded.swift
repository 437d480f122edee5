import CorralCluster
import CorralConsole
import CorralConsoleFrameworks
import CorralJobs
import CorralServices
import ConsoleCore

extension TourDirector {
    /// A tour's steps on an embedded cluster: weights through its master, apps and jobs through
    /// its Services and Jobs, and an agent "killed" by draining it (its tasks are killed, and it
    /// leaves the master). An agent's place is its `agent` line's: the order the cluster made them.
    static func embedded(_ cluster: EmbeddedCluster, services: ServicesFramework, jobs: JobsFramework) -> TourDirector {
        TourDirector(
            setWeight: { role, weight in await cluster.master.setWeight(weight, forRole: role) },
            createApp: { spec, backoff in
                var app = AppDefinition(spec)
                if let backoff { app.backoffSeconds = backoff }
                _ = try await services.create(app)
            },
            putJob: { job in
                try await jobs.put(JobDefinition(name: job.name, command: job.command, schedule: job.schedule, parents: job.parents, cpus: 0.1, mem: 32, disk: 0))
            },
            killAgent: { place in
                guard cluster.agents.indices.contains(place - 1) else {
                    throw TourUnavailable("there is no agent \(place): this cluster has \(cluster.agents.count)")
                }
                cluster.agents[place - 1].drain()
            })
    }
}
