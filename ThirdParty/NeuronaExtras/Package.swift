// swift-tools-version:6.0
//
// NeuronaExtras: a third-party plugin, kept in Neurona's repository to prove that the extension
// points work from outside. It is its own package and depends on Neurona by path, as any other
// package would by URL; it uses Neurona's public API only, and Neurona does not know it.
//
// It adds one of each extension point: a layer (PReLU), a differentiable op (mish), an
// activation (mish, built on the op), an initializer (variance_scaling) and an optimizer (lion),
// and its tests use them from a JSON model. `make test` builds and tests it
// (Scripts/third-party-check.sh).

import PackageDescription

// A path dependency's identity is its folder's name (the checkout's, which varies).
let neurona = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "Neurona"

let package = Package(
    name: "NeuronaExtras",
    products: [
        .library(name: "NeuronaExtras", targets: ["NeuronaExtras"]),
    ],
    dependencies: [
        // Elsewhere: .package(url: "https://github.com/<org>/neurona", from: "1.0.0")
        .package(path: "../.."),
    ],
    targets: [
        .target(
            name: "NeuronaExtras",
            dependencies: [
                .product(name: "NeuronaCore", package: neurona),
                .product(name: "NeuronaAutograd", package: neurona),
                .product(name: "NeuronaLayers", package: neurona),
                .product(name: "NeuronaOptimizers", package: neurona),
            ]
        ),
        .testTarget(
            name: "NeuronaExtrasTests",
            dependencies: [
                "NeuronaExtras",
                .product(name: "NeuronaCore", package: neurona),
                .product(name: "NeuronaAutograd", package: neurona),
                .product(name: "NeuronaLayers", package: neurona),
                .product(name: "NeuronaOptimizers", package: neurona),
                .product(name: "NeuronaLosses", package: neurona),
            ]
        ),
    ]
)
