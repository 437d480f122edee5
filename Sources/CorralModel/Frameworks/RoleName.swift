/// Mesos's rules for role names, which become keys of the allocator and parts of metrics and
/// paths: not empty, not `.` or `..`, not starting with `-`, no `/`, whitespace or control
/// characters, at most 256 bytes. `*` is the default role.
public enum RoleName {
    public static func problem(_ role: String) -> String? {
        if role.isEmpty { return "is empty" }
        if role == "." || role == ".." { return "must not be '.' or '..'" }
        if role.hasPrefix("-") { return "must not start with '-'" }
        if role.utf8.count > 256 { return "is longer than 256 bytes" }
        if role.unicodeScalars.contains(where: { $0 == "/" || $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "must not contain '/', whitespace or control characters"
        }
        return nil
    }

    /// Resource names follow the same rules, shorter.
    public static func resourceNameProblem(_ name: String) -> String? {
        if name.utf8.count > 64 { return "is longer than 64 bytes" }
        return problem(name)
    }
}
