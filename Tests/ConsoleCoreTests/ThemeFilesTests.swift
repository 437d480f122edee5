import Foundation
import Testing
@testable import ConsoleCore

/// The themes shipped in `themes/`: they load, they are complete where they must be, and they
/// look the way their names promise.
@Suite struct ThemeFilesTests {
    let catalog = ThemeLoader.catalog(directory: shippedThemesDirectory)

    @Test func theFourShippedThemesLoadWithoutProblems() {
        #expect(catalog.problems == [])
        #expect(catalog.themes.map(\.id) == ["default", "high-contrast", "light", "monochrome"])
        #expect(catalog.defaultTheme.name == "Default (dark)")
        #expect(Set(catalog.themes.map(\.name)).count == 4)
    }

    @Test func defaultThemeNamesEveryRoleItself() throws {
        let file = try #require(try? ThemeLoader.load(file: shippedThemesDirectory + "/default.yaml").get())
        let missing = ThemeRole.allCases.filter { file.roles[$0] == nil }
        #expect(missing == [])
    }

    @Test func monochromeThemeHasNoColoursAndNamesEveryRole() throws {
        let file = try #require(try? ThemeLoader.load(file: shippedThemesDirectory + "/monochrome.yaml").get())
        #expect(ThemeRole.allCases.filter { file.roles[$0] == nil } == [])
        #expect(file.isColorless)
        let resolved = ResolvedTheme(try #require(catalog.theme(named: "monochrome")), support: .full256)
        for role in ThemeRole.allCases {
            #expect(resolved.style(role).foreground == .terminalDefault, "\(role)")
            #expect(resolved.style(role).background == .terminalDefault, "\(role)")
        }
    }

    @Test func selectionAndFocusStandOutOnEveryTerminal() {
        for theme in catalog.themes {
            for support in [ColorSupport.full256, .eight, .none] {
                let resolved = catalog.resolved(theme, for: support)
                let base = resolved.style(.base)
                #expect(resolved.style(.selection) != base, "\(theme.id) on \(support)")
                #expect(resolved.style(.focus) != resolved.style(.paneBorder), "\(theme.id) on \(support)")
            }
        }
    }

    @Test func taskStatesAreDistinguishableInTheColourThemes() {
        let groups: [[ThemeRole]] = [
            [.taskStaging, .taskStarting], [.taskRunning], [.taskKilling, .taskKilled],
            [.taskFinished], [.taskFailed, .taskError], [.taskLost, .taskDropped, .taskUnreachable, .taskGone],
        ]
        for id in ["default", "light", "high-contrast"] {
            guard let theme = catalog.theme(named: id) else { Issue.record("no \(id)"); continue }
            let resolved = ResolvedTheme(theme, support: .full256)
            let colours = groups.map { Set($0.map { resolved.style($0).foreground }) }
            for (index, group) in colours.enumerated() {
                for other in colours[(index + 1)...] {
                    #expect(group.isDisjoint(with: other), "\(id): \(group) shares a colour with \(other)")
                }
            }
            let offers: [ThemeRole] = [.offerOutstanding, .offerAccepted, .offerDeclined, .offerRescinded]
            #expect(Set(offers.map { resolved.style($0) }).count == 4, "\(id)")
        }
    }

    @Test func appStatesAndJobResultsAreDistinguishableInTheColourThemes() {
        let apps: [ThemeRole] = [.serviceRunning, .serviceDeploying, .serviceWaiting, .serviceDelayed, .serviceSuspended]
        let jobs: [ThemeRole] = [.jobSuccess, .jobFailure, .jobNever, .jobRunning]
        for id in ["default", "light", "high-contrast"] {
            guard let theme = catalog.theme(named: id) else { Issue.record("no \(id)"); continue }
            let resolved = ResolvedTheme(theme, support: .full256)
            #expect(Set(apps.map { resolved.style($0).foreground }).count == apps.count, "\(id)")
            #expect(Set(jobs.map { resolved.style($0) }).count == jobs.count, "\(id)")
        }
    }

    /// WCAG's contrast ratio of every role's text on its background, at 256 colours: at least 3
    /// (4.5 is WCAG's bar for body text; bold status words read at less), except borders and
    /// empty bar cells, which are meant to recede.
    @Test func textIsReadableInTheColourThemes() {
        let receding: Set<ThemeRole> = [.paneBorder, .barFree]
        for id in ["default", "light", "high-contrast"] {
            guard let theme = catalog.theme(named: id) else { Issue.record("no \(id)"); continue }
            let resolved = ResolvedTheme(theme, support: .full256)
            for role in ThemeRole.allCases where !receding.contains(role) {
                let style = resolved.style(role)
                guard case .indexed(let fg) = style.foreground, case .indexed(let bg) = style.background,
                      fg >= 16, bg >= 16
                else { Issue.record("\(id) \(role) is not an exact colour"); continue }
                let ratio = contrastRatio(TerminalPalette.xtermRGB(Int(fg)), TerminalPalette.xtermRGB(Int(bg)))
                #expect(ratio >= 3, "\(id) \(role): \(ratio)")
            }
        }
    }

    private func contrastRatio(_ a: (red: UInt8, green: UInt8, blue: UInt8), _ b: (red: UInt8, green: UInt8, blue: UInt8)) -> Double {
        func luminance(_ c: (red: UInt8, green: UInt8, blue: UInt8)) -> Double {
            func linear(_ v: UInt8) -> Double {
                let x = Double(v) / 255
                return x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4)
            }
            return 0.2126 * linear(c.red) + 0.7152 * linear(c.green) + 0.0722 * linear(c.blue)
        }
        let (l1, l2) = (luminance(a), luminance(b))
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}
