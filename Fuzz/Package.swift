// swift-tools-version:6.0
// Fuzz targets for Neurona's parsers, outside the main package so that `make test` never builds
// them. Built and run by `make fuzz` (see the Makefile and CONTRIBUTING.md), with
// `-sanitize=fuzzer,address -parse-as-library` given on the command line.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name (`neurona`, or a worktree's name).
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let neurona = root.lastPathComponent.lowercased()

/// One executable per parser, `Sources/<name>/`, whose `<module>_main` runs libFuzzer's driver
/// on one parser (see `FuzzSupport`).
func fuzzer(_ name: String, _ products: [String], extra: [Target.Dependency] = []) -> Target {
    .executableTarget(name: name, dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: neurona) } + extra,
                      path: "Sources/\(name)")
}

let package = Package(
    name: "NeuronaFuzz",
    dependencies: [.package(path: ".."), .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        fuzzer("fuzz-idx", ["NeuronaData"]),
        fuzzer("fuzz-idx-gzip", ["NeuronaData"]),
        fuzzer("fuzz-safetensors", ["NeuronaCore"]),
        fuzzer("fuzz-csv", ["NeuronaData"]),
        fuzzer("fuzz-tar", ["NeuronaData"]),
        fuzzer("fuzz-model-json", ["NeuronaLayers"]),
        fuzzer("fuzz-checkpoint", ["NeuronaTraining", "NeuronaLayers", "NeuronaCore"]),
        // Its second mode wraps the input in a valid zip (ZIPFoundation) to reach the unpickler.
        fuzzer("fuzz-pytorch", ["NeuronaPyTorch", "NeuronaLayers"], extra: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        fuzzer("fuzz-keras", ["NeuronaKeras", "NeuronaTraining", "NeuronaCore"], extra: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)
