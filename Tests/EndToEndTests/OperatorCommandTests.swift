import Foundation
import Testing

/// Issue 12: `corral task|agent|framework`, as a script meets them: a master that is not there
/// is said so, naming it, with status 2; bad usage is 64; `corral agent` still runs an agent
/// when given no subcommand, and its help says how to list agents instead.
@Suite(.timeLimit(.minutes(1))) struct OperatorCommandTests {
    let corral = BuiltProgram(name: "corral")

    @Test func aMasterThatIsNotThereIsStatus2AndNamed() async throws {
        for command in [["task", "list"], ["task", "log", "web"], ["task", "kill", "web"], ["agent", "list"], ["framework", "list", "--json"]] {
            let outcome = try await corral.run(command + ["--master", "127.0.0.1:1"], timeout: 20)
            #expect(outcome.status == 2, "\(command): \(outcome.stderr)")
            #expect(outcome.stdout.isEmpty, "\(command)")
            #expect(outcome.stderr.hasPrefix("corral \(command.prefix(2).joined(separator: " ")): cannot reach the master at 127.0.0.1:1"), "\(command): \(outcome.stderr)")
        }
    }

    @Test func badUsageIsStatus64() async throws {
        #expect(try await corral.run(["task", "log"]).status == 64)
        #expect(try await corral.run(["task", "list", "--master", "nowhere"]).status == 64)
        #expect(try await corral.run(["task", "kill", "web", "--timeout", "0"]).status == 64)
    }

    @Test func helpListsTheExitStatuses() async throws {
        let help = try await corral.run(["task", "kill", "--help"]).stdout
        for line in ["  2  the master could not be reached", "  3  no task has that ID or starts with it", "  5  the master cannot kill tasks"] {
            #expect(help.contains(line), "\(line) not in:\n\(help)")
        }
    }

    @Test func agentWithoutASubcommandStillRunsAnAgentAndItsHelpSaysSo() async throws {
        let help = try await corral.run(["agent", "--help"]).stdout
        #expect(help.contains("USAGE: corral agent <subcommand>"))
        #expect(help.contains("run (default)"))
        #expect(help.contains("list"))
        // Options of the agent itself still parse without naming `run`: a missing --master is
        // what it says.
        let missing = try await corral.run(["agent", "--port", "0"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument '--master <host:port>'"), "\(missing.stderr)")
    }
}
