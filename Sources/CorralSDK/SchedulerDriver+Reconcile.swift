import CorralModel
import Logging

extension SchedulerDriver {
    /// After subscribing again (the framework or the master restarted): asks the master about
    /// the tasks the framework launched before, whose fate only the master knows now. The
    /// answers come as status updates.
    public func reconcile(launchedBefore tasks: [ReconcileTask], logger: Logger) async {
        guard !tasks.isEmpty else { return }
        logger.info("reconciling \(tasks.count) task(s) from before the restart")
        do { try await reconcile(tasks) } catch { logger.warning("cannot reconcile: \(error)") }
    }
}
