/// A certificate, key or CA file that cannot be used, named by the flag that gave it.
public struct TLSFileError: Error, CustomStringConvertible {
    public var flag: String
    public var path: String
    public var problem: String
    public var description: String { "\(flag) \(path): \(problem)" }

    public init(flag: String, path: String, problem: String) {
        self.flag = flag
        self.path = path
        self.problem = problem
    }
}
