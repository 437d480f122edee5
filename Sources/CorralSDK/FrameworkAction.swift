import CorralModel
import Logging

/// What a framework's pure core asks of the master, for the framework's actor to send: the core
/// decides (on offers, statuses, ticks), the driver carries it out.
public enum FrameworkAction: Hashable, Sendable {
    case launch(OfferID, [TaskInfo])
    case decline([OfferID], refuseSeconds: Double)
    case kill(TaskID, AgentID?)
}

extension SchedulerDriver {
    /// Sends the actions in order. One the master cannot be sent (the connection is down) is
    /// logged and skipped: the core learns what happened from the statuses and offers that follow.
    public func carryOut(_ actions: [FrameworkAction], logger: Logger) async {
        for action in actions {
            do {
                switch action {
                case .launch(let offerID, let tasks):
                    logger.info("launching \(tasks.map(\.taskID.value).joined(separator: ", "))")
                    try await launch(tasks, on: [offerID], filters: Filters(refuseSeconds: 1))
                case .decline(let offerIDs, let refuseSeconds):
                    try await decline(offerIDs, filters: Filters(refuseSeconds: refuseSeconds))
                case .kill(let taskID, let agentID):
                    try await kill(taskID, agentID: agentID)
                }
            } catch {
                logger.warning("cannot send \(action) to the master: \(error)")
            }
        }
    }
}

extension OfferInterest {
    /// Notes the long declines among actions about to be sent, decided by a framework that
    /// then wanted offers or not.
    public mutating func record(_ actions: [FrameworkAction], wanted: Bool) {
        for case .decline(_, let refuseSeconds) in actions { declined(refuseSeconds: refuseSeconds, wanted: wanted) }
    }
}
