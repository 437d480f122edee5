/// What happened in a run, line by line: the last lines kept for a failure's report, and a
/// digest of all of them, so that two runs of one seed can be shown to be the same step for step.
public struct SimulationTrace: Sendable {
    public private(set) var steps = 0
    /// FNV-1a over every line: equal digests mean equal traces.
    public private(set) var digest: UInt64 = 0xCBF2_9CE4_8422_2325
    private var tail: [String] = []
    private var tailStart = 0
    let tailLimit: Int
    /// Every line also goes here when set (`corral sim --trace`).
    var echo: (@Sendable (String) -> Void)?

    init(tailLimit: Int) { self.tailLimit = max(1, tailLimit) }

    mutating func record(_ line: String) {
        steps += 1
        for byte in line.utf8 {
            digest ^= UInt64(byte)
            digest = digest &* 0x100_0000_01B3
        }
        digest ^= 0x0A
        digest = digest &* 0x100_0000_01B3
        echo?(line)
        if tail.count < tailLimit {
            tail.append(line)
        } else {
            tail[tailStart] = line
            tailStart = (tailStart + 1) % tailLimit
        }
    }

    /// The last lines, oldest first.
    public var lastLines: [String] { Array(tail[tailStart...] + tail[..<tailStart]) }
}
