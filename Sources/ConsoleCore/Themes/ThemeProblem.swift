/// Something wrong in a theme file, placed like a compiler diagnostic so editors can jump to it:
/// `light.yaml:12:5: unknown role 'task.runing' (did you mean 'task.running'?)`.
public struct ThemeProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file's name (`light.yaml`), or the directory's path when the directory itself failed.
    public var file: String
    /// 1-based; nil when the problem is the whole file (unreadable, say).
    public var line: Int?
    /// 1-based, counted in Unicode scalars; nil when unknown.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int?, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = [file, line.map(String.init), line == nil ? nil : column.map(String.init)].compactMap { $0 }
        return place.joined(separator: ":") + ": " + message
    }
}

/// A theme file that did not load, with everything wrong in it.
public struct BrokenThemeFile: Error, Hashable, Sendable {
    public var problems: [ThemeProblem]

    public init(problems: [ThemeProblem]) { self.problems = problems }
}
