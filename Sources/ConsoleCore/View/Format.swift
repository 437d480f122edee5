import CorralModel

/// How numbers, IDs and times read on the console.
public enum Format {
    /// Mesos IDs are a master UUID and a suffix (`…-S0`, `…-O12`, `…-0003`): the suffix is what
    /// tells them apart on one master.
    public static func shortID(_ id: String) -> String {
        guard id.count > 36, let dash = id.lastIndex(of: "-") else { return id }
        return String(id[id.index(after: dash)...])
    }

    /// `1 agent`, `3 agents`: a count with its noun, plural when it is not one.
    public static func count(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    public static func cpus(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? String(whole(value.rounded())) : String(format1(value))
    }

    /// CPUs asked for, to the hundredth without trailing zeros: 0.25, 0.5, 2 (as Services and
    /// Jobs say what an offer lacked).
    public static func cpusAsked(_ value: Double) -> String { formatHundredths(value) }

    /// Megabytes as people read them: 512M, 1.5G, 18G.
    public static func megabytes(_ value: Double) -> String {
        if value >= 1024 {
            let gigabytes = value / 1024
            return (gigabytes >= 10 || gigabytes == gigabytes.rounded() ? String(whole(gigabytes.rounded())) : format1(gigabytes)) + "G"
        }
        return String(whole(value.rounded())) + "M"
    }

    public static func bytes(_ value: UInt64) -> String { megabytes(Double(value) / 1_048_576) }

    /// 42s, 3m07s, 2h05m, 3d04h.
    public static func age(_ seconds: Double) -> String {
        let total = max(0, whole(seconds))
        if total < 60 { return "\(total)s" }
        if total < 3600 { return "\(total / 60)m" + pad(total % 60) + "s" }
        if total < 86400 { return "\(total / 3600)h" + pad(total % 3600 / 60) + "m" }
        return "\(total / 86400)d" + pad(total % 86400 / 3600) + "h"
    }

    /// Time until something happens: `in 12s`, `in 3m07s`; `due` once it is time.
    public static func until(_ seconds: Double) -> String {
        seconds <= 0 ? "due" : "in " + age(seconds.rounded(.up))
    }

    /// Wall-clock time of day, UTC: 14:03:27.
    public static func clock(_ time: Time) -> String {
        let seconds = whole(time.seconds) % 86400
        return pad(seconds / 3600) + ":" + pad(seconds % 3600 / 60) + ":" + pad(seconds % 60)
    }

    public static func percent(_ fraction: Double) -> String { String(whole((fraction * 100).rounded())) + "%" }

    public static func share(_ fraction: Double) -> String { format2(fraction) }

    public static func reason(_ reason: TaskStatus.Reason) -> String {
        String(reason.rawValue.dropFirst("REASON_".count)).lowercased().replacingUnderscores()
    }

    public static func role(of state: TaskState) -> ThemeRole {
        switch state {
        case .staging: .taskStaging
        case .starting: .taskStarting
        case .running: .taskRunning
        case .killing: .taskKilling
        case .finished: .taskFinished
        case .failed: .taskFailed
        case .killed: .taskKilled
        case .error: .taskError
        case .lost: .taskLost
        case .dropped: .taskDropped
        case .unreachable: .taskUnreachable
        case .gone, .goneByOperator: .taskGone
        case .unknown: .taskUnknown
        }
    }

    /// A task state sent by name (`TASK_RUNNING`), as the Tasks pane shows it (`RUNNING`), with
    /// its role; a name Mesos does not know is shown as it came.
    public static func taskState(named name: String) -> (text: String, role: ThemeRole) {
        guard let state = TaskState(rawValue: name) else { return (name, .taskUnknown) }
        return (state.shortName, role(of: state))
    }

    static func format1(_ value: Double) -> String {
        let tenths = whole((value * 10).rounded())
        return "\(tenths / 10).\(abs(tenths % 10))"
    }

    static func format2(_ value: Double) -> String {
        let hundredths = whole((value * 100).rounded())
        return "\(hundredths / 100).\(pad(abs(hundredths % 100)))"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `value` as an Int for display, whatever a remote master or agent reported: NaN is 0 and
    /// anything beyond ±1e15 is clamped, where `Int(_:)` would stop the console.
    public static func whole(_ value: Double) -> Int {
        guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? 1_000_000_000_000_000 : -1_000_000_000_000_000) }
        return Int(min(max(value, -1e15), 1e15))
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }

}
