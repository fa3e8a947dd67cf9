// swift-tools-version:6.0
//
// A tiny executable built in the release configuration that stops on a chosen misuse of NeuronaCore, so
// that Scripts/release-checks.sh can assert that the op-and-shapes message reaches stderr in
// release builds too (Swift's `precondition` drops its message under -O; `checkPrecondition`
// does not). It depends on the root package by path and builds only NeuronaCore and its
// dependency swift-numerics' RealModule.

import PackageDescription

// A path dependency's identity is its folder's name (the checkout's, which varies).
let root = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "Neurona"

let package = Package(
    name: "ReleaseChecks",
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "release-checks",
            dependencies: [.product(name: "NeuronaCore", package: root)],
            path: "Sources"
        ),
    ]
)
