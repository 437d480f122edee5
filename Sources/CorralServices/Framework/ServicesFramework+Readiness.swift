import CorralModel

extension ServicesFramework {
    /// Performs the readiness probes the core hands out, each in a task of its own (a slow task
    /// must not hold the others' probes back), until the framework stops.
    nonisolated func probeReadiness(_ probes: AsyncStream<ReadinessProbe>) async {
        await withDiscardingTaskGroup { probing in
            for await probe in probes {
                probing.addTask {
                    let response = await self.prober.probe(probe)
                    await self.readinessAnswered(probe.taskID, response)
                }
            }
        }
    }

    /// A readiness probe's answer: the deployment waiting for the task may move on.
    func readinessAnswered(_ taskID: TaskID, _ response: ReadinessResponse?) async {
        await carryOut(core.readinessAnswered(taskID, response, now: clock.now))
        await askForOffersAsNeeded()
    }
}
