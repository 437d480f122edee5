// TEMPORARY stand-in until the themes branch lands.
public struct ResolvedTheme: Sendable {
    var styles: [ThemeRole: CellStyle]
    public init(styles: [ThemeRole: CellStyle] = [:]) { self.styles = styles }
    public func style(_ role: ThemeRole) -> CellStyle { styles[role] ?? .plain }
}
extension ResolvedTheme {
    public static func builtIn(support: ColorSupport) -> ResolvedTheme { ResolvedTheme() }
}
