/// A bag of resources in normal form: at most one entry per identity, no empty entries.
///
/// Arithmetic never goes negative silently: `subtracting` throws when the bag does not contain
/// what is taken out, naming the resource that falls short.
public struct Resources: Hashable, Sendable, Sequence {
    public private(set) var entries: [Resource]

    public init() { entries = [] }

    public init<S: Sequence>(_ resources: S) where S.Element == Resource {
        entries = []
        for resource in resources { add(resource) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public func makeIterator() -> IndexingIterator<[Resource]> { entries.makeIterator() }

    /// Equal when they hold the same resources, whatever order they were added in.
    public static func == (lhs: Resources, rhs: Resources) -> Bool {
        lhs.entries.count == rhs.entries.count && lhs.entries.allSatisfy { rhs.entries.contains($0) }
    }

    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for entry in entries { combined ^= entry.hashValue }
        hasher.combine(combined)
    }

    // MARK: Arithmetic

    public mutating func add(_ resource: Resource) {
        guard !resource.isEmpty else { return }
        if let index = entries.firstIndex(where: { $0.sameIdentity(as: resource) }) {
            entries[index].value = Self.sum(entries[index].value, resource.value)
        } else {
            var copy = resource
            if case .scalar(let amount) = copy.value { copy.value = .scalar(roundScalar(amount)) }
            entries.append(copy)
        }
    }

    public mutating func add(_ other: Resources) {
        // An empty bag takes the other's entries as they are (already in normal form): the
        // allocator books a whole agent into empty books on every offer, and merging entry by
        // entry would copy and re-compare each one.
        guard !entries.isEmpty else { entries = other.entries; return }
        for resource in other.entries { add(resource) }
    }

    public static func + (lhs: Resources, rhs: Resources) -> Resources {
        var result = lhs
        result.add(rhs)
        return result
    }

    public static func += (lhs: inout Resources, rhs: Resources) { lhs.add(rhs) }

    /// Whether every resource of `other` is here, in at least that amount and of the same identity.
    public func contains(_ other: Resources) -> Bool {
        other.entries.allSatisfy(contains)
    }

    public func contains(_ resource: Resource) -> Bool {
        guard let mine = entries.first(where: { $0.sameIdentity(as: resource) }) else {
            return resource.isEmpty
        }
        switch (mine.value, resource.value) {
        case (.scalar(let have), .scalar(let need)): return roundScalar(have - need) >= 0
        case (.ranges(let have), .ranges(let need)): return have.contains(need)
        case (.set(let have), .set(let need)): return need.isSubset(of: have)
        default: return false
        }
    }

    /// This bag less `other`. Throws `ResourcesError.insufficient` (and changes nothing) when a
    /// resource of `other` is not fully here.
    public func subtracting(_ other: Resources) throws(ResourcesError) -> Resources {
        var result = self
        try result.subtract(other)
        return result
    }

    public mutating func subtract(_ other: Resources) throws(ResourcesError) {
        // Taking out exactly what is here (an offer of an agent's whole free pool) leaves
        // nothing; entry by entry it would copy every range set only to empty it.
        if other.entries == entries { entries = []; return }
        for resource in other.entries where !contains(resource) {
            throw ResourcesError.insufficient(resource: resource, available: self)
        }
        for resource in other.entries { remove(resource) }
    }

    private mutating func remove(_ resource: Resource) {
        guard let index = entries.firstIndex(where: { $0.sameIdentity(as: resource) }) else { return }
        switch (entries[index].value, resource.value) {
        case (.scalar(let have), .scalar(let need)):
            entries[index].value = .scalar(roundScalar(have - need))
        case (.ranges(var have), .ranges(let need)):
            have.remove(need)
            entries[index].value = .ranges(have)
        case (.set(let have), .set(let need)):
            entries[index].value = .set(have.subtracting(need))
        default:
            return
        }
        if entries[index].isEmpty { entries.remove(at: index) }
    }

    private static func sum(_ lhs: Resource.Value, _ rhs: Resource.Value) -> Resource.Value {
        switch (lhs, rhs) {
        case (.scalar(let a), .scalar(let b)): .scalar(roundScalar(a + b))
        case (.ranges(let a), .ranges(let b)): .ranges(a.union(b))
        case (.set(let a), .set(let b)): .set(a.union(b))
        default: lhs  // unreachable: identities include the type
        }
    }

    // MARK: Views

    public func filter(_ isIncluded: (Resource) -> Bool) -> Resources {
        var result = Resources()
        result.entries = entries.filter(isIncluded)
        return result
    }

    /// The sum of a scalar over every reservation and allocation (0 when absent).
    public func scalar(_ name: String) -> Double {
        var total = 0.0
        for entry in entries where entry.name == name {
            if case .scalar(let amount) = entry.value { total += amount }
        }
        return roundScalar(total)
    }

    public var cpus: Double { scalar("cpus") }
    public var mem: Double { scalar("mem") }
    public var disk: Double { scalar("disk") }
    public var gpus: Double { scalar("gpus") }

    /// Every range of `name` (ports, usually), across reservations.
    public func ranges(_ name: String) -> ValueRanges {
        var result = ValueRanges()
        for entry in entries where entry.name == name {
            if case .ranges(let ranges) = entry.value { result = result.union(ranges) }
        }
        return result
    }

    public var ports: ValueRanges { ranges("ports") }

    /// The scalar totals by name, e.g. `["cpus": 4, "mem": 8192]`: what DRF divides.
    public var scalarQuantities: [String: Double] {
        var totals: [String: Double] = [:]
        for entry in entries {
            if case .scalar(let amount) = entry.value { totals[entry.name, default: 0] += amount }
        }
        return totals
    }

    /// The same resources marked as allocated to `role` (Mesos's `allocation_info.role`).
    public func allocated(to role: String) -> Resources {
        remarked(role)
    }

    /// The same resources, those with no allocation mark marked as allocated to `role`. When
    /// none or all of them are marked no two entries can merge, and the entries are kept as they
    /// are: an agent that comes back after a master failover reports each of its tasks.
    public func allocatingUnmarked(to role: String) -> Resources {
        let unmarked = entries.count { $0.allocationRole == nil }
        if unmarked == 0 { return self }
        guard unmarked == entries.count else {
            return Resources(entries.map { var copy = $0; copy.allocationRole = copy.allocationRole ?? role; return copy })
        }
        var marked = self
        for index in marked.entries.indices { marked.entries[index].allocationRole = role }
        return marked
    }

    /// The same resources with their allocation marks removed: how the agent sees them.
    public func unallocated() -> Resources {
        remarked(nil)
    }

    /// Every entry marked with `role`. Entries that all carry one mark (or none) differ in
    /// something else, so none can merge and they are re-marked in place; only mixed marks are
    /// added up again. Allocation marks and unmarks whole offers several times per offer.
    private func remarked(_ role: String?) -> Resources {
        guard let first = entries.first, entries.allSatisfy({ $0.allocationRole == first.allocationRole }) else {
            return Resources(entries.map { var copy = $0; copy.allocationRole = role; return copy })
        }
        if first.allocationRole == role { return self }
        var marked = self
        for index in marked.entries.indices { marked.entries[index].allocationRole = role }
        return marked
    }

    /// Resources a framework in `role` may use: unreserved ones and those reserved for `role`.
    public func allocatable(to role: String) -> Resources {
        // Most agents reserve nothing: then the bag is its own answer, not a filtered copy.
        guard entries.contains(where: \.isReserved) else { return self }
        return filter { !$0.isReserved || $0.reservedRole == role }
    }

    public var unreserved: Resources {
        guard entries.contains(where: \.isReserved) else { return self }
        return filter { !$0.isReserved }
    }
    public func reserved(for role: String) -> Resources { filter { $0.isReserved && $0.reservedRole == role } }
}

public enum ResourcesError: Error, Equatable, CustomStringConvertible {
    case insufficient(resource: Resource, available: Resources)

    public var description: String {
        switch self {
        case .insufficient(let resource, let available):
            "not enough \(Resources([resource])) in \(available)"
        }
    }
}
