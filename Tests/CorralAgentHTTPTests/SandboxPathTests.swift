import CorralHTTPServer
import CorralModel
import Testing

@testable import CorralAgentHTTP

/// Which paths the files API takes, and that none of them leads out of a sandbox.
@Suite struct SandboxPathTests {
    let work = "/var/corral"

    func path(_ text: String) throws(HTTPProblem) -> SandboxPath { try SandboxPath(text, workDirectory: work, agentID: "S1") }

    func status(_ text: String) -> Int? {
        do {
            _ = try path(text)
            return nil
        } catch {
            return Int(error.status.code)
        }
    }

    @Test func theVirtualPathAndTheSandboxDirectoryNameTheSameSandbox() throws {
        let virtual = try path("/frameworks/F1/tasks/t1/stdout")
        let real = try path("/var/corral/agents/S1/frameworks/F1/tasks/t1/stdout")
        #expect(virtual.sandbox == real.sandbox)
        #expect(virtual.sandbox.directory == "/var/corral/agents/S1/frameworks/F1/tasks/t1")
        #expect(virtual.names == ["stdout"] && real.names == ["stdout"])
        #expect(try path("/var/corral/agents/S1/frameworks/F1/tasks/t1/").names == [])
        #expect(try path("/var/corral/agents/S1/frameworks/F1/tasks/t1/").requested == "/var/corral/agents/S1/frameworks/F1/tasks/t1")
        #expect(try path("//frameworks//F1/tasks/t1/logs/app.log").names == ["logs", "app.log"])
    }

    @Test func dotsAreRefusedWhereverTheyStand() {
        for text in ["/frameworks/..\u{0}/tasks/t1/stdout", "/frameworks/F1/tasks/t1/..\u{0}x/stdout", "/frameworks/F1/tasks/t1\u{0}","/frameworks/F1/tasks/t1/../t2/stdout", "/frameworks/F1/tasks/../../../etc/passwd", "/frameworks/F1/tasks/t1/./stdout",
                     "/var/corral/agents/S1/frameworks/F1/tasks/t1/../../../../../../etc/shadow", "/frameworks/../tasks/t1"] {
            #expect(status(text) == 400, "\(text)")
        }
    }

    @Test func pathsOutsideThisAgentsSandboxesAreNotFound() {
        for text in ["/etc/passwd", "/var/corral/agents/S2/frameworks/F1/tasks/t1/stdout", "/var/corral/meta/containers",
                     "/frameworks/F1", "/frameworks/F1/executors/t1/runs/latest", "/var/corral/agents/S1/frameworks/F1/tasks", "var/corral/agents/S1/frameworks/F1/tasks/t1"] {
            #expect(status(text) == 404, "\(text)")
        }
    }
}
