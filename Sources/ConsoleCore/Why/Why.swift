import CorralModel

/// What `w` asks about: a row of the Frameworks, the Offers or the Services pane.
public enum WhySubject: Hashable, Sendable {
    case framework(FrameworkID)
    case offer(OfferID)
    /// An app of Services, by id: its reasons come with its row, live, not from the master.
    case app(String)
    /// A job of Jobs, by name: likewise from its row.
    case job(String)
}

/// The allocator's answer for a `WhySubject`, as data; `WhySentences` says it in words.
public enum Why: Hashable, Sendable {
    case framework(FrameworkStanding)
    case offer(Offer, OfferReason)
    /// The master could not answer (Apache Mesos has no reasons to give; the framework or the
    /// offer has gone): said as it is.
    case unavailable(String)
}

/// The open "Why" view: its subject, and its answer once it has come.
public struct WhyPanel: Hashable, Sendable {
    public var subject: WhySubject
    public var answer: Why?
    /// When it was asked: the reasons are those of that moment.
    public var askedAt: Time
    /// Asked again (a framework's standing follows the cluster), the answer not yet back.
    public var refreshing = false

    public init(subject: WhySubject, answer: Why? = nil, askedAt: Time) {
        self.subject = subject
        self.answer = answer
        self.askedAt = askedAt
    }
}
