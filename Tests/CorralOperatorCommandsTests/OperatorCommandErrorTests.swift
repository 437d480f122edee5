import CorralModel
import CorralOperatorClient
import CorralOperatorCommands
import CorralSDKHTTP
import Testing

/// What a script can rely on when a command fails: one exit status per kind of failure, and a
/// message that names the master, and prints safely whatever the server sent.
@Suite struct OperatorCommandErrorTests {
    let master = MasterAddress(host: "10.0.0.9", port: 5050)

    @Test func eachKindOfFailureHasItsExitStatus() {
        #expect(OperatorCommandError.masterUnreachable(master, reason: "Connection refused").exitStatus.rawValue == 2)
        #expect(OperatorCommandError.sandbox(.masterUnreachable(master, reason: "Connection refused")).exitStatus.rawValue == 2)
        #expect(OperatorCommandError.noSuchTask("web", framework: nil, master: master).exitStatus.rawValue == 3)
        #expect(OperatorCommandError.ambiguousTask("w", candidates: []).exitStatus.rawValue == 4)
        #expect(OperatorCommandError.cannotKill(master, answer: "").exitStatus.rawValue == 5)
        #expect(OperatorCommandError.masterRefused(master, status: 403, message: "no").exitStatus.rawValue == 1)
        #expect(OperatorCommandError.sandbox(.noSuchFile(path: "/x", agentID: "S1", at: master)).exitStatus.rawValue == 1)
        #expect(Set(OperatorExitStatus.allCases.map(\.rawValue)).count == OperatorExitStatus.allCases.count)
    }

    @Test func messagesNameTheMasterAndWhatToDo() {
        #expect("\(OperatorCommandError.masterUnreachable(master, reason: "Connection refused"))"
            == "cannot reach the master at 10.0.0.9:5050 (Connection refused); is it running? (--master HOST:PORT)")
        #expect("\(OperatorCommandError.noSuchTask("web", framework: "services", master: master))"
            == "no task 'web' in framework 'services' on the master at 10.0.0.9:5050 (corral task list --all lists them)")
        #expect("\(OperatorCommandError.masterRefused(master, status: 401, message: "Unauthorized\n"))"
            == "the master at 10.0.0.9:5050 answered 401: Unauthorized (give credentials: --principal and --secret-file)")
    }

    @Test func anAmbiguousNameListsItsCandidates() {
        let tasks = [SampleCluster.task("web-1", "M-0001", on: "S0", .running), SampleCluster.task("web-2", "M-0001", on: "S0", .finished)]
        let candidates = tasks.map { TaskLine(task: $0, frameworkName: "services", agentAddress: nil) }
        #expect("\(OperatorCommandError.ambiguousTask("web", candidates: candidates))" == """
            'web' matches 2 tasks; give more of the ID, or --framework:
              web-1 (framework services, M-0001, TASK_RUNNING)
              web-2 (framework services, M-0001, TASK_FINISHED)
            """)
    }

    @Test func whatTheServerSaidIsOneSafeLineOfBoundedLength() {
        let page = "<html>\n\u{1B}[31m" + String(repeating: "x", count: 1000) + "</html>"
        let message = "\(OperatorCommandError.masterRefused(master, status: 502, message: page))"
        #expect(!message.contains("\n"))
        #expect(!message.contains("\u{1B}"))
        #expect(message.count < 400)
    }

    @Test func helpListsEveryExitStatus() {
        let help = OperatorExitStatus.helpText
        for status in OperatorExitStatus.allCases { #expect(help.contains("  \(status.rawValue)  \(status.meaning)")) }
        #expect(help.contains("64"))
    }
}
