import ConsoleCore
import CorralModel
import CorralTaskOutput

extension ConsoleSession {
    /// Every refresh interval: the cluster's snapshot and the events since the last one, and
    /// the tail of a followed sandbox. A source that fails (a master gone away) is retried, and
    /// the console says so.
    static func feed(_ cluster: Source, inbox: ConsoleInbox, controls: Controls) async {
        let collected = EventBatch()
        var tail = SandboxTailBuffer()
        var failing = false
        while !Task.isCancelled {
            do {
                // Subscribe before the first snapshot so that no event falls between the two.
                let events = try await cluster.events()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for try await event in events {
                            if case .usageSampled = event { continue }  // the snapshot carries usage
                            collected.append(event)
                        }
                        throw ClusterSourceEnded()
                    }
                    while !Task.isCancelled {
                        let snapshot = try await cluster.snapshot()
                        if failing {
                            failing = false
                            inbox.post(.notice("Connected to the cluster again", isError: false))
                        }
                        inbox.post(.cluster(snapshot, events: collected.take()))
                        if let (key, agentID) = controls.followed {
                            if let update = await tail.refresh(key, agentID: agentID, from: cluster.sandboxes) {
                                inbox.post(.sandbox(key, stdout: update.stdout, stderr: update.stderr))
                            }
                        }
                        try await Task.sleep(for: .seconds(controls.refreshInterval))
                    }
                    group.cancelAll()
                }
            } catch {
                if Task.isCancelled { return }
                if !failing { inbox.post(.notice("Lost the cluster (\(error)); retrying", isError: true)) }
                failing = true
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}

extension ConsoleSession {
    /// Every refresh interval: the apps and jobs of Services and Jobs. A loop of its own, so
    /// that a remote Services or Jobs slow to answer (or down: a refused connection takes its
    /// HTTP client's connect timeout) never holds up the cluster's panes.
    static func feed(_ frameworks: ConsoleFrameworks, inbox: ConsoleInbox, controls: Controls) async {
        while !Task.isCancelled {
            for message in await frameworks.messages() { inbox.post(message) }
            try? await Task.sleep(for: .seconds(controls.refreshInterval))
        }
    }
}

/// The cluster's event stream finished: the feed subscribes again.
struct ClusterSourceEnded: Error, CustomStringConvertible {
    var description: String { "the event stream ended" }
}
