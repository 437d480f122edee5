import CorralModel
import Logging

extension SchedulerDriver {
    /// After each subscription: asks the master about every task the framework has (those this
    /// driver launched or heard of, and those the scheduler says it had before), again and
    /// again with backoff for those it does not answer for; then, periodically, about all of
    /// them at once (implicit) and each (explicit). The answers reach the scheduler as updates.
    func reconcileAfterSubscribing() async {
        for task in await scheduler.knownTasks(self) where tracked[task.taskID] == nil { tracked[task.taskID] = task }
        await reconcileUntilAnswered(retrying: true)
        var wait = reconciliation.firstPeriodic
        while (try? await clock.sleep(seconds: wait)) != nil {
            wait = reconciliation.interval
            do { try await send(.reconcile([])) } catch { return }
            await reconcileUntilAnswered(retrying: false)
        }
    }

    /// Sends an explicit RECONCILE of the tracked tasks; with `retrying`, sends it again, with
    /// backoff, for those no update came for, until none is left.
    private func reconcileUntilAnswered(retrying: Bool) async {
        var pending = tracked.values.sorted { $0.taskID < $1.taskID }
        var delay = reconciliation.initialBackoff
        while !pending.isEmpty, !Task.isCancelled {
            let mark = updatesHeard
            do { try await send(.reconcile(pending)) } catch { return }
            logger.info("reconciling \(pending.count) task(s)")
            guard retrying, (try? await clock.sleep(seconds: delay)) != nil else { return }
            pending = pending.filter { tracked[$0.taskID] != nil && (lastHeard[$0.taskID] ?? 0) <= mark }
            delay = min(delay * 2, reconciliation.maximumBackoff)
        }
    }

    /// Keeps track of the tasks the framework has: launched through this driver, or heard of in
    /// an update, until one says they ended.
    func track(_ call: SchedulerCall) {
        guard case .accept(_, let operations, _) = call else { return }
        for task in operations.flatMap(\.launchedTasks) { tracked[task.taskID] = ReconcileTask(taskID: task.taskID, agentID: task.agentID) }
    }

    func track(_ status: TaskStatus) {
        updatesHeard += 1
        if status.state.isTerminal {
            tracked[status.taskID] = nil
            lastHeard[status.taskID] = nil
        } else {
            tracked[status.taskID] = ReconcileTask(taskID: status.taskID, agentID: status.agentID ?? tracked[status.taskID]?.agentID)
            lastHeard[status.taskID] = updatesHeard
        }
    }
}
