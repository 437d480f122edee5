/// The cgroup hierarchies mounted here, read from /proc/self/mounts rather than assumed: hosts
/// mount them in different places, co-mount controllers (cpu,cpuacct), or mix v1 and v2.
struct CgroupMounts: Sendable, Hashable {
    struct Mount: Sendable, Hashable {
        var point: String
        var readOnly: Bool
    }

    /// cgroup2 (unified) mounts.
    var unified: [Mount]
    /// v1 controller name → its hierarchy's mount; co-mounted controllers share one.
    var controllers: [String: Mount]

    init(unified: [Mount] = [], controllers: [String: Mount] = [:]) {
        self.unified = unified
        self.controllers = controllers
    }

    /// Parses the text of /proc/self/mounts.
    init(mountTable: String) {
        self.init()
        for line in mountTable.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count >= 4 else { continue }
            let options = fields[3].split(separator: ",").map(String.init)
            let mount = Mount(point: Self.unescape(fields[1]), readOnly: options.contains("ro"))
            switch fields[2] {
            case "cgroup2":
                unified.append(mount)
            case "cgroup":
                for option in options where !Self.mountFlags.contains(option) && !option.contains("=") {
                    controllers[option] = mount
                }
            default:
                continue
            }
        }
    }

    static func current() -> CgroupMounts {
        CgroupMounts(mountTable: SystemFile.read("/proc/self/mounts") ?? "")
    }

    /// Options of a cgroup v1 mount that are not controller names.
    private static let mountFlags: Set<String> = [
        "rw", "ro", "relatime", "noatime", "nodiratime", "strictatime", "nosuid", "nodev", "noexec",
        "sync", "dirsync", "clone_children", "noprefix", "xattr", "nsdelegate", "favordynmods",
    ]

    /// The kernel writes space, tab, newline and backslash in mount points as octal escapes.
    private static func unescape(_ field: Substring) -> String {
        guard field.contains("\\") else { return String(field) }
        var bytes: [UInt8] = []
        var utf8 = Array(field.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.prefix(3), as: UTF8.self), radix: 8) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
