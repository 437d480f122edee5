import ArgumentParser
import CorralAgent
import CorralCluster
import CorralModel
import CorralSDKHTTP

/// Flags shared by every command that starts an embedded cluster (each command has its own
/// `--agents`, since their defaults differ).
struct ClusterOptions: ParsableArguments {
    @Option(
        name: .customLong("agent-resources"),
        help: ArgumentHelp("Resources of each agent, in Mesos's syntax; by default this host's resources, divided between the agents.", valueName: "resources"),
        transform: parseResources)
    var agentResources: Resources?

    @Option(help: ArgumentHelp("Task isolation: auto (cgroups where writable, else posix), cgroups, or posix.", valueName: "auto|cgroups|posix"))
    var isolation: IsolationRequest = .auto

    @Option(name: .customLong("work-dir"), help: ArgumentHelp("Where agents keep task sandboxes.", valueName: "dir"))
    var workDirectory: String = "/tmp/corral"

    @Option(name: .customLong("allocation-interval"), help: ArgumentHelp("Seconds between periodic allocation passes (events trigger passes in between).", valueName: "seconds"))
    var allocationInterval: Double = 1

    @Option(name: .customLong("offer-timeout"), help: ArgumentHelp("Seconds after which an outstanding offer is rescinded.", valueName: "seconds"))
    var offerTimeout: Double = 60

    func validate() throws {
        guard allocationInterval > 0 else { throw ValidationError("--allocation-interval must be positive, got \(allocationInterval)") }
        guard offerTimeout > 0 else { throw ValidationError("--offer-timeout must be positive, got \(offerTimeout)") }
    }

    func clusterConfiguration(agents: Int) -> EmbeddedCluster.Configuration {
        var configuration = EmbeddedCluster.Configuration(workDirectory: workDirectory)
        configuration.agentCount = agents
        configuration.agentResources = agentResources
        configuration.isolation = isolation
        configuration.master.allocationInterval = .clampedSeconds(allocationInterval)
        configuration.master.offerTimeout = .clampedSeconds(offerTimeout)
        return configuration
    }
}

/// `--agents N`, checked.
func validateAgentCount(_ agents: Int) throws {
    guard agents >= 1 else { throw ValidationError("--agents must be at least 1, got \(agents)") }
}

/// Parses a resources flag; the error names the malformed part.
func parseResources(_ text: String) throws -> Resources {
    do { return try Resources(parsing: text) } catch { throw ValidationError(error.description) }
}

/// A `HOST:PORT` flag, checked.
func parseAddress(_ text: String) throws -> MasterAddress {
    do { return try MasterAddress(parsing: text) } catch { throw ValidationError("\(error)") }
}

extension IsolationRequest: ExpressibleByArgument {}
