import CorralMesosJSON
import CorralModel
import Glibc

/// What an agent writes down so that it can come back after a crash or a restart, as Mesos's
/// agent does under `<work_dir>/meta` (reference §1):
///
/// ```
/// <directory>/agent                          {"agent_id","name","boot_id"}   (fsynced: it outlives reboots)
/// <directory>/draining                       present while a drain (SIGUSR1) is under way
/// <directory>/frameworks/<framework ID>      FrameworkInfo
/// <directory>/containers/<container ID>      the task's log: the task before its launch, then its
///                                            updates and their acknowledgements (`TaskLog`)
/// <directory>/containers/<id>.supervisor     written by the task's supervisor: "pids <supervisor>
///                                            <task>" once it runs, "exit N" or "signal N" once it ended
/// <directory>/spares/                        empty files and sandboxes made ahead (`FileSpares`)
/// ```
///
/// Whole files are replaced atomically and records are appended whole and checksummed
/// (`CheckpointFile`, `TaskLog`), so a crash at any instant leaves what was there before or what
/// was written, never a torn mix. Two files a task, each with one writer, keep a launch to two
/// renames of spare files (creations when none is ready) and its end to two recycled files: a
/// checkpoint is on every task's path.
public struct AgentCheckpoint: Sendable {
    /// Who the agent is across its restarts.
    struct Identity: Hashable, Sendable {
        var agentID: AgentID?
        /// Names its cgroups; kept so that a restarted agent finds its containers' cgroups.
        var name: String
        /// The boot the checkpoint was written in: tasks do not survive a reboot.
        var bootID: String
    }

    /// A task as it is checkpointed before its container starts.
    public struct TaskRecord: Hashable, Sendable {
        public var frameworkID: FrameworkID
        public var containerID: String
        public var info: TaskInfo
        public var executor: ExecutorInfo?
    }

    /// What a restarted agent reads back.
    struct Recovered: Sendable {
        var identity: Identity?
        var frameworks: [FrameworkInfo] = []
        var tasks: [(task: TaskRecord, updates: [TaskLog.Record])] = []
        /// Containers with no readable task (the agent died while it wrote the task): whatever
        /// they started is killed.
        var strays: [String] = []
        /// A drain was under way when the agent stopped: it goes on.
        var draining = false
    }

    let directory: String
    var containersDirectory: String { directory + "/containers" }
    private var frameworksDirectory: String { directory + "/frameworks" }
    /// Where a task's log comes from when one is ready (a rename, not a creation), and its
    /// sandbox and supervisor's record too (the containerizer takes those).
    let spares: FileSpares?

    /// `makingSpares`: for the agent that launches the tasks (spares a killed one left go).
    init(directory: String, makingSpares: Bool = false) {
        self.directory = directory
        spares = makingSpares ? FileSpares(directory: directory + "/spares") : nil
    }

    // MARK: Writing

    func save(_ identity: Identity) throws(CheckpointFile.Failure) {
        try CheckpointFile.makeDirectory(directory)
        var writer = MesosJSONWriter()
        writer.writeObject { writer in
            writer.field("agent_id", ifPresent: identity.agentID)
            writer.field("name", identity.name)
            writer.field("boot_id", identity.bootID)
        }
        try CheckpointFile.replace(directory + "/agent", with: writer.bytes, durable: true)
    }

    func save(_ framework: FrameworkInfo) throws(CheckpointFile.Failure) {
        guard let id = framework.id else { return }
        let path = frameworksDirectory + "/" + Self.fileName(id.value)
        do throws(CheckpointFile.Failure) {
            try CheckpointFile.replace(path, with: MesosJSON.encode(framework))
        } catch where error.code == ENOENT {
            try CheckpointFile.makeDirectory(frameworksDirectory)
            try CheckpointFile.replace(path, with: MesosJSON.encode(framework))
        }
    }

    func forget(_ frameworkID: FrameworkID) {
        unlink(frameworksDirectory + "/" + Self.fileName(frameworkID.value))
    }

    /// The task's log, begun with the task itself, before its container starts.
    func save(_ task: TaskRecord) throws(CheckpointFile.Failure) {
        _ = spares?.emptyFile(at: log(task.containerID))
        do throws(CheckpointFile.Failure) {
            try CheckpointFile.append(log(task.containerID), TaskLog.line(.task(task)))
        } catch where error.code == ENOENT {
            try CheckpointFile.makeDirectory(containersDirectory)
            try CheckpointFile.append(log(task.containerID), TaskLog.line(.task(task)))
        }
    }

    func append(_ record: TaskLog.Record, containerID: String) throws(CheckpointFile.Failure) {
        try CheckpointFile.append(log(containerID), TaskLog.line(record))
    }

    /// The task is over and every update of it acknowledged: nothing of it need come back.
    func forget(containerID: String) {
        for path in [log(containerID), Self.supervisorRecord(in: containersDirectory, containerID: containerID)] {
            if let spares { spares.recycle(path) } else { unlink(path) }
        }
    }

    private func log(_ containerID: String) -> String { containersDirectory + "/" + containerID }

    /// Where a container's supervisor writes its pids and how the task ended.
    static func supervisorRecord(in containersDirectory: String, containerID: String) -> String {
        containersDirectory + "/" + containerID + ".supervisor"
    }

    /// Tasks and frameworks go, and a drain under way with them; the agent's identity stays
    /// (after a reboot, or `--recover cleanup`: both start clean).
    func forgetTasks() {
        CheckpointFile.removeTree(containersDirectory)
        CheckpointFile.removeTree(frameworksDirectory)
        forgetDraining()
    }

    // MARK: Reading

    func recover() -> Recovered {
        var recovered = Recovered(identity: identity(), draining: isDraining)
        for name in SystemFile.entries(of: frameworksDirectory) where !name.hasSuffix(".tmp") {
            if let bytes = CheckpointFile.read(frameworksDirectory + "/" + name), let info = try? MesosJSON.decode(FrameworkInfo.self, from: bytes) {
                recovered.frameworks.append(info)
            }
        }
        let entries = Set(SystemFile.entries(of: containersDirectory))
        for name in entries.sorted() {
            let containerID = name.hasSuffix(".supervisor") ? String(name.dropLast(".supervisor".count)) : name
            if name != containerID {
                if !entries.contains(containerID) { recovered.strays.append(containerID) }
                continue
            }
            var records = TaskLog.read(log(containerID))
            guard case .task(let task) = records.first, task.containerID == containerID else {
                recovered.strays.append(containerID)
                continue
            }
            records.removeFirst()
            recovered.tasks.append((task, records))
        }
        return recovered
    }

    private func identity() -> Identity? {
        guard let bytes = CheckpointFile.read(directory + "/agent"), let object = try? MesosJSON.parse(bytes).object(),
            let name: String = try? object.required("name"), let bootID: String = try? object.required("boot_id")
        else { return nil }
        return Identity(agentID: try? object.optional("agent_id"), name: name, bootID: bootID)
    }

    /// Framework IDs may hold characters a file name may not: all but letters, digits, '-' and
    /// '_' become %XX.
    static func fileName(_ id: String) -> String {
        var name = ""
        for byte in id.utf8 {
            let plain = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x2D || byte == 0x5F
            if plain {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                name += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return name
    }

    /// This boot's ID (`/proc/sys/kernel/random/boot_id`): a new one means the host rebooted.
    static func currentBootID() -> String {
        (SystemFile.read("/proc/sys/kernel/random/boot_id") ?? "unknown").trimmingTrailingNewlines()
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" { text.removeLast() }
        return text
    }
}
