import CorralModel

extension ConsoleModel {
    /// `w`: why the selected row is as it is. Today that is a waiting launch's reason, from the
    /// agents' books at this moment; the other rows' reasons (the allocator's order, filters,
    /// an app's backoff) are still to come, and `w` says so rather than nothing.
    mutating func explainSelection() {
        guard focus == .tasks, let key = selectedKey(in: .tasks), let launch = waiting.first(where: { $0.rowKey == key }) else {
            notice = Notice(text: "w explains a waiting launch: select one in the Tasks pane", isError: false, at: now)
            return
        }
        let reason = LaunchFit.reason(cpus: launch.cpus, mem: launch.mem, agents: snapshot?.agents ?? [])
        notice = Notice(text: "\(launch.taskID) waits: \(reason)", isError: false, at: now)
    }
}
