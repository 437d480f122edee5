import CorralModel

/// Corral's own explanations (`/corral/v1/explain/…`), in the snake_case style of Mesos's JSON.
/// Apache Mesos has no such endpoint: a console asking one hears 404 and says so.
extension ShareStanding: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("id", id)
            writer.field("name", ifPresent: name)
            writer.field("weighted_share", weightedShare)
            writer.field("weight", weight)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            id: try object.required("id"), name: try object.optional("name"),
            weightedShare: try object.required("weighted_share"), weight: try object.optional("weight") ?? 1)
    }
}

extension PassedOver.Reason: MesosJSONEnumeration {}
extension OfferReason.Stage: MesosJSONEnumeration {}

extension PassedOver: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("framework", framework)
            writer.field("reason", reason)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(framework: try object.required("framework"), reason: try object.required("reason"))
    }
}

/// Amounts by resource name, as a JSON object: `{"cpus": 2, "mem": 1024}`.
struct ScalarAmounts: MesosJSONCodable {
    var amounts: [String: Double]

    init(_ amounts: [String: Double]) { self.amounts = amounts }

    func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            for (name, amount) in amounts.sorted(by: { $0.key < $1.key }) {
                writer.key(name)
                writer.number(amount)
            }
        }
    }

    init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        var amounts: [String: Double] = [:]
        for member in try value.object().members { amounts[member.key] = try member.value.double() }
        self.amounts = amounts
    }
}
