import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Resources, attributes and the messages that carry them (AgentInfo, Offer, MasterInfo).
@Suite struct MesosJSONResourceTests {
    @Test func scalarRangesAndSetResourcesHaveMesosShapes() throws {
        var resources = try Resources(parsing: "cpus:4;ports:[31000-32000];disks:{b,a}")
        resources = resources.allocated(to: "*")
        #expect(
            MesosJSON.encodeString(resources) == """
                [{"name":"cpus","type":"SCALAR","scalar":{"value":4.0},"allocation_info":{"role":"*"}},\
                {"name":"ports","type":"RANGES","ranges":{"range":[{"begin":31000,"end":32000}]},"allocation_info":{"role":"*"}},\
                {"name":"disks","type":"SET","set":{"item":["a","b"]},"allocation_info":{"role":"*"}}]
                """
        )
        #expect(try roundTripped(resources) == resources)
    }

    @Test func reservationsAreAStack() throws {
        let resource = Resource(
            name: "mem", value: .scalar(512),
            reservations: [Reservation(.static, role: "web"), Reservation(.dynamic, role: "web/api", principal: "ops")]
        )
        #expect(
            MesosJSON.encodeString(resource) == """
                {"name":"mem","type":"SCALAR","scalar":{"value":512.0},"reservations":[\
                {"type":"STATIC","role":"web"},{"type":"DYNAMIC","role":"web/api","principal":"ops"}]}
                """
        )
        #expect(try roundTripped(resource) == resource)
    }

    @Test func legacyRoleAndReservationFieldsAreRead() throws {
        let unreserved = try MesosJSON.decode(Resource.self, from: #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"role":"*"}"#)
        #expect(unreserved.reservations.isEmpty)
        let staticReserved = try MesosJSON.decode(Resource.self, from: #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"role":"web"}"#)
        #expect(staticReserved.reservations == [Reservation(.static, role: "web")])
        let dynamic = try MesosJSON.decode(
            Resource.self, from: #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"role":"web","reservation":{}}"#)
        #expect(dynamic.reservations == [Reservation(.dynamic, role: "web")])
        let withPrincipal = try MesosJSON.decode(
            Resource.self,
            from: #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"role":"web","reservation":{"principal":"p"}}"#)
        #expect(withPrincipal.reservations == [Reservation(.dynamic, role: "web", principal: "p")])
        // The refined form wins when both are present.
        let both = try MesosJSON.decode(
            Resource.self,
            from: #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"role":"web","reservations":[{"type":"STATIC","role":"db"}]}"#)
        #expect(both.reservations == [Reservation(.static, role: "db")])
    }

    @Test func resourceErrorsNameTheField() {
        #expect(decodingError(Resource.self, #"{"name":"cpus","type":"SCALAR"}"#) == "scalar: missing required field")
        #expect(decodingError(Resource.self, #"{"name":"cpus","type":"TEXT","text":{"value":"x"}}"#)
            == #"type: unsupported resource type "TEXT""#)
        #expect(decodingError(Resource.self, #"{"name":"p","type":"RANGES","ranges":{"range":[{"begin":5,"end":1}]}}"#)
            == "ranges.range[0]: begin 5 is after end 1")
        #expect(decodingError(Resource.self, #"{"name":"p","type":"RANGES","ranges":{"range":[{"begin":5}]}}"#)
            == "ranges.range[0].end: missing required field")
        #expect(decodingError(Resource.self, #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"reservations":[{"role":"r"}]}"#)
            == "reservations[0].type: missing required field")
        #expect(decodingError(Resource.self, #"{"name":"cpus","type":"SCALAR","scalar":{"value":1},"reservations":[{"type":"X","role":"r"}]}"#)
            == #"reservations[0].type: unknown value "X""#)
    }

    @Test func rangeBoundsAreExactUnsignedIntegers() throws {
        let ranges = ValueRanges([0...UInt64.max])
        #expect(MesosJSON.encodeString(ranges) == #"{"range":[{"begin":0,"end":18446744073709551615}]}"#)
        #expect(try roundTripped(ranges) == ranges)
        #expect(MesosJSON.encodeString(ValueRanges()) == "{}")
    }

    @Test func attributesOfEveryType() throws {
        let attributes = [
            Attribute(name: "os", value: .text("ubuntu")),
            Attribute(name: "cores", value: .scalar(8)),
            Attribute(name: "slots", value: .ranges(ValueRanges([1...4]))),
            Attribute(name: "tags", value: .set(["ssd", "gpu"])),
        ]
        #expect(
            MesosJSON.encodeString(attributes) == """
                [{"name":"os","type":"TEXT","text":{"value":"ubuntu"}},\
                {"name":"cores","type":"SCALAR","scalar":{"value":8.0}},\
                {"name":"slots","type":"RANGES","ranges":{"range":[{"begin":1,"end":4}]}},\
                {"name":"tags","type":"SET","set":{"item":["gpu","ssd"]}}]
                """
        )
        #expect(try roundTripped(attributes) == attributes)
        #expect(decodingError(Attribute.self, #"{"name":"os","type":"TEXT"}"#) == "text: missing required field")
    }

    @Test func agentInfoAlwaysCarriesItsPort() throws {
        let agent = AgentInfo(
            id: "S1", hostname: "node1", resources: try Resources(parsing: "cpus:2"),
            attributes: [Attribute(name: "rack", value: .text("r1"))]
        )
        #expect(
            MesosJSON.encodeString(agent) == """
                {"id":{"value":"S1"},"hostname":"node1","port":5051,\
                "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":2.0}}],\
                "attributes":[{"name":"rack","type":"TEXT","text":{"value":"r1"}}]}
                """
        )
        #expect(try roundTripped(agent) == agent)
        let bare = try MesosJSON.decode(AgentInfo.self, from: #"{"hostname":"h"}"#)
        #expect(bare == AgentInfo(hostname: "h", port: 5051, resources: Resources()))
        #expect(MesosJSON.encodeString(bare) == #"{"hostname":"h","port":5051}"#)
    }

    @Test func masterInfoShape() throws {
        let master = MasterInfo(id: "m1", ip: 16_777_343, port: 5050, hostname: "localhost", version: "1.11.0")
        #expect(
            MesosJSON.encodeString(master)
                == #"{"id":"m1","ip":16777343,"port":5050,"hostname":"localhost","version":"1.11.0"}"#
        )
        #expect(try roundTripped(master) == master)
        #expect(decodingError(MasterInfo.self, #"{"id":"m1"}"#) == "ip: missing required field")
    }

    @Test func offerCarriesItsAllocationRole() throws {
        let offer = Offer(
            id: "O1", frameworkID: "F1", agentID: "S1", hostname: "node1", role: "web",
            resources: try Resources(parsing: "cpus:1").allocated(to: "web"),
            attributes: [Attribute(name: "zone", value: .text("a"))]
        )
        #expect(
            MesosJSON.encodeString(offer) == """
                {"id":{"value":"O1"},"framework_id":{"value":"F1"},"agent_id":{"value":"S1"},"hostname":"node1",\
                "allocation_info":{"role":"web"},\
                "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":1.0},"allocation_info":{"role":"web"}}],\
                "attributes":[{"name":"zone","type":"TEXT","text":{"value":"a"}}]}
                """
        )
        #expect(try roundTripped(offer) == offer)
    }

    @Test func filtersAlwaysCarryRefuseSeconds() throws {
        #expect(MesosJSON.encodeString(Filters.default) == #"{"refuse_seconds":5.0}"#)
        #expect(try MesosJSON.decode(Filters.self, from: "{}") == Filters.default)
    }
}

@Suite struct MesosJSONNegativeScalarTests {
    @Test func negativeScalarIsAnErrorNotASilentZero() {
        let json = #"{"name":"cpus","type":"SCALAR","scalar":{"value":-1}}"#
        #expect(throws: MesosJSONError(path: [.key("scalar"), .key("value")], problem: "cpus must be an amount from 0 to 1e15, got -1.0")) {
            try MesosJSON.decode(Resource.self, from: json)
        }
    }
}
