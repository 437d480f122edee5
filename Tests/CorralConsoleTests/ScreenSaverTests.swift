import ConsoleCore
import CorralModel
import Foundation
import Testing

@testable import CorralConsole

/// `S` leaves two files where the user was told: the screen as SVG and as text.
@Suite struct ScreenSaverTests {
    @Test func savesTheScreenAsSVGAndTextAndSaysWhere() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("corral-screens-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = ThemeCatalog(themes: [.builtIn], problems: [])
        let model = ConsoleModel(now: Time(seconds: 1_765_000_000), themeNames: ["built-in"], source: "test · 0 agents")
        let saved = ScreenSaver(directory: directory + "/screens").save(
            model, theme: .builtIn, catalog: catalog, glyphs: .unicode, width: 100, height: 30, now: Time(seconds: 1_765_031_712.25))
        #expect(!saved.isError)
        let base = directory + "/screens/corral-screen-20251206-143512.250"
        #expect(saved.text == "Saved the screen as \(base).svg and .txt")
        let text = try String(contentsOfFile: base + ".txt", encoding: .utf8)
        #expect(text.contains("Corral"), "the text file does not hold the screen")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 31)
        let svg = try String(contentsOfFile: base + ".svg", encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
    }

    @Test func aDirectoryThatCannotBeMadeIsAnErrorSaidPlainly() {
        let saved = ScreenSaver(directory: "/proc/corral-cannot-write-here").save(
            ConsoleModel(now: .zero, themeNames: ["built-in"]), theme: .builtIn, catalog: ThemeCatalog(themes: [.builtIn], problems: []),
            glyphs: .ascii, width: 80, height: 24, now: .zero)
        #expect(saved.isError)
        #expect(saved.text.hasPrefix("Could not save the screen in /proc/corral-cannot-write-here: "))
    }
}
