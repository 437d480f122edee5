import CorralModel

/// `Resource`: `{"name","type","scalar"|"ranges"|"set","allocation_info","reservations"}`.
///
/// Written in the post-refinement format (a `reservations` stack). Read in both formats, since
/// pre-1.4 clients (and the reference's examples) still send the legacy `role` + `reservation`.
extension Resource: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("name", name)
            writer.field("type", value.typeName)
            value.encodeMesosJSONField(to: &writer)
            if let allocationRole {
                writer.field("allocation_info") { $0.field("role", allocationRole) }
            }
            writer.field("reservations", nonEmpty: reservations)
        }
    }

    public init(mesosJSON json: MesosJSONValue) throws(MesosJSONError) {
        let object = try json.object()
        let name: String = try object.required("name")
        let type: String = try object.required("type")
        let value: Value
        switch type {
        case "SCALAR":
            let amount = try object.requiredScalar()
            // A negative or infinite amount would vanish from a `Resources` bag without a word.
            guard amount.isFinite, amount >= 0, amount <= Resource.maximumScalar else {
                throw MesosJSONError(path: [.key("scalar"), .key("value")], problem: "\(name) must be an amount from 0 to 1e15, got \(amount)")
            }
            value = .scalar(amount)
        case "RANGES": value = .ranges(try object.required("ranges"))
        case "SET": value = .set(try object.requiredSet())
        default:
            throw .type("unsupported resource type", type)
        }
        let allocationRole = try object.nested("allocation_info") { info throws(MesosJSONError) in
            try info.optional("role", as: String.self)
        } ?? nil
        self.init(
            name: name, value: value, reservations: try Self.reservations(in: object),
            allocationRole: allocationRole
        )
    }

    /// `reservations` when present; otherwise the legacy form, where `role` other than `*` is a
    /// reservation that is dynamic when a `reservation` object accompanies it, static when not.
    private static func reservations(in object: MesosJSONObject) throws(MesosJSONError) -> [Reservation] {
        let stack: [Reservation] = try object.repeated("reservations")
        if !stack.isEmpty { return stack }
        guard let role: String = try object.optional("role"), role != "*" else { return [] }
        let principal = try object.nested("reservation") { info throws(MesosJSONError) in
            try info.optional("principal", as: String.self)
        }
        switch principal {
        case .none: return [Reservation(.static, role: role)]
        case .some(let principal): return [Reservation(.dynamic, role: role, principal: principal)]
        }
    }
}

extension Resource.Value {
    /// The one of `scalar`, `ranges`, `set` that `type` names. Shared with `Attribute`.
    func encodeMesosJSONField(to writer: inout MesosJSONWriter) {
        switch self {
        case .scalar(let amount):
            writer.field("scalar") { $0.field("value", amount) }
        case .ranges(let ranges):
            writer.field("ranges", ranges)
        case .set(let items):
            // Sorted: a Set's order would make the output differ from run to run.
            writer.field("set") { $0.field("item", nonEmpty: items.sorted()) }
        }
    }
}

extension MesosJSONObject {
    /// `scalar: {"value": 4.0}`, shared by Resource and Attribute.
    func requiredScalar() throws(MesosJSONError) -> Double {
        try required("scalar") { scalar throws(MesosJSONError) in try scalar.required("value", as: Double.self) }
    }

    /// `set: {"item": [...]}`; an empty set may omit `item`.
    func requiredSet() throws(MesosJSONError) -> Set<String> {
        Set(try required("set") { set throws(MesosJSONError) in try set.repeated("item", of: String.self) })
    }
}

/// One layer of the reservation stack: `{"type","role","principal"}`.
extension Reservation: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", kind)
            writer.field("role", role)
            writer.field("principal", ifPresent: principal)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            try object.required("type"), role: try object.required("role"),
            principal: try object.optional("principal")
        )
    }
}

extension Reservation.Kind: MesosJSONEnumeration {}

/// `{"range": [{"begin","end"}]}`, bounds as exact unsigned integers.
extension ValueRanges: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            guard !ranges.isEmpty else { return }
            writer.key("range")
            writer.writeArray { writer in
                for range in ranges {
                    writer.writeObject { writer in
                        writer.field("begin", range.lowerBound)
                        writer.field("end", range.upperBound)
                    }
                }
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let items = try object.repeated("range", of: RangeItem.self)
        self.init(items.map(\.range))
    }

    /// One `{"begin","end"}`; a range that ends before it begins is an error, not an empty range.
    private struct RangeItem: MesosJSONDecodable {
        var range: ClosedRange<UInt64>

        init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
            let object = try value.object()
            let begin: UInt64 = try object.required("begin")
            let end: UInt64 = try object.required("end")
            guard begin <= end else { throw MesosJSONError(problem: "begin \(begin) is after end \(end)") }
            range = begin...end
        }
    }
}

/// A bag of resources is a repeated `Resource`. Reading normalises it: entries of the same
/// identity merge, empty ones vanish.
extension Resources: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        entries.encodeMesosJSON(to: &writer)
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        self.init(try [Resource](mesosJSON: value))
    }
}
