import ConsoleCore
import ConsoleHistory
import ConsoleTerminal
import Foundation

/// `corral replay`: the console on a recorded history instead of a live cluster. The same
/// model and views; a `ReplayCore` feeds them what the live console was fed, at the pace the
/// user chooses, and answers the model's effects from the history (read-only).
public struct ReplaySession: Sendable {
    public let history: History
    public let catalog: ThemeCatalog
    public let initialTheme: Theme
    /// How the header names what is replayed (the file).
    public let source: String
    public var screen: @Sendable () -> any ConsoleScreen = { NcursesTerminal() }
    /// Where `S` saves the screen.
    public var screenDirectory = FileManager.default.currentDirectoryPath

    public init(history: History, catalog: ThemeCatalog, initialTheme: Theme, source: String) {
        self.history = history
        self.catalog = catalog
        self.initialTheme = initialTheme
        self.source = source
    }

    public func run() async throws {
        let loop = ReplayLoop(
            history: history, catalog: catalog, theme: initialTheme, source: source, screen: screen,
            screenSaver: ScreenSaver(directory: screenDirectory))
        let outcome = await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: loop.run()) }
            thread.name = "corral-replay"
            thread.start()
        }
        try outcome.get()
    }
}
