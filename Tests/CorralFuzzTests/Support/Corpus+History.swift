import ConsoleCore
import ConsoleHistory
import CorralModel

extension Corpus {
    /// Records of a short recorded session, one of each kind, made by the history's own
    /// recorder from a small synthetic cluster: what a history file holds.
    static let historyRecords: [(kind: UInt8, payload: [UInt8])] = {
        var cluster = SyntheticCluster(agents: 3, tasks: 8, churn: 2)
        var recorder = HistoryRecorder(keyframeInterval: 3)
        var messages: [ConsoleMessage] = [
            .frameworks(services: [ServiceRow(id: "/web", wanted: 2, status: .waiting(reason: "no room"), cpus: 1, mem: 64)], jobs: [JobRow(name: "tick", schedule: "R//PT15S")]),
            .waitingLaunches([WaitingLaunch(taskID: "big-1", name: "big", cpus: 64, mem: 1)]),
            .explanation(.offer("O1"), .unavailable("gone")),
        ]
        for _ in 0..<5 {
            let (snapshot, events) = cluster.advance()
            messages.append(.cluster(snapshot, events: events))
        }
        return messages.enumerated().compactMap { index, message in
            recorder.record(message, at: Time(seconds: 1_764_064_800 + Double(index))).map { ($0.kind.rawValue, $0.payload) }
        }
    }()
}
