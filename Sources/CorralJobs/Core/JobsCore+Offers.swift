import CorralModel
import CorralSDK

extension JobsCore {
    /// Launches queued runs on the offers they fit (resources and constraints), oldest first;
    /// a job that is not `concurrent` waits while a run of it is still going. Offers that launch
    /// nothing are declined: briefly while runs wait, for longer when nothing does.
    public mutating func offers(_ offers: [Offer], now: ClusterInstant) -> [FrameworkAction] {
        var actions: [FrameworkAction] = []
        var unused: [OfferID] = []
        for offer in offers {
            var free = offer.resources.unallocated()
            var tasks: [TaskInfo] = []
            var index = 0
            while index < pending.count {
                let run = pending[index]
                guard let job = jobs[run.name] else {
                    pending.remove(at: index)
                    continue
                }
                let needs = Self.resources(of: job, on: offer)
                if let reason = Self.refusal(of: job, needs: needs, free: free, offer: offer, launchable: isLaunchable(run)) {
                    waitingReasons[run.name] = reason
                    index += 1
                    continue
                }
                waitingReasons[run.name] = nil
                try? free.subtract(needs)
                pending.remove(at: index)
                let task = makeTask(job, run: run, resources: needs, agentID: offer.agentID, now: now)
                tasks.append(task)
                running[task.taskID] = job.name
                history[job.name]!.record(JobHistory.Run(
                    taskID: task.taskID, agentID: offer.agentID, attempt: run.attempt, triesLeft: run.triesLeft, startedAt: now.wall,
                    report: job.async ? .awaited : nil))
            }
            if tasks.isEmpty { unused.append(offer.id) } else { actions.append(.launch(offer.id, tasks)) }
        }
        if !unused.isEmpty { actions.append(.decline(unused, refuseSeconds: wantsOffers ? 1 : 30)) }
        return actions
    }

    // MARK: Tasks

    /// `ct:<milliseconds>:<attempt>:<job>`, Chronos's form: the job's name is in every task ID,
    /// and the stamp keeps IDs unique across restarts.
    private mutating func makeTask(_ job: JobDefinition, run: PendingRun, resources: Resources, agentID: AgentID, now: ClusterInstant) -> TaskInfo {
        let stamp = max(Int64(exactly: (now.wall.seconds * 1000).rounded(.down)) ?? 0, lastTaskStamp + 1)
        lastTaskStamp = stamp
        let taskID = TaskID("ct:\(stamp):\(run.attempt):\(job.name)")
        // What Chronos tells its tasks about themselves, then the job's own variables. An async
        // job reports on its run by the task ID in `mesos_task_id`.
        var environment = [
            EnvironmentVariable(name: "mesos_task_id", value: taskID.value),
            EnvironmentVariable(name: "CHRONOS_JOB_NAME", value: job.name),
            EnvironmentVariable(name: "CHRONOS_JOB_OWNER", value: job.owner),
            EnvironmentVariable(name: "CHRONOS_JOB_RUN_ATTEMPT", value: String(run.attempt)),
        ]
        environment += job.environmentVariables
        // Mesos's argv includes argv[0]; Chronos's `arguments` are what follows the program.
        // `runAsUser` is the task's user on agents that switch users (as they do by default).
        let command = job.shell
            ? CommandInfo(shell: true, value: job.command, environment: environment, user: job.runAsUser, uris: job.uris.map { CommandURI(value: $0) })
            : CommandInfo(shell: false, value: job.command, arguments: [job.command] + job.arguments, environment: environment,
                          user: job.runAsUser, uris: job.uris.map { CommandURI(value: $0) })
        return TaskInfo(name: job.name, taskID: taskID, agentID: agentID, resources: resources, command: command)
    }

    /// cpus and mem always; disk only where the agent offers disk at all (agents started with
    /// explicit resources often have none, and a job's default 256 MB would never fit).
    static func resources(of job: JobDefinition, on offer: Offer) -> Resources {
        var needs = Resources([.scalar("cpus", job.cpus), .scalar("mem", job.mem)])
        if job.disk > 0, offer.resources.disk > 0 { needs.add(.scalar("disk", job.disk)) }
        return needs
    }

    /// Why an offer cannot take a run of the job now, or nil when it can.
    static func refusal(of job: JobDefinition, needs: Resources, free: Resources, offer: Offer, launchable: Bool) -> String? {
        if !launchable { return "a run of it is still going, and it is not concurrent" }
        if !allows(job, offer) { return "\(offer.hostname) fails its constraints \(job.constraints.map { $0.joined(separator: ":") }.joined(separator: ", "))" }
        if !free.contains(needs) { return free.shortfallSentence(for: needs, host: offer.hostname, what: "a run") }
        return nil
    }

    static func allows(_ job: JobDefinition, _ offer: Offer) -> Bool {
        job.constraints.allSatisfy { JobConstraint($0)?.allows(offer) ?? false }
    }

    /// The status in an agent's "Command exited with status 3".
    static func exitStatus(in message: String?) -> Int? {
        guard let message, let range = message.range(of: "exited with status ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }
}
