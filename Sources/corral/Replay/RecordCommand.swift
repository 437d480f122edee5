import ArgumentParser
import CorralConsole
import CorralConsoleSources
import CorralSDKHTTP
import Foundation
import Logging

/// `corral record --master HOST:PORT FILE`: a remote cluster's history, for `corral replay`.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a master's cluster (Corral's or Apache Mesos's) into a history file for `corral replay`.",
        discussion: """
            Reads the cluster as `corral console --master` does (the operator API's GET_STATE and \
            SUBSCRIBE) and writes what a console would show into FILE: a whole snapshot every \
            --keyframe-interval seconds, the changes in between. FILE grows until Ctrl-C or SIGTERM \
            ends the recording cleanly; an existing FILE is appended to. Progress (records, bytes) \
            goes to standard error every 10 seconds. A master that cannot be reached is retried, \
            and said so.
            """
    )

    @Option(help: ArgumentHelp("The master to record.", valueName: "host:port"), transform: parseAddress)
    var master: MasterAddress

    @Argument(help: ArgumentHelp("The history file to write.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Seconds between snapshots of the cluster.", valueName: "seconds"))
    var refresh = 1.0

    @Option(name: .customLong("keyframe-interval"), help: ArgumentHelp("Seconds between whole snapshots (the changes are written between them).", valueName: "seconds"))
    var keyframeInterval = 30.0

    @OptionGroup(title: "Authenticating to the master")
    var identity: PrincipalOptions

    func validate() throws {
        guard refresh >= 0.1, refresh <= 60 else { throw ValidationError("--refresh must be between 0.1 and 60 seconds, got \(refresh)") }
        guard keyframeInterval >= 1, keyframeInterval <= 3600 else { throw ValidationError("--keyframe-interval must be between 1 and 3600 seconds, got \(keyframeInterval)") }
    }

    func run() async throws {
        var recording = ClusterRecording(cluster: RemoteSource(master: master, credential: try identity.credential(), client: try identity.client()), path: file)
        recording.refreshInterval = refresh
        recording.keyframeInterval = keyframeInterval
        printError("corral record: recording \(master) into \(file); Ctrl-C stops")
        var logger = Logger(label: "corral.record")
        logger.logLevel = .warning
        try await ProcessLifecycle.run("record", [
            LongRunningService(description: "recording") { [recording, file] in
                try await recording.run { progress in
                    let size = progress.bytes < 1 << 20 ? "\(progress.bytes >> 10) KB" : String(format: "%.1f MB", Double(progress.bytes) / 1_048_576)
                    printError("corral record: \(progress.records) records, \(size) in \(file)" + (progress.notice.map { " — \($0)" } ?? ""))
                }
            }
        ], logger: logger)
    }
}
