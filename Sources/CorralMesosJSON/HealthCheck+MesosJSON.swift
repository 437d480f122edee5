import CorralModel

/// `HealthCheck` in Mesos's v1 shape: `{"type","delay_seconds","interval_seconds",
/// "timeout_seconds","consecutive_failures","grace_period_seconds","command",
/// "http":{"port","path"},"tcp":{"port"}}`. The timing fields have proto defaults (15, 10, 20,
/// 3, 10): they are always written and read as those defaults when absent.
extension HealthCheck: MesosJSONCodable {
    public func encodeMesosJSON(to writer: inout MesosJSONWriter) {
        writer.writeObject { writer in
            writer.field("type", kind)
            writer.field("delay_seconds", delaySeconds)
            writer.field("interval_seconds", intervalSeconds)
            writer.field("timeout_seconds", timeoutSeconds)
            writer.field("consecutive_failures", consecutiveFailures)
            writer.field("grace_period_seconds", gracePeriodSeconds)
            writer.field("command", ifPresent: command)
            switch kind {
            case .http:
                writer.field("http") { writer in
                    writer.field("port", port ?? 0)
                    writer.field("path", ifPresent: path)
                }
            case .tcp:
                writer.field("tcp") { $0.field("port", port ?? 0) }
            case .command:
                break
            }
        }
    }

    public init(mesosJSON value: MesosJSONValue) throws(MesosJSONError) {
        let object = try value.object()
        let http = try object.nested("http") { http throws(MesosJSONError) in
            (port: try http.required("port", as: UInt32.self), path: try http.optional("path", as: String.self))
        }
        let tcp = try object.nested("tcp") { tcp throws(MesosJSONError) in try tcp.required("port", as: UInt32.self) }
        let defaults = HealthCheck(kind: .command)
        let consecutiveFailures: UInt32? = try object.optional("consecutive_failures")
        self.init(
            kind: try Self.kind(in: object, hasHTTP: http != nil, hasTCP: tcp != nil),
            delaySeconds: try object.seconds("delay_seconds") ?? defaults.delaySeconds,
            intervalSeconds: try object.seconds("interval_seconds") ?? defaults.intervalSeconds,
            timeoutSeconds: try object.seconds("timeout_seconds") ?? defaults.timeoutSeconds,
            consecutiveFailures: consecutiveFailures.map(Int.init) ?? defaults.consecutiveFailures,
            gracePeriodSeconds: try object.seconds("grace_period_seconds") ?? defaults.gracePeriodSeconds,
            command: try object.optional("command"),
            port: http?.port ?? tcp,
            path: http?.path
        )
    }

    /// `type` arrived in Mesos 1.2; older checks say what they are by which part they carry.
    private static func kind(in object: MesosJSONObject, hasHTTP: Bool, hasTCP: Bool) throws(MesosJSONError) -> Kind {
        if let kind: Kind = try object.optional("type") { return kind }
        if hasHTTP { return .http }
        if hasTCP { return .tcp }
        if object.contains("command") { return .command }
        throw .missing("type")
    }
}

extension HealthCheck.Kind: MesosJSONEnumeration {}
