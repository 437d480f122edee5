import Foundation
import Testing

@testable import CorralAgent

/// Posix isolation: no cgroups, the session is the container, usage comes from /proc.
@Suite("Containerizer under posix")
struct ContainerizerPosixTests {
    @Test("Usage sums the session's processes and grows with a busy loop")
    func usageFromProc() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            #expect(containerizer.mode == .posix)
            _ = try await containerizer.launch(Fixture.spec("busy", .shell("sleep 600 & while :; do :; done"), in: scratch))
            var usage: ContainerUsage?
            #expect(await Fixture.eventually(within: .seconds(20)) {
                usage = containerizer.usage(containerID: "busy")
                return (usage?.cpuTotalSeconds ?? 0) > 0.2
            }, "\(String(describing: usage))")
            #expect(usage?.processes == 2)
            #expect((usage?.memoryBytes ?? 0) > 0)
            #expect(usage?.memoryLimitBytes == nil)
            #expect(containerizer.totalUsage().cpuTotalSeconds >= usage?.cpuTotalSeconds ?? .infinity)
        }
    }

    @Test("Limits are accepted and not enforced; termination never claims OOM")
    func limitsIgnored() async throws {
        try await Fixture.withContainerizer(.posix) { containerizer, scratch in
            let spec = Fixture.spec("small", .shell("head -c 64M /dev/zero | tail | wc -c"), in: scratch, cpus: 0.1, memoryBytes: 32 << 20)
            _ = try await containerizer.launch(spec)
            let termination = try await containerizer.waitForTermination(containerID: "small")
            #expect(termination == ContainerTermination(exit: .exited(0), oomKilled: false, memoryLimitBytes: 32 << 20))
            #expect(Fixture.contents(spec.sandbox + "/stdout").filter(\.isNumber) == String(64 << 20))
        }
    }
}
