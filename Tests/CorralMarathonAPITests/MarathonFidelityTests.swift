import CorralHTTPTesting
import CorralTesting
import Foundation
import Testing

/// What Marathon's clients and deploy tools rely on beyond the basics: `/ping` as JSON, the
/// filters and embeds of `/v2/apps`, 201 for a PUT that creates, 409 while a deployment runs.
extension MarathonAPITests {
    @Test func pingAnswersJSONToAClientThatAsksForJSONAndTextToOthers() async throws {
        try await withMarathon { http in
            let json = try await http.send("GET", "/ping", headers: [("Accept", "application/json")])
            #expect(json.status == 200)
            #expect(json.body == #""pong""#)
            #expect(json.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("application/json") })
            let text = try await http.send("GET", "/ping", headers: [("Accept", "*/*")])
            #expect(text.body == "pong")
            #expect(text.headers.contains { $0.0.lowercased() == "content-type" && $0.1.hasPrefix("text/plain") })
            #expect(try await http.send("GET", "/ping").body == "pong")
        }
    }
}
