import ConsoleCore
import CorralModel
import CorralSDK

/// The demo's batch framework: every few seconds a burst of short tasks, launched on whatever
/// offers fit, so the Frameworks pane shows DRF sharing the cluster with Services and Jobs.
/// It is the console's own queueing framework under another name.
public struct DemoBatch: Sendable {
    public var burstSize = 6
    public var burstInterval = 8.0

    public init() {}

    public func run(transport: some SchedulerTransport) async {
        let framework = ConsoleFramework { _, _ in }
        let driver = SchedulerDriver(scheduler: framework, framework: FrameworkInfo(name: "batch", roles: ["*"]), transport: transport)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await driver.run() }
            group.addTask {
                var burst = 0
                while !Task.isCancelled {
                    burst += 1
                    for task in 0..<burstSize {
                        // Lengths of 1 to 4 seconds, so tasks end at different times.
                        let seconds = 1 + (burst + task) % 4
                        await framework.launch(LaunchSpec(name: "burst\(burst)", command: "sleep \(seconds)", cpus: 0.2, mem: 16, instances: 1), driver: driver)
                    }
                    try? await Task.sleep(for: .seconds(burstInterval))
                }
            }
            await group.next()
            group.cancelAll()
        }
        await driver.stop()
    }
}
