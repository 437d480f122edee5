import CorralModel
import Foundation

extension JobsCore {
    /// The core as it was when `state` was saved. Jobs were checked when they were put, so
    /// they are taken as they are; parents go into the graph before their children.
    public init(restoring state: JobsState) {
        self.init()
        var waiting = state.jobs.values.sorted { $0.name < $1.name }
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.parents.allSatisfy { graph.parents[$0] != nil } }
            // A job whose parents never arrive (a damaged store) keeps the ones that exist.
            let batch = ready.isEmpty ? waiting : ready
            for job in batch {
                let known = job.parents.filter { graph.parents[$0] != nil }
                if (try? graph.set(job.name, parents: known)) == nil { try? graph.set(job.name, parents: []) }
                var restored = job
                let kept = graph.parents[job.name] ?? []
                restored.parents = job.parents.filter(kept.contains)
                jobs[job.name] = restored
                if let schedule = job.schedule {
                    let zone = job.scheduleTimeZone
                    // Empty starts were resolved when the job was put, so `now` plays no part.
                    schedules[job.name] = try? RepeatingSchedule(parsing: schedule, timeZone: zone, now: .distantPast)
                }
            }
            let names = Set(batch.map(\.name))
            waiting.removeAll { names.contains($0.name) }
        }
        for name in jobs.keys { history[name] = state.history[name] ?? JobHistory() }
        pending = state.pending.filter { jobs[$0.name] != nil }
        for (name, record) in history {
            for run in record.runs where run.isOpen { running[run.taskID] = name }
            for run in record.runs {
                let parts = run.taskID.value.split(separator: ":")
                if parts.count >= 2, let stamp = Int64(parts[1]), stamp < 1 << 52 { lastTaskStamp = max(lastTaskStamp, stamp) }
            }
        }
    }
}
