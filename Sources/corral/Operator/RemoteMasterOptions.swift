import ArgumentParser
import CorralModel
import CorralOperatorCommands
import CorralSDKHTTP

/// How `corral task|agent|framework` reach a master: where it is, and the principal and CA a
/// master that authenticates or serves HTTPS asks for (as `corral console --master`).
struct RemoteMasterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The master (Corral's or Apache Mesos's), by default 127.0.0.1:5050; https://HOST:PORT for one on TLS.", valueName: "host:port"), transform: parseAddress)
    var master = MasterAddress(host: "127.0.0.1", port: 5050)

    @OptionGroup(title: "Authenticating to the master")
    var identity: PrincipalOptions

    /// `credentialToAgents`: `--agent-credentials`, of the commands that read from agents.
    func session(credentialToAgents: Bool = false) throws -> OperatorSession {
        // A command says at once that the master is down: no retrying until a connect timeout.
        OperatorSession(
            master: master, credential: try identity.credential(), credentialToAgents: credentialToAgents,
            client: try identity.client(retryingConnections: false))
    }
}

/// What every `list` command takes: the master, and `--json`.
struct ListingOptions: ParsableArguments {
    @OptionGroup var remote: RemoteMasterOptions

    @Flag(help: "Print a JSON array of objects instead of a table.")
    var json = false

    /// Prints the rows `lines` makes of the master's snapshot, as a table or as JSON.
    func print<Line: ClusterListing>(_ command: String, _ lines: @escaping @Sendable (ClusterSnapshot) -> [Line]) async throws {
        let session = try remote.session()
        try await againstMaster(command) { () async throws(OperatorCommandError) in
            let rows = lines(try await session.snapshot())
            if json { printJSON(Line.json(rows)) } else { printOutput(Line.table(rows)) }
        }
    }
}

/// The discussion every command against a master ends its help with.
let exitStatusHelp = OperatorExitStatus.helpText

/// Runs `body` against the master; a failure is printed on standard error, prefixed with the
/// command's name, and ends the process with its exit status.
func againstMaster(_ command: String, _ body: () async throws(OperatorCommandError) -> Void) async throws {
    do {
        try await body()
    } catch {
        printError("corral \(command): \(error)")
        throw ExitCode(error.exitStatus.rawValue)
    }
}

/// Writes text to standard output as it is (a table already ends in a newline).
func printOutput(_ text: String) {
    print(text, terminator: "")
    fflushStandardOutput()
}

/// Writes a JSON document to standard output, on one line.
func printJSON(_ bytes: [UInt8]) {
    printOutput(String(decoding: bytes, as: UTF8.self) + "\n")
}
