// swift-tools-version: 6.0
// A framework in a package of its own, built on Corral's SDK library by path: a parallel xargs
// that runs each line of standard input as a task on a master over HTTP (a `corral master`, or
// an Apache Mesos master: the SDK speaks Mesos's v1 scheduler API).
import Foundation
import PackageDescription

// A path dependency is known by its directory's name, whatever the clone is called.
let corral = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "ParallelXargs",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: corral.path),
    ],
    targets: [
        .executableTarget(
            name: "parallel-xargs",
            dependencies: [.product(name: "CorralSDK", package: corral.lastPathComponent.lowercased())]
        ),
    ],
    swiftLanguageModes: [.v6]
)
