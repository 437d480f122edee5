import Testing
@testable import ConsoleCore

/// From a theme's roles to the cell styles a terminal draws: fallback, inheritance from `base`,
/// and fitting to the terminal's colours.
@Suite struct ThemeResolutionTests {
    let fallback = Theme(id: "default", name: "Default", source: .builtIn, roles: [
        .base: RoleStyle(foreground: .rgb(red: 200, green: 200, blue: 200), background: .rgb(red: 0, green: 0, blue: 0)),
        .taskRunning: RoleStyle(foreground: .standard(2), attributes: .bold),
        .taskGone: RoleStyle(foreground: .standard(5)),
    ])

    @Test func aRoleMissingFromAThemeFallsBackToTheDefaultTheme() throws {
        let partial = Theme(id: "partial", name: "Partial", source: .builtIn, roles: [
            .taskRunning: RoleStyle(foreground: .standard(10)),
        ])
        let catalog = ThemeCatalog(themes: [fallback, partial], problems: [])
        let filled = try #require(catalog.theme(named: "partial"))
        #expect(filled.roles[.taskRunning] == RoleStyle(foreground: .standard(10)))  // its own, whole
        #expect(filled.roles[.taskGone] == RoleStyle(foreground: .standard(5)))  // the default's
        #expect(filled.roles[.base] == fallback.roles[.base])
    }

    @Test func aRoleWithoutColoursTakesBasesForegroundAndBackground() {
        let theme = Theme(id: "t", name: "T", source: .builtIn, roles: [
            .base: RoleStyle(foreground: .standard(7), background: .standard(4)),
            .selection: RoleStyle(attributes: .reverse),
            .error: RoleStyle(foreground: .standard(1)),
            .header: RoleStyle(background: .standard(6)),
        ])
        let resolved = ResolvedTheme(theme, support: .full256)
        #expect(resolved.style(.selection) == CellStyle(foreground: .indexed(7), background: .indexed(4), attributes: .reverse))
        #expect(resolved.style(.error) == CellStyle(foreground: .indexed(1), background: .indexed(4)))
        #expect(resolved.style(.header) == CellStyle(foreground: .indexed(7), background: .indexed(6)))
        // A role the theme lacks altogether is base without attributes.
        #expect(resolved.style(.footer) == CellStyle(foreground: .indexed(7), background: .indexed(4)))
    }

    @Test func withoutColourSupportOnlyAttributesRemain() {
        let resolved = ResolvedTheme(fallback, support: .none)
        #expect(resolved.style(.taskRunning) == CellStyle(attributes: .bold))
        #expect(resolved.style(.base) == .plain)
    }

    @Test func onAColourlessTerminalEveryThemeGivesTheMonochromeLook() {
        let monochrome = Theme(id: "monochrome", name: "Monochrome", source: .builtIn, roles: [
            .selection: RoleStyle(attributes: .reverse),
        ])
        let colourful = Theme(id: "colourful", name: "Colourful", source: .builtIn, roles: [
            .selection: RoleStyle(background: .rgb(red: 40, green: 70, blue: 100)),
        ])
        let catalog = ThemeCatalog(themes: [fallback, colourful, monochrome], problems: [])
        let resolved = catalog.resolved(colourful, for: .none)
        #expect(resolved.theme.id == "monochrome")
        #expect(resolved.style(.selection) == CellStyle(attributes: .reverse))
        #expect(catalog.resolved(colourful, for: .eight).theme.id == "colourful")
    }

    @Test func withoutAMonochromeThemeTheBuiltInOneGivesTheLook() {
        let catalog = ThemeCatalog(themes: [fallback], problems: [])
        #expect(catalog.resolved(fallback, for: .none).theme == .builtIn)
    }

    @Test func onEightColoursTextStaysReadable() {
        let theme = Theme(id: "t", name: "T", source: .builtIn, roles: [
            .base: RoleStyle(foreground: .standard(7), background: .standard(0)),
            .muted: RoleStyle(foreground: .standard(8)),  // bright black on black
            .error: RoleStyle(foreground: .standard(1)),
            .taskRunning: RoleStyle(foreground: .rgb(red: 0x8c, green: 0xc9, blue: 0x7c)),  // a light green
            .headerLabel: RoleStyle(foreground: .standard(12), background: .standard(4)),  // bright blue on blue
            .header: RoleStyle(foreground: .standard(0), background: .standard(7), attributes: .bold),
            .footer: RoleStyle(foreground: .standard(9), background: .standard(7)),
            .selection: RoleStyle(foreground: .rgb(red: 0x12, green: 0x15, blue: 0x1b), background: .standard(12)),
            .warning: RoleStyle(foreground: .standard(15), background: .standard(3)),
        ])
        let resolved = ResolvedTheme(theme, support: .eight)
        #expect(resolved.style(.muted) == CellStyle(foreground: .indexed(0), background: .indexed(0), attributes: .bold))
        #expect(resolved.style(.taskRunning) == CellStyle(foreground: .indexed(2), background: .indexed(0), attributes: .bold))
        #expect(resolved.style(.headerLabel) == CellStyle(foreground: .indexed(4), background: .indexed(4), attributes: .bold))
        // Normal colours, and bright ones on a light background, are left alone.
        #expect(resolved.style(.error) == CellStyle(foreground: .indexed(1), background: .indexed(0)))
        #expect(resolved.style(.footer) == CellStyle(foreground: .indexed(1), background: .indexed(7)))
        // On a light background bold would make the text brighter, fainter: bold black turns gray.
        #expect(resolved.style(.header) == CellStyle(foreground: .indexed(0), background: .indexed(7)))
        // Black or white text on a colour takes whichever shows on it: white on blue, black on yellow.
        #expect(resolved.style(.selection) == CellStyle(foreground: .indexed(7), background: .indexed(4)))
        #expect(resolved.style(.warning) == CellStyle(foreground: .indexed(0), background: .indexed(3)))
        // None of this happens with 256 colours.
        #expect(ResolvedTheme(theme, support: .full256).style(.muted).attributes == [])
        #expect(ResolvedTheme(theme, support: .full256).style(.header).attributes == .bold)
    }

    @Test func rolesIndexTheirTableInDeclarationOrder() {
        for (index, role) in ThemeRole.allCases.enumerated() {
            #expect(role.ordinal == index)
        }
    }

    @Test func builtInThemeIsColourless() {
        #expect(Theme.builtIn.isColorless)
        let catalog = ThemeCatalog(themes: [], problems: [])
        #expect(catalog.themes == [.builtIn])
    }

    @Test func themesAreFoundByIdOrNameAndCycleInOrder() throws {
        let light = Theme(id: "light", name: "Light", source: .builtIn, roles: [:])
        let contrast = Theme(id: "high-contrast", name: "High contrast", source: .builtIn, roles: [:])
        let catalog = ThemeCatalog(themes: [contrast, fallback, light], problems: [])
        #expect(catalog.themes.map(\.id) == ["default", "high-contrast", "light"])
        #expect(catalog.theme(named: "High-Contrast")?.id == "high-contrast")
        #expect(catalog.theme(named: "high-contrast.yaml")?.id == "high-contrast")
        #expect(catalog.theme(named: "high contrast")?.id == "high-contrast")
        #expect(catalog.theme(named: "solarized") == nil)
        let last = try #require(catalog.theme(named: "light"))
        #expect(catalog.theme(after: last).id == "default")
        #expect(catalog.theme(after: catalog.defaultTheme).id == "high-contrast")
    }
}
