import Testing
@testable import ConsoleCore

/// Hex colours fitted to 256- and 8-colour terminals, and colour names read from theme files.
@Suite struct ThemeColorMappingTests {
    @Test(arguments: [
        ("#ff0000", 196),  // the cube's pure red
        ("#000000", 16),  // the cube's black, not the ramp's darkest gray (8, 8, 8)
        ("#ffffff", 231),
        ("#808080", 244),  // exactly the ramp's 8 + 10 × 12; the cube has no 128
        ("#1c1f26", 234),  // the dark theme's background: the ramp's (28, 28, 28), not a cube blue
        ("#2b4766", 24),  // a dark steel blue stays blue; plain RGB distance would pick gray 238
        ("#5f87af", 67),  // exactly a cube colour: (1, 2, 3) in 0–5 steps
        ("#e8965a", 173),  // an orange stays orange (215, 135, 95)
    ])
    func hexMapsToNearestOf256(hex: String, expected: Int) throws {
        let color = try #require(ThemeColor(hex))
        #expect(color.terminalColor(for: .full256) == .indexed(UInt8(expected)))
    }

    @Test func standardNamesKeepTheirIndexOn256Colours() {
        #expect(ThemeColor("red")?.terminalColor(for: .full256) == .indexed(1))
        #expect(ThemeColor("bright-blue")?.terminalColor(for: .full256) == .indexed(12))
        #expect(ThemeColor("default")?.terminalColor(for: .full256) == .terminalDefault)
    }

    @Test(arguments: [
        ("#ff0000", 1),
        ("#8cc97c", 2),  // a pastel green is nearer white by distance, but it is green
        ("#e8965a", 3),  // oranges go to yellow, which many terminals draw brown-orange
        ("#6aaeea", 4),  // sky blue
        ("#5ec4c6", 6),
        ("#c690e0", 5),
        ("#1c1f26", 0),  // near-black gray
        ("#d3d7de", 7),  // light gray
        ("#f7f7f5", 7),  // near white folds from bright white
        ("#808080", 0),  // mid gray is bright black, folded
    ])
    func hexMapsToNearestOf8(hex: String, expected: Int) throws {
        let color = try #require(ThemeColor(hex))
        #expect(color.terminalColor(for: .eight) == .indexed(UInt8(expected)))
    }

    @Test func brightStandardColoursFoldOntoTheEightOn8Colours() {
        #expect(ThemeColor("bright-red")?.terminalColor(for: .eight) == .indexed(1))
        #expect(ThemeColor("bright-white")?.terminalColor(for: .eight) == .indexed(7))
    }

    @Test func everyColourIsTheTerminalsDefaultWithoutColourSupport() {
        for text in ["#ff0000", "red", "bright-cyan", "default"] {
            #expect(ThemeColor(text)?.terminalColor(for: .none) == .terminalDefault)
        }
    }

    @Test func readsNamesAndHexInAnyCase() {
        #expect(ThemeColor("#A0b1C2") == .rgb(red: 0xA0, green: 0xB1, blue: 0xC2))
        #expect(ThemeColor("Bright-Black") == .standard(8))
        #expect(ThemeColor("DEFAULT") == .terminalDefault)
    }

    @Test(arguments: ["#12345", "#1234567", "#gggggg", "#+12345", "ff0000", "grey", ""])
    func rejectsWhatIsNotAColour(text: String) {
        #expect(ThemeColor(text) == nil)
    }
}
