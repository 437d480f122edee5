import CorralModel
import Testing

@testable import CorralServices

@Suite struct LaunchBackoffTests {
    @Test func delaysGrowByTheFactorUpToTheMaximum() {
        var backoff = LaunchBackoff(backoffSeconds: 1, backoffFactor: 2, maxLaunchDelaySeconds: 5)
        let start = Time(seconds: 100)
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
