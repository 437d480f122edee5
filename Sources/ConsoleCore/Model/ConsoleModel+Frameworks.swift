/// The keys of the Services and Jobs panes: scale an app, create one, run a job, open their
/// details. Each says in the footer what it did, or why it could not.
extension ConsoleModel {
    /// What a pane of a framework that is not running says, and what its keys answer.
    public static func notRunning(_ pane: Pane) -> String {
        pane == .jobs ? "Jobs are not running — start corral jobs" : "Services are not running — start corral services"
    }

    /// `+` / `-`: one instance more or fewer of the app, never fewer than none.
    mutating func scaleApp(_ id: String?, by delta: Int) -> [ConsoleEffect] {
        guard let services else { return tell(Self.notRunning(.services), isError: true) }
        guard let id, let index = services.firstIndex(where: { $0.id == id }) else {
            return tell("Select an app in the Services pane to scale it", isError: true)
        }
        let wanted = services[index].wanted + delta
        guard wanted >= 0 else { return tell("\(id) is already scaled to 0 instances", isError: true) }
        // Counted here at once, so that pressing + three times asks for three more before
        // Services reports back.
        self.services?[index].wanted = wanted
        notice = Notice(text: "Scaling \(id) to \(wanted) \(wanted == 1 ? "instance" : "instances")", isError: false, at: now)
        return [.scaleApp(id: id, instances: wanted)]
    }

    /// `n`: the new-app dialog, which knows the ids already taken.
    mutating func openNewAppDialog() {
        guard let services else {
            _ = tell(Self.notRunning(.services), isError: true)
            return
        }
        mode = .creatingApp(NewAppForm(existingIDs: Set(services.map(\.id))))
    }

    mutating func createApp(_ spec: NewAppSpec) -> [ConsoleEffect] {
        mode = .normal
        let each = "\(Format.cpusAsked(spec.cpus)) cpu, \(Format.megabytes(spec.mem))"
        notice = Notice(text: "Creating \(spec.id): \(spec.instances) × (\(each))", isError: false, at: now)
        return [.createApp(spec)]
    }

    /// `r`: the job now, outside its schedule.
    mutating func runJob(_ name: String?) -> [ConsoleEffect] {
        guard let jobs else { return tell(Self.notRunning(.jobs), isError: true) }
        guard let name, jobs.contains(where: { $0.name == name }) else {
            return tell("Select a job in the Jobs pane to run it", isError: true)
        }
        notice = Notice(text: "Running \(name) now", isError: false, at: now)
        return [.runJob(name: name)]
    }

    /// Enter on the Services or Jobs pane.
    mutating func openFrameworkDetail(of pane: Pane) {
        guard (pane == .services ? services != nil : jobs != nil) else {
            _ = tell(Self.notRunning(pane), isError: true)
            return
        }
        guard let key = selectedKey(in: pane) else { return }
        detail = pane == .services ? .service(key) : .job(key)
    }

    private mutating func tell(_ text: String, isError: Bool) -> [ConsoleEffect] {
        notice = Notice(text: text, isError: isError, at: now)
        return []
    }
}
