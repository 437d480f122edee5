/// A COMMAND check: healthy when the command exits 0. It runs beside the task (its sandbox,
/// environment and cgroups) through the containerizer, which reaps it as it reaps tasks; its
/// output replaces the sandbox's `health-check.stdout` and `.stderr`, so the last attempt's
/// words are there when a task turns unhealthy.
struct CommandProbe: HealthProbe {
    let containerizer: Containerizer
    let containerID: String
    let command: ContainerCommand
    let environment: [String: String]
    /// The task's user: the check runs as the task does.
    let user: TaskUser?

    var name: String {
        switch command {
        case .shell(let text): "Command `\(text)`"
        case .exec(let path, let arguments): "Command `\(([path] + arguments.dropFirst()).joined(separator: " "))`"
        }
    }

    func attempt() async -> HealthCheckResult {
        do {
            let exit = try await containerizer.exec(command, environment: environment, in: containerID, outputName: "health-check", as: user)
            return exit == .exited(0) ? .passed("\(name) \(exit)") : .failed("\(name) \(exit)")
        } catch {
            return .failed("\(name) could not run: \(error)")
        }
    }
}
