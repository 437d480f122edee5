import CorralModel
import Testing

@testable import CorralServices

@Suite struct LaunchBackoffTests {
    @Test func delaysGrowByTheFactorUpToTheMaximum() {
        var backoff = LaunchBackoff(backoffSeconds: 1, backoffFactor: 2, maxLaunchDelaySeconds: 5)
        let start = ClusterInstant(seconds: 100)
        #expect(backoff.mayLaunch(at: start))
        backoff.failed(at: start)
        #expect(backoff.remaining(at: start) == 1)
        backoff.failed(at: start)
        #expect(backoff.remaining(at: start) == 2)
        backoff.failed(at: start)
        backoff.failed(at: start)
        #expect(backoff.remaining(at: start) == 5)  // 8, capped
        #expect(!backoff.mayLaunch(at: start + 4.9))
        #expect(backoff.mayLaunch(at: start + 5))
        backoff.reset()
        #expect(backoff.mayLaunch(at: start))
    }
}

@Suite struct AppIDTests {
    @Test func pathsAreNormalised() throws {
        #expect(try AppID(parsing: "web").path == "/web")
        #expect(try AppID(parsing: "//web//frontend/").path == "/web/frontend")
        #expect(try AppID(parsing: "/web/frontend").taskPrefix == "web_frontend")
    }

    @Test(arguments: ["", "/", "/Web", "/web/-x", "/a b", "/web/..", "/x."])
    func badIDsAreRefusedWithTheSegment(text: String) {
        #expect(throws: AppIDError.self) { try AppID(parsing: text) }
    }
}

import Foundation

@Suite struct AppDefinitionTests {
    @Test func marathonJSONDecodesWithDefaults() throws {
        let json = #"{"id":"/web","cmd":"python3 -m http.server $PORT0","instances":3,"constraints":[["hostname","UNIQUE"]],"healthChecks":[{"protocol":"HTTP","path":"/","portIndex":0}],"portDefinitions":[{"port":0}]}"#
        let app = try JSONDecoder().decode(AppDefinition.self, from: Data(json.utf8))
        #expect(app.instances == 3)
        #expect(app.cpus == 1 && app.mem == 128)
        #expect(app.backoffFactor == 1.15)
        #expect(app.healthChecks.first?.maxConsecutiveFailures == 3)
        #expect(app.validationIssues().isEmpty)
    }

    @Test func problemsComeAsMarathonDetailsWithPaths() throws {
        let json = #"{"id":"/Web App","cpus":0,"instances":-1,"constraints":[["rack","NEAR"]],"healthChecks":[{"protocol":"COMMAND"}],"upgradeStrategy":{"minimumHealthCapacity":1,"maximumOverCapacity":0}}"#
        let app = try JSONDecoder().decode(AppDefinition.self, from: Data(json.utf8))
        let paths = app.validationIssues().map(\.path)
        #expect(paths == ["/id", "/", "/cpus", "/instances", "/constraints(0)", "/upgradeStrategy", "/healthChecks(0)"])
    }
}
