import CorralModel

extension AppDefinition {
    /// cpus, mem and (when asked for) disk of one instance.
    var scalarResources: Resources {
        var needs = Resources([.scalar("cpus", cpus), .scalar("mem", mem)])
        if disk > 0 { needs.add(.scalar("disk", disk)) }
        return needs
    }

    var portCount: Int { portDefinitions?.count ?? ports?.count ?? 0 }

    /// The task for one instance: the command with Marathon's environment (PORT, PORT0…,
    /// MARATHON_APP_ID, MARATHON_APP_VERSION), the kill grace period and the first health check,
    /// which the agent runs next to the task.
    func taskInfo(taskID: TaskID, appID: AppID, version: String, agentID: AgentID, resources: Resources, ports: [Int]) -> TaskInfo {
        var environment = env
        for (index, port) in ports.enumerated() { environment["PORT\(index)"] = String(port) }
        if let first = ports.first { environment["PORT"] = String(first) }
        environment["PORTS"] = ports.map(String.init).joined(separator: ",")
        environment["MARATHON_APP_ID"] = appID.path
        environment["MARATHON_APP_VERSION"] = version
        var command = cmd.map { CommandInfo.shell($0, environment: environment) }
            ?? CommandInfo(
                shell: false, value: args?.first, arguments: args ?? [],
                environment: environment.sorted { $0.key < $1.key }.map { EnvironmentVariable(name: $0.key, value: $0.value) })
        // Marathon's `user`: the instance's user on agents that switch users.
        command.user = user
        return TaskInfo(
            name: appID.taskPrefix, taskID: taskID, agentID: agentID, resources: resources, command: command,
            killPolicy: taskKillGracePeriodSeconds.map(KillPolicy.init(gracePeriodSeconds:)),
            healthCheck: healthChecks.first.flatMap { $0.mesos(ports: ports, environment: environment) },
            labels: labels.sorted { $0.key < $1.key }.map { Label(key: $0.key, value: $0.value) },
            discovery: discovery(appID: appID, ports: ports))
    }

    /// Discovery as Marathon gives every task: visible to the framework, named after the app
    /// as a hostname (`/shop/web` is `web.shop`, Marathon's `toHostname`), with each port
    /// definition at the port the instance got, once per protocol (`udp,tcp` gives two).
    func discovery(appID: AppID, ports: [Int]) -> DiscoveryInfo {
        let definitions = portDefinitions ?? (self.ports ?? []).map { PortDefinition(port: $0) }
        let discovered = zip(definitions, ports).flatMap { definition, number in
            let protocols = (definition.protocol ?? "tcp").split(separator: ",").map(String.init)
            let labels = (definition.labels ?? [:]).sorted { $0.key < $1.key }.map { Label(key: $0.key, value: $0.value) }
            return protocols.compactMap { name in
                UInt32(exactly: number).map { DiscoveryInfo.Port(number: $0, name: definition.name, protocol: name, labels: labels) }
            }
        }
        let hostname = appID.path.split(separator: "/").reversed().joined(separator: ".")
        return DiscoveryInfo(visibility: .framework, name: hostname, ports: discovered)
    }
}

extension AppDefinition.HealthCheck {
    /// Marathon's check as Mesos's, with the port resolved from the instance's ports. Checks run
    /// at once (no delay): failures inside the grace period do not count anyway.
    func mesos(ports: [Int], environment: [String: String]) -> HealthCheck? {
        let kind: HealthCheck.Kind
        switch self.protocol.uppercased() {
        case "COMMAND": kind = .command
        case "HTTP", "MESOS_HTTP", "HTTPS", "MESOS_HTTPS": kind = .http
        case "TCP", "MESOS_TCP": kind = .tcp
        default: return nil
        }
        let resolvedPort = port ?? portIndex.flatMap { ports.indices.contains($0) ? ports[$0] : nil } ?? ports.first
        return HealthCheck(
            kind: kind, delaySeconds: 0, intervalSeconds: intervalSeconds, timeoutSeconds: timeoutSeconds,
            consecutiveFailures: maxConsecutiveFailures, gracePeriodSeconds: gracePeriodSeconds,
            command: command.map { CommandInfo.shell($0.value, environment: environment) },
            port: kind == .command ? nil : resolvedPort.map(UInt32.init), path: kind == .http ? (path ?? "/") : nil)
    }
}
