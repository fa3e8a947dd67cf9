// swift-tools-version:6.0
//
// Neurona: a deep-learning framework for Swift on Linux.
// The map of this package is ARCHITECTURE.md (and README.md's tour).

import PackageDescription
import Foundation

let package = Package(
    name: "Neurona",
    products: [
        // MARK: - Public modules
        .library(name: "NeuronaCore", targets: ["NeuronaCore"]),
        .library(name: "NeuronaRegistry", targets: ["NeuronaRegistry"]),
        .library(name: "NeuronaAutograd", targets: ["NeuronaAutograd"]),
        .library(name: "NeuronaLayers", targets: ["NeuronaLayers"]),
        .library(name: "NeuronaLosses", targets: ["NeuronaLosses"]),
        .library(name: "NeuronaOptimizers", targets: ["NeuronaOptimizers"]),
        .library(name: "NeuronaData", targets: ["NeuronaData"]),
        .library(name: "NeuronaMetrics", targets: ["NeuronaMetrics"]),
        .library(name: "NeuronaTraining", targets: ["NeuronaTraining"]),
        .library(name: "Neurona", targets: ["Neurona"]),

        // MARK: - Plugins
        .library(name: "NeuronaResidual", targets: ["NeuronaResidual"]),
        .library(name: "NeuronaNormalization", targets: ["NeuronaNormalization"]),
        .library(name: "NeuronaRecurrent", targets: ["NeuronaRecurrent"]),
        .library(name: "NeuronaAttention", targets: ["NeuronaAttention"]),
        .library(name: "NeuronaPictures", targets: ["NeuronaPictures"]),
        .library(name: "NeuronaDistributed", targets: ["NeuronaDistributed"]),
        .library(name: "NeuronaLab", targets: ["NeuronaLab"]),
        .library(name: "NeuronaPyTorch", targets: ["NeuronaPyTorch"]),
        .library(name: "NeuronaONNX", targets: ["NeuronaONNX"]),
        .library(name: "NeuronaKeras", targets: ["NeuronaKeras"]),
        // MARK: - Samples and tools
        .executable(name: "samples", targets: ["SamplesCLI"]),
        .executable(name: "bench", targets: ["Bench"]),
        .executable(name: "distributed-checks", targets: ["DistributedChecks"]),
        .executable(name: "onnx-checks", targets: ["ONNXChecks"]),
        .executable(name: "keras-checks", targets: ["KerasChecks"]),
        .executable(name: "activities", targets: ["ActivitiesCLI"]),
        .executable(name: "neurona-lab", targets: ["NeuronaLabApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The lab's HTTP server (NeuronaLab only): small, pure Swift, no SwiftNIO.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // MARK: - System libraries
        .systemLibrary(
            name: "CLAPACK",
            path: "Modules/CLAPACK",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),

        // Not "CZlib": ZIPFoundation (which the fuzzers in Fuzz/ use to wrap inputs in zips) defines a
        // clang module of that name on Linux, and two module maps of one name in one build do not compile.
        .systemLibrary(
            name: "CSystemZlib",
            path: "Modules/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        .systemLibrary(
            name: "COpenSSLCrypto",
            path: "Modules/COpenSSLCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),

        .systemLibrary(
            name: "CPNG",
            path: "Modules/CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),

        // MARK: - Neurona's own C kernels (imported by NeuronaCore only)
        .target(
            name: "CNeuronaKernels",
            path: "Modules/CNeuronaKernels",
            exclude: ["README.md"]
        ),

        .systemLibrary(
            name: "CMPI",
            path: "Modules/CMPI",
            pkgConfig: "ompi",
            providers: [.apt(["libopenmpi-dev", "openmpi-bin"])]
        ),

        // MARK: - Public modules
        .target(
            name: "NeuronaCore",
            dependencies: [
                "CLAPACK", "CNeuronaKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            path: "Modules/NeuronaCore",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaRegistry",
            path: "Modules/NeuronaRegistry",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaAutograd",
            dependencies: ["NeuronaCore"],
            path: "Modules/NeuronaAutograd",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaLayers",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaRegistry"],
            path: "Modules/NeuronaLayers",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaLosses",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaRegistry"],
            path: "Modules/NeuronaLosses",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaOptimizers",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaRegistry"],
            path: "Modules/NeuronaOptimizers",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaData",
            dependencies: [
                "NeuronaCore", "CSystemZlib",
                .product(name: "CSV", package: "CSV.swift"),
                "COpenSSLCrypto",
            ],
            path: "Modules/NeuronaData",
            exclude: ["README.md"],
            resources: [.copy("Resources")]
        ),

        .target(
            name: "NeuronaMetrics",
            dependencies: ["NeuronaCore", "NeuronaRegistry"],
            path: "Modules/NeuronaMetrics",
            exclude: ["README.md"]
        ),

        .target(
            name: "NeuronaTraining",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses",
                           "NeuronaOptimizers", "NeuronaData", "NeuronaMetrics"],
            path: "Modules/NeuronaTraining",
            exclude: ["README.md"]
        ),

        .target(
            name: "Neurona",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses",
                           "NeuronaOptimizers", "NeuronaData", "NeuronaMetrics", "NeuronaTraining", "NeuronaRegistry"],
            path: "Modules/Neurona"
        ),

        // MARK: - Plugins (public API of the modules only)
        .target(name: "NeuronaResidual", dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaResidual"),
        .target(name: "NeuronaNormalization", dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaNormalization"),
        .target(name: "NeuronaRecurrent", dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaRecurrent"),
        .target(name: "NeuronaAttention", dependencies: ["NeuronaLayers", "NeuronaNormalization", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaAttention"),
        .target(name: "NeuronaPictures", dependencies: ["CPNG", "NeuronaTraining", "NeuronaCore"],
                path: "Plugins/NeuronaPictures", exclude: ["README.md"]),
        .target(name: "NeuronaDistributed", dependencies: ["CMPI", "NeuronaTraining", "NeuronaOptimizers", "NeuronaLayers",
                                                           "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaDistributed", exclude: ["README.md"]),
        // The lab: the playground engine, the computation-graph picture, LiveView and the web server.
        .target(name: "NeuronaLab", dependencies: ["NeuronaTraining", "NeuronaData", "NeuronaLayers", "NeuronaLosses",
                                                   "NeuronaOptimizers", "NeuronaAutograd", "NeuronaCore",
                                                   .product(name: "FlyingFox", package: "FlyingFox")],
                path: "Plugins/NeuronaLab", exclude: ["README.md", "Screenshots"], resources: [.copy("Resources")]),
        // PyTorch checkpoints without Python: torch.save's zip read by a restricted unpickler, and
        // state_dicts (or safetensors) mapped onto Neurona's layers and layouts.
        .target(name: "NeuronaPyTorch", dependencies: ["NeuronaTraining", "NeuronaData", "NeuronaRecurrent", "NeuronaNormalization",
                                                       "NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaPyTorch", exclude: ["README.md"]),
        // ONNX export: Model.export(onnx:) writes an ONNX file, through its own protobuf writer (_Export/Protobuf).
        .target(name: "NeuronaONNX", dependencies: ["NeuronaTraining", "NeuronaNormalization", "NeuronaRecurrent", "NeuronaAttention",
                                                    "NeuronaResidual", "NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaONNX", exclude: ["README.md"]),
        // Keras 3 .keras files both ways: the zip by NeuronaData's ZipArchive and ZipWriter; the weights'
        // HDF5 by its own bounds-checked reader and writer (Plugins/NeuronaKeras/_HDF5), no C library.
        .target(name: "NeuronaKeras", dependencies: ["NeuronaTraining", "NeuronaData", "NeuronaNormalization", "NeuronaRecurrent",
                                                     "NeuronaAttention", "NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
                path: "Plugins/NeuronaKeras", exclude: ["README.md"]),

        // MARK: - Samples
        .target(
            name: "CustomLayers",
            dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
            path: "Samples/CustomLayers"
        ),
        .target(
            name: "Lessons",
            dependencies: ["NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                           "NeuronaData", "NeuronaMetrics", "NeuronaTraining",
                           "NeuronaResidual", "NeuronaNormalization", "NeuronaRecurrent", "NeuronaAttention", "CustomLayers",
                           "NeuronaPictures", "NeuronaDistributed", "NeuronaLab", "NeuronaKeras", "NeuronaPyTorch", "NeuronaONNX",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Samples/Lessons",
            resources: [.copy("Architectures"), .copy("Interop")]
        ),
        .executableTarget(
            name: "SamplesCLI",
            dependencies: [
                "Lessons",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Samples/SamplesCLI"
        ),
        // The lectures' activities (Samples/Activities/README.md): the checker and its exercises'
        // protocols, the files the student edits, the reference solutions (tests only), the command.
        .target(
            name: "ActivityKit",
            dependencies: ["Lessons", "NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                           "NeuronaData", "NeuronaMetrics", "NeuronaTraining"],
            path: "Samples/Activities/ActivityKit",
            resources: [.copy("Pristine")]
        ),
        .target(
            name: "ActivityExercises",
            dependencies: ["ActivityKit", "NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                           "NeuronaData", "NeuronaTraining"],
            path: "Samples/Activities/Exercises"
        ),
        .target(
            name: "ActivitySolutions",
            dependencies: ["ActivityKit", "NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                           "NeuronaData", "NeuronaTraining"],
            path: "Samples/Activities/Solutions"
        ),
        .executableTarget(
            name: "ActivitiesCLI",
            dependencies: ["ActivityKit", "ActivityExercises", "Lessons",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Samples/Activities/ActivitiesCLI"
        ),
        .executableTarget(
            name: "NeuronaLabApp",
            dependencies: ["NeuronaLab", "Lessons", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Samples/Lab"
        ),

        // MARK: - Benchmarks
        .executableTarget(
            name: "Bench",
            dependencies: [
                "NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                "NeuronaData", "NeuronaMetrics", "NeuronaTraining", "CLAPACK", "NeuronaDistributed", "NeuronaLab",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/Bench"
        ),

        // MARK: - Tests
        // Run under `mpirun -np 2` by Scripts/distributed-checks.sh (`make test`): Swift Testing runs in one process.
        .executableTarget(
            name: "DistributedChecks",
            dependencies: ["NeuronaDistributed", "NeuronaTraining", "NeuronaData", "NeuronaLayers", "NeuronaLosses",
                           "NeuronaOptimizers", "NeuronaNormalization", "NeuronaMetrics", "NeuronaAutograd", "NeuronaCore"],
            path: "Tests/DistributedChecks"
        ),
        // Run by Scripts/onnx-checks.sh (`make test`): exports models and Neurona's predictions for onnxruntime to check.
        .executableTarget(
            name: "ONNXChecks",
            dependencies: ["NeuronaONNX", "NeuronaTraining", "NeuronaLayers", "NeuronaNormalization", "NeuronaRecurrent",
                           "NeuronaAttention", "NeuronaResidual", "NeuronaAutograd", "NeuronaCore"],
            path: "Tests/ONNXChecks"
        ),
        // Writes .keras files for Keras to load and compare (Scripts/keras-checks.sh, `make test`).
        .executableTarget(
            name: "KerasChecks",
            dependencies: ["NeuronaKeras", "NeuronaTraining", "NeuronaNormalization", "NeuronaRecurrent", "NeuronaAttention",
                           "NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
            path: "Tests/KerasChecks"
        ),
        .target(
            name: "_NeuronaTestSupport",
            dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore"],
            path: "Tests/_NeuronaTestSupport"
        ),
        .testTarget(
            name: "NeuronaTests",
            dependencies: ["Neurona", "_NeuronaTestSupport"],
            path: "Tests/NeuronaTests"
        ),
        .testTarget(
            name: "NeuronaCoreTests",
            dependencies: ["NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaCoreTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaRegistryTests",
            dependencies: ["NeuronaRegistry", "_NeuronaTestSupport"],
            path: "Tests/NeuronaRegistryTests"
        ),
        .testTarget(
            name: "NeuronaAutogradTests",
            dependencies: ["NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaAutogradTests"
        ),
        .testTarget(
            name: "NeuronaLayersTests",
            dependencies: ["NeuronaLayers", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaLayersTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaLossesTests",
            dependencies: ["NeuronaLosses", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaLossesTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaOptimizersTests",
            dependencies: ["NeuronaOptimizers", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaOptimizersTests"
        ),
        .testTarget(
            name: "NeuronaDataTests",
            dependencies: ["NeuronaData", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaDataTests"
        ),
        .testTarget(
            name: "NeuronaMetricsTests",
            dependencies: ["NeuronaMetrics", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaMetricsTests"
        ),
        .testTarget(
            name: "NeuronaTrainingTests",
            dependencies: ["NeuronaTraining", "NeuronaData", "NeuronaMetrics", "NeuronaLayers", "NeuronaLosses",
                           "NeuronaOptimizers", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaTrainingTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: ["NeuronaResidual", "NeuronaNormalization", "NeuronaRecurrent", "NeuronaAttention",
                           "NeuronaLayers", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/PluginTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaKerasTests",
            dependencies: ["NeuronaKeras", "NeuronaTraining", "NeuronaData", "NeuronaNormalization", "NeuronaRecurrent",
                           "NeuronaAttention", "NeuronaLayers", "NeuronaLosses", "NeuronaMetrics", "NeuronaOptimizers",
                           "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaKerasTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaPicturesTests",
            dependencies: ["NeuronaPictures", "NeuronaTraining", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaPicturesTests"
        ),
        .testTarget(
            name: "NeuronaDistributedTests",
            dependencies: ["NeuronaDistributed", "NeuronaTraining", "NeuronaData", "NeuronaLayers", "NeuronaLosses",
                           "NeuronaOptimizers", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaDistributedTests"
        ),
        .testTarget(
            name: "NeuronaLabTests",
            dependencies: ["NeuronaLab", "Lessons", "NeuronaTraining", "NeuronaData", "NeuronaLayers", "NeuronaAutograd",
                           "NeuronaCore", "_NeuronaTestSupport", .product(name: "FlyingFox", package: "FlyingFox")],
            path: "Tests/NeuronaLabTests"
        ),
        .testTarget(
            name: "NeuronaPyTorchTests",
            dependencies: ["NeuronaPyTorch", "NeuronaTraining", "NeuronaData", "NeuronaRecurrent", "NeuronaNormalization", "NeuronaLayers",
                           "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaPyTorchTests",
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "NeuronaONNXTests",
            dependencies: ["NeuronaONNX", "NeuronaTraining", "NeuronaLayers", "NeuronaNormalization", "NeuronaRecurrent",
                           "NeuronaAttention", "NeuronaResidual", "NeuronaAutograd", "NeuronaCore", "_NeuronaTestSupport"],
            path: "Tests/NeuronaONNXTests"
        ),
        .testTarget(
            name: "SamplesTests",
            dependencies: ["Lessons", "NeuronaCore", "NeuronaData", "NeuronaLayers", "NeuronaAutograd", "CustomLayers", "NeuronaPictures",
                           "_NeuronaTestSupport",
                           "SamplesCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tests/SamplesTests"
        ),
        .testTarget(
            name: "ActivitiesTests",
            dependencies: ["ActivityKit", "ActivityExercises", "ActivitySolutions", "ActivitiesCLI", "Lessons",
                           "NeuronaCore", "NeuronaAutograd", "NeuronaLayers", "NeuronaLosses", "NeuronaOptimizers",
                           "NeuronaData", "NeuronaTraining", "_NeuronaTestSupport"],
            path: "Tests/ActivitiesTests"
        ),
    ],
    swiftLanguageModes: [.v5]
)

// The DocC plugin only when documentation is built (`make docs` sets NEURONA_DOCS=1): resolving it
// and compiling its plugin scripts cost every other build of the package about 10 CPU seconds.
if ProcessInfo.processInfo.environment["NEURONA_DOCS"] != nil {
    package.dependencies.append(.package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"))
}
