extension AppDefinition {
    /// Marathon's 422 details: one entry per path with what is wrong there. Empty when valid.
    public func validationIssues() -> [ValidationIssue] {
        var issues = ValidationIssues()
        identityIssues(into: &issues)
        // Mesos keeps three decimals: less than 0.001 would round to nothing, and an instance
        // that needs nothing fits any offer any number of times.
        if !(cpus >= 0.001 && cpus <= Self.maximumScalar) { issues.add("/cpus", "must be from 0.001 to \(Int(Self.maximumScalar)), got \(cpus)") }
        if !(mem >= 0.001 && mem <= Self.maximumScalar) { issues.add("/mem", "must be from 0.001 to \(Int(Self.maximumScalar)), got \(mem)") }
        if !(disk >= 0 && disk <= Self.maximumScalar) { issues.add("/disk", "must be from 0 to \(Int(Self.maximumScalar)), got \(disk)") }
        if !(0...Self.maximumInstances).contains(instances) { issues.add("/instances", "must be from 0 to \(Self.maximumInstances), got \(instances)") }
        issues.seconds("/backoffSeconds", backoffSeconds)
        if !(backoffFactor >= 1 && backoffFactor <= 1000) { issues.add("/backoffFactor", "must be from 1 to 1000, got \(backoffFactor)") }
        issues.seconds("/maxLaunchDelaySeconds", maxLaunchDelaySeconds)
        if let grace = taskKillGracePeriodSeconds { issues.seconds("/taskKillGracePeriodSeconds", grace) }
        portIssues(into: &issues)
        dependencyIssues(into: &issues)
        for (index, constraint) in constraints.enumerated() {
            do { _ = try PlacementConstraint(marathon: constraint) } catch { issues.add("/constraints(\(index))", error.problem) }
        }
        let strategy = UpgradeStrategy(minimumHealthCapacity: upgradeStrategy.minimumHealthCapacity, maximumOverCapacity: upgradeStrategy.maximumOverCapacity)
        for message in strategy.problems { issues.add("/upgradeStrategy", message) }
        for message in unreachableStrategy.problems { issues.add("/unreachableStrategy", message) }
        for (index, check) in healthChecks.enumerated() {
            healthCheckIssues(check, path: "/healthChecks(\(index))", into: &issues)
        }
        // Marathon takes one readiness check per app.
        if readinessChecks.count > 1 { issues.add("/readinessChecks", "at most 1 readiness check per app, got \(readinessChecks.count)") }
        let portNames = (portDefinitions ?? []).compactMap(\.name)
        for (index, check) in readinessChecks.prefix(1).enumerated() {
            for problem in check.problems(portNames: portNames) { issues.add("/readinessChecks(\(index))/\(problem.field)", problem.message) }
        }
        return issues.list
    }

    /// The ID, the command and the user.
    private func identityIssues(into issues: inout ValidationIssues) {
        do {
            // Each instance's task ID is the ID's path with a number after it, and agents name a
            // directory after it: 255 bytes at most.
            let appID = try AppID(parsing: id)
            if appID.taskPrefix.utf8.count > 200 { issues.add("/id", "is too long: at most 200 characters, got \(appID.taskPrefix.utf8.count)") }
        } catch { issues.add("/id", error.problem) }
        if (cmd ?? "").allSatisfy(\.isWhitespace) && (args ?? []).isEmpty { issues.add("/", "an app needs cmd or args") }
        if cmd != nil && args != nil { issues.add("/", "cmd and args cannot both be given") }
        if let user, user.isEmpty || user.count > 256 || user.contains(where: { $0.isWhitespace || $0 == "/" || $0 == ":" }) {
            issues.add("/user", "must be a user name, got '\(user)'")
        }
    }

