import CorralAgent
import CorralMaster
import CorralModel

/// Everything that can happen next in a simulated run. Timers name the incarnation of the
/// process that set them: one that crashed and came back ignores its predecessor's timers.
enum SimEvent: Sendable {
    case deliver(Envelope)
    /// `node` notices that its connection broke.
    case linkLost(NodeID, ConnectionID)
    case masterTick(incarnation: Int)
    case masterAllocate(incarnation: Int)
    // Agents and frameworks are named by their index in the simulation's arrays.
    case agentDeadline(Int, incarnation: Int)
    case agentPing(Int, incarnation: Int)
    case agentConnect(Int, incarnation: Int)
    case agentRegistrationTimeout(Int, ConnectionID)
    case frameworkTick(Int, incarnation: Int)
    case frameworkConnect(Int, incarnation: Int)
    case frameworkSubscribeTimeout(Int, ConnectionID)
    /// A container's process ends (on its own, or after a signal): the first end to come wins.
    case containerEnds(agent: Int, containerID: String, ContainerTermination)
    case fault
    /// Keep-alives notice that a partitioned connection is dead.
    case breakLink(ConnectionID)
    case restart(NodeID)
    case heal(NodeID)
    case phase(SimPhase)
}

/// The stages of a run: faults, then a calm stretch that ends with the fairness check, then
/// the batch frameworks close their backlogs and the run waits for everything to converge.
enum SimPhase: Sendable, Hashable {
    case calm
    /// One of `fairnessSamples` looks at the shares, a second apart.
    case checkFairness(sample: Int)
    case checkConvergence
}
