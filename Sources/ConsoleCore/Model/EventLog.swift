import CorralModel

/// One line of the Events pane.
public struct LogLine: Hashable, Sendable {
    public var time: Time
    public var text: String
    public var role: ThemeRole
}

/// An offer that was just accepted, declined or rescinded: shown for a few seconds in the Offers
/// pane in its own colour, so offer flow is visible.
public struct OfferFlash: Hashable, Sendable {
    public enum Outcome: String, Sendable {
        case accepted, declined, rescinded

        var role: ThemeRole {
            switch self {
            case .accepted: .offerAccepted
            case .declined: .offerDeclined
            case .rescinded: .offerRescinded
            }
        }
    }

    public var offer: Offer
    public var outcome: Outcome
    public var at: Time
}
