import CorralModel

/// Reading Mesos's credential files: JSON (`{"credentials":[{"principal","secret"}]}`, or a
/// single `{"principal","secret"}` for an agent's `--credential`) or the older text form, one
/// `principal secret` pair a line.
public enum CredentialsFile {
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Every credential in `text`, in either form.
    public static func credentials(from text: String) throws(Problem) -> [Credential] {
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.first == "{" else { return try textCredentials(text) }
        do {
            let object = try MesosJSON.parse(text).object()
            if object.contains("credentials") {
                return try object.repeated("credentials", of: MesosJSONValue.self).map { value throws(MesosJSONError) in
                    try credential(value.object())
                }
            }
            return [try credential(object)]
        } catch {
            throw Problem(description: "\(error)")
        }
    }

    /// The one credential of an agent's or a framework's `--credential` file.
    public static func credential(from text: String) throws(Problem) -> Credential {
        let all = try credentials(from: text)
        guard all.count == 1, let only = all.first else {
            throw Problem(description: "expected one credential, found \(all.count)")
        }
        return only
    }

    private static func credential(_ object: MesosJSONObject) throws(MesosJSONError) -> Credential {
        let principal: String = try object.required("principal")
        guard !principal.isEmpty else { throw MesosJSONError(problem: "'principal' is empty") }
        return Credential(principal: principal, secret: try object.optional("secret") ?? "")
    }

    private static func textCredentials(_ text: String) throws(Problem) -> [Credential] {
        var credentials: [Credential] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if fields.isEmpty { continue }
            guard fields.count == 2 else {
                throw Problem(description: "line \(number + 1): expected 'principal secret', got \(fields.count) field(s)")
            }
            credentials.append(Credential(principal: String(fields[0]), secret: String(fields[1])))
        }
        return credentials
    }
}
