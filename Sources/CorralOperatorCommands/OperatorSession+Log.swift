import CorralModel
import CorralTaskOutput

extension OperatorSession {
    /// Copies `task`'s stdout (or stderr) from its sandbox onto `output`: what the file holds
    /// now, or, with `follow`, what it holds and then what is written to it, until the task has
    /// ended and its last bytes are copied (or `output` is closed, or the caller is cancelled).
    public func copyLog(of task: TaskRecord, stderr: Bool, follow: Bool, to output: Int32, poll: Duration = .milliseconds(250)) async throws(OperatorCommandError) {
        // A first read only for its size says at once what is wrong, if anything is; a task
        // that has not started has no file yet, which is worth waiting for only when following.
        if case .failure(let problem) = await sandboxes.fetch(task.key, on: task.agentID, stderr: stderr, from: Int.max) {
            guard follow, !task.state.isTerminal, case .noSuchFile = problem else { throw .sandbox(problem) }
        }
        let follower = SandboxFollower(reader: sandboxes, task: task.key, agentID: task.agentID, stderr: stderr, output: output)
        guard follow, !task.state.isTerminal else {
            if await follower.copy(from: 0).readable { return }
            // The file went between the two reads: say why, as the first read would have.
            if case .failure(let problem) = await sandboxes.fetch(task.key, on: task.agentID, stderr: stderr, from: 0) { throw .sandbox(problem) }
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await follower.follow(pollInterval: poll) }
            group.addTask { await waitUntilEnded(task.key, poll: .seconds(1)) }
            // Whichever ends first (the task, or our output) ends the other; the follower
            // then copies what is left.
            await group.next()
            group.cancelAll()
        }
    }

    /// Returns once the master says the task has ended (or lists it no more), or when cancelled.
    /// A master that does not answer for a while is asked again: the agent may still serve.
    private func waitUntilEnded(_ key: TaskKey, poll: Duration) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: poll)
            guard !Task.isCancelled else { return }
            do {
                if try await state(of: key)?.isTerminal ?? true { return }
            } catch {
                continue
            }
        }
    }
}
