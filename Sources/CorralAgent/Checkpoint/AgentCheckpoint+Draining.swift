import Glibc

/// `<directory>/draining`: the agent was told to drain (SIGUSR1). Written durably before the
/// first task is killed and removed once the agent has unregistered, so that an agent killed in
/// the middle of a drain goes on draining when it starts again: the operator asked for the host
/// to be emptied, and a crash does not take that back.
extension AgentCheckpoint {
    private var drainingPath: String { directory + "/draining" }

    func markDraining() throws(CheckpointFile.Failure) {
        try CheckpointFile.makeDirectory(directory)
        try CheckpointFile.replace(drainingPath, with: Array("draining\n".utf8), durable: true)
    }

    /// The drain is over (the agent unregistered), or the checkpoint is started clean.
    func forgetDraining() {
        unlink(drainingPath)
    }

    var isDraining: Bool { access(drainingPath, F_OK) == 0 }
}
