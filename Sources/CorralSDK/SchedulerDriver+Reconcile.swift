import CorralModel
import Logging

extension SchedulerDriver {
    /// After each subscription: asks the master about every task the framework has (those this
    /// driver launched or heard of, and those the scheduler says it had before), again and
    /// again with backoff for those it does not answer for; then, periodically, about all of
    /// them at once (implicit) and each (explicit). The answers reach the scheduler as updates.
    func reconcileAfterSubscribing() async {
        tasks.adopt(await scheduler.knownTasks(self))
        await reconcileUntilAnswered(retrying: true)
        var wait = reconciliation.firstPeriodic
        while (try? await clock.sleep(for: wait)) != nil {
            wait = reconciliation.interval
            do { try await send(.reconcile([])) } catch { return }
            await reconcileUntilAnswered(retrying: false)
        }
    }

    /// Sends an explicit RECONCILE of the tracked tasks; with `retrying`, sends it again, with
    /// backoff, for those no update came for, until none is left.
    private func reconcileUntilAnswered(retrying: Bool) async {
        var pending = tasks.reconcilable(at: clock.now)
        var delay = reconciliation.initialBackoff
        while !pending.isEmpty, !Task.isCancelled {
            let mark = tasks.updatesHeard
            do { try await send(.reconcile(pending)) } catch { return }
            logger.info("reconciling \(pending.count) task(s)")
            guard retrying, (try? await clock.sleep(for: delay)) != nil else { return }
            pending = tasks.unanswered(pending, since: mark)
            delay = min(delay * 2, reconciliation.maximumBackoff)
        }
    }
}
