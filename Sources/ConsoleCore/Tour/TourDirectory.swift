import Foundation

/// Where the tour files are: a `tours/` folder beside `themes/`, found the same way.
public enum TourDirectory {
    public static let environmentVariable = "CORRAL_TOURS"
    public static let installedPath = "/usr/local/share/corral/tours"
    /// The tour `corral demo --tour` walks through when none is named.
    public static let defaultTour = "two-level-scheduling"

    /// `$CORRAL_TOURS`, else a `tours/` folder beside the program (or above it), else the
    /// installed one; never the current directory: a tour runs shell commands, and one that a
    /// cloned repository carries must be asked for by path (`--tour-file`).
    public static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executablePath: String? = ThemeDirectory.runningExecutablePath()
    ) -> String? {
        ThemeDirectory.locate(
            folder: "tours", holding: defaultTour + ".tour", environmentVariable: environmentVariable, environment: environment,
            currentDirectory: nil, executablePath: executablePath, installed: installedPath)
    }

    /// A tour by name (a file of the tours folder, without `.tour`) or by path.
    public static func load(_ nameOrPath: String) throws -> Tour {
        let path: String
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".tour") {
            path = nameOrPath
        } else {
            guard let folder = locate() else {
                throw TourLoadError("no tours folder found (set \(environmentVariable), or run from the repository)")
            }
            path = (folder as NSString).appendingPathComponent(nameOrPath + ".tour")
        }
        // A regular file of at most 1 MiB, known before reading it (/dev/zero or a FIFO would
        // never end).
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, attributes[.type] as? FileAttributeType == .typeRegular else {
            throw TourLoadError("cannot read the tour \(path): not a regular file that exists")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= 1 << 20 else { throw TourLoadError("\(path): a tour file is at most 1 MiB, this one is \(size) bytes") }
        guard let data = FileManager.default.contents(atPath: path) else { throw TourLoadError("cannot read the tour \(path)") }
        do {
            return try TourParser.parse(String(decoding: data, as: UTF8.self))
        } catch {
            throw TourLoadError("\(path): \(error)")
        }
    }
}

public struct TourLoadError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
