import CorralMaster
import CorralModel
import CorralSDK

/// The parts of the SDK's driver the simulation re-enacts: reconnecting with backoff, and
/// reconciling after each subscription until the master has answered for every task, then
/// periodically.
extension Simulation {
    /// Asks about the tasks not answered for yet; again after a backoff for those still silent.
    func reconcileNow(_ index: Int) {
        guard frameworks[index].subscribed, let id = frameworks[index].frameworkID else { return }
        let mark = frameworks[index].reconcileMark
        frameworks[index].reconciling = frameworks[index].tasks.unanswered(frameworks[index].reconciling, since: mark)
        frameworks[index].reconcileMark = frameworks[index].tasks.updatesHeard
        if frameworks[index].reconciling.isEmpty {
            // Everything answered: the periodic, implicit and explicit reconciliation follows.
            frameworkCall(index, .reconcile([]), as: id)
            frameworks[index].reconciling = frameworks[index].tasks.reconcilable(at: instant)
            if !frameworks[index].reconciling.isEmpty { frameworkCall(index, .reconcile(frameworks[index].reconciling), as: id) }
            frameworks[index].reconcileDelay = 30
        } else {
            frameworkCall(index, .reconcile(frameworks[index].reconciling), as: id)
            frameworks[index].reconcileDelay = min(frameworks[index].reconcileDelay * 2, 30)
        }
        schedule(.frameworkReconcile(index, generation: frameworks[index].reconcileGeneration), after: frameworks[index].reconcileDelay)
    }

    func frameworkReconcile(_ index: Int, _ generation: Int) {
        guard frameworks[index].logic != nil, frameworks[index].reconcileGeneration == generation else { return }
        reconcileNow(index)
    }

    func frameworkTick(_ index: Int, _ incarnation: Int) {
        guard frameworks[index].logic != nil, frameworks[index].incarnation == incarnation else { return }
        frameworks[index].armed = nil
        frameworkStep(index) { logic, now in logic.tick(now: now) }
    }

    /// The framework sleeps until its core's next deadline or its next call about offers, as
    /// its `DeadlineTimer` does; a tick scheduled for a deadline that has since moved still
    /// comes, and finds nothing due.
    func rearmFramework(_ index: Int) {
        guard let logic = frameworks[index].logic else { return }
        let wanted = logic.wantsOffers(now: instant)
        let call = frameworks[index].subscribed ? frameworks[index].interest.nextCall(wanted: wanted) : nil
        guard let deadline = [logic.nextDeadline(now: instant), call].compactMap({ $0 }).min(), deadline != frameworks[index].armed else { return }
        frameworks[index].armed = deadline
        // At least a millisecond ahead, as the timer wakes: a deadline a tick does not move (one
        // a rounding away from now) must not stop virtual time.
        queue.schedule(.frameworkTick(index, incarnation: frameworks[index].incarnation), at: max(now + 0.001, deadline.wall))
    }

    func frameworkLinkLost(_ index: Int, _ connection: ConnectionID) {
        guard frameworks[index].logic != nil, frameworks[index].link == connection else { return }
        log(frameworks[index].name, "lost the master; re-subscribes")
        frameworks[index].link = nil
        frameworks[index].subscribed = false
        frameworks[index].reconnectDelay = min(max(frameworks[index].reconnectDelay * 2, 0.5), 10)
        schedule(.frameworkConnect(index, incarnation: frameworks[index].incarnation), after: frameworks[index].reconnectDelay)
    }

    func frameworkSubscribeTimeout(_ index: Int, _ connection: ConnectionID) {
        guard frameworks[index].link == connection, !frameworks[index].subscribed else { return }
        breakConnection(connection)
    }

    func frameworkConnectTimer(_ index: Int, _ incarnation: Int) {
        guard frameworks[index].logic != nil, frameworks[index].incarnation == incarnation, frameworks[index].link == nil else { return }
        frameworkConnect(index)
    }
}
