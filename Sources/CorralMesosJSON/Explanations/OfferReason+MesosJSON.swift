import CorralModel

/// Why an offer went to its framework: `{"stage", "role", "role_order", "role_place", …}`.
extension OfferReason: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("stage", stage)
            writer.field("role", role)
            writer.field("role_order", roleOrder)
            writer.field("role_place", rolePlace)
            writer.field("role_count", roleCount)
            writer.field("framework_order", frameworkOrder)
            writer.field("framework_place", frameworkPlace)
            writer.field("framework_count", frameworkCount)
            writer.field("passed_over", passedOver)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(
            stage: try object.required("stage"), role: try object.required("role"),
            roleOrder: try object.repeated("role_order"), rolePlace: try object.required("role_place"),
            roleCount: try object.required("role_count"), frameworkOrder: try object.repeated("framework_order"),
            frameworkPlace: try object.required("framework_place"), frameworkCount: try object.required("framework_count"),
            passedOver: try object.repeated("passed_over"))
    }
}

/// An outstanding offer with its reason: the answer of `/corral/v1/explain/offer/{id}`.
public struct OfferExplanation: MesosJSONCodable, Hashable, Sendable {
    public var offer: Offer
    public var reason: OfferReason

    public init(offer: Offer, reason: OfferReason) {
        self.offer = offer
        self.reason = reason
    }

    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("offer", offer)
            writer.field("reason", reason)
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        self.init(offer: try object.required("offer"), reason: try object.required("reason"))
    }
}
