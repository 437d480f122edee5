// corral-xargs: a parallel xargs on Corral. Each line of standard input becomes a task on an
// embedded cluster; results print in input order with each task's output.
//
//   printf 'echo a\nsleep 1; echo b\nexit 3\n' | corral-xargs --agents 2
import CorralCluster
import CorralModel
import CorralSDK
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// Launches pending lines on whatever offers fit them; reports each line's terminal status.
actor XargsScheduler: Scheduler {
    let taskSize: Resources
    var pending: [(index: Int, line: String)]
    let results: AsyncStream<(Int, TaskStatus)>.Continuation

    init(lines: [String], taskSize: Resources, results: AsyncStream<(Int, TaskStatus)>.Continuation) {
        self.pending = Array(lines.enumerated().map { (index: $0.offset, line: $0.element) })
        self.taskSize = taskSize
        self.results = results
    }

    func offers(_ driver: SchedulerDriver, _ offers: [Offer]) async {
        for offer in offers {
            var free = offer.resources.unallocated()
            var tasks: [TaskInfo] = []
            while let next = pending.first, free.contains(taskSize) {
                pending.removeFirst()
                try? free.subtract(taskSize)
                tasks.append(TaskInfo(
                    name: next.line, taskID: TaskID("line-\(next.index)"), agentID: offer.agentID,
                    resources: taskSize, command: .shell(next.line)))
            }
            if tasks.isEmpty {
                try? await driver.decline([offer.id], filters: Filters(refuseSeconds: pending.isEmpty ? 3600 : 1))
            } else {
                try? await driver.launch(tasks, on: [offer.id], filters: Filters(refuseSeconds: 0))
            }
        }
    }

    func update(_ driver: SchedulerDriver, _ status: TaskStatus) async {
        guard status.state.isTerminal, let index = Int(status.taskID.value.dropFirst("line-".count)) else { return }
        results.yield((index, status))
    }
}

func readLines() -> [String] {
    var lines: [String] = []
    while let line = Swift.readLine() {
        if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
    }
    return lines
}

func contents(of path: String) -> String {
    guard let file = fopen(path, "r") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while case let count = fread(&buffer, 1, buffer.count, file), count > 0 { bytes += buffer[..<count] }
    return String(decoding: bytes, as: UTF8.self)
}

let arguments = CommandLine.arguments
let agentCount = arguments.firstIndex(of: "--agents").flatMap { Int(arguments[$0 + 1]) } ?? 2
let lines = readLines()
var configuration = EmbeddedCluster.Configuration(workDirectory: "/tmp/corral-xargs")
configuration.agentCount = agentCount
configuration.agentResources = try Resources(parsing: "cpus:1;mem:512")
var logger = Logger(label: "corral-xargs")
logger.logLevel = .warning
let cluster = try EmbeddedCluster(configuration: configuration, logger: logger)

let failures = try await cluster.running { cluster in
    let (results, sink) = AsyncStream.makeStream(of: (Int, TaskStatus).self)
    let scheduler = XargsScheduler(lines: lines, taskSize: try Resources(parsing: "cpus:0.25;mem:32"), results: sink)
    let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "corral-xargs"), transport: cluster.transport)
    async let running: Void = driver.run()
    var done: [Int: TaskStatus] = [:]
    var printed = 0
    var failures = 0
    for await (index, status) in results {
        done[index] = status
        while let status = done[printed] {  // print in input order
            let ok = status.state == .finished
            if !ok { failures += 1 }
            print("[\(printed + 1)] \(ok ? "ok" : status.state.shortName.lowercased()): \(lines[printed])")
            if let agent = status.agentID, let frameworkID = await driver.frameworkID,
               let sandbox = await cluster.sandbox(of: TaskKey(frameworkID, status.taskID), on: agent) {
                print(contents(of: sandbox.stdoutPath), terminator: "")
            }
            if !ok, let message = status.message { print("    \(message)") }
            printed += 1
        }
        if printed == lines.count { break }
    }
    await driver.stop()
    try await running
    return failures
}
exit(failures == 0 ? 0 : 1)
