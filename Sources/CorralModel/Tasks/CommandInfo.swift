/// What a task runs. With `shell` (the default) `value` is a command line for `/bin/sh -c`;
/// without it, `value` is the program and `arguments` its argv.
public struct CommandInfo: Hashable, Sendable {
    public var shell: Bool
    public var value: String?
    public var arguments: [String]
    public var environment: [EnvironmentVariable]
    public var user: String?
    public var uris: [CommandURI]

    public init(
        shell: Bool = true, value: String? = nil, arguments: [String] = [],
        environment: [EnvironmentVariable] = [], user: String? = nil, uris: [CommandURI] = []
    ) {
        self.shell = shell
        self.value = value
        self.arguments = arguments
        self.environment = environment
        self.user = user
        self.uris = uris
    }

    public static func shell(_ command: String, environment: [String: String] = [:]) -> CommandInfo {
        CommandInfo(
            shell: true, value: command,
            environment: environment.sorted { $0.key < $1.key }.map { EnvironmentVariable(name: $0.key, value: $0.value) }
        )
    }
}

public struct EnvironmentVariable: Hashable, Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A file the Mesos fetcher would download into the sandbox. Corral records it; fetching is
/// left to the command itself (no network on the hosts it targets).
public struct CommandURI: Hashable, Sendable {
    public var value: String
    public var executable: Bool?
    public var extract: Bool?
    public var cache: Bool?

    public init(value: String, executable: Bool? = nil, extract: Bool? = nil, cache: Bool? = nil) {
        self.value = value
        self.executable = executable
        self.extract = extract
        self.cache = cache
    }
}
