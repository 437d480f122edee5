/// What a bag of free resources lacks for a need: the scalars that fall short and by how much,
/// the words Services and Jobs give when an offer cannot take an instance or a run.
public struct Shortfall: Hashable, Sendable {
    public var name: String
    public var missing: Double

    /// `0.5 cpus`, `156M mem`.
    public var description: String {
        name == "mem" || name == "disk" ? "\(formatHundredths(missing))M \(name)" : "\(formatHundredths(missing)) \(name)"
    }
}

/// An amount to the hundredth without trailing zeros, as a person writes what is asked for or
/// missing: `0.25`, `0.5`, `2`. What hundredths cannot hold (not finite, or beyond 1e13) is
/// written as Swift writes a Double: a value from the wire must not stop whoever prints it.
public func formatHundredths(_ value: Double) -> String {
    let hundredths = (value * 100).rounded()
    guard hundredths.isFinite, abs(hundredths) < 1e15 else { return "\(value)" }
    let whole = Int64(hundredths)
    return whole % 100 == 0 ? "\(whole / 100)" : "\(Double(whole) / 100)"
}

extension Resources {
    /// The scalars of `needs` this bag holds less of, with what is missing of each.
    public func shortfalls(of needs: Resources) -> [Shortfall] {
        needs.compactMap { need in
            guard case .scalar(let amount) = need.value, amount - scalar(need.name) > 1e-9 else { return nil }
            return Shortfall(name: need.name, missing: amount - scalar(need.name))
        }
    }

    /// "node-2 is short of 0.5 cpus and 156M mem: it needs cpus:1;mem:256, the offer had …".
    public func shortfallSentence(for needs: Resources, host: String, what: String) -> String {
        let missing = shortfalls(of: needs)
        let short = missing.isEmpty ? "cannot hold it" : "is short of " + missing.map(\.description).joined(separator: " and ")
        return "\(host) \(short): \(what) needs \(needs.description), its offer had \(description)"
    }
}
