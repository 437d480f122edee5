import CorralModel

/// Enter on an app: its state and size, its instances (state, health, host, version) and the
/// deployments in progress with their step.
enum ServiceDetailsView {
    static func draw(_ id: String, model: ConsoleModel, on canvas: inout Canvas, in rect: Rect) {
        guard let services = model.services else {
            return DetailsView.gone("App \(id)", ConsoleModel.notRunning(.services), on: &canvas, in: rect)
        }
        guard let app = services.first(where: { $0.id == id }) else {
            return DetailsView.gone("App \(id)", "This app is no longer known to Services.", on: &canvas, in: rect)
        }
        let infoHeight = 8
        let info = canvas.box(Rect(x: rect.x, y: rect.y, width: rect.width, height: infoHeight), title: "App \(app.id)", focused: true)
        let each = "\(Format.cpusAsked(app.cpus)) cpu · \(Format.megabytes(app.mem))"
        let total = "\(Format.cpusAsked(app.cpus * Double(app.wanted))) cpu · \(Format.megabytes(app.mem * Double(app.wanted)))"
        _ = DetailsView.fields([
            ("ID", app.id, .base),
            ("Status", app.status.text, app.status.role),
            ("Instances", "\(app.running) running · \(app.healthy) healthy · \(app.staged) staged · \(app.wanted) wanted", .base),
            ("Each instance", each, .base),
            ("All wanted", total, .base),
            ("Deployments", app.deployments.isEmpty ? "none" : "\(app.deployments.count) in progress", app.deployments.isEmpty ? .muted : .serviceDeploying),
        ], on: &canvas, in: info)

        let rest = rect.height - infoHeight
        let deploymentsHeight = max(4, min(app.deployments.count + 3, rest / 3))
        let tasks = instancesTable(app, now: model.now)
        let tasksBox = canvas.box(Rect(x: rect.x, y: rect.y + infoHeight, width: rect.width, height: rest - deploymentsHeight), title: "Instances \(tasks.count)")
        tasks.draw(on: &canvas, in: tasksBox, state: TableState(), focused: false)
        let deployments = deploymentsTable(app, now: model.now)
        let deploymentsBox = canvas.box(
            Rect(x: rect.x, y: rect.y + infoHeight + rest - deploymentsHeight, width: rect.width, height: deploymentsHeight),
            title: "Deployments \(deployments.count)")
        deployments.draw(on: &canvas, in: deploymentsBox, state: TableState(), focused: false)
    }

    static func instancesTable(_ app: ServiceRow, now: Time) -> TableData {
        let columns: [TableColumn<ServiceTaskRow>] = [
            .sorted("Task", .fixed(fitted(app.tasks.map(\.taskID), minimum: 16, maximum: 48)), by: { $0.taskID }) { .text($0.taskID) },
            .sorted("Host", .fixed(fitted(app.tasks.map(\.host), minimum: 8, maximum: 32)), by: { $0.host }) { .text($0.host) },
            .sorted("State", .fixed(11), by: { $0.state }) { task in
                let state = Format.taskState(named: task.state)
                return .text(state.text, state.role)
            },
            .sorted("Health", .fixed(9), by: { $0.healthy.map { $0 ? 0 : 1 } ?? 2 }) { task in
                switch task.healthy {
                case true?: .text("healthy", .taskRunning)
                case false?: .text("unhealthy", .taskFailed)
                case nil: .text("-", .muted)
                }
            },
            .sorted("Age", .fixed(7), alignment: .right, by: { $0.startedAt.map { now - $0 } ?? -1 }) { task in
                .text(task.startedAt.map { Format.age(now - $0) } ?? "-", task.startedAt == nil ? .muted : .base)
            },
            .sorted("Version", .flexible(minimum: 24), by: { $0.version }) { .text($0.version) },
        ]
        return TableData(app.tasks, columns: columns, state: TableState(), key: { $0.taskID }, search: { $0.taskID })
    }

    static func deploymentsTable(_ app: ServiceRow, now: Time) -> TableData {
        let columns: [TableColumn<DeploymentRow>] = [
            .sorted("Deployment", .fixed(fitted(app.deployments.map(\.id), minimum: 12, maximum: 40)), by: { $0.id }) { .text($0.id) },
            TableColumn("Step", .fixed(16)) { deployment in
                let fraction = deployment.totalSteps > 0 ? Double(deployment.currentStep) / Double(deployment.totalSteps) : 0
                return .gauge(fraction, role: .serviceDeploying, label: "\(deployment.currentStep)/\(deployment.totalSteps)")
            },
            TableColumn("Age", .fixed(7), alignment: .right) { .text(Format.age(now - $0.startedAt)) },
            TableColumn("Steps", .flexible(minimum: 20)) { .text($0.steps) },
        ]
        return TableData(app.deployments, columns: columns, state: TableState(), key: { $0.id }, search: { $0.id })
    }
}
