import CorralModel

/// Resources as Mesos's legacy endpoints write them: not the proto's list but one object of
/// totals by name, `{"cpus":0.5,"gpus":0.0,"mem":256.0,"disk":0.0,"ports":"[31000-31001]"}`.
///
/// cpus, gpus, mem and disk are always there (0 when absent), then other scalars, ranges and
/// sets, in the order the bag holds them (Mesos's order is a hash map's, so clients cannot rely
/// on any). Reservations and allocation roles are summed over, as Mesos does; ranges and sets
/// are their text forms (`[a-b, c-d]`, `{x, y}`).
extension MesosJSONWriter {
    public mutating func legacyResources(_ resources: Resources) {
        var cpus = 0.0
        var gpus = 0.0
        var mem = 0.0
        var disk = 0.0
        var hasOthers = false
        // One pass for the four every agent and task has; the rest (ports, mostly) comes after.
        for resource in resources.entries {
            guard case .scalar(let amount) = resource.value else {
                hasOthers = true
                continue
            }
            switch resource.name {
            case "cpus": cpus += amount
            case "gpus": gpus += amount
            case "mem": mem += amount
            case "disk": disk += amount
            default: hasOthers = true
            }
        }
        writeObject { writer in
            writer.field("cpus", roundScalar(cpus))
            writer.field("gpus", roundScalar(gpus))
            writer.field("mem", roundScalar(mem))
            writer.field("disk", roundScalar(disk))
            if hasOthers { writer.legacyOtherResources(resources) }
        }
    }

    /// Scalars other than the four, then ranges, then sets, each name once, in order of first
    /// appearance. Entries of one name differ only in reservation or allocation role, and a bag
    /// holds a handful of entries: merging by looking back and ahead beats building
    /// dictionaries, which would be an allocation or two per task.
    private mutating func legacyOtherResources(_ resources: Resources) {
        let entries = resources.entries
        for kind in 0..<3 {
            for index in entries.indices {
                let resource = entries[index]
                guard Self.legacyKind(of: resource) == kind,
                    !entries[..<index].contains(where: { $0.name == resource.name && Self.legacyKind(of: $0) == kind })
                else { continue }
                let rest = entries[(index + 1)...].lazy.filter { $0.name == resource.name && Self.legacyKind(of: $0) == kind }
                key(resource.name)
                switch resource.value {
                case .scalar(let amount):
                    var total = amount
                    for more in rest { if case .scalar(let extra) = more.value { total += extra } }
                    number(roundScalar(total))
                case .ranges(var ranges):
                    for more in rest { if case .ranges(let extra) = more.value { ranges = ranges.union(extra) } }
                    string(Self.rangesText(ranges))
                case .set(var items):
                    for more in rest { if case .set(let extra) = more.value { items.formUnion(extra) } }
                    string("{" + items.sorted().joined(separator: ", ") + "}")
                }
            }
        }
    }

    /// Which group a resource is written in after the four: 0 other scalars, 1 ranges, 2 sets;
    /// -1 for the four themselves.
    private static func legacyKind(of resource: Resource) -> Int {
        switch resource.value {
        case .scalar:
            switch resource.name {
            case "cpus", "gpus", "mem", "disk": -1
            default: 0
            }
        case .ranges: 1
        case .set: 2
        }
    }

    /// `[31000-32000, 33000-33000]`, Mesos's text for RANGES, built without intermediate arrays.
    static func rangesText(_ ranges: ValueRanges) -> String {
        var text = "["
        for (index, range) in ranges.ranges.enumerated() {
            if index > 0 { text += ", " }
            text += String(range.lowerBound)
            text += "-"
            text += String(range.upperBound)
        }
        text += "]"
        return text
    }

    /// Attributes as the legacy endpoints write them: one object, name → value, scalars as
    /// numbers and the rest as text.
    mutating func legacyAttributes(_ attributes: [Attribute]) {
        writeObject { writer in
            for attribute in attributes {
                writer.key(attribute.name)
                switch attribute.value {
                case .scalar(let amount): writer.number(amount)
                case .text(let text): writer.string(text)
                case .ranges(let ranges): writer.string(Self.rangesText(ranges))
                case .set(let items): writer.string("{" + items.sorted().joined(separator: ", ") + "}")
                }
            }
        }
    }
}

extension Resources {
    /// The reserved resources by the role they are reserved for, sorted by role: the
    /// `reserved_resources` maps of the legacy endpoints.
    var reservedByRole: [(role: String, resources: Resources)] {
        var byRole: [String: Resources] = [:]
        for resource in entries where resource.isReserved {
            byRole[resource.reservedRole, default: Resources()].add(resource)
        }
        return byRole.sorted { $0.key < $1.key }.map { (role: $0.key, resources: $0.value) }
    }
}
