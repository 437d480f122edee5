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

    /// The model a replay of this console's own history starts from (a tour's replay step):
    /// the user's choices and the tour's caption, none of the cluster's state and no dialog,
    /// details screen or pause of the live console; the replay's first messages build the rest.
    public func replayingOwnHistory(source: String) -> ConsoleModel {
        var model = self
        model.rewind()
        model.source = source
        model.mode = .normal
        model.detail = nil
        model.why = nil
        model.sandboxTail = nil
        model.paused = false
        model.notice = nil
        return model
    }
}
