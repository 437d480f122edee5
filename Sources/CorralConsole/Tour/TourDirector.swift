import ConsoleCore
import CorralModel
import CorralSDK

/// Carries out a tour's steps on the cluster the console runs: its own frameworks through the
/// SDK, and the rest (weights, apps, jobs, agents) through what the composition that made the
/// cluster hands it. A step's replay is the console's own (its terminal loop replays its history).
public struct TourDirector: Sendable {
    public var setWeight: @Sendable (String, Double) async throws -> Void
    public var createApp: @Sendable (NewAppSpec, Double?) async throws -> Void
    public var putJob: @Sendable (TourJob) async throws -> Void
    /// The agent of the tour's `agent` line at this place (from 1) stops with its tasks.
    public var killAgent: @Sendable (Int) async throws -> Void

    private let frameworks = TourFrameworks()

    public init(
        setWeight: @escaping @Sendable (String, Double) async throws -> Void,
        createApp: @escaping @Sendable (NewAppSpec, Double?) async throws -> Void,
        putJob: @escaping @Sendable (TourJob) async throws -> Void, killAgent: @escaping @Sendable (Int) async throws -> Void
    ) {
        self.setWeight = setWeight
        self.createApp = createApp
        self.putJob = putJob
        self.killAgent = killAgent
    }

    /// Runs each action in order; one that fails is told as a notice, and the rest still run.
    func carryOut(_ actions: [TourAction], transport: some SchedulerTransport, notices: @escaping @Sendable (String, Bool) -> Void) async {
        var starting: [(TourFramework, role: String, suppressed: Bool)] = []
        for action in actions {
            if case .framework(let name, let role, let task, let count, let command, let suppressed) = action {
                starting.append((TourFramework(name: name, task: task, count: count, command: command, notices: notices), role, suppressed))
                continue
            }
            await start(starting, transport: transport, notices: notices)
            starting = []
            do {
                try await carryOut(action, transport: transport)
            } catch {
                notices("Tour: \(error)", true)
            }
        }
        await start(starting, transport: transport, notices: notices)
    }

    /// Frameworks a step starts together compete from the same moment: each subscribes
    /// suppressed, and once all have subscribed they revive one right after the other.
    /// Otherwise the first would take offers alone while the others were still subscribing,
    /// and DRF would have nothing to share.
    private func start(
        _ starting: [(TourFramework, role: String, suppressed: Bool)], transport: some SchedulerTransport,
        notices: @escaping @Sendable (String, Bool) -> Void
    ) async {
        var started: [TourFramework] = []
        var reviving: [SchedulerDriver] = []
        for (framework, role, suppressed) in starting {
            guard let driver = await frameworks.start(framework, role: role, suppressed: true, transport: transport) else {
                notices("Tour: framework \(framework.name) already runs (or the tour has ended)", true)
                continue
            }
            started.append(framework)
            if !suppressed { reviving.append(driver) }
        }
        guard !started.isEmpty else { return }
        // At most 5 s for all of them; a refused one gives up its own wait at once.
        let waiting = started
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                try? await Task.sleep(for: .seconds(5))
                for framework in waiting { await framework.giveUpWaiting() }
            }
            for framework in waiting { await framework.waitUntilSubscribed() }
            group.cancelAll()
        }
        for driver in reviving { try? await driver.revive() }
    }

    private func carryOut(_ action: TourAction, transport: some SchedulerTransport) async throws {
        switch action {
        case .framework:
            break  // started together by `start`
        case .weight(let role, let weight): try await setWeight(role, weight)
        case .decline(let name, let seconds): try await frameworks.named(name).framework.decline(for: seconds)
        case .suppress(let name): try await frameworks.named(name).driver.suppress()
        case .revive(let name):
            let (framework, driver) = try await frameworks.named(name)
            await framework.decline(for: nil)
            try await driver.revive()
        case .teardown(let name): await frameworks.stop(name)
        case .app(let app, let backoff): try await createApp(app, backoff)
        case .job(let job): try await putJob(job)
        case .killAgent(let place): try await killAgent(place)
        case .replay: break  // the console's own: the model never sends it here
        }
    }

    /// Stops the tour's frameworks (their tasks end with them).
    func stop() async { await frameworks.stopAll() }
}

public struct TourUnavailable: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// The tour's frameworks by name, each with its driver running.
actor TourFrameworks {
    private var running: [String: (framework: TourFramework, driver: SchedulerDriver, task: Task<Void, Never>)] = [:]
    /// Once the tour has ended nothing starts again (an effect still queued when the console
    /// quits must not leave a framework behind).
    private var ended = false

    /// Starts the framework unless one of its name runs; returns its driver.
    func start(_ framework: TourFramework, role: String, suppressed: Bool, transport: some SchedulerTransport) -> SchedulerDriver? {
        guard !ended, running[framework.name] == nil else { return nil }
        let driver = SchedulerDriver(
            scheduler: framework, framework: FrameworkInfo(name: framework.name, roles: [role]), transport: transport,
            suppressedRoles: suppressed ? [role] : [])
        running[framework.name] = (framework, driver, Task { try? await driver.run() })
        return driver
    }

    func named(_ name: String) throws -> (framework: TourFramework, driver: SchedulerDriver) {
        guard let entry = running[name] else { throw TourUnavailable("no framework '\(name)' in this tour yet") }
        return (entry.framework, entry.driver)
    }

    func stop(_ name: String) async {
        guard let entry = running.removeValue(forKey: name) else { return }
        await entry.driver.stop()
        entry.task.cancel()
    }

    func stopAll() async {
        ended = true
        for name in running.keys.sorted() { await stop(name) }
    }
}
