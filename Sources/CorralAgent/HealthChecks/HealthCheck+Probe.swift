import CorralModel

extension HealthCheck {
    /// The probe that runs this check for the task in container `containerID`. A COMMAND check
    /// gets the task's environment with its own command's variables on top, as in Mesos.
    func probe(containerizer: Containerizer, containerID: String, taskEnvironment: [String: String], user: TaskUser? = nil) -> any HealthProbe {
        switch kind {
        case .command:
            guard let command, let value = command.value, !value.isEmpty else {
                return UnusableProbe(name: "COMMAND health check", problem: "it has no command")
            }
            var environment = taskEnvironment
            for variable in command.environment { environment[variable.name] = variable.value }
            return CommandProbe(
                containerizer: containerizer, containerID: containerID, command: ContainerCommand(command), environment: environment, user: user)
        case .http:
            guard let port = validPort else { return UnusableProbe(name: "HTTP health check", problem: "it has no port") }
            return HTTPProbe(port: port, path: path)
        case .tcp:
            guard let port = validPort else { return UnusableProbe(name: "TCP health check", problem: "it has no port") }
            return TCPProbe(port: port)
        }
    }

    private var validPort: UInt16? {
        port.flatMap { UInt16(exactly: $0) }.flatMap { $0 == 0 ? nil : $0 }
    }
}
