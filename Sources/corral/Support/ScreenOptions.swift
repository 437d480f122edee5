import ArgumentParser
import ConsoleCore

/// The console's look and pace, shared by `corral console` and `corral demo`.
struct ScreenOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The colour theme, by name (see themes/).", valueName: "name"))
    var theme: String?

    @Option(help: ArgumentHelp("Seconds between screen updates from the cluster.", valueName: "seconds"))
    var refresh: Double = 1

    func validate() throws {
        guard refresh >= 0.1, refresh <= 60 else { throw ValidationError("--refresh must be between 0.1 and 60 seconds, got \(refresh)") }
    }

    /// The themes in themes/ (or $CORRAL_THEMES) and the one `--theme` names (the default
    /// without it); an unknown name is an error listing the known ones.
    func themes() throws -> (ThemeCatalog, Theme) {
        let catalog = ThemeLoader.catalog(directory: ThemeDirectory.locate())
        guard let theme else { return (catalog, catalog.defaultTheme) }
        guard let found = catalog.theme(named: theme) else {
            throw ValidationError("unknown theme '\(theme)'; available: \(catalog.themes.map(\.id).joined(separator: ", "))")
        }
        return (catalog, found)
    }
}
