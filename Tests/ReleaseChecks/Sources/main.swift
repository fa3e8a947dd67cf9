import NeuronaCore
#if canImport(Glibc)
import Glibc
#endif

// Each case calls a NeuronaCore op the way a user's mistake would; the op stops the program.
// Scripts/release-checks.sh runs every case of a release build and checks the message on stderr.

/// The misuses, by name, as a user could write them.
let cases: [String: () -> Tensor] = [
    "matmul": { Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5])) },
    "affine": { Tensor.affine(Tensor.zeros([2, 5]), Tensor.zeros([4, 3]), Tensor.zeros([3])) },
    "broadcast-add": { Tensor.zeros([2, 3]) + Tensor.zeros([4]) },
    "reshape": { Tensor.zeros([2, 3]).reshaped([4]) },
    "axis": { Tensor.zeros([2, 3]).sum(axes: [2]) },
    "gather": { Tensor.zeros([2, 3]).gather(Tensor([1, 3], shape: [2, 1], dtype: .int64), axis: 1) },
    "index-select": { Tensor.zeros([2, 3]).indexSelect(Tensor([0, 2], shape: [2], dtype: .int64), axis: 0) },
    "concatenate-empty": { Tensor.concatenate([], axis: 0) },
    "int64-exp": { Tensor([1, 2, 3], shape: [3], dtype: .int64).exp() },
    "item": { Tensor(Tensor.zeros([2]).item) },
    "one-hot-fraction": { Tensor([0, 2.5, 1]).oneHot(classes: 3) },
    "one-hot-negative": { Tensor([0, -1], shape: [2], dtype: .int64).oneHot(classes: 3) },
    "max-pool-gradient": {
        Tensor.zeros([1, 1, 1, 1]).maxPoolGradient(winners: Tensor([5], shape: [1, 1, 1, 1], dtype: .int64),
                                                   WindowGeometry(input: (2, 2), kernel: (2, 2), strides: (2, 2), same: false))
    },
    // A setting from the environment: NEURONA_VECTOR_LEVEL with a value no CPU has.
    "vector-level": {
        setenv("NEURONA_VECTOR_LEVEL", "fast", 1)
        _ = KernelPaths.vectorLevel
        return Tensor.zeros([1])
    },
    "none": { Tensor.zeros([2, 3]).matmul(Tensor.zeros([3, 4])) },
]

let arguments = CommandLine.arguments.dropFirst()
// Not a misuse: which OpenBLAS kernels run (what OpenBLAS picked, what Neurona chose instead).
if arguments.first == "blas-core" {
    print("\(BLAS.coreName) loaded=\(BLAS.coreLoaded) chosen=\(BLAS.coreChosenByNeurona ?? "-")")
    exit(0)
}
// Not a misuse: how much CPU OpenBLAS's idle workers burn in the 200 ms after a product on every
// core (they spin unless told to sleep: BLAS+IdleThreads.swift).
if arguments.first == "blas-idle" {
    BLAS.parallelThreshold = 0
    let a = Tensor.ones([256, 256])
    _ = a.matmul(a)
    func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
    let before = cpuSeconds()
    usleep(200_000)
    let idleMilliseconds = (cpuSeconds() - before) * 1000
    print("idle-cpu-ms=\(Int(idleMilliseconds.rounded())) threads=\(BLAS.maximumThreads) set-by-neurona=\(BLAS.idleThreadTimeoutSetByNeurona)")
    exit(0)
}
guard let name = arguments.first, let misuse = cases[name] else {
    print("usage: release-checks <case>; cases: \(cases.keys.sorted().joined(separator: ", "))")
    exit(2)
}
let result = misuse()
print("\(name): no stop, result of shape \(result.shape)")
