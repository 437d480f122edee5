import ArgumentParser

/// `--agent-credentials`: whether the credential of `--principal` goes to agents as well as to
/// the master, for commands that read tasks' output from agents. Off by default: an agent is
/// read at the address it gave the master, which whoever registered it chose.
struct AgentCredentialsOption: ParsableArguments {
    @Flag(
        name: .customLong("agent-credentials"),
        help: """
            Present the --principal credential to agents too, to read task output from agents that authenticate \
            (--authenticate-http-readonly). It goes to every agent the master lists, at the address the agent registered \
            with: use it only when every agent is trusted. Without it, the credential goes to the master only.
            """)
    var agentCredentials = false
}
