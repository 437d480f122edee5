import CorralLogFile
import Logging

/// Only `main` sets up logging; libraries take the Logger they are given.
enum CorralLogging {
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// Sends every log line to `path` (the console's own screen must stay clean).
    static func bootstrap(file path: String, level: Logger.Level) {
        let descriptor = FileLogHandler.Descriptor(path: path)
        LoggingSystem.bootstrap { label in FileLogHandler(label: label, file: descriptor, level: level) }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

import ArgumentParser
