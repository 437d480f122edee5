import CorralModel
import CorralServices
import Foundation

/// Services' events as Marathon's event stream writes them: each an `eventType`, a `timestamp`
/// and the fields Marathon gives that type.
enum MarathonEvents {
    /// Marathon's name of the event's type, as `event_type` filters and SSE `event:` lines say it.
    static func type(of kind: ServicesEvent.Kind) -> String {
        switch kind {
        case .apiPost: "api_post_event"
        case .statusUpdate: "status_update_event"
        case .instanceChanged: "instance_changed_event"
        case .healthChanged: "health_status_changed_event"
        case .deploymentInfo: "deployment_info"
        case .deploymentStepSuccess: "deployment_step_success"
        case .deploymentSuccess: "deployment_success"
        case .deploymentFailed: "deployment_failed"
        case .groupChangeSuccess: "group_change_success"
        case .groupChangeFailed: "group_change_failed"
        case .streamAttached: "event_stream_attached"
        case .streamDetached: "event_stream_detached"
        }
    }

    /// The event as one server-sent event: `event: <type>`, `data: <JSON on one line>`.
    static func serverSent(_ event: ServicesEvent) -> [UInt8] {
        let type = type(of: event.kind)
        let data = (try? MarathonEndpoints.encoder.encode(Envelope(type: type, event: event))) ?? Data(#"{"eventType":"\#(type)"}"#.utf8)
        return Array("event: \(type)\ndata: ".utf8) + Array(data) + Array("\n\n".utf8)
    }

    /// `eventType` and `timestamp`, then the type's own fields.
    private struct Envelope: Encodable {
        var type: String
        var event: ServicesEvent

        private enum Keys: String, CodingKey { case eventType, timestamp }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(type, forKey: .eventType)
            try container.encode(event.at.iso8601, forKey: .timestamp)
            try MarathonEvents.payload(of: event).encode(to: encoder)
        }
    }

    private static func payload(of event: ServicesEvent) -> any Encodable {
        switch event.kind {
        case .apiPost(let definition, let uri, let clientIP): ApiPost(clientIp: clientIP, uri: uri, appDefinition: definition)
        case .statusUpdate(let status, let instance): StatusUpdate(status, instance)
        case .instanceChanged(let instance): InstanceChanged(instance)
        case .healthChanged(let instance, let alive):
            HealthChanged(appId: instance.appID.path, instanceId: instance.taskID.value, taskId: instance.taskID.value, version: instance.version, alive: alive)
        case .deploymentInfo(let view), .deploymentStepSuccess(let view):
            DeploymentStep(plan: Plan(view), currentStep: view.steps.indices.contains(view.currentStep) ? Plan.step(view.steps[view.currentStep]) : Plan.Step(actions: []))
        case .deploymentSuccess(let view), .deploymentFailed(let view):
            DeploymentEnd(id: view.id, plan: Plan(view))
        case .groupChangeSuccess(let group, let version): ["groupId": group.path, "version": version]
        case .groupChangeFailed(let group, let version, let reason): ["groupId": group.path, "version": version, "reason": reason]
        case .streamAttached(let address), .streamDetached(let address): ["remoteAddress": address]
        }
    }

    struct ApiPost: Encodable {
        var clientIp: String
        var uri: String
        var appDefinition: AppDefinition
    }

    struct StatusUpdate: Encodable {
        var slaveId, taskId, taskStatus, message, appId, host, version: String
        var ipAddresses: [[String: String]] = []
        var ports: [Int]

        init(_ status: TaskStatus, _ instance: AppInstance) {
            slaveId = instance.site.agentID.value
            taskId = status.taskID.value
            taskStatus = status.state.rawValue
            message = status.message ?? ""
            appId = instance.appID.path
            host = instance.site.hostname
            version = instance.version
            ports = instance.ports
        }
    }

    struct InstanceChanged: Encodable {
        var instanceId, condition, runSpecId, agentId, host, runSpecVersion: String

        init(_ instance: AppInstance) {
            instanceId = instance.taskID.value
            condition = MarathonEvents.condition(of: instance.state)
            runSpecId = instance.appID.path
            agentId = instance.site.agentID.value
            host = instance.site.hostname
            runSpecVersion = instance.version
        }
    }

    struct HealthChanged: Encodable {
        var appId, instanceId, taskId, version: String
        var alive: Bool
    }

    struct DeploymentStep: Encodable {
        var plan: Plan
        var currentStep: Plan.Step
    }

    struct DeploymentEnd: Encodable {
        var id: String
        var plan: Plan
    }

    /// Marathon's deployment plan: the apps before and after (as groups of the root), and its
    /// steps.
    struct Plan: Encodable {
        struct Group: Encodable {
            var id = "/"
            var apps: [AppDefinition]
        }
        struct Step: Encodable { var actions: [[String: String]] }

        var id, version: String
        var original, target: Group
        var steps: [Step]

        init(_ view: DeploymentPlanView) {
            id = view.id
            version = view.version
            original = Group(apps: view.parts.compactMap(\.deployment.previous))
            target = Group(apps: view.parts.compactMap(\.target))
            steps = view.steps.map(Self.step)
        }

        static func step(_ actions: [PlannedAction]) -> Step {
            Step(actions: actions.map { ["action": $0.action.rawValue, "app": $0.app.path] })
        }
    }

    /// Marathon's instance condition for a Mesos task state (`TASK_RUNNING` is `Running`).
    static func condition(of state: TaskState) -> String {
        let name = state.rawValue.hasPrefix("TASK_") ? String(state.rawValue.dropFirst(5)) : state.rawValue
        return name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }
}
