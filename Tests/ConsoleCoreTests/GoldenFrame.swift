import Foundation
import Testing

@testable import ConsoleCore

/// Golden frames: a rendered screen as text, compared with a file under `Golden/`. Run the tests
/// with `CORRAL_RECORD_GOLDEN=1` to write the files anew, then read the diff before committing.
enum GoldenFrame {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        if ProcessInfo.processInfo.environment["CORRAL_RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("no golden frame \(name).txt; record it with CORRAL_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let where_ = first.map { "line \($0.offset + 1):\n  expected: \($0.element.0)\n  actual:   \($0.element.1)" } ?? "line count \(expectedLines.count) vs \(actualLines.count)"
            Issue.record("frame differs from \(name).txt at \(where_)", sourceLocation: sourceLocation)
        }
    }

    /// Each cell's attributes as one character (r reverse, b bold, u underline, d dim, space
    /// none): how the monochrome look is checked.
    static func attributes(_ buffer: CellBuffer) -> String {
        var lines: [String] = []
        for y in 0..<buffer.height {
            var line = ""
            for x in 0..<buffer.width where !buffer[x, y].isContinuation {
                let attributes = buffer[x, y].style.attributes
                line.append(
                    attributes.contains(.reverse) ? "r" : attributes.contains(.bold) ? "b" : attributes.contains(.underline) ? "u"
                        : attributes.contains(.dim) ? "d" : " ")
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
