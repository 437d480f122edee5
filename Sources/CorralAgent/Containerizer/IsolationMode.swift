/// How a containerizer isolates its tasks; the raw values are Mesos's `--isolation` spellings.
public enum IsolationMode: String, Sendable {
    case cgroupsV2 = "cgroups/v2"
    case cgroupsV1 = "cgroups/v1"
    /// No limits; usage is read from /proc for the task's session.
    case posix
}

/// What the operator asked for: `auto` takes the best usable mode and says why it settled;
/// `cgroups` fails unless cgroups v2 or v1 is usable; `posix` never touches cgroups.
public enum IsolationRequest: String, Sendable, CaseIterable {
    case auto
    case cgroups
    case posix
}
