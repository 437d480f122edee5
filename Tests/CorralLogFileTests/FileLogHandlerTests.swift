import CorralLogFile
import Foundation
import Logging
import Testing

/// While the console owns the terminal, log lines go to a file: one line each, with the time,
/// the level, the logger's label and the metadata in a stable order, appended to what is there.
@Suite struct FileLogHandlerTests {
    let path = NSTemporaryDirectory() + "corral-log-\(UUID().uuidString).log"

    func logger(_ file: FileLogHandler.Descriptor, level: Logger.Level = .info) -> Logger {
        Logger(label: "corral.test") { label in FileLogHandler(label: label, file: file, level: level) }
    }

    func lines() throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func eachLineSaysWhenWhatLevelWhoAndTheMetadataSorted() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        var log = logger(FileLogHandler.Descriptor(path: path))
        log[metadataKey: "task"] = "web-1"
        log.warning("agent lost", metadata: ["agent": "node-2", "task": "web-2"])
        let written = try lines()
        #expect(written.count == 1)
        // The message's own metadata wins over the logger's for the same key.
        #expect(written.first?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ warning corral.test: agent lost agent=node-2 task=web-2/) != nil)
    }

    @Test func linesBelowTheLevelAreNotWritten() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = logger(FileLogHandler.Descriptor(path: path), level: .notice)
        log.info("too quiet")
        log.error("loud enough")
        #expect(try lines().map { $0.hasSuffix("error corral.test: loud enough") } == [true])
    }

    @Test func aSecondRunAppendsToTheFile() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        logger(FileLogHandler.Descriptor(path: path)).info("first run")
        logger(FileLogHandler.Descriptor(path: path)).info("second run")
        #expect(try lines().map { $0.components(separatedBy: ": ").last } == ["first run", "second run"])
    }
}
