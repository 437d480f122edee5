/// A colour theme: what each semantic role looks like. Themes come from YAML files in the themes
/// directory (see `ThemeLoader`); `Theme.builtIn` stands in when even `default.yaml` is unusable.
public struct Theme: Hashable, Sendable {
    /// Where a theme was read from.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        case builtIn
        case file(path: String)

        public var description: String {
            switch self {
            case .builtIn: "built-in"
            case .file(let path): path
            }
        }
    }

    /// What `--theme` names it by: the file name without `.yaml` (`high-contrast`).
    public var id: String
    /// What the console shows: the file's `name:` (`High contrast`).
    public var name: String
    public var source: Source
    public var roles: [ThemeRole: RoleStyle]

    public init(id: String, name: String, source: Source, roles: [ThemeRole: RoleStyle]) {
        self.id = id
        self.name = name
        self.source = source
        self.roles = roles
    }

    /// The id of the theme every other theme falls back to.
    public static let defaultID = "default"

    /// This theme with every role it leaves out taken from `fallback`: what "a missing role falls
    /// back to the default theme" means.
    public func fallingBack(to fallback: Theme) -> Theme {
        var filled = self
        filled.roles.merge(fallback.roles) { own, _ in own }
        return filled
    }
}
