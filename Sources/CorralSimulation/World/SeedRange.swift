/// Seeds to run, as `corral sim --seeds` takes them: `7` or `1-10000`.
public struct SeedRange: Sendable, Hashable, CustomStringConvertible {
    public var first: UInt64
    public var last: UInt64

    public init(first: UInt64, last: UInt64) {
        self.first = first
        self.last = last
    }

    /// At most this many seeds in one range: a run of 0-18446744073709551615 could not count
    /// itself, let alone finish.
    public static let maximumCount: UInt64 = 1_000_000_000

    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2, let first = UInt64(parts[0]), let last = UInt64(parts[parts.count - 1]),
              first <= last, last - first < Self.maximumCount else {
            return nil
        }
        self.init(first: first, last: last)
    }

    public var count: UInt64 { last - first + 1 }
    public var seeds: ClosedRange<UInt64> { first...last }
    public var description: String { first == last ? "\(first)" : "\(first)-\(last)" }
}
