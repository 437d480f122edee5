/// A set of integers stored as sorted, disjoint, non-adjacent closed ranges (Mesos's RANGES
/// value, used for ports). Every mutation keeps that normal form, so equality is structural.
public struct ValueRanges: Hashable, Sendable, CustomStringConvertible {
    public private(set) var ranges: [ClosedRange<UInt64>]

    public init() { ranges = [] }

    public init(_ ranges: [ClosedRange<UInt64>]) {
        self.ranges = []
        for range in ranges { insert(range) }
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// How many integers the ranges hold, saturating at `UInt64.max` (0...UInt64.max holds one
    /// more than a UInt64 can count, and an agent may say so).
    public var count: UInt64 {
        var total: UInt64 = 0
        for range in ranges {
            let (width, wide) = (range.upperBound - range.lowerBound).addingReportingOverflow(1)
            let (sum, overflow) = total.addingReportingOverflow(width)
            if wide || overflow { return .max }
            total = sum
        }
        return total
    }

    /// The lowest `count` integers the ranges hold within `bounds` (ports: 1...65535),
    /// without walking or materialising anything outside them.
    public func first(_ count: Int, within bounds: ClosedRange<UInt64>) -> [UInt64] {
        var chosen: [UInt64] = []
        for range in ranges where chosen.count < count && range.overlaps(bounds) {
            for value in range.clamped(to: bounds) {
                guard chosen.count < count else { break }
                chosen.append(value)
            }
        }
        return chosen
    }

    public mutating func insert(_ range: ClosedRange<UInt64>) {
        var merged = range
        var kept: [ClosedRange<UInt64>] = []
        kept.reserveCapacity(ranges.count + 1)
        var placed = false
        for existing in ranges {
            if existing.upperBound < merged.lowerBound, merged.lowerBound - existing.upperBound > 1 {
                kept.append(existing)
            } else if merged.upperBound < existing.lowerBound, existing.lowerBound - merged.upperBound > 1 {
                if !placed { kept.append(merged); placed = true }
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        if !placed { kept.append(merged) }
        ranges = kept
    }

    public func contains(_ other: ValueRanges) -> Bool {
        other.ranges.allSatisfy { wanted in
            ranges.contains { $0.lowerBound <= wanted.lowerBound && wanted.upperBound <= $0.upperBound }
        }
    }

    public func contains(_ value: UInt64) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    /// Removes every integer of `other`; integers of `other` that are not here are ignored
    /// (callers check `contains` first when that matters).
    public mutating func remove(_ other: ValueRanges) {
        for cut in other.ranges {
            var kept: [ClosedRange<UInt64>] = []
            kept.reserveCapacity(ranges.count + 1)
            for existing in ranges {
                if cut.upperBound < existing.lowerBound || existing.upperBound < cut.lowerBound {
                    kept.append(existing)
                    continue
                }
                if existing.lowerBound < cut.lowerBound { kept.append(existing.lowerBound...(cut.lowerBound - 1)) }
                if cut.upperBound < existing.upperBound { kept.append((cut.upperBound + 1)...existing.upperBound) }
            }
            ranges = kept
        }
    }

    public func union(_ other: ValueRanges) -> ValueRanges {
        var result = self
        for range in other.ranges { result.insert(range) }
        return result
    }

    /// Mesos's text form: `[31000-32000, 33000-33000]`.
    public var description: String {
        "[" + ranges.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ") + "]"
    }
}
