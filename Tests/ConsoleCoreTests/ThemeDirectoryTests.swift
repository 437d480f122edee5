import Foundation
import Testing
@testable import ConsoleCore

/// Finding the themes directory: the environment, the current directory, near the executable,
/// the installed copy.
@Suite struct ThemeDirectoryTests {
    private let theme = "roles:\n  base: {}\n"

    @Test func environmentVariableWinsEvenWhenTheDirectoryIsMissing() {
        let found = ThemeDirectory.locate(environment: ["CORRAL_THEMES": "/somewhere/else"], currentDirectory: "/",
                                          executablePath: nil, installed: "/nonexistent")
        #expect(found == "/somewhere/else")
    }

    @Test func themesInTheCurrentDirectoryComeNext() throws {
        try withThemeDirectory(["themes/default.yaml": theme]) { root in
            let found = ThemeDirectory.locate(environment: [:], currentDirectory: root,
                                              executablePath: nil, installed: "/nonexistent")
            #expect(found == root + "/themes")
        }
    }

    @Test func walksUpFromTheExecutableLikeABuildDirectory() throws {
        try withThemeDirectory(["themes/default.yaml": theme, ".build/debug/corral": ""]) { root in
            let found = ThemeDirectory.locate(environment: [:], currentDirectory: "/",
                                              executablePath: root + "/.build/debug/corral", installed: "/nonexistent")
            #expect(found == root + "/themes")
        }
    }

    @Test func aThemesFolderWithoutDefaultIsPassedOver() throws {
        try withThemeDirectory(["themes/site.css": "", "installed/default.yaml": theme]) { root in
            let found = ThemeDirectory.locate(environment: [:], currentDirectory: root,
                                              executablePath: nil, installed: root + "/installed")
            #expect(found == root + "/installed")
            #expect(ThemeDirectory.locate(environment: [:], currentDirectory: root, executablePath: root + "/bin/corral",
                                          installed: "/nonexistent") == nil)
        }
    }
}
