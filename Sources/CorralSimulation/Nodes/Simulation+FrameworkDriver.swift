import CorralMaster
import CorralModel
import CorralSDK

/// The SDK's driver in the simulation: its core decides (subscribing again with backoff,
/// reconciling after each subscription and periodically, acknowledging), and the simulation
/// carries the actions out on its network and virtual time, as the `SchedulerDriver` actor does
/// on a transport and a clock.
extension Simulation {
    /// One input through the framework's driver core, and its actions carried out in order.
    func frameworkDrive(_ index: Int, _ event: SchedulerDriverCore.Event) {
        var actions = frameworks[index].driver.handle(event, now: instant)
        if options.plantedBug == .droppedAcknowledgement, case .received(.update(let status)) = event, status.state == .killed {
            actions.removeAll { if case .send(.acknowledge, _) = $0 { true } else { false } }
        }
        for action in actions { frameworkPerform(index, action) }
        rearmFramework(index)
    }

    private func frameworkPerform(_ index: Int, _ action: SchedulerDriverCore.Action) {
        switch action {
        case .subscribe(_, _, let delay):
            if delay == .zero {
                frameworkConnect(index)
            } else {
                schedule(.frameworkConnect(index, incarnation: frameworks[index].incarnation), after: delay.seconds)
            }
        case .send(let call, let id):
            if !request(.call(id, call), from: frameworks[index].node, to: .master) { frameworks[index].interest.failed(call) }
        case .tell(let event):
            frameworkTell(index, event)
        case .askKnownTasks:
            frameworkDrive(index, .knownTasks(frameworks[index].logic?.knownTasks ?? []))
        case .log(_, let line):
            log(frameworks[index].name, line)
        case .end(let ending):
            log(frameworks[index].name, "driver ended: \(ending)")
        case .tellDisconnected, .reject:
            break
        }
    }

    func frameworkTick(_ index: Int, _ incarnation: Int) {
        guard frameworks[index].logic != nil, frameworks[index].incarnation == incarnation else { return }
        frameworks[index].armed = nil
        frameworkDrive(index, .tick)
        frameworkStep(index) { logic, now in logic.tick(now: now) }
    }

    /// The framework sleeps until the earliest of its core's next deadline, its driver's and
    /// its next call about offers, as its `DeadlineTimer` does; a tick scheduled for a deadline
    /// that has since moved still comes, and finds nothing due.
    func rearmFramework(_ index: Int) {
        guard let logic = frameworks[index].logic else { return }
        let wanted = logic.wantsOffers(now: instant)
        let call = frameworks[index].subscribed ? frameworks[index].interest.nextCall(wanted: wanted) : nil
        let deadlines = [logic.nextDeadline(now: instant), call, frameworks[index].driver.nextDeadline]
        guard let deadline = deadlines.compactMap({ $0 }).min(), deadline != frameworks[index].armed else { return }
        frameworks[index].armed = deadline
        // At least a millisecond ahead, as the timer wakes: a deadline a tick does not move (one
        // a rounding away from now) must not stop virtual time.
        queue.schedule(.frameworkTick(index, incarnation: frameworks[index].incarnation), at: max(now + 0.001, deadline.wall))
    }

    func frameworkLinkLost(_ index: Int, _ connection: ConnectionID) {
        guard frameworks[index].logic != nil, frameworks[index].link == connection else { return }
        log(frameworks[index].name, "lost the master; re-subscribes")
        frameworks[index].link = nil
        frameworkDrive(index, .closed)
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
