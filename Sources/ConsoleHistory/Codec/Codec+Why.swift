import ConsoleCore
import CorralModel

// `w`'s questions and the master's answers, as the live console got them.

extension WhySubject: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        switch self {
        case .framework(let id): writer.byte(0); writer.string(id.value)
        case .offer(let id): writer.byte(1); writer.string(id.value)
        case .app(let id): writer.byte(2); writer.string(id)
        case .job(let name): writer.byte(3); writer.string(name)
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        switch try reader.byte("a question's kind") {
        case 0: self = .framework(FrameworkID(try reader.string("a framework ID")))
        case 1: self = .offer(OfferID(try reader.string("an offer ID")))
        case 2: self = .app(try reader.string("an app ID"))
        case 3: self = .job(try reader.string("a job name"))
        case let other: throw HistoryFormatError("unknown question kind \(other)")
        }
    }
}

extension Why: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        switch self {
        case .framework(let standing): writer.byte(0); writer.value(standing)
        case .offer(let offer, let reason): writer.byte(1); writer.value(offer); writer.value(reason)
        case .unavailable(let text): writer.byte(2); writer.string(text)
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        switch try reader.byte("an answer's kind") {
        case 0: self = .framework(try reader.value())
        case 1: self = .offer(try reader.value(), try reader.value())
        case 2: self = .unavailable(try reader.string("an answer"))
        case let other: throw HistoryFormatError("unknown answer kind \(other)")
        }
    }
}

extension ShareStanding: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(id)
        writer.optional(name) { $0.string($1) }
        writer.double(weightedShare)
        writer.double(weight)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            id: try reader.string("a standing's ID"), name: try reader.optional("name") { reader throws(HistoryFormatError) in try reader.string() },
            weightedShare: try reader.double("a weighted share"), weight: try reader.double("a weight"))
    }
}

extension FrameworkStanding: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(frameworkID.value)
        writer.optional(name) { $0.string($1) }
        writer.bool(active)
        writer.double(dominantShare)
        writer.optional(dominantResource) { $0.string($1) }
        writer.array(roles) { writer, role in
            writer.string(role.role)
            for number in [role.weight, role.roleShare] { writer.double(number) }
            for count in [role.rolePlace, role.roleCount] { writer.int(count) }
            writer.double(role.frameworkShare)
            for count in [role.frameworkPlace, role.frameworkCount] { writer.int(count) }
            writer.bool(role.suppressed)
            writer.amounts(role.guarantee)
            writer.optional(role.limit) { $0.amounts($1) }
            writer.amounts(role.allocated)
        }
        writer.optional(next) { $0.value($1) }
        writer.optional(nextRole) { $0.string($1) }
        writer.array(filters) { writer, filter in
            writer.string(filter.agentID.value)
            writer.string(filter.hostname)
            writer.double(filter.secondsLeft)
            writer.value(filter.resources)
            writer.optional(filter.origin) { writer, origin in
                writer.raw(origin.kind)
                writer.string(origin.offerID.value)
                writer.double(origin.refuseSeconds)
            }
        }
        writer.int(outstandingOffers)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        let frameworkID = FrameworkID(try reader.string("a framework"))
        let name = try reader.optional("a framework's name") { reader throws(HistoryFormatError) in try reader.string() }
        let active = try reader.bool("active"), share = try reader.double("dominant share")
        let resource = try reader.optional("dominant resource") { reader throws(HistoryFormatError) in try reader.string() }
        let roles = try reader.array("role standings") { reader throws(HistoryFormatError) in
            RoleStanding(
                role: try reader.string("a role"), weight: try reader.double("a weight"), roleShare: try reader.double("a role's share"),
                rolePlace: try reader.int("a role's place"), roleCount: try reader.int("roles"), frameworkShare: try reader.double("a share"),
                frameworkPlace: try reader.int("a place"), frameworkCount: try reader.int("frameworks"), suppressed: try reader.bool("suppressed"),
                guarantee: try reader.amounts(), limit: try reader.optional("limit") { reader throws(HistoryFormatError) in try reader.amounts() },
                allocated: try reader.amounts())
        }
        self.init(
            frameworkID: frameworkID, name: name, active: active, dominantShare: share, dominantResource: resource, roles: roles,
            next: try reader.optional("next") { reader throws(HistoryFormatError) in try reader.value(ShareStanding.self) },
            nextRole: try reader.optional("next role") { reader throws(HistoryFormatError) in try reader.string() },
            filters: try reader.array("filters") { reader throws(HistoryFormatError) in
                Filter(
                    agentID: AgentID(try reader.string("an agent")), hostname: try reader.string("a host"), secondsLeft: try reader.double("seconds left"),
                    resources: try reader.value(),
                    origin: try reader.optional("a filter's origin") { reader throws(HistoryFormatError) in
                        FilterOrigin(try reader.raw("an origin"), of: OfferID(try reader.string("an offer")), refuseSeconds: try reader.double("refuse seconds"))
                    })
            },
            outstandingOffers: try reader.int("outstanding offers"))
    }
}

extension OfferReason: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.raw(stage)
        writer.string(role)
        writer.values(roleOrder)
        writer.int(rolePlace)
        writer.int(roleCount)
        writer.values(frameworkOrder)
        writer.int(frameworkPlace)
        writer.int(frameworkCount)
        writer.array(passedOver) { writer, passed in
            writer.value(passed.framework)
            writer.raw(passed.reason)
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            stage: try reader.raw("a stage"), role: try reader.string("a role"), roleOrder: try reader.values("the role order"),
            rolePlace: try reader.int("a place"), roleCount: try reader.int("roles"), frameworkOrder: try reader.values("the framework order"),
            frameworkPlace: try reader.int("a place"), frameworkCount: try reader.int("frameworks"),
            passedOver: try reader.array("passed over") { reader throws(HistoryFormatError) in PassedOver(framework: try reader.value(), reason: try reader.raw("a reason")) })
    }
}

extension ByteWriter {
    /// Amounts by resource name, sorted so that the same amounts write the same bytes.
    fileprivate mutating func amounts(_ amounts: [String: Double]) {
        array(amounts.sorted { $0.key < $1.key }) { writer, pair in
            writer.string(pair.key)
            writer.double(pair.value)
        }
    }
}

extension ByteReader {
    fileprivate mutating func amounts() throws(HistoryFormatError) -> [String: Double] {
        let pairs = try array("amounts") { reader throws(HistoryFormatError) in (try reader.string("a resource name"), try reader.double("an amount")) }
        return Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }
}
