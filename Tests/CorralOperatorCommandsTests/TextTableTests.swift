import CorralOperatorCommands
import Testing

/// Tables as a terminal shows them: columns aligned in terminal columns, numbers to the right,
/// nothing trailing, and nothing from a server that a terminal would act on.
@Suite struct TextTableTests {
    @Test func columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        var table = TextTable([.init("ID"), .init("STATE"), .init("CPUS", .right)])
        table.append(["web-1", "TASK_RUNNING", "0.5"])
        table.append(["a", "TASK_STAGING", "12"])
        #expect(table.text == """
            ID     STATE         CPUS
            web-1  TASK_RUNNING   0.5
            a      TASK_STAGING    12

            """)
    }

    @Test func noLineEndsInSpacesEvenWhenItsLastCellsAreEmpty() {
        var table = TextTable([.init("NAME"), .init("AGENT")])
        table.append(["long-name-here"])
        #expect(table.text == "NAME            AGENT\nlong-name-here\n")
    }

    @Test func wideCharactersCountTwoColumns() {
        var table = TextTable([.init("NAME"), .init("X")])
        table.append(["数据", "1"])
        table.append(["abc", "2"])
        #expect(table.text == "NAME  X\n数据  1\nabc   2\n")
    }

    @Test func whatATerminalWouldActOnIsShownAsQuestionMarks() {
        var table = TextTable([.init("NAME")])
        table.append(["evil\u{1B}[2J\nname\u{202E}txt.exe"])
        #expect(table.text == "NAME\nevil?[2J?name?txt.exe\n")
        #expect(TerminalText.safe("plain ünïcode") == "plain ünïcode")
    }

    @Test func anEmptyTableIsItsHeader() {
        #expect(TextTable([.init("ID"), .init("TASKS", .right)]).text == "ID  TASKS\n")
    }
}
