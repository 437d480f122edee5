import Foundation
@testable import ConsoleCore

/// The repository's `themes/` folder, which the tests read as the console would.
let shippedThemesDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("themes").path

/// A fresh directory holding `files` (relative path → contents), removed when `body` returns.
func withThemeDirectory<T>(_ files: [String: String], _ body: (String) throws -> T) throws -> T {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("corral-themes-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    for (name, contents) in files {
        let file = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
    }
    return try body(directory.path)
}

/// The problems parsing `yaml` as `test.yaml` gives; none when it loads.
func problems(parsing yaml: String) -> [ThemeProblem] {
    switch ThemeLoader.parse(yaml, id: "test", fileName: "test.yaml", source: .builtIn) {
    case .success: []
    case .failure(let broken): broken.problems
    }
}

/// The theme `yaml` describes; nil when it has problems.
func theme(parsing yaml: String) -> Theme? {
    try? ThemeLoader.parse(yaml, id: "test", fileName: "test.yaml", source: .builtIn).get()
}
