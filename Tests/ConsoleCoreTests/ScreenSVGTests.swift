import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@testable import ConsoleCore

/// `S` writes the screen as SVG: a file that parses, holds the screen's text row by row at its
/// columns, and keeps the theme's colours.
@Suite struct ScreenSVGTests {
    /// Every <text> element: where it starts and what it says.
    final class TextCollector: NSObject, XMLParserDelegate {
        var texts: [(x: Double, y: Double, fill: String, text: String)] = []
        var rects = 0
        private var current: (x: Double, y: Double, fill: String)?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "rect" { rects += 1 }
            guard name == "text" else { return }
            let firstX = attributes["x"]?.split(separator: " ").first.flatMap { Double($0) } ?? -1
            current = (firstX, Double(attributes["y"] ?? "") ?? -1, attributes["fill"] ?? "")
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            guard name == "text", let current else { return }
            texts.append((current.x, current.y, current.fill, text))
            self.current = nil
        }
    }

    @Test func theSVGParsesAndHoldsEveryRowOfTheScreenAtItsColumns() throws {
        let catalog = ThemeLoader.catalog(directory: ConsoleThemeFrameTests.themesDirectory)
        let frame = ConsoleView.render(ClusterFixture.model(), theme: catalog.resolved(catalog.defaultTheme, for: .full256), glyphs: .unicode, width: 160, height: 48)
        let svg = ScreenSVG.render(frame, defaults: ScreenSVG.Defaults(theme: catalog.defaultTheme))
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = TextCollector()
        parser.delegate = collector
        #expect(parser.parse(), "the SVG does not parse: \(String(describing: parser.parserError))")

        // Rebuild each row from the text elements at their columns; it must read as the screen.
        let lines = frame.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var rebuilt = Array(repeating: [Character](repeating: " ", count: 160), count: 48)
        for element in collector.texts {
            let row = Int(((element.y - ScreenSVG.fontSize) / ScreenSVG.cellHeight).rounded())
            var column = Int((element.x / ScreenSVG.cellWidth).rounded())
            for character in element.text where row >= 0 && row < 48 && column < 160 {
                rebuilt[row][column] = character
                column += max(1, character.terminalWidth)
            }
        }
        for (index, line) in lines.enumerated() {
            let wide = line.contains { $0.terminalWidth == 2 }
            if !wide { #expect(String(rebuilt[index]) == line, "row \(index) differs") }
        }
        #expect(svg.contains("Agents 3") && svg.contains("┌─ Tasks"), "box drawing and titles are kept")
        #expect(Set(collector.texts.map(\.fill)).count > 3, "the theme's colours are lost")
        #expect(collector.rects > 1, "no backgrounds (selection, bars) were drawn")
    }

    @Test func markupInCellsIsEscaped() {
        var buffer = CellBuffer(width: 12, height: 1)
        buffer.write("<a&b> \"q\"", x: 0, y: 0, style: .plain)
        let svg = ScreenSVG.render(buffer)
        #expect(svg.contains("&lt;a&amp;b&gt; &quot;q&quot;"))
        #expect(!svg.contains("<a&b>"))
    }

    /// One x per UTF-16 unit, so an accent or an emoji does not shift the rest of its run; and
    /// characters XML forbids never reach the file.
    @Test func everyUnitOfACharacterSharesItsXAndIllegalCharactersAreReplaced() {
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.write("e\u{301}x\u{FFFF}y", x: 0, y: 0, style: .plain)
        let svg = ScreenSVG.render(buffer)
        #expect(svg.contains(#"x="0 0 8.4 16.8 25.2""#), "\(svg)")
        #expect(!svg.contains("\u{FFFF}") && svg.contains("\u{FFFD}"))
    }

    @Test func paletteColoursAreXtermsAndTheDefaultsTheThemes() {
        #expect(ScreenSVG.color(.indexed(196)) == ScreenSVG.RGB(255, 0, 0))
        #expect(ScreenSVG.color(.indexed(1)) == ScreenSVG.RGB(205, 0, 0))
        #expect(ScreenSVG.color(.terminalDefault) == nil)
        #expect(ScreenSVG.RGB(0x2b, 0x47, 0x66).hex == "#2b4766")
    }
}
