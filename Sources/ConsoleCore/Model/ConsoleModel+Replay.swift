import CorralModel

extension ConsoleModel {
    /// Forgets what the cluster's messages built (the snapshot, the log, flashes, shares, rows),
    /// keeping what the user chose (focus, selections, filters, an open details screen, the
    /// theme): a replay that jumps back feeds the history again from a keyframe.
    mutating func rewind() {
        snapshot = nil
        log = []
        flashes = []
        shareHistory = [:]
        offerRate = 0
        offerBook = [:]
        lastOfferCount = nil
        pending = nil
        pendingFrameworks = nil
        services = nil
        jobs = nil
        waiting = []
        waitingSince = [:]
        if let why { self.why = WhyPanel(subject: why.subject, askedAt: now) }
    }
}
