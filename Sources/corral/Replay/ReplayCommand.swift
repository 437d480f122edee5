import ArgumentParser
import ConsoleHistory
import CorralConsole
import Foundation

/// `corral replay FILE`: the console on a recorded history.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Open the console on a recorded history: a `corral record` file, or a console's work dir.",
        discussion: """
            Every console keeps the cluster's history in <work-dir>/history (see --history-max-age \
            and --history-max-size of `corral console`); `corral record` writes one from a remote \
            master. The replay shows what the live console showed, moment by moment: Space plays and \
            pauses, , and . step one refresh back and forward, [ and ] jump 10 seconds, { and } a \
            minute, g goes to a time (14:03:27 UTC, or +30s, -2m), + and - change the speed (0.25× to \
            16×); the header's timeline shows where you are. Panes, Enter details, filters, sorting and \
            themes work as live; w shows the answer the live console got, when one was recorded. \
            Launching, killing and scaling say that a replay is read-only. q quits.
            """
    )

    @Argument(help: ArgumentHelp("A recording, a history directory, or a console's work dir.", valueName: "file"))
    var path: String

    @Option(help: ArgumentHelp("The colour theme, by name (see themes/).", valueName: "name"))
    var theme: String?

    func run() async throws {
        // The console's theme lookup, without its --refresh: a replay's pace is its own.
        let (catalog, theme) = try ScreenOptions.parse(theme.map { ["--theme", $0] } ?? []).themes()
        let history: History
        do { history = try HistoryLoader.loadReplayable(path) } catch { throw ValidationError("cannot replay \(path): \(error)") }
        var session = ReplaySession(history: history, catalog: catalog, initialTheme: theme, source: path)
        session.screenDirectory = FileManager.default.currentDirectoryPath
        try await session.run()
    }
}
