/// Marathon's `readinessChecks` entry: how a deployment would tell that a new task is ready for
/// traffic (an HTTP(S) GET on a named port answering one of the ready codes). Services probes
/// each new task with it once the task runs; a deployment waits for the answer (see
/// `ServicesCore.dueReadinessProbes`).
public struct ReadinessCheck: Hashable, Sendable, Codable {
    public var name = "readinessCheck"
    public var `protocol` = "HTTP"
    public var path = "/"
    public var portName = "http-api"
    public var intervalSeconds: Double = 30
    public var timeoutSeconds: Double = 10
    public var httpStatusCodesForReady: [Int] = [200]
    public var preserveLastResponse = false

    public init() {}

    /// Lenient on what is missing (Marathon's defaults), strict on types.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ReadinessCheck()
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? defaults.name
        `protocol` = try container.decodeIfPresent(String.self, forKey: .protocol) ?? defaults.protocol
        path = try container.decodeIfPresent(String.self, forKey: .path) ?? defaults.path
        portName = try container.decodeIfPresent(String.self, forKey: .portName) ?? defaults.portName
        intervalSeconds = try container.decodeIfPresent(Double.self, forKey: .intervalSeconds) ?? defaults.intervalSeconds
        timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? defaults.timeoutSeconds
        httpStatusCodesForReady = try container.decodeIfPresent([Int].self, forKey: .httpStatusCodesForReady) ?? defaults.httpStatusCodesForReady
        preserveLastResponse = try container.decodeIfPresent(Bool.self, forKey: .preserveLastResponse) ?? defaults.preserveLastResponse
    }

    /// What is wrong with the check, as (field, message) pairs; `portNames` are the app's
    /// named ports, one of which the check must name.
    func problems(portNames: [String]) -> [(field: String, message: String)] {
        var problems: [(String, String)] = []
        if name.isEmpty || name.count > 255 { problems.append(("name", "must be 1 to 255 characters, got '\(name)'")) }
        if !["HTTP", "HTTPS"].contains(self.protocol) { problems.append(("protocol", "must be HTTP or HTTPS, got '\(self.protocol)'")) }
        if !path.hasPrefix("/") || path.count > 1024 { problems.append(("path", "must be a path starting with /, got '\(path)'")) }
        if !portNames.contains(portName) {
            problems.append(("portName", "must name one of the app's portDefinitions (\(portNames.joined(separator: ", "))), got '\(portName)'"))
        }
        if !(intervalSeconds >= 1 && intervalSeconds <= AppDefinition.maximumSeconds) {
            problems.append(("intervalSeconds", "must be from 1 to \(Int(AppDefinition.maximumSeconds)), got \(intervalSeconds)"))
        }
        if !(timeoutSeconds >= 0 && timeoutSeconds < intervalSeconds) {
            problems.append(("timeoutSeconds", "must be from 0 to below intervalSeconds (\(intervalSeconds)), got \(timeoutSeconds)"))
        }
        if httpStatusCodesForReady.isEmpty || httpStatusCodesForReady.count > 100 || !httpStatusCodesForReady.allSatisfy({ (100...599).contains($0) }) {
            problems.append(("httpStatusCodesForReady", "must be 1 to 100 HTTP status codes from 100 to 599, got \(httpStatusCodesForReady)"))
        }
        return problems
    }
}
