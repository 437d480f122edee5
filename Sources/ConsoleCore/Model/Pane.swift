/// The console's focusable panes, in Tab order.
public enum Pane: String, CaseIterable, Hashable, Sendable {
    case agents = "Agents"
    case frameworks = "Frameworks"
    case tasks = "Tasks"
    case offers = "Offers"
    case services = "Services"
    case jobs = "Jobs"
    case events = "Events"

    public var next: Pane { Self.allCases[(Self.allCases.firstIndex(of: self)! + 1) % Self.allCases.count] }
    public var previous: Pane {
        Self.allCases[(Self.allCases.firstIndex(of: self)! + Self.allCases.count - 1) % Self.allCases.count]
    }
}