    /// Each dependency a path, relative to the app's group or absolute; a bounded number.
    private func dependencyIssues(into issues: inout ValidationIssues) {
        if dependencies.count > GroupUpdate.maximumDependencies {
            issues.add("/dependencies", "at most \(GroupUpdate.maximumDependencies) dependencies, got \(dependencies.count)")
        }
        let group = (try? AppID(parsing: id))?.group ?? .root
        for (index, path) in dependencies.prefix(GroupUpdate.maximumDependencies).enumerated() {
            do { _ = try AppID(resolving: path, in: group) } catch { issues.add("/dependencies(\(index))", error.problem) }
        }
    }

    private func portIssues(into issues: inout ValidationIssues) {
        for (index, definition) in (portDefinitions ?? []).enumerated() {
            if !(0...65535).contains(definition.port) { issues.add("/portDefinitions(\(index))/port", "must be from 0 to 65535, got \(definition.port)") }
            // Marathon's protocols; each reaches the task's discovery ports.
            if let name = definition.protocol, !["tcp", "udp", "udp,tcp"].contains(name) {
                issues.add("/portDefinitions(\(index))/protocol", "must be tcp, udp or udp,tcp, got '\(name)'")
            }
            if let name = definition.name, name.isEmpty || name.count > 255 || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
                issues.add("/portDefinitions(\(index))/name", "must be 1 to 255 lower-case letters, digits or -, got '\(name)'")
            }
        }
        for (index, port) in (ports ?? []).enumerated() where !(0...65535).contains(port) {
            issues.add("/ports(\(index))", "must be from 0 to 65535, got \(port)")
        }
        if (portDefinitions ?? []).count > Self.maximumPorts || (ports ?? []).count > Self.maximumPorts {
            issues.add("/portDefinitions", "at most \(Self.maximumPorts) ports per app")
        }
    }

    private func healthCheckIssues(_ check: HealthCheck, path: String, into issues: inout ValidationIssues) {
        switch check.protocol.uppercased() {
        case "HTTP", "MESOS_HTTP", "TCP", "MESOS_TCP":
            if let port = check.port, !(1...65535).contains(port) {
                issues.add(path, "port must be from 1 to 65535, got \(port)")
            } else if let index = check.portIndex, index < 0 {
                issues.add(path, "portIndex must not be negative, got \(index)")
            } else if check.port == nil && (check.portIndex ?? 0) >= (portDefinitions?.count ?? ports?.count ?? 1) {
                issues.add(path, "portIndex \(check.portIndex ?? 0) names no port of the app")
            }
        case "COMMAND":
            if (check.command?.value ?? "").isEmpty { issues.add(path, "a COMMAND health check needs command.value") }
        default:
            issues.add(path, "unknown protocol '\(check.protocol)'; expected HTTP, TCP or COMMAND")
        }
        if !(check.intervalSeconds >= 0.1) { issues.add(path, "intervalSeconds must be at least 0.1, got \(check.intervalSeconds)") }
        issues.seconds(path + "/intervalSeconds", check.intervalSeconds)
        issues.seconds(path + "/timeoutSeconds", check.timeoutSeconds)
        issues.seconds(path + "/gracePeriodSeconds", check.gracePeriodSeconds)
        if !(0...1_000_000).contains(check.maxConsecutiveFailures) {
            issues.add(path, "maxConsecutiveFailures must be from 0 to 1000000, got \(check.maxConsecutiveFailures)")
        }
    }
}

/// The issues found so far, in the order they were found.
private struct ValidationIssues {
    private(set) var list: [ValidationIssue] = []

    mutating func add(_ path: String, _ message: String) { list.append(ValidationIssue(path: path, errors: [message])) }

    /// A duration in seconds: from 0 to a century.
    mutating func seconds(_ path: String, _ value: Double) {
        if !(value >= 0 && value <= AppDefinition.maximumSeconds) {
            add(path, "must be a number of seconds from 0 to \(Int(AppDefinition.maximumSeconds)), got \(value)")
        }
    }
}
