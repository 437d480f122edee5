import CorralModel

// Resources are rebuilt through their public initialisers, so a file cannot hand the console
// a bag that breaks their invariants (merged entries, ordered ranges, rounded scalars).

extension Resources: HistoryCodable {
    public func write(to writer: inout ByteWriter) { writer.values(Array(self)) }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(try reader.values("resources", Resource.self))
    }
}

extension Resource: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(name)
        switch value {
        case .scalar(let amount):
            writer.byte(0)
            writer.double(amount)
        case .ranges(let ranges):
            writer.byte(1)
            writer.array(ranges.ranges) { writer, range in
                writer.uint(range.lowerBound)
                writer.uint(range.upperBound)
            }
        case .set(let items):
            writer.byte(2)
            writer.values(items.sorted())
        }
        writer.array(reservations) { writer, reservation in
            writer.raw(reservation.kind)
            writer.string(reservation.role)
            writer.optional(reservation.principal) { $0.string($1) }
        }
        writer.optional(allocationRole) { $0.string($1) }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        let name = try reader.string("a resource's name")
        let value: Value
        switch try reader.byte("a resource's type") {
        case 0: value = .scalar(try reader.double("a scalar resource"))
        case 1:
            value = .ranges(ValueRanges(try reader.array("ranges") { reader throws(HistoryFormatError) in
                let lower = try reader.uint("a range's start"), upper = try reader.uint("a range's end")
                guard lower <= upper else { throw HistoryFormatError("range \(lower)-\(upper) ends before it starts") }
                return lower...upper
            }))
        case 2: value = .set(Set(try reader.values("set items", String.self)))
        case let other: throw HistoryFormatError("resource \(name.prefix(40)) has unknown type \(other)")
        }
        let reservations = try reader.array("reservations") { reader throws(HistoryFormatError) in
            Reservation(try reader.raw("a reservation's kind"), role: try reader.string("a reservation's role"),
                        principal: try reader.optional("principal") { reader throws(HistoryFormatError) in try reader.string() })
        }
        let role = try reader.optional("allocation role") { reader throws(HistoryFormatError) in try reader.string() }
        self.init(name: name, value: value, reservations: reservations, allocationRole: role)
    }
}

extension Attribute: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(name)
        switch value {
        case .text(let text):
            writer.byte(0)
            writer.string(text)
        case .scalar(let amount):
            writer.byte(1)
            writer.double(amount)
        case .ranges(let ranges):
            writer.byte(2)
            Resource(name: name, value: .ranges(ranges)).write(to: &writer)
        case .set(let items):
            writer.byte(3)
            writer.values(items.sorted())
        }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        let name = try reader.string("an attribute's name")
        switch try reader.byte("an attribute's type") {
        case 0: self.init(name: name, value: .text(try reader.string("an attribute's text")))
        case 1: self.init(name: name, value: .scalar(try reader.double("an attribute's number")))
        case 2:
            guard case .ranges(let ranges) = try Resource(from: &reader).value else { throw HistoryFormatError("attribute \(name.prefix(40)) holds no ranges") }
            self.init(name: name, value: .ranges(ranges))
        case 3: self.init(name: name, value: .set(Set(try reader.values("set items", String.self))))
        case let other: throw HistoryFormatError("attribute \(name.prefix(40)) has unknown type \(other)")
        }
    }
}

extension Label: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.string(key)
        writer.optional(value) { $0.string($1) }
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(key: try reader.string("a label's key"), value: try reader.optional("a label's value") { reader throws(HistoryFormatError) in try reader.string() })
    }
}

extension ResourceUsage: HistoryCodable {
    public func write(to writer: inout ByteWriter) {
        writer.double(cpusUsed)
        writer.double(cpuTimeSeconds)
        writer.uint(memoryBytes)
        writer.optional(memoryLimitBytes) { $0.uint($1) }
        writer.double(throttledSeconds)
        writer.double(throttledFraction)
        writer.int(processes)
        writer.time(timestamp)
    }

    public init(from reader: inout ByteReader) throws(HistoryFormatError) {
        self.init(
            cpusUsed: try reader.double("cpus used"), cpuTimeSeconds: try reader.double("cpu time"), memoryBytes: try reader.uint("memory"),
            memoryLimitBytes: try reader.optional("memory limit") { reader throws(HistoryFormatError) in try reader.uint() },
            throttledSeconds: try reader.double("throttled seconds"), throttledFraction: try reader.double("throttled fraction"),
            processes: try reader.int("processes"), timestamp: try reader.time("a usage's time"))
    }
}
