// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Corral",
    platforms: [.macOS(.v14)],
    products: [
        // PRODUCT
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The cluster's vocabulary: IDs, resources, tasks, offers, and their Mesos v1 JSON.
        .target(name: "CorralModel"),
        // Dominant Resource Fairness over roles and frameworks: a deterministic value type.
        .target(name: "CorralAllocator", dependencies: ["CorralModel"]),
        // The master's state machine (pure) and the actor that carries out its actions.
        .target(
            name: "CorralMaster",
            dependencies: ["CorralModel", "CorralAllocator", .product(name: "Logging", package: "swift-log")]
        ),
        // Agents: containerizer, isolators (cgroups v1/v2, posix), sandboxes, usage sampling.
        .target(
            name: "CorralAgent",
            dependencies: ["CorralModel", .product(name: "Logging", package: "swift-log")]
        ),
        // The framework SDK: the Scheduler protocol and its driver over a pluggable transport.
        .target(
            name: "CorralSDK",
            dependencies: ["CorralModel", .product(name: "Logging", package: "swift-log")]
        ),
        // A master and agents wired together in one process, and the SDK's in-process transport.
        .target(
            name: "CorralCluster",
            dependencies: ["CorralMaster", "CorralAgent", "CorralSDK", .product(name: "Logging", package: "swift-log")]
        ),
        // Test support shared by the test targets: manual clock, fixtures.
        .target(name: "CorralTesting", dependencies: ["CorralModel"]),
        .testTarget(name: "CorralModelTests", dependencies: ["CorralModel"]),
        .testTarget(name: "CorralAllocatorTests", dependencies: ["CorralAllocator"]),
        .testTarget(name: "CorralMasterTests", dependencies: ["CorralMaster"]),
    ],
    swiftLanguageModes: [.v6]
)
