import Testing

@testable import CorralHTTPServer

/// A stream's producer never makes the server buffer without bound for a reader.
@Suite struct EventStreamSinkTests {
    @Test func oneRecordPastTheBacklogEndsTheStreamAfterWhatWasQueued() async {
        let (records, sink) = EventStreamSink.make(backlogLimit: 2)
        sink.send([1])
        sink.send([2])
        sink.send([3])
        sink.send([4])
        var read: [[UInt8]] = []
        for await record in records { read.append(record) }
        #expect(read == [[1], [2]], "the stream kept records past its backlog, or did not end")
    }

    @Test func aReaderThatKeepsUpGetsEverythingInOrder() async {
        let (records, sink) = EventStreamSink.make(backlogLimit: 2)
        var iterator = records.makeAsyncIterator()
        var read: [[UInt8]] = []
        for value in UInt8(0)..<10 {
            sink.send([value])
            if let record = await iterator.next() { read.append(record) }
        }
        sink.finish()
        #expect(await iterator.next() == nil)
        #expect(read == (UInt8(0)..<10).map { [$0] })
    }
}
