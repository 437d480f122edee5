/// The themes the console can switch between, and what went wrong loading the others.
public struct ThemeCatalog: Hashable, Sendable {
    /// Never empty. The first is the default theme: `default.yaml`, or the built-in theme when that
    /// is missing or broken. Every theme has every role it left out filled from the default theme.
    public let themes: [Theme]
    /// Problems of the files that were not loaded, for the console to show.
    public let problems: [ThemeProblem]
    /// Where the themes were read from; nil when no themes directory was found.
    public let directory: String?

    /// A catalog of `loaded` themes: the one with id `default` (or the built-in theme) first, the
    /// rest in their order, each falling back to it.
    public init(themes loaded: [Theme], problems: [ThemeProblem], directory: String? = nil) {
        let defaultTheme = loaded.first { $0.id == Theme.defaultID }?.fallingBack(to: .builtIn) ?? .builtIn
        themes = [defaultTheme] + loaded.filter { $0.id != Theme.defaultID }.map { $0.fallingBack(to: defaultTheme) }
        self.problems = problems
        self.directory = directory
    }

    public var defaultTheme: Theme { themes[0] }

    /// The theme `--theme` names: by id (`high-contrast`, `high-contrast.yaml`) or by its display
    /// name, ignoring case.
    public func theme(named requested: String) -> Theme? {
        let wanted = requested.lowercased()
        let wantedID = ThemeLoader.themeID(fileName: wanted)
        return themes.first { $0.id.lowercased() == wantedID || $0.id.lowercased() == wanted }
            ?? themes.first { $0.name.lowercased() == wanted }
    }

    /// The theme after `theme`, wrapping around: what `t` switches to.
    public func theme(after theme: Theme) -> Theme {
        guard let index = themes.firstIndex(where: { $0.id == theme.id }) else { return defaultTheme }
        return themes[(index + 1) % themes.count]
    }

    /// `theme` fitted to the terminal. On a terminal without colours (or with NO_COLOR) every theme
    /// gives the monochrome look: stripped of its colours, a colour theme may lose the selection or
    /// the focus it draws by background alone, while the monochrome theme draws them by attributes.
    public func resolved(_ theme: Theme, for support: ColorSupport) -> ResolvedTheme {
        guard support == .none, !theme.isColorless else { return ResolvedTheme(theme, support: support) }
        return ResolvedTheme(self.theme(named: "monochrome") ?? .builtIn, support: .none)
    }
}

extension Theme {
    /// True when no role names a colour: the theme draws with attributes alone.
    public var isColorless: Bool { roles.values.allSatisfy(\.isColorless) }
}
