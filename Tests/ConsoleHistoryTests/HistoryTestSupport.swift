import ConsoleCore
import CorralModel
import Foundation

@testable import ConsoleHistory

/// A fresh directory, removed when `body` returns.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corral-history-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    return try body(directory)
}

/// A short recorded session: `seconds` refreshes of a small synthetic cluster, one a second
/// (at .3 past, as a live loop would feed them), with Services' rows every refresh and a
/// waiting launch and a `w` answer on the way. Returns each message and when it was fed.
func recordedSession(seconds: Int, agents: Int = 4, tasks: Int = 30, churn: Int = 2) -> [(ConsoleMessage, Time)] {
    var cluster = SyntheticCluster(agents: agents, tasks: tasks, churn: churn)
    var messages: [(ConsoleMessage, Time)] = []
    for second in 1...seconds {
        let (snapshot, events) = cluster.advance()
        let at = snapshot.time + 0.3
        messages.append((.cluster(snapshot, events: events), at))
        let app = ServiceRow(id: "/web", running: second % 3, wanted: 3, status: second % 3 == 3 ? .running : .deploying, cpus: 0.5, mem: 128)
        messages.append((.frameworks(services: [app], jobs: [JobRow(name: "tick", schedule: "R//PT15S", running: second % 2)]), at))
        if second == 3 { messages.append((.waitingLaunches([WaitingLaunch(taskID: "big-1", name: "big", cpus: 64, mem: 128)]), at)) }
        if second == 5 { messages.append((.explanation(.offer("O-5"), .unavailable("Offer O-5 is no longer outstanding.")), at)) }
    }
    return messages
}

/// Writes `messages` into a history directory as a console would.
func writeHistory(_ messages: [(ConsoleMessage, Time)], to directory: String, limits: HistoryLimits = HistoryLimits(maxAge: 3600, maxBytes: 1 << 30, keyframeInterval: 5)) throws {
    var store = try HistoryStore(directory: directory, limits: limits)
    for (message, time) in messages { try store.append(message, at: time) }
}
