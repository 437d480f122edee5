// parallel-xargs: each line of standard input becomes a task on a master over HTTP; results print
// in input order. Uses nothing of Corral but its SDK library.
//
//   printf 'echo a\nsleep 1; echo b\nexit 3\n' | parallel-xargs --master 127.0.0.1:5050
import CorralModel
import CorralSDK
import CorralSDKHTTP

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

func fail(_ message: String) -> Never {
    let line = "parallel-xargs: \(message)\n"
    _ = line.withCString { write(2, $0, strlen($0)) }
    exit(2)
}

let arguments = CommandLine.arguments
guard let flag = arguments.firstIndex(of: "--master"), flag + 1 < arguments.count else {
    fail("usage: parallel-xargs --master HOST:PORT < lines")
}
let master: MasterAddress
do { master = try MasterAddress(parsing: arguments[flag + 1]) } catch { fail("\(error)") }

var lines: [String] = []
while let line = readLine() {
    if !line.allSatisfy(\.isWhitespace) { lines.append(line) }
}
guard !lines.isEmpty else { exit(0) }

let (results, sink) = AsyncStream.makeStream(of: (Int, TaskStatus).self)
let taskSize = Resources([.scalar("cpus", 0.1), .scalar("mem", 32)])
let scheduler = XargsScheduler(lines: lines, taskSize: taskSize, results: sink)
let driver = SchedulerDriver(scheduler: scheduler, framework: FrameworkInfo(name: "parallel-xargs"), transport: HTTPSchedulerTransport(master: master))
let running = Task { try await driver.run() }

var done: [Int: TaskStatus] = [:]
var printed = 0
var failures = 0
for await (index, status) in results {
    done[index] = status
    while let status = done[printed] {  // print in input order
        let ok = status.state == .finished
        if !ok { failures += 1 }
        print("[\(printed + 1)] \(ok ? "ok" : status.state.rawValue): \(lines[printed])\(ok ? "" : status.message.map { " (\($0))" } ?? "")")
        printed += 1
    }
    if printed == lines.count { break }
}
await driver.stop()
running.cancel()
exit(failures == 0 ? 0 : 1)
