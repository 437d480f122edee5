import ConsoleCore
import CorralModel

extension ReplayCore {
    /// What a replay does with the model's effects: `w` gets the answer the live console got
    /// (the latest recorded for that question), or says it was not recorded; a task's output
    /// was never recorded and says so; what would change the cluster is refused.
    public func perform(_ effect: ConsoleEffect) -> [ConsoleMessage] {
        switch effect {
        case .explain(let subject):
            return [.explanation(subject, recordedAnswer(to: subject) ?? .unavailable(Self.notRecorded))]
        case .launch, .kill, .scaleApp, .createApp, .runJob, .tour:
            return [.notice(Self.readOnly, isError: true)]
        case .followSandbox(let key, _):
            guard let key else { return [] }
            return [.sandbox(key, stdout: "(not recorded: a history keeps the cluster, not tasks' output)", stderr: "")]
        case .setRefreshInterval, .saveScreen, .quit, .replay:
            return []
        }
    }

    public static let notRecorded =
        "Not recorded: nobody asked the master this while the history was written, and a replay cannot ask it now (it shows only answers the live console got)."

    /// The latest answer to `subject` recorded before the moment shown.
    func recordedAnswer(to subject: WhySubject) -> Why? {
        for index in history.entries[..<applied].indices.reversed() where history.entries[index].kind == .explanation {
            if case .explanation(subject, let answer)? = try? history.record(index) { return answer }
        }
        return nil
    }
}
