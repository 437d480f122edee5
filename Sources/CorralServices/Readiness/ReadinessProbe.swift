import CorralModel

/// A readiness probe the core asks for: one HTTP(S) GET on the task's host and the host port of
/// the check's named port, answered within `timeoutSeconds`. The framework performs it and hands
/// the answer back to `ServicesCore.readinessAnswered`.
public struct ReadinessProbe: Hashable, Sendable {
    public var taskID: TaskID
    public var url: String
    public var timeoutSeconds: Double
}

extension ReadinessProbe {
    /// The probe of `check` on `instance`; nil when the instance has no host port for the
    /// check's port name (an app changed under it), so there is nothing to ask.
    init?(_ check: ReadinessCheck, of instance: AppInstance, portDefinitions: [AppDefinition.PortDefinition]) {
        guard let index = portDefinitions.firstIndex(where: { $0.name == check.portName }), index < instance.ports.count else { return nil }
        let scheme = check.protocol == "HTTPS" ? "https" : "http"
        taskID = instance.taskID
        url = "\(scheme)://\(instance.site.hostname):\(instance.ports[index])\(check.path)"
        timeoutSeconds = check.timeoutSeconds
    }
}
