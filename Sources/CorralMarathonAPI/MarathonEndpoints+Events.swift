import CorralHTTPServer
import CorralServices
import HTTPTypes
import Hummingbird
import NIOCore

extension MarathonEndpoints {
    /// `GET /v2/events`: Marathon's server-sent events, those of the `event_type`s asked for
    /// (all when none is). The reader's own `event_stream_attached` comes first; a reader that
    /// falls behind by the hub's limit is dropped; the stream ends when its reader closes the
    /// connection (`connectionClosed`) or when Services shuts down.
    func events(_ request: Request, remoteAddress: String, connectionClosed: EventLoopFuture<Void>? = nil) -> Response {
        let wanted = Set(request.uri.queryParameters.getAll("event_type"))
        let subscription = services.events.subscribe()
        let (records, sink) = EventStreamSink.make(backlogLimit: services.events.limit)
        let relay = Task {
            for await event in subscription where wanted.isEmpty || wanted.contains(MarathonEvents.type(of: event.kind)) {
                sink.send(MarathonEvents.serverSent(event))
            }
            sink.finish()
        }
        services.announce(.streamAttached(remoteAddress: remoteAddress))
        // A comment line keeps idle connections open through proxies, and finds readers gone.
        return eventStreamResponse(
            records: records, sink: sink, heartbeat: Array(":\n\n".utf8), heartbeatInterval: 15,
            headers: [.cacheControl: "no-cache"], contentType: "text/event-stream", frame: { $0 }, connectionClosed: connectionClosed,
            onEnd: { [services] in
                relay.cancel()
                services.announce(.streamDetached(remoteAddress: remoteAddress))
            })
    }
}
