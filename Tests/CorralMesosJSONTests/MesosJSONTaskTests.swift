import Testing
@testable import CorralMesosJSON
@testable import CorralModel

/// Tasks, their commands, checks and statuses; frameworks; offer operations.
@Suite struct MesosJSONTaskTests {
    @Test func commandInfoAlwaysSaysShell() throws {
        #expect(MesosJSON.encodeString(CommandInfo()) == #"{"shell":true}"#)
        let command = CommandInfo(
            shell: false, value: "/bin/echo", arguments: ["echo", "hi"],
            environment: [EnvironmentVariable(name: "A", value: "1")], user: "nobody",
            uris: [CommandURI(value: "http://x/y.tgz", extract: true)]
        )
        #expect(
            MesosJSON.encodeString(command) == """
                {"shell":false,"value":"/bin/echo","arguments":["echo","hi"],\
                "uris":[{"value":"http://x/y.tgz","extract":true}],\
                "environment":{"variables":[{"name":"A","value":"1"}]},"user":"nobody"}
                """
        )
        #expect(try roundTripped(command) == command)
        #expect(try MesosJSON.decode(CommandInfo.self, from: #"{"value":"ls"}"#) == CommandInfo(shell: true, value: "ls"))
        #expect(
            decodingError(CommandInfo.self, #"{"environment":{"variables":[{"name":"K","type":"SECRET","secret":{}}]}}"#)
                == #"environment.variables[0].type: unsupported environment variable type "SECRET""#
        )
    }

    @Test func taskInfoShapeAndRoundTrip() throws {
        let task = TaskInfo(
            name: "web-1", taskID: "t1", agentID: "S1", resources: try Resources(parsing: "cpus:0.5;mem:64"),
            command: .shell("echo hi"), killPolicy: KillPolicy(gracePeriodSeconds: 2.5),
            labels: [Label(key: "app", value: "web"), Label(key: "canary")]
        )
        #expect(
            MesosJSON.encodeString(task) == """
                {"name":"web-1","task_id":{"value":"t1"},"agent_id":{"value":"S1"},\
                "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.5}},{"name":"mem","type":"SCALAR","scalar":{"value":64.0}}],\
                "command":{"shell":true,"value":"echo hi"},\
                "kill_policy":{"grace_period":{"nanoseconds":2500000000}},\
                "labels":{"labels":[{"key":"app","value":"web"},{"key":"canary"}]}}
                """
        )
        #expect(try roundTripped(task) == task)
    }

    @Test func taskInfoTakesSlaveIDForAgentID() throws {
        let json = #"{"name":"t","task_id":{"value":"t1"},"slave_id":{"value":"S9"},"command":{"value":"true"}}"#
        #expect(try MesosJSON.decode(TaskInfo.self, from: json).agentID == "S9")
        #expect(decodingError(TaskInfo.self, #"{"name":"t","task_id":{"value":"t1"}}"#) == "agent_id: missing required field")
    }

    @Test func killPolicyWithoutGracePeriodMeansTheDefault() throws {
        #expect(try MesosJSON.decode(KillPolicy.self, from: "{}") == .default)
        #expect(try MesosJSON.decode(KillPolicy.self, from: #"{"grace_period":{"nanoseconds":"1000000000"}}"#).gracePeriodSeconds == 1)
    }

    @Test func healthChecksInMesosV1Shape() throws {
        let http = HealthCheck(kind: .http, port: 8080, path: "/health")
        #expect(
            MesosJSON.encodeString(http) == """
                {"type":"HTTP","delay_seconds":15.0,"interval_seconds":10.0,"timeout_seconds":20.0,\
                "consecutive_failures":3,"grace_period_seconds":10.0,"http":{"port":8080,"path":"/health"}}
                """
        )
        let tcp = HealthCheck(kind: .tcp, intervalSeconds: 2, port: 9000)
        #expect(MesosJSON.encodeString(tcp).hasSuffix(#""tcp":{"port":9000}}"#))
        let command = HealthCheck(kind: .command, consecutiveFailures: 1, command: .shell("true"))
        #expect(MesosJSON.encodeString(command).hasSuffix(#""command":{"shell":true,"value":"true"}}"#))
        for check in [http, tcp, command] { #expect(try roundTripped(check) == check) }
        // Pre-1.2 checks have no type: it follows from the part they carry.
        let legacy = try MesosJSON.decode(HealthCheck.self, from: #"{"http":{"port":"80"},"interval_seconds":"5"}"#)
        #expect(legacy == HealthCheck(kind: .http, intervalSeconds: 5, port: 80))
        #expect(decodingError(HealthCheck.self, #"{"type":"HTTP","http":{}}"#) == "http.port: missing required field")
    }

    @Test func executorInfoShape() throws {
        let executor = ExecutorInfo(
            executorID: "e1", frameworkID: "F1", kind: .default, name: "group",
            resources: try Resources(parsing: "cpus:0.1")
        )
        #expect(
            MesosJSON.encodeString(executor) == """
                {"type":"DEFAULT","executor_id":{"value":"e1"},"framework_id":{"value":"F1"},\
                "resources":[{"name":"cpus","type":"SCALAR","scalar":{"value":0.1}}],"name":"group"}
                """
        )
        #expect(try roundTripped(executor) == executor)
    }

    @Test func taskStatusShape() throws {
        let uuid: [UInt8] = Array(0..<16)
        let status = TaskStatus(
            taskID: "t1", state: .failed, source: .executor, reason: .commandExecutorFailed, message: "exit 1",
            agentID: "S1", executorID: "e1", timestamp: Time(seconds: 1_700_000_000.25), uuid: uuid, healthy: false
        )
        #expect(
            MesosJSON.encodeString(status) == """
                {"task_id":{"value":"t1"},"state":"TASK_FAILED","source":"SOURCE_EXECUTOR",\
                "reason":"REASON_COMMAND_EXECUTOR_FAILED","message":"exit 1","agent_id":{"value":"S1"},\
                "executor_id":{"value":"e1"},"timestamp":1700000000.25,"uuid":"AAECAwQFBgcICQoLDA0ODw==","healthy":false}
                """
        )
        #expect(try roundTripped(status) == status)
    }

    @Test func taskStatusWithAReasonCorralDoesNotKnowStillReads() throws {
        let json = #"{"task_id":{"value":"t"},"state":"TASK_FAILED","reason":"REASON_CONTAINER_LIMITATION_DISK"}"#
        let status = try MesosJSON.decode(TaskStatus.self, from: json)
        #expect(status.state == .failed)
        #expect(status.reason == nil)
        #expect(decodingError(TaskStatus.self, #"{"task_id":{"value":"t"},"state":"TASK_EXPLODED"}"#)
            == #"state: unknown value "TASK_EXPLODED""#)
    }

    @Test func frameworkInfoWritesItsDefaults() throws {
        let info = FrameworkInfo(name: "demo")
        #expect(
            MesosJSON.encodeString(info) == """
                {"user":"root","name":"demo","failover_timeout":0.0,"checkpoint":false,"roles":["*"],\
                "capabilities":[{"type":"MULTI_ROLE"},{"type":"TASK_KILLING_STATE"},{"type":"PARTITION_AWARE"}]}
                """
        )
        #expect(try roundTripped(info) == info)
        let full = FrameworkInfo(
            user: "ops", name: "svc", id: "F1", failoverTimeout: 604_800, checkpoint: true, roles: ["web", "db"],
            hostname: "h", principal: "p", webuiURL: "http://h:8080", capabilities: [.multiRole],
            labels: [Label(key: "team", value: "x")]
        )
        #expect(
            MesosJSON.encodeString(full) == """
                {"user":"ops","name":"svc","id":{"value":"F1"},"failover_timeout":604800.0,"checkpoint":true,\
                "roles":["web","db"],"hostname":"h","principal":"p","webui_url":"http://h:8080",\
                "capabilities":[{"type":"MULTI_ROLE"}],"labels":{"labels":[{"key":"team","value":"x"}]}}
                """
        )
        #expect(try roundTripped(full) == full)
    }

    @Test func frameworkInfoFoldsTheLegacyRoleIntoRoles() throws {
        let legacy = try MesosJSON.decode(FrameworkInfo.self, from: #"{"user":"u","name":"n","role":"web"}"#)
        #expect(legacy.roles == ["web"])
        #expect(legacy.capabilities.isEmpty)
        // Without MULTI_ROLE the one role goes back out in the form Mesos accepts from such a framework.
        #expect(MesosJSON.encodeString(legacy) == #"{"user":"u","name":"n","failover_timeout":0.0,"checkpoint":false,"role":"web"}"#)
        #expect(try roundTripped(legacy) == legacy)
        let none = try MesosJSON.decode(FrameworkInfo.self, from: #"{"user":"u","name":"n"}"#)
        #expect(none.roles == ["*"])
        let multi = try MesosJSON.decode(FrameworkInfo.self, from: #"{"user":"u","name":"n","capabilities":[{"type":"MULTI_ROLE"}]}"#)
        #expect(multi.roles.isEmpty)
        let unknownCapability = try MesosJSON.decode(
            FrameworkInfo.self, from: #"{"user":"u","name":"n","capabilities":[{"type":"FUTURE_THING"},{}]}"#)
        #expect(unknownCapability.capabilities == ["FUTURE_THING"])
        #expect(decodingError(FrameworkInfo.self, #"{"name":"n"}"#) == "user: missing required field")
    }

    @Test func operationsOfEveryType() throws {
        let task = TaskInfo(name: "t", taskID: "t1", agentID: "S1", resources: try Resources(parsing: "cpus:1"), command: .shell("true"))
        let executor = ExecutorInfo(executorID: "e1", frameworkID: "F1")
        let reserved = Resources([Resource(name: "cpus", value: .scalar(1), reservations: [Reservation(.dynamic, role: "r")])])
        let operations: [Operation] = [
            .launch([task]), .launchGroup(executor: executor, tasks: [task]),
            .reserve(reserved), .unreserve(reserved), .create(reserved), .destroy(reserved),
        ]
        for operation in operations { #expect(try roundTripped(operation) == operation) }
        #expect(MesosJSON.encodeString(Operation.launch([])) == #"{"type":"LAUNCH","launch":{}}"#)
        #expect(MesosJSON.encodeString(Operation.launchGroup(executor: executor, tasks: [])) == """
            {"type":"LAUNCH_GROUP","launch_group":{"executor":{"type":"DEFAULT","executor_id":{"value":"e1"},\
            "framework_id":{"value":"F1"}},"task_group":{}}}
            """)
        #expect(MesosJSON.encodeString(Operation.reserve(reserved)).hasPrefix(#"{"type":"RESERVE","reserve":{"resources":[{"name":"cpus""#))
        // mesos.proto names CREATE's and DESTROY's resources `volumes`; `resources` reads too.
        #expect(MesosJSON.encodeString(Operation.create(reserved)).hasPrefix(#"{"type":"CREATE","create":{"volumes":[{"#))
        let create = try MesosJSON.decode(
            Operation.self, from: #"{"type":"CREATE","create":{"resources":[{"name":"disk","type":"SCALAR","scalar":{"value":10}}]}}"#)
        #expect(create == .create(Resources([Resource(name: "disk", value: .scalar(10))])))
        #expect(decodingError(Operation.self, #"{"type":"LAUNCH"}"#) == "launch: missing required field")
        #expect(decodingError(Operation.self, #"{"type":"LAUNCH_GROUP","launch_group":{"executor":{"executor_id":{"value":"e"}}}}"#)
            == "launch_group.task_group: missing required field")
        #expect(decodingError(Operation.self, #"{"type":"GROW_VOLUME"}"#) == #"type: unsupported operation type "GROW_VOLUME""#)
    }
}
