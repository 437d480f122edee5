import ConsoleCore
import CorralModel
import CorralTesting
import Foundation
import Testing

@testable import ConsoleHistory

@Suite struct HistoryStoreTests {
    @Test func aWrittenHistoryLoadsWithEveryRecordIndexed() throws {
        try withTemporaryDirectory { directory in
            let messages = recordedSession(seconds: 12)
            try writeHistory(messages, to: directory)
            let history = try HistoryLoader.load(directory)
            #expect(history.entries.count == messages.count)
            #expect(history.keyframes.count == 3)  // every 5 s
            #expect(history.problems.isEmpty)
            #expect(history.start == messages[0].1)
        }
    }

    /// kill -9 mid-write: the last segment ends inside a record. Loading keeps every whole
    /// record before it and says what it dropped.
    @Test func aTornTailIsReadUpToTheLastWholeRecord() throws {
        try withTemporaryDirectory { directory in
            let messages = recordedSession(seconds: 8)
            try writeHistory(messages, to: directory)
            let whole = try HistoryLoader.load(directory)
            let path = try #require(HistoryStore.segments(in: directory).last?.path)
            let bytes = try #require(FileManager.default.contents(atPath: path))
            let lastStart = try #require(whole.entries.last).offset - RecordFraming.headerSize
            for cut in [lastStart + 3, lastStart + RecordFraming.headerSize + 2, bytes.count - 1] {
                try bytes.prefix(cut).write(to: URL(fileURLWithPath: path))
                let torn = try HistoryLoader.load(directory)
                #expect(torn.entries.count == whole.entries.count - 1)
                #expect(torn.problems.count == 1)
                #expect(torn.problems[0].contains("torn"))
                for index in torn.entries.indices { _ = try torn.record(index) }
            }
        }
    }

    @Test func aWholeLookingTailOfGarbageFailsItsChecksumAndIsDropped() throws {
        try withTemporaryDirectory { directory in
            try writeHistory(recordedSession(seconds: 3), to: directory)
            let path = try #require(HistoryStore.segments(in: directory).last?.path)
            var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
            let count = try HistoryLoader.load(directory).entries.count
            bytes[bytes.count - 2] ^= 0xFF
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let damaged = try HistoryLoader.load(directory)
            #expect(damaged.entries.count == count - 1)
            #expect(damaged.problems.first?.contains("checksum") == true)
        }
    }

    @Test func aFileThatIsNotAHistoryIsNamedInTheError() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/notes.txt"
            try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: HistoryFormatError("notes.txt is not a Corral history (it does not start with CORRALH1)")) { try HistoryLoader.load(path) }
            #expect(throws: HistoryFormatError.self) { try HistoryLoader.load(directory + "/missing") }
        }
    }

    /// Seconds of encoding: written on a thread of its own, off the cooperative pool.
    @Test func segmentsTurnOverAndTheOldestGoPastTheSizeLimit() async throws {
        let limits = HistoryLimits(maxAge: 3600, maxBytes: 1 << 20, keyframeInterval: 5)
        let (segments, sizes, firstKind) = try await onOwnThread {
            try withTemporaryDirectory { directory in
                try writeHistory(recordedSession(seconds: 200, agents: 20, tasks: 200, churn: 10), to: directory, limits: limits)
                let segments = HistoryStore.segments(in: directory)
                let sizes = segments.map { (try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int) ?? Int.max }
                return (segments.map(\.number), sizes, try HistoryLoader.load(directory).entries.first?.kind)
            }
        }
        #expect(segments.count > 2)
        #expect(segments.first ?? 0 > 1)  // the first ones were deleted
        // Trimmed when a segment turns over; the one being written may then grow by a segment.
        #expect(sizes.reduce(0, +) <= limits.maxBytes + 2 * limits.segmentBytes)
        #expect(firstKind == .keyframe)  // every segment starts with one
    }

    @Test func segmentsOlderThanTheAgeLimitGo() throws {
        try withTemporaryDirectory { directory in
            let limits = HistoryLimits(maxAge: 60, maxBytes: 1 << 30, keyframeInterval: 5)
            try writeHistory(recordedSession(seconds: 150), to: directory, limits: limits)
            let history = try HistoryLoader.load(directory)
            // Trimmed when a segment turns over: at most two segments' worth past the limit.
            #expect(history.end - history.start <= 60 + 2 * limits.segmentSeconds)
            #expect(history.end - history.start >= 60)
        }
    }

    @Test func aSecondConsoleOnTheSameDirectoryAddsSegmentsAfterTheFirstOnes() throws {
        try withTemporaryDirectory { directory in
            let messages = recordedSession(seconds: 10)
            try writeHistory(Array(messages.prefix(8)), to: directory)
            try writeHistory(Array(messages.dropFirst(8)), to: directory)
            #expect(try HistoryLoader.load(directory).entries.count == messages.count)
        }
    }
}
