import Testing
@testable import ConsoleCore

/// A broken theme file is reported by name, line and column with a message that says how to fix
/// it, and the console starts on the default theme.
@Suite struct ThemeProblemTests {
    @Test func yamlSyntaxErrorGivesFileLineAndWhatTheParserWasDoing() throws {
        let yaml = """
            name: Broken
            roles:
              base: { fg: "#ffffff" }
              task.running: { fg: green
              task.failed: red
            """
        let catalog = try withThemeDirectory(["broken.yaml": yaml]) { ThemeLoader.catalog(directory: $0) }
        let problem = try #require(catalog.problems.first)
        #expect(catalog.problems.count == 1)
        #expect(problem.file == "broken.yaml")
        #expect(problem.line == 5)  // where libyaml noticed; the message names line 4
        #expect(problem.message.contains("did not find expected ',' or '}'"))
        #expect(problem.message.contains("flow mapping at line 4"))
        #expect(catalog.themes.map(\.id) == ["built-in"])
    }

    @Test func unquotedHexColourGetsAHintAboutComments() {
        let block = problems(parsing: """
            roles:
              task.running:
                fg: #00ff00
            """)
        #expect(block == [ThemeProblem(file: "test.yaml", line: 3, column: 8, message:
            "'fg' has no colour: a '#' starts a comment in YAML, so write hex colours in quotes: \"#rrggbb\"")])
        let flow = problems(parsing: "roles:\n  task.running: { fg: #00ff00 }\n  task.failed: red\n")
        #expect(flow.count == 1)
        #expect(flow.first?.message.hasSuffix("write hex colours in quotes: \"#rrggbb\"") == true)
    }

    @Test func unknownRoleSuggestsTheNearestRole() {
        let found = problems(parsing: """
            name: Typo
            roles:
              task.running: green
              task.runing: red
              shiny.thing: blue
            """)
        #expect(found == [
            ThemeProblem(file: "test.yaml", line: 4, column: 3, message: "unknown role 'task.runing' (did you mean 'task.running'?)"),
            ThemeProblem(file: "test.yaml", line: 5, column: 3, message:
                "unknown role 'shiny.thing': expected one of " + ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")),
        ])
    }

    @Test func badHexColourIsExplained() {
        let found = problems(parsing: """
            roles:
              task.running: { fg: "#12345" }
            """)
        #expect(found == [ThemeProblem(file: "test.yaml", line: 2, column: 23, message:
            "'#12345' is not a colour: expected a palette name, a standard colour name, #rrggbb or default")])
    }

    @Test func unknownPaletteNameSuggestsTheNearestName() {
        let found = problems(parsing: """
            palette:
              accent: "#ff8800"
            roles:
              task.running: accnt
              task.failed: { bg: sparkly }
            """)
        #expect(found.map(\.line) == [4, 5])
        #expect(found.first?.message == "unknown colour 'accnt' (did you mean 'accent'?)")
        #expect(found.last?.message ==
            "unknown colour 'sparkly': expected a palette name, a standard colour name, #rrggbb or default")
    }

    @Test func badPaletteEntryIsReportedWhereItIsDefined() {
        let found = problems(parsing: """
            palette:
              bg: "#1c1f2"
              default: "#000000"
            roles:
              base: { bg: bg }
            """)
        #expect(found.map(\.line) == [2, 3, 5])
        #expect(found[0].message == "'#1c1f2' is not a colour: a palette entry is #rrggbb, a standard colour name or default")
        #expect(found[1].message == "'default' is the terminal's own colour and cannot be redefined")
        #expect(found[2].message.hasPrefix("unknown colour 'bg'"))
    }

    @Test func wrongTypesAreNamed() {
        #expect(problems(parsing: "roles: [task.running, task.failed]\n") == [ThemeProblem(file: "test.yaml", line: 1, column: 8, message:
            "'roles' should be a mapping of roles to styles, such as { task.running: green }")])
        #expect(problems(parsing: "roles:\n  task.running: [green, bold]\n").first?.message ==
            "'task.running' should be a colour or a mapping such as { fg: green, bold: true }, not a list")
        #expect(problems(parsing: "roles:\n  task.running: { fg: { r: 1 } }\n").first?.message == "'fg' should be a colour, not a mapping")
        #expect(problems(parsing: "- a\n- b\n").first?.message == "a theme is a mapping with 'name', 'palette' and 'roles', not a list")
    }

    @Test func attributesMustBeKnownAndTrueOrFalse() {
        let found = problems(parsing: """
            roles:
              task.running: { fg: green, bold: maybe, blink: true, bolt: true }
            """)
        #expect(found == [
            ThemeProblem(file: "test.yaml", line: 2, column: 36, message: "'bold' should be true or false, not maybe"),
            ThemeProblem(file: "test.yaml", line: 2, column: 43, message:
                "unknown attribute 'blink': a style has fg, bg, bold, dim, underline, reverse, italic"),
            ThemeProblem(file: "test.yaml", line: 2, column: 56, message: "unknown attribute 'bolt' (did you mean 'bold'?)"),
        ])
    }

    @Test func unknownTopLevelKeyAndMissingRoles() {
        let found = problems(parsing: "name: Lost\nrole:\n  task.running: green\n")
        #expect(found.map(\.description) == [
            "test.yaml:2:1: unknown key 'role' (did you mean 'roles'?)",
            "test.yaml:1: no 'roles': a theme maps roles to styles, such as { task.running: green }",
        ])
    }

    @Test func duplicateKeyIsReported() {
        let found = problems(parsing: "roles:\n  task.running: green\n  task.running: red\n")
        #expect(found.map(\.description) == ["test.yaml:2:3: 'task.running' is given more than once in the same mapping"])
    }

    @Test func emptyFileIsReported() {
        #expect(problems(parsing: "# nothing yet\n").map(\.description) ==
            ["test.yaml:1: the file is empty: a theme has 'name', 'palette' and 'roles'"])
    }

    @Test func brokenDefaultLeavesTheBuiltInThemeAsDefaultAndTheOthersLoad() throws {
        let files = [
            "default.yaml": "roles:\n  base: { fg: \"#zzzzzz\" }\n",
            "calm.yaml": "name: Calm\nroles:\n  task.running: { fg: \"#88cc88\" }\n",
        ]
        let catalog = try withThemeDirectory(files) { ThemeLoader.catalog(directory: $0) }
        #expect(catalog.problems.map(\.description) ==
            ["default.yaml:2:15: '#zzzzzz' is not a colour: expected a palette name, a standard colour name, #rrggbb or default"])
        #expect(catalog.themes.map(\.id) == ["built-in", "calm"])
        let calm = try #require(catalog.theme(named: "Calm"))
        #expect(calm.roles[.selection] == Theme.builtIn.roles[.selection])
        if case .file(let path) = calm.source { #expect(path.hasSuffix("/calm.yaml")) } else { Issue.record("calm has no file") }
    }

    @Test func aMissingDirectoryIsAProblemNotACrash() {
        let catalog = ThemeLoader.catalog(directory: "/nonexistent/corral-themes")
        #expect(catalog.problems.map(\.description) == ["/nonexistent/corral-themes: cannot read the themes directory"])
        #expect(catalog.themes == [.builtIn])
        #expect(ThemeLoader.catalog(directory: nil).problems == [])
    }

    @Test func onlyYamlFilesAreThemesAndEditorFilesAreSkipped() throws {
        let theme = "roles:\n  base: {}\n"
        let files = ["default.yaml": theme, "notes.txt": "not a theme", ".#default.yaml": "{{{", "extra.yml": theme]
        let catalog = try withThemeDirectory(files) { ThemeLoader.catalog(directory: $0) }
        #expect(catalog.problems == [])
        #expect(catalog.themes.map(\.id) == ["default", "extra"])
    }
}
