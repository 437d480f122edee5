import CorralModel
import Logging

extension SchedulerDriver {
    /// One input through the core, and its actions carried out in order; then the timer is set
    /// for the core's next deadline.
    func handle(_ event: SchedulerDriverCore.Event) async {
        let actions = core.handle(event, now: clock.now)
        for action in actions { await perform(action) }
        deadlines.arm(at: core.nextDeadline)
    }

    func perform(_ action: SchedulerDriverCore.Action) async {
        switch action {
        case .subscribe(let framework, let suppressedRoles, let delay):
            connect(framework, suppressedRoles: suppressedRoles, after: delay)
        case .send(let call, let frameworkID):
            // The driver's own calls (acknowledgements, reconciliation, teardown): one that does
            // not arrive is made again by the core's schedule, or by the agent's re-sends.
            do { try await transport.send(call, frameworkID: frameworkID) } catch { logger.info("cannot send \(call.typeName) to the master: \(error)") }
        case .tell(let event):
            await tell(event)
        case .tellDisconnected:
            await scheduler.disconnected(self)
        case .askKnownTasks:
            let known = await scheduler.knownTasks(self)
            await handle(.knownTasks(known))
        case .reject:
            break  // only a scheduler's call is rejected, and `send` throws it
        case .log(let level, let message):
            logger.log(level: level, "\(message)")
        case .end:
            connection?.cancel()
            connection = nil
            deadlines.disarm()
            inboxSink.finish()
        }
    }

    private func tell(_ event: SchedulerEvent) async {
        switch event {
        case .subscribed(let id, _, let masterInfo): await scheduler.subscribed(self, frameworkID: id, masterInfo: masterInfo)
        case .offers(let offers): await scheduler.offers(self, offers)
        case .rescind(let offerID): await scheduler.rescinded(self, offerID: offerID)
        case .update(let status): await scheduler.update(self, status)
        case .message(let agentID, let executorID, let data): await scheduler.message(self, agentID: agentID, executorID: executorID, data: data)
        case .failure(let agentID, let executorID, let status): await scheduler.failure(self, agentID: agentID, executorID: executorID, status: status)
        case .error(let message): await scheduler.error(self, message: message)
        case .heartbeat: break
        }
    }

    /// Subscribes after `delay` and feeds the stream's events into the inbox, then how it ended.
    /// The task runs on the actor (it captures `self`) and gives it up at every wait.
    private func connect(_ framework: FrameworkInfo, suppressedRoles: [String], after delay: Duration) {
        connection?.cancel()
        connection = _Concurrency.Task { [transport, clock, inboxSink] in
            do {
                if delay > .zero { try await clock.sleep(for: delay) }
                try await transport.subscribe(
                    framework, suppressedRoles: suppressedRoles, connected: { inboxSink.yield(.connected) },
                    deliver: { event in inboxSink.yield(.received(event)) })
                if !_Concurrency.Task.isCancelled { inboxSink.yield(.closed) }
            } catch SchedulerDriverError.refused(let message) {
                inboxSink.yield(.refused(message))
            } catch {
                guard !_Concurrency.Task.isCancelled else { return }
                failed(error)
            }
        }
    }

    private func failed(_ error: any Error) {
        failure = error
        inboxSink.yield(.failed("\(error)"))
    }
}
