import Foundation
import PropertyBased

#if canImport(Glibc)
import Glibc
#endif

/// Runs one decoder family over a bounded, reproducible stream of inputs: `CORRAL_FUZZ_COUNT`
/// inputs (300 by default; CI runs 20,000) drawn with PropertyBased's generators from one
/// seeded generator per family (`CORRAL_FUZZ_SEED`, fixed by default), so a run is the same
/// everywhere and a failure names the seed and the input's index to replay it.
enum Fuzz {
    static var count: Int { ProcessInfo.processInfo.environment["CORRAL_FUZZ_COUNT"].flatMap { Int($0) }.map { max(0, $0) } ?? 300 }
    /// The input being tried, for findings that are not crashes (the fuzz suites run serially).
    nonisolated(unsafe) static var current = ""
    static var seed: UInt64 { ProcessInfo.processInfo.environment["CORRAL_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_206 }

    /// Feeds `count` inputs of `inputs` to `body`, which must not trap; when it does, the crash
    /// note (see `CrashNote`) prints the family, seed, index and input before the process dies.
    static func run<Input: Sendable>(
        _ family: String, inputs: Generator<Input, some SendableSequenceType>, describe: (Input) -> String = { "\($0)" },
        _ body: (Input) -> Void
    ) {
        CrashNote.arm()
        CrashNote.useAlternateStack()
        let seed = Self.seed
        var familyHash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in family.utf8 { familyHash = (familyHash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var random = Xoshiro(seed: (seed, familyHash, seed ^ 0x9E37_79B9_7F4A_7C15, familyHash ^ 0xD1B5_4A32_D192_ED03))
        let count = Self.count
        for index in 0..<count {
            let input = inputs.run(using: &random)
            current = "fuzz \(family): seed \(seed), input #\(index) of \(count):\n\(describe(input))\n"
            CrashNote.note(current)
            body(input)
        }
        CrashNote.clear()
        print("fuzz \(family): \(count) inputs, seed \(seed), no crash")
    }
}

/// What the fuzzer was feeding when the process died: a trap ends a Swift process at once, so
/// the input is kept in memory set aside beforehand and written out by a signal handler,
/// with nothing but `write(2)`.
enum CrashNote {
    static let capacity = 1 << 16
    nonisolated(unsafe) static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) static var length = 0
    nonisolated(unsafe) static var armed = false

    /// The handlers that were there before (Swift's backtracer): each crash goes on to them.
    nonisolated(unsafe) static let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

    static func arm() {
        guard !armed else { return }
        armed = true
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if CrashNote.length > 0 {
                    let header = "\n*** crashed on this fuzz input (replay with CORRAL_FUZZ_SEED and the index) ***\n"
                    _ = header.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
                    _ = write(2, CrashNote.buffer, CrashNote.length)
                }
                sigaction(signal, CrashNote.previous + Int(signal), nil)
                raise(signal)
            }
            action.sa_flags = SA_ONSTACK
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// A stack overflow leaves no stack to report it on: this thread gets a spare one.
    static func useAlternateStack() {
        let size = 1 << 16
        var stack = stack_t()
        stack.ss_sp = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        stack.ss_size = size
        sigaltstack(&stack, nil)
    }

    static func note(_ text: String) {
        var count = 0
        for byte in text.utf8 where count < capacity {
            buffer[count] = byte
            count += 1
        }
        length = count
    }

    static func clear() { length = 0 }
}
