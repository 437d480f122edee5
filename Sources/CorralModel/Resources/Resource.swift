/// One named resource of one kind of reservation: `cpus:4`, `ports(web):[80-80]`, …
///
/// Two resources with the same `Identity` (name, type, reservations, allocation role) merge when
/// added; resources of different identities never mix, so `cpus(web)` is not `cpus`.
public struct Resource: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        case scalar(Double)
        case ranges(ValueRanges)
        case set(Set<String>)

        /// The kind alone, cheap to compare (identity checks run for every resource added).
        var kind: Int {
            switch self {
            case .scalar: 0
            case .ranges: 1
            case .set: 2
            }
        }

        public var typeName: String {
            switch self {
            case .scalar: "SCALAR"
            case .ranges: "RANGES"
            case .set: "SET"
            }
        }
    }

    public var name: String
    public var value: Value
    /// The reservation stack, innermost last. Empty means unreserved (role `*`).
    public var reservations: [Reservation]
    /// The role this resource was offered or allocated to (Mesos's `allocation_info.role`).
    public var allocationRole: String?

    public init(
        name: String, value: Value, reservations: [Reservation] = [], allocationRole: String? = nil
    ) {
        self.name = name
        self.value = value
        self.reservations = reservations
        self.allocationRole = allocationRole
    }

    public static func scalar(_ name: String, _ amount: Double, role: String? = nil) -> Resource {
        Resource(name: name, value: .scalar(amount), reservations: role.map { [Reservation(.static, role: $0)] } ?? [])
    }

    public static func ranges(_ name: String, _ ranges: [ClosedRange<UInt64>], role: String? = nil) -> Resource {
        Resource(name: name, value: .ranges(ValueRanges(ranges)), reservations: role.map { [Reservation(.static, role: $0)] } ?? [])
    }

    /// The role the resource is reserved for, `*` when unreserved.
    public var reservedRole: String { reservations.last?.role ?? "*" }
    public var isReserved: Bool { !reservations.isEmpty }

    public var isEmpty: Bool {
        switch value {
        case .scalar(let amount): amount <= 0
        case .ranges(let ranges): ranges.isEmpty
        case .set(let items): items.isEmpty
        }
    }

    /// True when `other` can merge with this one: same name, type and reservations/allocation.
    func sameIdentity(as other: Resource) -> Bool {
        name == other.name && value.kind == other.value.kind
            && allocationRole == other.allocationRole && reservations == other.reservations
    }
}

extension Resource {
    /// The largest scalar Corral takes from anyone: a thousand trillion (Mesos keeps scalars in
    /// fixed point with three decimals in 64 bits, about 9.2e15). Larger amounts would round to
    /// infinity, and infinity cannot be subtracted from.
    public static let maximumScalar: Double = 1e15
}

/// Scalars are kept at Mesos's fixed precision (three decimals) so that repeated adding and
/// subtracting of 0.1 cpus never drifts into 0.30000000000000004 and misses a `contains`.
@inlinable
package func roundScalar(_ value: Double) -> Double {
    (value * 1000).rounded() / 1000
}
