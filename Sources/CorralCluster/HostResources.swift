import CorralModel

#if canImport(Glibc)
import Glibc
#endif

/// What this host can give to tasks, detected as Mesos does: all cpus, memory less a reserve
/// for the system (1 GiB, or half when there is less than 2 GiB), the work directory's free disk
/// less a reserve, and ports 31000–32000.
public enum HostResources {
    public static func detect(workDirectory: String) -> Resources {
        let cpus = Double(max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let memoryMB = Double(totalMemoryBytes() / 1_048_576)
        let mem = memoryMB >= 2048 ? memoryMB - 1024 : memoryMB / 2
        let diskMB = Double(freeDiskBytes(at: workDirectory) / 1_048_576)
        let disk = diskMB >= 10240 ? diskMB - 5120 : diskMB / 2
        return Resources([
            .scalar("cpus", cpus), .scalar("mem", mem.rounded(.down)), .scalar("disk", disk.rounded(.down)),
            .ranges("ports", [31000...32000]),
        ])
    }

    /// `resources` divided evenly between `count` agents on one host: scalars split (cpus to
    /// a tenth, memory and disk to whole megabytes), port ranges cut into consecutive pieces.
    public static func split(_ resources: Resources, into count: Int) -> [Resources] {
        guard count > 0 else { return [] }
        guard count > 1 else { return [resources] }
        return (0..<count).map { index in
            Resources(resources.map { resource in
                var part = resource
                switch resource.value {
                case .scalar(let amount):
                    let share = amount / Double(count)
                    part.value = .scalar(resource.name == "cpus" ? max(0.1, (share * 10).rounded(.down) / 10) : share.rounded(.down))
                case .ranges(let ranges):
                    part.value = .ranges(slice(ranges, index: index, of: count))
                case .set:
                    break
                }
                return part
            })
        }
    }

    private static func slice(_ ranges: ValueRanges, index: Int, of count: Int) -> ValueRanges {
        // Too many values to share out one by one (ports:[1-18446744073709551615]): the
        // first agent takes them all rather than this listing them.
        guard ranges.count <= 1 << 20 else { return index == 0 ? ranges : ValueRanges() }
        let values = ranges.ranges.flatMap { Array($0) }
        let size = values.count / count
        guard size > 0 else { return index == 0 ? ranges : ValueRanges() }
        let part = values[(index * size)..<((index + 1) * size)]
        guard let first = part.first, let last = part.last else { return ValueRanges() }
        return ValueRanges([first...last])
    }

    private static func totalMemoryBytes() -> UInt64 {
        let pages = sysconf(Int32(_SC_PHYS_PAGES))
        let size = sysconf(Int32(_SC_PAGESIZE))
        return UInt64(max(0, pages)) * UInt64(max(0, size))
    }

    private static func freeDiskBytes(at path: String) -> UInt64 {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return 0 }
        return UInt64(stats.f_bavail) * UInt64(stats.f_frsize)
    }
}
