import CorralModel

extension ConsoleModel {
    public mutating func update(_ message: ConsoleMessage) -> [ConsoleEffect] {
        switch message {
        case .key(let key):
            return handle(key)
        case .tick(let now):
            self.now = now
            flashes.removeAll { now - $0.at > Self.flashSeconds }
            // A replay moves the clock back too: a notice from "later" goes.
            if let notice, now - notice.at > 6 || now < notice.at { self.notice = nil }
            return []
        case .cluster(let snapshot, let events):
            if paused {
                pending = (snapshot, (pending?.events ?? []) + events)
            } else {
                apply(snapshot, events: events)
                return refreshWhy()
            }
            return []
        case .sandbox(let key, let stdout, let stderr):
            if case .task(key) = detail { sandboxTail = (key, stdout, stderr) }
            return []
        case .notice(let text, let isError):
            notice = Notice(text: text, isError: isError, at: now)
            if isError { log(text, role: .error) }
            return []
        case .frameworks(let services, let jobs):
            if paused {
                pendingFrameworks = (services, jobs)
            } else {
                self.services = services
                self.jobs = jobs
            }
            return []
        case .explanation(let subject, let answer):
            whyInFlight.remove(subject)
            if why?.subject == subject {
                if why?.refreshing == true { why?.askedAt = now }
                why?.answer = answer
                why?.refreshing = false
            }
            return []
        case .startTour(let tour):
            return start(tour)
        case .replay(let timeline):
            replay = timeline
            return []
        case .rewind:
            rewind()
            return []
        case .waitingLaunches(let launches):
            waiting = launches
            waitingSince = Dictionary(launches.map { ($0.taskID, waitingSince[$0.taskID] ?? now) }, uniquingKeysWith: { first, _ in first })
            return []
        }
    }

    // MARK: Keys

    private mutating func handle(_ key: Key) -> [ConsoleEffect] {
        if key == .resize { return [] }
        switch mode {
        case .help:
            mode = .normal
            return []
        case .filtering:
            return editFilter(key)
        case .launching(var form):
            switch form.handle(key) {
            case .editing: mode = .launching(form)
            case .cancelled: mode = .normal
            case .submitted(let spec):
                if let never = LaunchFit.neverFits(cpus: spec.cpus, mem: spec.mem, agents: snapshot?.agents ?? []) {
                    form.errors = [never]
                    mode = .launching(form)
                    return []
                }
                mode = .normal
                notice = Notice(text: "Launching \(spec.instances) × '\(spec.name)'", isError: false, at: now)
                return [.launch(spec)]
            }
            return []
        case .creatingApp(var form):
            switch form.handle(key) {
            case .editing: mode = .creatingApp(form)
            case .cancelled: mode = .normal
            case .submitted(let spec): return createApp(spec)
            }
            return []
        case .confirmingKill(let task, let agentID, let killChosen):
            return confirmKill(key, task: task, agentID: agentID, killChosen: killChosen)
        case .normal:
            return detail == nil ? normalKey(key) : detailKey(key)
        }
    }

    private mutating func normalKey(_ key: Key) -> [ConsoleEffect] {
        if let effects = tourKey(key) { return effects }
        switch key {
        case .mouse(let event): pointed(event)
        case .character("q"): return [.quit]
        case .tab: focus = focus.next
        case .backTab: focus = focus.previous
        case .down, .character("j"): moveSelection(by: 1)
        case .up, .character("k"): moveSelection(by: -1)
        case .pageDown: moveSelection(by: 10)
        case .pageUp: moveSelection(by: -10)
        case .home, .character("g"): moveSelection(toStart: true)
        case .end, .character("G"): moveSelection(toStart: false)
        case .enter: return openDetail()
        case .escape:
            if !table(focus).filter.isEmpty { tables[focus]?.filter = "" }
        case .character("/"): mode = .filtering
        case .character("s"): cycleSort()
        case .character("I"): tables[focus]?.descending.toggle()
        case .character("S"): return [.saveScreen]
        case .character("l"): mode = .launching(LaunchForm())
        case .character("x"): askToKill(selectedTask())
        case .character("w"): return explainSelection()
        case .character("+"), .character("="): return scaleApp(focus == .services ? selectedKey(in: .services) : nil, by: 1)
        case .character("-"): return scaleApp(focus == .services ? selectedKey(in: .services) : nil, by: -1)
        case .character("n"): openNewAppDialog()
        case .character("r"): return runJob(focus == .jobs ? selectedKey(in: .jobs) : nil)
        case .character("t"): themeIndex = (themeIndex + 1) % themeNames.count
        case .character("p"): togglePause()
        case .character("["): return changeRefresh(faster: true)
        case .character("]"): return changeRefresh(faster: false)
        case .character("?"), .function(1): mode = .help
        default: break
        }
        return []
    }

    private mutating func detailKey(_ key: Key) -> [ConsoleEffect] {
        switch key {
        case .mouse: break  // a details screen has no rows to pick
        case .escape, .backspace, .character("h"), .left:
            let wasTask = if case .task = detail { true } else { false }
            detail = nil
            sandboxTail = nil
            why = nil
            return wasTask ? [.followSandbox(nil, agentID: nil)] : []
        case .character("q"): return [.quit]
        case .character("x"):
            if case .task(let key) = detail { askToKill(snapshot?.task(key)) }
        case .character("+"), .character("="):
            if case .service(let id) = detail { return scaleApp(id, by: 1) }
        case .character("-"):
            if case .service(let id) = detail { return scaleApp(id, by: -1) }
        case .character("r"):
            if case .job(let name) = detail { return runJob(name) }
        case .character("w"):
            switch detail {
            case .framework(let id): return explain(.framework(id))
            case .service(let id): return explain(.app(id))
            case .job(let name): return explain(.job(name))
            case .why(let subject): return explain(subject)
            default: break
            }
        case .character("n"): openNewAppDialog()
        case .character("l"): mode = .launching(LaunchForm())
        case .character("t"): themeIndex = (themeIndex + 1) % themeNames.count
        case .character("S"): return [.saveScreen]
        case .character("p"): togglePause()
        case .character("?"), .function(1): mode = .help
        default: break
        }
        return []
    }

