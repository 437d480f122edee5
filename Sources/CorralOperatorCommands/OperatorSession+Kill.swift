import CorralModel
import CorralSDKHTTP

extension OperatorSession {
    /// What came of `corral task kill`.
    public enum KillOutcome: Hashable, Sendable {
        /// The task ended after the kill, in this state (nil: the master stopped listing it).
        case ended(TaskState?)
        /// The master took the kill; nobody waited to see the task end.
        case sent
        /// The task had ended before it could be killed.
        case alreadyEnded(TaskState)
    }

    /// Asks the master to kill `task` (Corral's KILL_TASK) and, unless `wait` is nil, waits that
    /// long for the task to end, looking every `poll`.
    public func kill(_ task: TaskRecord, wait: Duration?, poll: Duration = .milliseconds(200)) async throws(OperatorCommandError) -> KillOutcome {
        if task.state.isTerminal { return .alreadyEnded(task.state) }
        do {
            try await operators.killTask(task.key)
        } catch let refusal as SchedulerHTTPError {
            switch refusal.status {
            case 409:
                return .alreadyEnded(try await state(of: task.key) ?? task.state)
            case 404:
                throw .noSuchTask(task.id.value, framework: task.frameworkID.value, master: master)
            case 400 where refusal.message.contains("KILL_TASK"):
                // A master that does not know the call names it when it refuses it.
                throw .cannotKill(master, answer: refusal.message)
            default:
                throw .masterRefused(master, status: refusal.status, message: refusal.message)
            }
        } catch {
            throw failure(error)
        }
        guard let wait else { return .sent }
        return try await waitForEnd(of: task, within: wait, poll: poll)
    }

    private func waitForEnd(of task: TaskRecord, within wait: Duration, poll: Duration) async throws(OperatorCommandError) -> KillOutcome {
        let deadline = ContinuousClock.now + wait
        var state: TaskState? = task.state
        while true {
            state = try await self.state(of: task.key)
            guard let seen = state, !seen.isTerminal else { return .ended(state) }
            guard ContinuousClock.now < deadline else { break }
            try? await Task.sleep(for: poll)
            if Task.isCancelled { break }
        }
        throw .killTimedOut(task.key, seconds: wait.seconds, state: state)
    }
}
