import AsyncHTTPClient
import CorralHTTPTesting
import CorralTesting
import Foundation
import NIOCore
import Synchronization
import Testing

/// `/v2/events`: Marathon's server-sent events, read as a client reads them while an app deploys
/// and scales.
extension MarathonAPITests {
    /// The events a reader got so far: (type, JSON text) from `event:` and `data:` lines.
    final class EventReader: Sendable {
        final class Received: Sendable {
            let events = Mutex<[(type: String, data: String)]>([])
        }

        let received = Received()
        let task: Task<Void, Never>

        init(_ http: RawHTTP, query: String = "") {
            let received = received
            task = Task {
                var request = HTTPClientRequest(url: http.master.url("/v2/events" + query))
                request.headers.add(name: "Accept", value: "text/event-stream")
                guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(60)) else { return }
                var pending = ""
                var type = ""
                do {
                    for try await chunk in response.body {
                        pending += String(buffer: chunk)
                        while let newline = pending.firstIndex(of: "\n") {
                            let line = String(pending[..<newline])
                            pending = String(pending[pending.index(after: newline)...])
                            if line.hasPrefix("event: ") { type = String(line.dropFirst(7)) }
                            if line.hasPrefix("data: ") {
                                let data = String(line.dropFirst(6))
                                received.events.withLock { $0.append((type, data)) }
                            }
                        }
                    }
                } catch {}
            }
        }

        var types: [String] { received.events.withLock { $0.map(\.type) } }

        func events(_ type: String) -> [[String: Any]] {
            received.events.withLock { $0.filter { $0.type == type }.map(\.data) }.compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
            }
        }
    }

    @Test func theEventStreamCarriesADeploymentAndAScaleWithMarathonsFields() async throws {
        try await withMarathon { http in
            let all = EventReader(http)
            let some = EventReader(http, query: "?event_type=deployment_success&event_type=api_post_event")
            defer { all.task.cancel(); some.task.cancel() }
            #expect(await eventually { all.types.contains("event_stream_attached") })
            // The reader is this process, on loopback: Marathon names it by its peer address.
            #expect(all.events("event_stream_attached").first?["remoteAddress"] as? String == "127.0.0.1")

            _ = try await post(http, "/v2/apps", #"{"id": "/sse", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16, "instances": 1}"#)
            #expect(await eventually { !all.events("deployment_success").isEmpty })
            // Every change is a change of the group it is made in, as Marathon tells it: taken, or
            // refused with the reason.
            #expect(all.events("group_change_success").first?["groupId"] as? String == "/")
            let again = try await post(http, "/v2/apps", #"{"id": "/sse", "cmd": "exec sleep 600", "cpus": 0.1, "mem": 16}"#)
            #expect(again.status == 409)
            #expect(await eventually { (all.events("group_change_failed").first?["reason"] as? String)?.contains("already exists") == true })
            _ = try await post(http, "/v2/apps/sse", #"{"instances": 2}"#, method: "PUT")
            #expect(await eventually { all.events("deployment_success").count == 2 && some.events("deployment_success").count == 2 })

            let expected = ["api_post_event", "deployment_info", "status_update_event", "instance_changed_event", "deployment_step_success", "deployment_success"]
            #expect(Set(expected).isSubset(of: Set(all.types)), "\(all.types)")
            #expect(Set(some.types) == ["api_post_event", "deployment_success"], "\(some.types)")

            let running = all.events("status_update_event").first { $0["taskStatus"] as? String == "TASK_RUNNING" } ?? [:]
            for key in ["eventType", "timestamp", "slaveId", "taskId", "taskStatus", "appId", "host", "ports", "version"] {
                #expect(running[key] != nil, "status_update_event has no \(key): \(running)")
            }
            #expect(running["appId"] as? String == "/sse")
            let changed = all.events("instance_changed_event").first { $0["condition"] as? String == "Running" }
            #expect(changed?["runSpecId"] as? String == "/sse" && changed?["instanceId"] is String)
            let success = all.events("deployment_success").first ?? [:]
            #expect(success["id"] is String && (success["plan"] as? [String: Any])?["steps"] is [Any])
            let info = all.events("deployment_info").first ?? [:]
            #expect(((info["currentStep"] as? [String: Any])?["actions"] as? [[String: Any]])?.first?["action"] as? String == "StartApplication")
            let posted = all.events("api_post_event").first ?? [:]
            #expect((posted["appDefinition"] as? [String: Any])?["id"] as? String == "/sse" && posted["uri"] as? String == "/v2/apps")
            // The poster is named by its connection's peer, as Marathon does.
            #expect(posted["clientIp"] as? String == "127.0.0.1", "\(posted)")
            #expect((posted["timestamp"] as? String)?.hasSuffix("Z") == true)
        }
    }

    /// A reader that closes its connection is detached at once: before, the stream went on until
    /// a heartbeat (15 s apart) failed to reach it, and Services kept its subscription meanwhile.
    @Test(arguments: [false, true]) func aReaderThatClosesItsConnectionIsDetachedAtOnce(halfClose: Bool) async throws {
        try await withMarathon { http in
            let watcher = EventReader(http)
            defer { watcher.task.cancel() }
            #expect(await eventually { watcher.types.contains("event_stream_attached") })
            let reader = try PlainSocket(port: http.master.port)
            try reader.send(Array("GET /v2/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n".utf8))
            #expect(try await reader.receive(until: "event_stream_attached", timeout: 10))
            #expect(watcher.events("event_stream_detached").isEmpty)
            if halfClose { reader.shutdownWrite() } else { reader.close() }
            #expect(await eventually(timeout: 10) { !watcher.events("event_stream_detached").isEmpty }, "\(watcher.types)")
        }
    }
}
