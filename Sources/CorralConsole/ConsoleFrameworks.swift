import ConsoleCore
import CorralModel
import CorralSDK

/// Services and Jobs beside the console: the console shows their apps and jobs and carries out
/// its keys on them. On an embedded cluster they run in this process; attached to a remote
/// master the console reads them over their REST APIs when told where (`--services`,
/// `--jobs`). Either may be absent, and then its pane says so.
public struct ConsoleFrameworks: Sendable {
    public var services: (any ServicesLink)?
    public var jobs: (any JobsLink)?
    /// The frameworks to run on the cluster with the console (the embedded ones).
    public var embedded: [(name: String, framework: any EmbeddedFramework)] = []

    public static let none = ConsoleFrameworks()

    public init(
        services: (any ServicesLink)? = nil, jobs: (any JobsLink)? = nil, embedded: [(name: String, framework: any EmbeddedFramework)] = []
    ) {
        self.services = services
        self.jobs = jobs
        self.embedded = embedded
    }

    /// Runs the embedded frameworks until cancelled; one that stops is reported, not fatal.
    public func run(transport: some SchedulerTransport, notices: @escaping @Sendable (String, Bool) -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            for (name, framework) in embedded {
                group.addTask {
                    do { try await framework.run(transport: transport) } catch { notices("\(name) stopped: \(error)", true) }
                }
            }
        }
    }

    public func stop() async {
        for (_, framework) in embedded { await framework.stop() }
    }

    /// What the Services and Jobs panes show now. A framework that cannot be read (a remote one
    /// that does not answer) shows as not running, and a notice says why, again at every
    /// refresh while it lasts.
    public func messages() async -> [ConsoleMessage] {
        var problems: [ConsoleMessage] = []
        func read<Row>(_ name: String, _ rows: () async throws -> [Row]?) async -> [Row]? {
            do { return try await rows() } catch {
                problems.append(.notice("Cannot read \(name): \(error)", isError: true))
                return nil
            }
        }
        let services = await read("Services") { try await self.services?.rows() }
        let jobs = await read("Jobs") { try await self.jobs?.rows() }
        return [.frameworks(services: services, jobs: jobs)] + problems
    }

    /// Carries out a key on Services or Jobs; says what happened.
    public func perform(_ effect: ConsoleEffect, notices: @escaping @Sendable (String, Bool) -> Void) async {
        switch effect {
        case .scaleApp(let id, let instances):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do { try await services.scale(id, to: instances) } catch { notices("Could not scale \(id): \(error)", true) }
        case .createApp(let spec):
            guard let services else { return notices(ConsoleModel.notRunning(.services), true) }
            do { notices(try await services.create(spec), false) } catch { notices("Could not create \(spec.id): \(error)", true) }
        case .runJob(let name):
            guard let jobs else { return notices(ConsoleModel.notRunning(.jobs), true) }
            do {
                try await jobs.runNow(name)
                notices("Running \(name) now", false)
            } catch {
                notices("Could not run \(name): \(error)", true)
            }
        default:
            break
        }
    }
}
