import CorralModel

extension ConsoleModel {
    /// `w`: why the selected row is as it is. A framework's standing with the allocator and an
    /// offer's reason come from the master (`ConsoleEffect.explain`); a waiting launch's reason
    /// from the agents' books at this moment.
    mutating func explainSelection() -> [ConsoleEffect] {
        switch focus {
        case .frameworks:
            if let key = selectedKey(in: .frameworks) { return explain(.framework(FrameworkID(key))) }
        case .offers:
            if let key = selectedKey(in: .offers) { return explain(.offer(OfferID(key))) }
        case .services:
            if let key = selectedKey(in: .services) { return explain(.app(key)) }
        case .jobs:
            if let key = selectedKey(in: .jobs) { return explain(.job(key)) }
        case .tasks:
            if let key = selectedKey(in: .tasks), let launch = waiting.first(where: { $0.rowKey == key }) {
                let reason = LaunchFit.reason(cpus: launch.cpus, mem: launch.mem, agents: snapshot?.agents ?? [])
                notice = Notice(text: "\(launch.taskID) waits: \(reason)", isError: false, at: now)
                return []
            }
        default:
            break
        }
        notice = Notice(text: "w explains a framework, an offer, an app, a job or a waiting launch: select one", isError: false, at: now)
        return []
    }

    /// A framework's standing changes with every offer and task: an open Why view of one asks
    /// again with each refresh of the cluster, once the last answer has come. (An offer's reason
    /// is of the moment it was made, and stays.)
    mutating func refreshWhy() -> [ConsoleEffect] {
        guard case .why(let subject) = detail, case .framework = subject, let panel = why, panel.answer != nil, !panel.refreshing else { return [] }
        why?.refreshing = true
        return ask(subject)
    }

    /// Asks the master about `subject`, unless a question about it is already out: its answer
    /// will fill the view (w pressed while a refresh was out sent a second question, and the
    /// older answer could come last).
    private mutating func ask(_ subject: WhySubject) -> [ConsoleEffect] {
        whyInFlight.insert(subject).inserted ? [.explain(subject)] : []
    }

    /// Opens the "Why" view of `subject` and asks the master; the view says it is asking until
    /// the answer comes. Asking again (w in the view) refreshes it.
    mutating func explain(_ subject: WhySubject) -> [ConsoleEffect] {
        detail = .why(subject)
        why = WhyPanel(subject: subject, askedAt: now)
        // An app's reasons come with Services' rows and stay live; the master is not asked.
        switch subject {
        case .app, .job: return []
        case .framework, .offer: return ask(subject)
        }
    }
}