    private mutating func editFilter(_ key: Key) -> [ConsoleEffect] {
        switch key {
        case .enter, .tab: mode = .normal
        case .escape:
            tables[focus]?.filter = ""
            mode = .normal
        case .backspace: _ = tables[focus]?.filter.popLast()
        case .control("u"): tables[focus]?.filter = ""
        case .character(let character): tables[focus]?.filter.append(character)
        default: break
        }
        tables[focus]?.selectedIndex = 0
        tables[focus]?.selectedKey = nil
        return []
    }

    private mutating func confirmKill(_ key: Key, task: TaskKey, agentID: AgentID, killChosen: Bool) -> [ConsoleEffect] {
        switch key {
        case .character("y"), .character("Y"):
            return kill(task, agentID: agentID)
        case .enter:
            if killChosen { return kill(task, agentID: agentID) }
            mode = .normal
        case .character("n"), .character("N"), .escape, .character("q"):
            mode = .normal
        case .left, .right, .tab, .backTab, .character("h"), .character("l"):
            mode = .confirmingKill(task, agentID: agentID, killChosen: !killChosen)
        default:
            break
        }
        return []
    }

    private mutating func kill(_ task: TaskKey, agentID: AgentID) -> [ConsoleEffect] {
        mode = .normal
        notice = Notice(text: "Killing \(task.taskID)", isError: false, at: now)
        return [.kill(task, agentID: agentID)]
    }

    private mutating func askToKill(_ task: TaskRecord?) {
        guard let task else {
            notice = Notice(text: "Select a task in the Tasks pane to kill it", isError: true, at: now)
            return
        }
        guard !task.state.isTerminal else {
            notice = Notice(text: "Task \(task.id) has already ended (\(task.state.shortName))", isError: true, at: now)
            return
        }
        mode = .confirmingKill(task.key, agentID: task.agentID, killChosen: false)
    }

    private mutating func togglePause() {
        paused.toggle()
        if !paused, let pending {
            self.pending = nil
            apply(pending.snapshot, events: pending.events)
        }
        if !paused, let pendingFrameworks {
            self.pendingFrameworks = nil
            services = pendingFrameworks.services
            jobs = pendingFrameworks.jobs
        }
    }

    private mutating func changeRefresh(faster: Bool) -> [ConsoleEffect] {
        let steps = Self.refreshIntervals
        let index = steps.firstIndex { $0 >= refreshInterval } ?? steps.count - 1
        let next = faster ? max(0, index - 1) : min(steps.count - 1, index + 1)
        refreshInterval = steps[next]
        return [.setRefreshInterval(refreshInterval)]
    }

    // MARK: Selection

    mutating func moveSelection(by delta: Int) {
        let data = ConsoleView.tableData(for: focus, model: self)
        guard !data.isEmpty else { return }
        let current = data.selectedRow(table(focus)) ?? 0
        select(min(max(0, current + delta), data.count - 1), in: data)
    }

    private mutating func moveSelection(toStart: Bool) {
        let data = ConsoleView.tableData(for: focus, model: self)
        guard !data.isEmpty else { return }
        select(toStart ? 0 : data.count - 1, in: data)
    }

    mutating func select(_ index: Int, in data: TableData) {
        tables[focus]?.selectedIndex = index
        tables[focus]?.selectedKey = data.key(at: index)
    }

    private mutating func cycleSort() {
        let data = ConsoleView.tableData(for: focus, model: self)
        var column = table(focus).sortColumn
        for _ in data.sortable.indices {
            column = (column + 1) % data.sortable.count
            if data.sortable[column] { break }
        }
        tables[focus]?.sortColumn = column
    }

    /// The key of the focused table's selected row.
    func selectedKey(in pane: Pane) -> String? {
        let data = ConsoleView.tableData(for: pane, model: self)
        return data.selectedRow(table(pane)).map { data.key(at: $0) }
    }

    func selectedTask() -> TaskRecord? {
        guard focus == .tasks, let key = selectedKey(in: .tasks), let snapshot else { return nil }
        return snapshot.tasks.first { $0.key.description == key } ?? snapshot.completedTasks.last { $0.key.description == key }
    }

    private mutating func openDetail() -> [ConsoleEffect] {
        if focus == .services || focus == .jobs {
            openFrameworkDetail(of: focus)
            return []
        }
        guard let key = selectedKey(in: focus), let snapshot else { return [] }
        switch focus {
        case .tasks:
            guard let task = snapshot.tasks.first(where: { $0.key.description == key }) ?? snapshot.completedTasks.last(where: { $0.key.description == key }) else { return [] }
            detail = .task(task.key)
            sandboxTail = nil
            return [.followSandbox(task.key, agentID: task.agentID)]
        case .agents:
            detail = .agent(AgentID(key))
        case .frameworks:
            detail = .framework(FrameworkID(key))
        case .offers:
            if let offer = snapshot.offers.first(where: { $0.offer.id.value == key }) { detail = .framework(offer.offer.frameworkID) }
        case .events, .services, .jobs:
            break
        }
        return []
    }
}

extension ClusterSnapshot {
    /// A task, running or ended, by key.
    public func task(_ key: TaskKey) -> TaskRecord? {
        tasks.first { $0.key == key } ?? completedTasks.last { $0.key == key }
    }
}
