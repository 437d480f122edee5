import ConsoleCore
import CorralModel
import CorralSDK
import CorralTaskOutput

/// Where the console's picture of the cluster comes from, how its launches and kills travel, and
/// how it reads task output: the cluster in this process, or a master over HTTP. The console
/// itself cannot tell the two apart.
public protocol ClusterSource: Sendable {
    associatedtype Transport: SchedulerTransport
    /// Events from now on; subscribe before taking the first snapshot.
    func events() async throws -> AsyncThrowingStream<ClusterEvent, any Error>
    func snapshot() async throws -> ClusterSnapshot
    var transport: Transport { get }
    var sandboxes: any SandboxReader { get }
    /// The master's reasons for `w`; never throws: what it cannot answer it says in words.
    func explain(_ subject: WhySubject) async -> Why
}
