import ConsoleCore
import ConsoleHistory
import CorralModel
import PropertyBased
import Testing

extension FuzzTests {
    /// History files, as `corral replay` reads them: records of a real session with their
    /// payloads mutated (and framed again with a good checksum, so the decoders see them), or
    /// the framing itself mutated. Loading, reading every record back into messages, feeding
    /// them to the console's model and drawing it must not trap.
    @Suite struct HistoryFiles {
        static let inputs = zip(Gen.int(in: 0...Int.max), Gen.int(in: 0...Int.max).array(of: 1...5))

        @Test func recordingRecords() {
            let theme = ResolvedTheme(.builtIn, support: .none)
            Fuzz.run("history records", inputs: Self.inputs, describe: { "pick \($0.0), choices \($0.1)" }) { pick, choices in
                let file = Self.file(pick: pick, choices: choices)
                guard let history = try? History(segments: [("fuzz.history", file)]) else { return }
                var cursor = HistoryCursor(history: history, from: 0)
                var model = ConsoleModel(now: history.start, themeNames: ["default"])
                while !cursor.isAtEnd { for message in cursor.read() { _ = model.update(message) } }
                _ = ConsoleView.render(model, theme: theme, glyphs: .unicode, width: 100, height: 30)
                var core = ReplayCore(history: history, now: 0)
                _ = core.advance(now: 1)
                _ = core.handle(.step(forward: false), now: 1)
            }
        }

        /// A file of every sample record; one of them (or the framing) mutated by `choices`.
        static func file(pick: Int, choices: [Int]) -> [UInt8] {
            let records = Corpus.historyRecords
            let target = pick % records.count
            var file = RecordFraming.magic
            for (index, record) in records.enumerated() {
                let payload = index == target && pick % 3 != 0 ? ByteMutation.mutate(record.payload, choices: choices) : record.payload
                file += RecordFraming.frame(kind: record.kind, time: 1_764_064_800 + Double(index), payload: payload)
            }
            return pick % 3 == 0 ? ByteMutation.mutate(file, choices: choices) : file
        }
    }
}

/// Mutations of binary records: bytes flipped or set to the values that break varints and
/// lengths, spans cut, doubled or truncated.
enum ByteMutation {
    static func mutate(_ sample: [UInt8], choices: [Int]) -> [UInt8] {
        var bytes = sample
        for choice in choices {
            guard !bytes.isEmpty else { return bytes }
            let position = (choice >> 4) % bytes.count
            let pick = choice >> 24
            switch choice % 7 {
            case 0: bytes[position] ^= UInt8(truncatingIfNeeded: pick | 1)
            case 1: bytes[position] = [0x00, 0x01, 0x7F, 0x80, 0xFF][pick % 5]
            case 2: bytes.insert(contentsOf: Array(repeating: 0xFF, count: 1 + pick % 10), at: position)
            case 3: bytes.removeSubrange(position..<min(bytes.count, position + 1 + pick % 32))
            case 4: bytes.insert(contentsOf: bytes[position..<min(bytes.count, position + 1 + pick % 64)], at: position)
            case 5: bytes = Array(bytes.prefix(position))
            default: bytes[position] = UInt8(truncatingIfNeeded: pick)
            }
        }
        return bytes
    }
}
