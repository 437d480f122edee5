import ConsoleCore
import CorralServices
import Testing

@testable import CorralConsoleFrameworks

/// The console's new-app dialog becomes a Services app; a health command becomes a COMMAND check.
@Suite struct NewAppTests {
    @Test func theDialogsFieldsBecomeTheApp() {
        let app = AppDefinition(NewAppSpec(id: "/api", command: "serve --port $PORT", cpus: 0.5, mem: 128, instances: 3))
        #expect(app.id == "/api")
        #expect(app.cmd == "serve --port $PORT")
        #expect(app.instances == 3)
        #expect(app.cpus == 0.5)
        #expect(app.mem == 128)
        #expect(app.healthChecks.isEmpty)
    }

    @Test func aHealthCommandBecomesACommandCheck() {
        let app = AppDefinition(NewAppSpec(id: "/api", command: "serve", cpus: 0.1, mem: 32, instances: 1, healthCommand: "test -f alive"))
        #expect(app.healthChecks == [.command("test -f alive", gracePeriodSeconds: 10, intervalSeconds: 5, timeoutSeconds: 5)])
    }
}
