// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Corral",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "corral", targets: ["corral"]),
        // The SDK, for frameworks in packages of their own: the Scheduler protocol and driver,
        // the cluster's vocabulary and Mesos's JSON, and the HTTP transport to a master.
        .library(name: "CorralSDK", targets: ["CorralSDK", "CorralSDKHTTP", "CorralModel", "CorralMesosJSON"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The cluster's vocabulary: IDs, resources, tasks, offers, events, ACLs. No wire.
        .target(name: "CorralModel"),
        // Mesos v1 JSON: the parser and writer, and the vocabulary's codecs (scheduler, operator,
        // legacy, the agent protocol, credential and ACL files).
        .target(name: "CorralMesosJSON", dependencies: ["CorralModel"]),
        // Dominant Resource Fairness over roles and frameworks: a deterministic value type.
        .target(name: "CorralAllocator", dependencies: ["CorralModel"]),
        // The master's state machine (pure) and the actor that carries out its actions.
        .target(
            name: "CorralMaster",
            dependencies: [
                "CorralModel", "CorralAllocator", .product(name: "Logging", package: "swift-log"), .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // fork/exec launcher and pidfd helpers: the only C the agent needs.
        .target(name: "CLauncher"),
        // Agents: containerizer, isolators (cgroups v1/v2, posix), sandboxes, usage sampling.
        .target(
            name: "CorralAgent",
            dependencies: ["CorralModel", "CorralMesosJSON", "CLauncher", .product(name: "Logging", package: "swift-log")]
        ),
        // The framework SDK: the Scheduler protocol and its driver over a pluggable transport.
        .target(
            name: "CorralSDK",
            dependencies: ["CorralModel", .product(name: "Logging", package: "swift-log")]
        ),
        // A task's stdout and stderr, read from its sandbox wherever that is: followed as it
        // grows, or kept as a tail. How a sandbox is reached is the reader's business.
        .target(name: "CorralTaskOutput", dependencies: ["CorralModel"]),
        // A master and agents wired together in one process, the SDK's in-process transport, and
        // a reader of its agents' sandboxes.
        .target(
            name: "CorralCluster",
            dependencies: [
                "CorralMaster", "CorralAgent", "CorralSDK", "CorralTaskOutput", .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        // The SDK's HTTP transport: what a framework needs to reach a master over HTTP, and nothing
        // of the master, Services or Jobs.
        .target(
            name: "CorralSDKHTTP",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralSDK",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // How every Corral server takes HTTP: transport (idle timeout, stalled readers, TLS), HTTP
        // Basic by realm, refusals as answers, RecordIO event streams. No master, agent or framework.
        .target(
            name: "CorralHTTPServer",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralSDKHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // A server's metrics in Prometheus's text format: instruments recorded through swift-metrics
        // into a registry of the server's own (swift-prometheus), and families read at scrape time.
        // Nothing of Corral's: every server, on either side of the wall, uses it.
        .target(
            name: "CorralMetrics",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The master's HTTP face: Mesos's v1 scheduler and operator APIs, the legacy endpoints, and
        // the master's side of Corral's agent protocol.
        .target(
            name: "CorralMasterHTTP",
            dependencies: [
                "CorralMaster", "CorralAllocator", "CorralModel", "CorralMesosJSON", "CorralHTTPServer", "CorralMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The agent's HTTP side: its link to a master (a client of the agent protocol) and its own
        // files endpoint for task sandboxes. Nothing of the master.
        .target(
            name: "CorralAgentHTTP",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralSDKHTTP", "CorralHTTPServer", "CorralMetrics",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A client of the v1 operator API (Corral's master or Apache Mesos's), and of the agents'
        // files API: what a remote console reads the cluster and its tasks' output through.
        .target(
            name: "CorralOperatorClient",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralSDKHTTP", "CorralTaskOutput",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // `corral task|agent|framework`'s logic against any master (Corral's or Apache Mesos's): the
        // listings as tables and JSON, which task a name means, kills, a task's output.
        .target(
            name: "CorralOperatorCommands",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralOperatorClient", "CorralSDKHTTP", "CorralTaskOutput", "ConsoleCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // JSON over HTTP to a REST API, a non-2xx answer an error: under the Marathon and Chronos clients.
        .target(
            name: "CorralRESTClient",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralSDKHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Marathon's v2 REST API above Services, its JSON, and a client of it. Nothing of the master.
        .target(
            name: "CorralMarathonAPI",
            dependencies: [
                "CorralServices", "CorralMetrics", "CorralModel", "CorralMesosJSON", "CorralHTTPServer", "CorralRESTClient", "CorralSDKHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Chronos's REST API above Jobs, its JSON, and a client of it. Nothing of the master.
        .target(
            name: "CorralChronosAPI",
            dependencies: [
                "CorralJobs", "CorralMetrics", "CorralModel", "CorralMesosJSON", "CorralHTTPServer", "CorralRESTClient", "CorralSDKHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The master's registry in SQLite (GRDB): agents admitted, unreachable and gone, weights, quotas.
        .target(
            name: "CorralRegistry",
            dependencies: ["CorralMaster", "CorralModel", "CorralMesosJSON", "CorralAllocator", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The frameworks' SQLite files (GRDB): opening, migrations, the framework ID.
        .target(
            name: "CorralStorage",
            dependencies: ["CorralModel", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Services (like Marathon): long-running apps kept alive through the SDK, stored in SQLite,
        // their new tasks probed for readiness over HTTP.
        .target(
            name: "CorralServices",
            dependencies: [
                "CorralModel", "CorralSDK", "CorralStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log"),
                // Readiness probes: an HTTP GET on a task's port, as Marathon asks of itself.
                .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Jobs (like Chronos): commands on ISO 8601 schedules and after other jobs, stored in SQLite.
        .target(
            name: "CorralJobs",
            dependencies: ["CorralModel", "CorralMesosJSON", "CorralSDK", "CorralStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Logging", package: "swift-log")]
        ),
        // Deterministic simulation: the master's, agents' and frameworks' pure cores on virtual
        // time over a network that delays, drops, duplicates and partitions (`corral sim`).
        .target(
            name: "CorralSimulation",
            dependencies: ["CorralMaster", "CorralAgent", "CorralServices", "CorralJobs", "CorralSDK", "CorralModel", "CorralAllocator"]
        ),
        // The console as pure functions: model, views into a cell buffer, diffs, themes.
        .target(
            name: "ConsoleCore",
            dependencies: ["CorralModel", .product(name: "Yams", package: "Yams")]
        ),
        // The console's history: a compact record format (keyframes and diffs), segment files
        // that rotate by age and size, loading with an index, and the replay's pure core.
        .target(name: "ConsoleHistory", dependencies: ["CorralModel", "ConsoleCore"]),
        // ncurses' system library and the small C shims Swift needs around it.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        // The terminal backend: the only target that imports ncurses.
        .target(name: "ConsoleTerminal", dependencies: ["ConsoleCore", "CNCurses"]),
        // The console bound to a cluster it does not name: the feeds of snapshots, events and
        // sandbox tails, the console's own framework, the terminal loop, Services' and Jobs' links.
        .target(
            name: "CorralConsole",
            dependencies: ["ConsoleCore", "ConsoleHistory", "ConsoleTerminal", "CorralModel", "CorralSDK", "CorralTaskOutput"]
        ),
        // Where a console's cluster comes from: the master in this process, or one over HTTP.
        // Nothing of Services or Jobs.
        .target(
            name: "CorralConsoleSources",
            dependencies: [
                "CorralConsole", "CorralCluster", "CorralOperatorClient", "CorralModel", "CorralSDK", "CorralSDKHTTP", "CorralTaskOutput",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Services and Jobs as the console's panes see them: in this process, or over Marathon's
        // and Chronos's REST APIs. Nothing of the master.
        .target(
            name: "CorralConsoleFrameworks",
            dependencies: [
                "CorralConsole", "ConsoleCore", "CorralServices", "CorralJobs", "CorralMarathonAPI", "CorralChronosAPI", "CorralModel",
                "CorralSDKHTTP",
            ]
        ),
        // Log lines appended to a file, for the commands whose terminal belongs to the console.
        .target(name: "CorralLogFile", dependencies: [.product(name: "Logging", package: "swift-log")]),
        // `corral execute`'s framework: one task launched on the first offer it fits, its
        // statuses and output followed, interrupts turned into a bounded kill.
        .target(name: "CorralExecute", dependencies: ["CorralModel", "CorralSDK", "CorralTaskOutput"]),
        // The parent of every task an agent starts, so that tasks outlive the agent: a small,
        // static C program, forked once per task (Sources/CorralSupervisor/main.c), that becomes
        // the task as the agent's own launches do (CLauncher).
        .executableTarget(
            name: "corral-supervisor",
            dependencies: ["CLauncher"],
            path: "Sources/CorralSupervisor",
            linkerSettings: [.unsafeFlags(["-static-executable"])]
        ),
        .executableTarget(
            name: "corral",
            dependencies: [
                "corral-supervisor",
                "CLauncher",
                "CorralCluster",
                "CorralRegistry",
                "CorralMesosJSON",
                "CorralSDKHTTP",
                "CorralHTTPServer",
                "CorralMetrics",
                "CorralMasterHTTP",
                "CorralAgentHTTP",
                "CorralOperatorClient",
                "CorralOperatorCommands",
                "CorralMarathonAPI",
                "CorralChronosAPI",
                "CorralServices",
                "CorralJobs",
                "ConsoleCore",
                "ConsoleHistory",
                "ConsoleTerminal",
                "CorralConsole",
                "CorralConsoleSources",
                "CorralConsoleFrameworks",
                "CorralExecute",
                "CorralLogFile",
                "CorralTaskOutput",
                "CorralSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Test support shared by the test targets: manual clock, fixtures.
        .target(name: "CorralTesting", dependencies: ["CorralModel", "CorralCluster", .product(name: "Logging", package: "swift-log")]),
        // Test support for HTTP servers, as Hummingbird ships HummingbirdTesting: raw exchanges
        // that send what no well-behaved client would. Nothing of the master or the frameworks.
        .target(
            name: "CorralHTTPTesting",
            dependencies: ["CorralSDKHTTP", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "CorralModelTests", dependencies: ["CorralModel"]),
        .testTarget(name: "CorralMesosJSONTests", dependencies: ["CorralMesosJSON", "CorralModel"]),
        .testTarget(name: "CorralAllocatorTests", dependencies: ["CorralAllocator"]),
        .testTarget(
            name: "CorralMasterTests",
            dependencies: ["CorralMaster", "CorralRegistry", "CorralTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "CorralSDKTests", dependencies: ["CorralSDK", "CorralTesting"]),
        .testTarget(name: "CorralAgentTests", dependencies: ["CorralAgent", "CorralTesting", "corral-supervisor"]),
        .testTarget(name: "CorralServicesTests", dependencies: ["CorralServices", "CorralCluster", "CorralTesting", "corral-supervisor"]),
        .testTarget(name: "CorralJobsTests", dependencies: ["CorralJobs", "CorralMesosJSON", "CorralCluster", "CorralTesting", "corral-supervisor"]),
        .testTarget(name: "ConsoleTerminalTests", dependencies: ["ConsoleTerminal", "CNCurses"]),
        .testTarget(name: "ConsoleCoreTests", dependencies: ["ConsoleCore"], exclude: ["Golden"]),
        .testTarget(name: "CorralMetricsTests", dependencies: ["CorralMetrics", "CorralHTTPTesting", .product(name: "CoreMetrics", package: "swift-metrics")]),
        .testTarget(name: "ConsoleHistoryTests", dependencies: ["ConsoleHistory", "ConsoleCore", "CorralModel", "CorralTesting"]),
        .testTarget(name: "CorralHTTPServerTests", dependencies: ["CorralHTTPServer", .product(name: "NIOEmbedded", package: "swift-nio")]),
        .testTarget(
            name: "CorralMasterHTTPTests",
            dependencies: [
                "CorralMasterHTTP", "CorralHTTPServer", "CorralOperatorClient", "CorralOperatorCommands", "CorralSDKHTTP", "CorralMesosJSON", "CorralCluster", "CorralTesting",
                "CorralMetrics", "CorralServices", "CorralAgentHTTP",
                "CorralHTTPTesting", "corral-supervisor", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"), .product(name: "Hummingbird", package: "hummingbird"),
                "CorralMaster",
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CorralAgentHTTPTests",
            dependencies: [
                "CorralAgentHTTP", "CorralHTTPServer", "CorralSDKHTTP", "CorralMesosJSON", "CorralHTTPTesting", "CorralOperatorClient", "CorralOperatorCommands",
                "CorralTaskOutput", "CorralAgent", "CorralTesting", "corral-supervisor",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "CorralMarathonAPITests",
            dependencies: ["CorralMarathonAPI", "CorralHTTPServer", "CorralRESTClient", "CorralSDKHTTP", "CorralMesosJSON", "CorralCluster", "CorralTesting", "CorralHTTPTesting", "corral-supervisor"]
        ),
        .testTarget(
            name: "CorralChronosAPITests",
            dependencies: ["CorralChronosAPI", "CorralRESTClient", "CorralSDKHTTP", "CorralMesosJSON", "CorralTesting", "CorralHTTPTesting"]
        ),
        .testTarget(name: "CorralClusterTests", dependencies: ["CorralCluster", "CorralTesting", "corral-supervisor"]),
        // Seeded fuzzing of every decoder family and the core behind it (CORRAL_FUZZ_COUNT inputs each).
        .testTarget(
            name: "CorralFuzzTests",
            dependencies: [
                "CorralModel", "CorralMesosJSON", "CorralMaster", "CorralAgent", "CorralServices", "CorralJobs", "ConsoleCore", "ConsoleHistory",
                "CorralHTTPServer",
                .product(name: "PropertyBased", package: "swift-property-based"), .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .testTarget(name: "CorralSimulationTests", dependencies: ["CorralSimulation", "CorralTesting"]),
        .testTarget(name: "CorralTaskOutputTests", dependencies: ["CorralTaskOutput", "CorralModel", "CorralTesting"]),
        .testTarget(name: "CorralConsoleTests", dependencies: ["CorralConsole", "ConsoleCore", "ConsoleHistory", "ConsoleTerminal", "CorralModel", "CorralSDK", "CorralTaskOutput", "CorralTesting"]),
        .testTarget(
            name: "CorralConsoleFrameworksTests",
            dependencies: ["CorralConsoleFrameworks", "CorralConsole", "ConsoleCore", "CorralMarathonAPI", "CorralChronosAPI", "CorralServices", "CorralModel"]
        ),
        .testTarget(name: "CorralOperatorCommandsTests", dependencies: ["CorralOperatorCommands", "CorralOperatorClient", "CorralModel", "CorralMesosJSON", "CorralSDKHTTP"]),
        .testTarget(name: "CorralLogFileTests", dependencies: ["CorralLogFile", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "CorralExecuteTests", dependencies: ["CorralExecute", "CorralModel", "CorralSDK", "CorralTaskOutput", "CorralTesting"]),
        // Runs the built program as a user would.
        .testTarget(name: "EndToEndTests", dependencies: ["corral", "CorralTesting"]),
    ],
    swiftLanguageModes: [.v6]
)
