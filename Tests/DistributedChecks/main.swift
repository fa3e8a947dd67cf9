// distributed-checks: the checks of NeuronaDistributed that need several processes, run by
// Scripts/distributed-checks.sh (`make test`) as `mpirun -np 2 distributed-checks <case>`.
// Swift Testing runs every test in one process, so these live in an executable.
//
// Cases:
//   collectives   every collective on float32, float64 and int64 against hand-computed values,
//                 and the typed errors of misuse
//   training      2 ranks × 16 against 1 process × 32 (computed on rank 0 in the same run), weights
//                 bit-identical across ranks after every epoch, batch-norm buffers, checkpoints
//                 written by rank 0 only and resumed under 2 ranks and under 1 process
//   kill          rank 1 kills itself (SIGKILL) while rank 0 is in collectives: the job must end
//   hang          rank 1 stops answering (sleeps): rank 0's collective times out after 2 s
//   mismatch      rank 1 has another number of examples, then another batch size: both ranks
//                 throw the typed error naming rank 1 and the field before the first step
//   error-training rank 1's data does not fit the model: its fit throws, and the whole job ends
//                 at once with rank 1's message (DataParallel.trainingFailed)
//   hang-training rank 1 stops answering in the middle of fit: rank 0's gradient allreduce (a
//                 blocking call under the watchdog) ends the process after 2 s with the message
//   ordered <folder>  the ordered sum (reduction: .ordered): an MLP, an MLP with batch
//                 normalization and a small CNN trained on this world; rank 0 writes their weights
//                 to <folder>/<ranks>.safetensors and compares their bits with every file already
//                 there (the script runs 1 process, then 2 and 4 ranks); 1 process also checks
//                 the ordered sum against plain fit (rounding only) and microShard = batch (bits)
//   ordered-ranks the ordered sum on 3 ranks: every rank throws the typed error naming the size
//   sharded       each rank holds its own part (DataParallel(data: .sharded(...))): .keep, .pad
//                 and .drop each train the bits of replicated data on the equivalent whole data
//                 set (its global batches are the ranks' parts side by side); shuffled, the ranks'
//                 generators stay in step
//   sharded-mismatch  parts that cannot be reconciled, a batch that does not split, the ordered
//                 sum on sharded data, one rank sharded and one not: every rank throws the typed
//                 error naming the rank and the field, before the first step
//   exit-collective  rank 1's program calls exit(0) after 3 allreduces while rank 0 keeps calling
//                 them: rank 0 names rank 1 and ends the job at once (the world's timeout is 60 s)
//   exit-training rank 1 calls exit(0) in a callback at batch 3 of fit: rank 0, blocked in the
//                 gradient allreduce, names rank 1 and ends the job
//   exit-late     rank 0 works 2 s alone after the last collective (writing a model): rank 1
//                 waits for it at exit and the job ends with status 0
//   timeout       a world timeout of 2 s: an allReduce(timeout: 10) outlasts a peer 3 s late;
//                 an allReduce(timeout: 0.5) throws the timeout naming 0.5 s
//   hosts <folder> <epochs>  run by Scripts/netns-hosts-check.sh, as 1 process and on two network
//                 namespaces: the MLP with the ordered sum, not shuffled, a checkpoint after each
//                 epoch (rank 0); rank 0 writes the weights to <folder>/<ranks>.safetensors and
//                 compares with 1.safetensors; a collective's timeout (5 s; the link cut) prints
//                 "stopped by the timeout" and ends the rank with status 3
//   hosts-resume <folder>  one process resumes <folder>/checkpoint for one more epoch and
//                 compares with one process trained straight to that epoch, bit for bit
//   cost <mlp|cnn> <fast|ordered> <epochs>  not a check: the workload whose instructions
//                 (valgrind --tool=callgrind) and seconds the module's README reports for each
//                 reduction: a wine-shaped MLP (142 examples, 13-32-3) or a small CNN (128 images
//                 of 16×16), global batch 32, Adam
// Each rank prints `ok ...` or `FAIL ...` lines; the exit status is non-zero when a check failed.

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaDistributed
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaNormalization
import NeuronaOptimizers
import NeuronaTraining

setvbuf(stdout, nil, _IOLBF, 0)
let arguments = CommandLine.arguments.dropFirst()
let scenario = arguments.first ?? "collectives"
// Short timeouts where a check waits for one (a hung rank, a cut link).
let world = try Distributed.initialize(timeout: scenario.hasPrefix("hang") || scenario == "timeout" ? 2 : scenario == "hosts" ? 5 : 60)
var failures = 0

func report(_ passed: Bool, _ what: String) {
    print("\(passed ? "ok  " : "FAIL") rank \(world.rank): \(what)")
    if !passed { failures += 1 }
}

func expectEqual(_ tensor: Tensor, _ expected: [Double], shape: [Int]? = nil, _ what: String) {
    let shapeOK = shape.map { $0 == tensor.shape } ?? true
    report(shapeOK && tensor.doubles == expected, "\(what) = \(tensor.doubles) \(tensor.shape) (expected \(expected))")
}

func expectThrows(_ what: String, _ body: () throws -> Void) {
    do {
        try body()
        report(false, "\(what): no error")
    } catch let error as DistributedError {
        if case .invalidArgument = error { report(true, "\(what): \(error)") } else { report(false, "\(what): \(error)") }
    } catch {
        report(false, "\(what): unexpected \(error)")
    }
}

// MARK: - Collectives

func checkCollectives() throws {
    guard world.size == 2 else { report(false, "collectives need 2 ranks, got \(world.size)"); return }
    let r = world.rank
    // Rank 0 holds [1, 2, -3], rank 1 holds [10, 20, 30]: sums [11, 22, 27], means [5.5, 11, 13.5]
    // (int64: [5, 11, 13], truncated), maxima [10, 20, 30].
    let mine: [Double] = r == 0 ? [1, 2, -3] : [10, 20, 30]
    for dtype in [DType.float32, .float64, .int64] {
        let t = Tensor(mine, shape: [3], dtype: dtype)
        expectEqual(try world.allReduce(t, .sum), [11, 22, 27], "allReduce sum \(dtype)")
        expectEqual(try world.allReduce(t, .mean), dtype == .int64 ? [5, 11, 13] : [5.5, 11, 13.5], "allReduce mean \(dtype)")
        expectEqual(try world.allReduce(t, .max), [10, 20, 30], "allReduce max \(dtype)")
        let result = try world.allReduce(t, .sum)
        report(result.dtype == dtype, "allReduce keeps \(dtype)")
        // Rank 1's [7, 8, 9] on both ranks.
        let b = Tensor(r == 1 ? [7, 8, 9] : [0, 0, 0], shape: [3], dtype: dtype)
        expectEqual(try world.broadcast(b, root: 1), [7, 8, 9], "broadcast from rank 1 \(dtype)")
        // Rank 0 one row [1, 2], rank 1 two rows [3, 4], [5, 6]: three rows in rank order.
        let g = r == 0 ? Tensor([1, 2], shape: [1, 2], dtype: dtype) : Tensor([3, 4, 5, 6], shape: [2, 2], dtype: dtype)
        expectEqual(try world.allGather(g), [1, 2, 3, 4, 5, 6], shape: [3, 2], "allGather \(dtype)")
        // Rank 0 [1, 2, 3, 4], rank 1 [10, 20, 30, 40]: sums [11, 22 | 33, 44], rank r keeps half r.
        let s = Tensor(r == 0 ? [1, 2, 3, 4] : [10, 20, 30, 40], shape: [4], dtype: dtype)
        expectEqual(try world.reduceScatter(s, .sum), r == 0 ? [11, 22] : [33, 44], shape: [2], "reduceScatter sum \(dtype)")
        expectEqual(try world.reduceScatter(s, .max), r == 0 ? [10, 20] : [30, 40], "reduceScatter max \(dtype)")
        expectEqual(try world.reduceScatter(s, .mean), r == 0 ? (dtype == .int64 ? [5, 11] : [5.5, 11]) : [16.5, 22].map { dtype == .int64 ? $0.rounded(.down) : $0 },
                    "reduceScatter mean \(dtype)")
    }
    // A 2-D reduceScatter splits along the first axis: [[r, r], [r+1, r+1]] summed is [[1, 1], [3, 3]].
    let m = Tensor(r == 0 ? [0, 0, 1, 1] : [1, 1, 2, 2], shape: [2, 2], dtype: .float32)
    expectEqual(try world.reduceScatter(m), r == 0 ? [1, 1] : [3, 3], shape: [1, 2], "reduceScatter 2-D")
    // A 0-D tensor gathers into one row per rank.
    expectEqual(try world.allGather(Tensor(Double(r + 1), dtype: .float64)), [1, 2], shape: [2], "allGather of scalars")
    try world.barrier()
    report(true, "barrier")
    // Misuse: typed errors, on every rank, and the world stays usable.
    expectThrows("allReduce of bool") { _ = try world.allReduce(Tensor([true, false], shape: [2])) }
    expectThrows("reduceScatter of 3 rows on 2 ranks") { _ = try world.reduceScatter(Tensor([1, 2, 3], shape: [3])) }
    expectThrows("broadcast from rank 5") { _ = try world.broadcast(Tensor([1], shape: [1]), root: 5) }
    expectThrows("allGather of rows of 2 and 3 values") {
        _ = try world.allGather(Tensor.zeros([1, r == 0 ? 2 : 3]))
    }
    expectThrows("allReduce with timeout -1") { _ = try world.allReduce(Tensor([1], shape: [1]), timeout: -1) }
    expectEqual(try world.allReduce(Tensor([1], shape: [1]), .sum), [2], "allReduce after the errors")
}

// MARK: - Training

/// 201 examples of 12 features in 3 classes (201 = 6·32 + 9: a last global batch split 4/5).
func data(seed: UInt64) -> (x: Tensor, y: Tensor) {
    var generator = RandomGenerator(seed: seed)
    let x = Tensor.normal([201, 12], using: &generator)
    let w = Tensor.normal([12, 3], using: &generator)
    return (x, x.matmul(w).argmax(axis: 1))
}

func makeModel(batchNorm: Bool = false, optimizer: any Optimizer) throws -> Model {
    var layers: [any Layer] = [Dense(units: 24, activation: .relu)]
    if batchNorm { layers.append(BatchNormalization()) }
    layers.append(Dense(units: 3, activation: .softmax))
    let model = Model(try Sequential(layers, inputShape: [12], seed: 7), seed: 11)
    model.compile(optimizer: optimizer, loss: SparseCategoricalCrossentropy(), metrics: [Accuracy()])
    return model
}

/// Largest |a − b| over the tensors of two weight sets, and whether they are the same bits.
func weightDifference(_ a: [String: Tensor], _ b: [String: Tensor]) -> (absolute: Double, bitExact: Bool) {
    var absolute = 0.0, exact = true
    for (name, ta) in a {
        let x = ta.doubles, y = b[name]!.doubles
        absolute = max(absolute, zip(x, y).map { abs($0 - $1) }.max() ?? 0)
        if x != y { exact = false }
    }
    return (absolute, exact)
}

/// One process, batch 32, the same seeds: the float32 model and its History, and how far float32
/// rounding carried it on this machine's kernels: the same training in float64 from the same
/// start, `roundingError` = max|w32 − w64| and `lossRoundingError` = max over epochs |loss32 − loss64|.
///
/// The tolerances of the comparisons with several ranks come from these, not from one machine's
/// result. Two float32 runs that sum each batch's per-example gradients in other orders (one
/// product over 32 rows, against two over 16 rows and a sum across ranks) differ by rounding
/// alone: each makes as many roundings, so each is about `roundingError` from the float64 run,
/// and |a − b| ≤ |a − w64| + |b − w64| ≈ 2·roundingError. The checks allow 4×, room for the
/// second run's error to be twice the first's. A real fault (a missing ÷2 in the average, a shard
/// counted twice, a step lost) moves the weights by a whole gradient step, orders of magnitude above.
func singleProcessReference(epochs: Int, batchNorm: Bool = false, optimizer makeOptimizer: () -> any Optimizer,
                            x: Tensor, y: Tensor) throws -> (model: Model, history: History, roundingError: Double, lossRoundingError: Double) {
    let single = try makeModel(batchNorm: batchNorm, optimizer: makeOptimizer())
    let history = try single.fit(x: x, y: y, epochs: epochs, batchSize: 32, verbose: .silent)
    let precise = try makeModel(batchNorm: batchNorm, optimizer: makeOptimizer())
    precise.network.convertParameters(to: .float64)
    let preciseHistory = try precise.fit(x: x.converted(to: .float64), y: y, epochs: epochs, batchSize: 32, verbose: .silent)
    let lossError = zip(history["loss"], preciseHistory["loss"]).map { abs($0 - $1) }.max()!
    return (single, history, weightDifference(precise.network.weights(), single.network.weights()).absolute, lossError)
}

/// After every epoch: every parameter and buffer bit-identical on both ranks (gathered and compared).
final class ReplicaComparison: Callback {
    var epochsChecked = 0
    var mismatches: [String] = []
    override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        for (name, tensor) in model.network.weights().sorted(by: { $0.key < $1.key }) {
            let all = try world.allGather(tensor.reshaped([1, tensor.count]))
            let rows = (0..<world.size).map { all[$0].withUnsafeRawBytes { Array($0) } }
            if rows.contains(where: { $0 != rows[0] }) { mismatches.append("epoch \(epoch) \(name)") }
        }
        epochsChecked += 1
    }
}

/// Counts its calls: a file-writing callback must run on rank 0 only.
final class CountingWriter: Callback, PrimaryOnlyCallback {
    var epochs = 0
    override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws { epochs += 1 }
}

func checkTraining() throws {
    let (x, y) = data(seed: 3)
    let strategy = DataParallel(world, bucketCapacityBytes: 512)   // several buckets for a 12·24+24+24·3+3 = 387-weight model
    for (label, makeOptimizer) in [("SGD momentum 0.9", { SGD(learningRate: 0.1, momentum: 0.9) as any Optimizer }),
                                   ("Adam", { Adam(learningRate: 0.01) as any Optimizer })] {
        let model = try makeModel(optimizer: makeOptimizer())
        let comparison = ReplicaComparison()
        let history = try model.fit(x: x, y: y, epochs: 5, batchSize: 32, callbacks: [comparison], verbose: .silent,
                                    strategy: strategy)
        report(comparison.mismatches.isEmpty && comparison.epochsChecked == 5,
               "\(label): weights bit-identical across ranks after each of \(comparison.epochsChecked) epochs \(comparison.mismatches)")
        report(strategy.bucketCount > 1, "\(label): gradients averaged in \(strategy.bucketCount) buckets of ≤ 512 bytes")
        // The reference: one process, batch 32, same seeds (rank 0 alone; rank 1 waits at the barrier).
        if world.rank == 0 {
            let reference = try singleProcessReference(epochs: 5, optimizer: makeOptimizer, x: x, y: y)
            let d = weightDifference(reference.model.network.weights(), model.network.weights())
            // 4 × the float32 run's own rounding error against float64 (singleProcessReference says why).
            report(d.absolute <= 4 * reference.roundingError,
                   "\(label): 2 ranks × 16 vs 1 process × 32 after 5 epochs: max |Δw| = \(d.absolute) ≤ 4 × \(reference.roundingError) (1 process's float32 rounding against float64), bit-exact: \(d.bitExact)")
            let lossGap = zip(reference.history["loss"], history["loss"]).map { abs($0 - $1) }.max()!
            let accuracyGap = zip(reference.history["accuracy"], history["accuracy"]).map { abs($0 - $1) }.max()!
            // The loss by the same rule as the weights; the accuracy counts predictions, which
            // rounding of that size does not flip on these well-separated classes.
            report(lossGap <= 4 * reference.lossRoundingError && accuracyGap == 0,
                   "\(label): History's global loss and accuracy match one process's (max loss gap \(lossGap) ≤ 4 × \(reference.lossRoundingError), accuracy gap \(accuracyGap); accuracy \(history["accuracy"].last!))")
        }
        try world.barrier()
    }

    // Batch normalization: each rank normalizes its batch with its own shard's statistics
    // (so results differ from one process); the running statistics are averaged after each epoch.
    let bnModel = try makeModel(batchNorm: true, optimizer: SGD(learningRate: 0.05))
    let comparison = ReplicaComparison()
    try bnModel.fit(x: x, y: y, epochs: 2, batchSize: 32, callbacks: [comparison], verbose: .silent, strategy: strategy)
    report(comparison.mismatches.isEmpty, "batch norm: weights and running statistics bit-identical across ranks after each epoch \(comparison.mismatches)")
    if world.rank == 0 {
        let reference = try singleProcessReference(epochs: 2, batchNorm: true, optimizer: { SGD(learningRate: 0.05) }, x: x, y: y)
        let d = weightDifference(reference.model.network.weights(), bnModel.network.weights())
        // Beyond what rounding explains (the bound of the checks above): the statistics differ.
        report(d.absolute > 4 * reference.roundingError,
               "batch norm: local per-rank statistics make 2 ranks differ from 1 process (max |Δw| \(d.absolute) > 4 × \(reference.roundingError), as documented)")
    }
    try world.barrier()

    // Checkpoints: rank 0 writes, rank 1 does not; resuming under 2 ranks and under 1 process
    // both continue the uninterrupted run.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("distributed-checks-\(getppid())")
    // Removed by rank 0 however this case ends, after the last barrier on the way out (the other
    // ranks load from it until then); a throw on the way leaves nothing behind either.
    defer { if world.isPrimary { try? FileManager.default.removeItem(at: folder) } }
    let writer = CountingWriter()
    let first = try makeModel(optimizer: Adam(learningRate: 0.01))
    try first.fit(x: x, y: y, epochs: 2, batchSize: 32, callbacks: [writer], verbose: .silent, strategy: strategy)
    report(writer.epochs == (world.rank == 0 ? 2 : 0), "file-writing callbacks run on rank 0 only (\(writer.epochs) calls here)")
    // Saved after `fit` returns: a ModelCheckpoint written during `fit` stores the model's
    // generator as it was when `fit` began (NeuronaTraining's behaviour in one process too).
    if world.isPrimary { try first.save(to: folder) }
    try world.barrier()
    let resumed = try Model.load(from: folder)
    try resumed.fit(x: x, y: y, epochs: 4, batchSize: 32, verbose: .silent, initialEpoch: resumed.completedEpochs, strategy: strategy)
    let straight = try makeModel(optimizer: Adam(learningRate: 0.01))
    try straight.fit(x: x, y: y, epochs: 4, batchSize: 32, verbose: .silent, strategy: strategy)
    let d2 = weightDifference(straight.network.weights(), resumed.network.weights())
    report(d2.bitExact, "checkpoint of epoch 2 resumed under 2 ranks to epoch 4 = uninterrupted 2-rank run (bit-exact: \(d2.bitExact), max |Δw| \(d2.absolute))")
    if world.rank == 0 {
        let alone = try Model.load(from: folder)
        try alone.fit(x: x, y: y, epochs: 4, batchSize: 32, verbose: .silent, initialEpoch: alone.completedEpochs)
        let d1 = weightDifference(straight.network.weights(), alone.network.weights())
        let reference = try singleProcessReference(epochs: 4, optimizer: { Adam(learningRate: 0.01) }, x: x, y: y)
        // Epochs 3–4 summed by 1 process instead of 2 ranks: rounding alone, bounded as above.
        report(d1.absolute <= 4 * reference.roundingError,
               "checkpoint of 2 ranks resumed by 1 process to epoch 4: max |Δw| \(d1.absolute) ≤ 4 × \(reference.roundingError) from the 2-rank run")
    }
    try world.barrier()
}

// MARK: - Failures

/// Rank 1 dies (SIGKILL, no goodbye) after 3 allreduces; rank 0 keeps calling them.
func checkKill() throws {
    for step in 1...1_000_000 {
        if world.rank == 1 && step == 4 {
            print("rank 1: killing itself (SIGKILL) at \(Date().timeIntervalSince1970)")
            kill(getpid(), SIGKILL)
        }
        _ = try world.allReduce(Tensor([1], shape: [1]))
        if step % 10 == 0 { usleep(1000) }
    }
    report(false, "rank \(world.rank) finished 10⁶ allreduces with a dead peer")
}

/// Rank 1 stops answering (sleeps 60 s); rank 0's allreduce throws after the 2 s timeout.
func checkHang() throws {
    if world.rank == 1 {
        sleep(60)
        return
    }
    let start = Date(), cpuStart = cpuSeconds()
    do {
        _ = try world.allReduce(Tensor([1], shape: [1]))
        report(false, "allReduce returned with a silent peer")
    } catch {
        // The wait naps instead of spinning a core (World.wait): CPU time well under the wait.
        print("rank 0: error after \(String(format: "%.1f", Date().timeIntervalSince(start))) s, "
              + "\(String(format: "%.2f", cpuSeconds() - cpuStart)) s of CPU: \(error)")
        exit(3)
    }
}

/// This process's CPU time (user and system), in seconds.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Rank 1's data has 11 features where the model takes 12: its `fit` throws at once, and
/// `DataParallel` ends the job on every rank with rank 1's message instead of leaving rank 0
/// waiting in the start-up broadcast until the timeout (60 s here).
func checkErrorInTraining() throws {
    var (x, y) = data(seed: 3)
    if world.rank == 1 { x = x.slice(axis: 1, start: 0, end: 11) }
    let model = try makeModel(optimizer: SGD(learningRate: 0.1))
    try model.fit(x: x, y: y, epochs: 1, batchSize: 32, verbose: .silent, strategy: DataParallel(world))
    report(false, "fit returned on rank \(world.rank) although rank 1's data does not fit the model")
}

/// Rank 1 has one example fewer, then another batch size: before the first step both ranks throw
/// the same typed error naming rank 1 and the field (DataParallel.checkAgreement), in well under
/// the 60 s timeout, where they once trained on silently or waited for the timeout.
func checkMismatch() throws {
    let (x, y) = data(seed: 3)
    let strategy = DataParallel(world)
    let short = world.rank == 1 ? (x.slice(axis: 0, start: 0, end: 200), y.slice(axis: 0, start: 0, end: 200)) : (x, y)
    for (label, rows, batchSize, expected) in [("one example fewer", short, 32, "rank 1 has 200 examples, rank 0 has 201: DataParallel needs the same data on every rank"),
                                               ("another batch size", (x, y), world.rank == 1 ? 16 : 32, "rank 1's batch size is 16, rank 0's is 32")] {
        let start = Date()
        do {
            try makeModel(optimizer: SGD(learningRate: 0.1)).fit(x: rows.0, y: rows.1, epochs: 1, batchSize: batchSize, verbose: .silent, strategy: strategy)
            report(false, "\(label): fit trained although the ranks differ")
        } catch let error as DistributedError {
            report(error.description.hasPrefix(expected) && Date().timeIntervalSince(start) < 10,
                   "\(label): \(error) (after \(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
        }
    }
}

/// Rank 1 stops answering after its third batch; rank 0 is then stuck in the gradient allreduce.
final class Stall: Callback {
    override func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {
        if world.rank == 1 && batch == 3 { sleep(60) }
    }
}

func checkHangInTraining() throws {
    let (x, y) = data(seed: 3)
    let model = try makeModel(optimizer: SGD(learningRate: 0.1))
    try model.fit(x: x, y: y, epochs: 1, batchSize: 32, callbacks: [Stall()], verbose: .silent, strategy: DataParallel(world))
    report(false, "fit returned with a silent peer")
}

// MARK: - Ordered sum

/// 96 images of 8×8 pixels in 2 classes (a bright left or right half), for a small CNN.
func images(seed: UInt64) -> (x: Tensor, y: Tensor) {
    var generator = RandomGenerator(seed: seed)
    let noise = Tensor.normal([96, 8, 8, 1], using: &generator)
    let labels = (0..<96).map { Int64($0 % 3 == 0 ? 1 : 0) }
    let halves: [Double] = (0..<96).flatMap { i in (0..<64).map { pixel -> Double in (pixel % 8 < 4) == (labels[i] == 0) ? 1 : 0 } }
    return (noise * 0.5 + Tensor(halves, shape: [96, 8, 8, 1], dtype: .float32), Tensor(labels, shape: [96]))
}

/// The three models of the ordered check, trained on this world with `reduction`; their weights
/// and buffers by "<model>.<name>".
func trainOrdered(_ reduction: GradientReduction, strategy makeStrategy: (GradientReduction) -> DataParallel?) throws -> [String: Tensor] {
    let (x, y) = data(seed: 3)
    let (images, labels) = images(seed: 5)
    var weights: [String: Tensor] = [:]
    let runs: [(String, () throws -> Model, Tensor, Tensor, Int)] = [
        ("mlp", { try makeModel(optimizer: Adam(learningRate: 0.01)) }, x, y, 3),
        ("batchnorm", { try makeModel(batchNorm: true, optimizer: SGD(learningRate: 0.05, momentum: 0.9)) }, x, y, 2),
        ("cnn", {
            let model = Model(try Sequential([Conv2D(filters: 4, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
                                              Flatten(), Dense(units: 2, activation: .softmax)], inputShape: [8, 8, 1], seed: 9), seed: 13)
            model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(), metrics: [Accuracy()])
            return model
        }, images, labels, 2),
    ]
    for (name, make, x, y, epochs) in runs {
        let model = try make()
        let comparison = ReplicaComparison()
        let strategy = makeStrategy(reduction)
        try model.fit(x: x, y: y, epochs: epochs, batchSize: 32, callbacks: strategy == nil ? [] : [comparison],
                      verbose: .silent, strategy: strategy)
        if strategy != nil && world.size > 1 {
            report(comparison.mismatches.isEmpty, "\(name) \(reduction): weights and buffers bit-identical across \(world.size) ranks after each epoch \(comparison.mismatches)")
        }
        for (key, tensor) in model.network.weights() { weights[name + "." + key] = tensor }
    }
    return weights
}

/// The weights' bit patterns, tensor by tensor.
func bits(_ weights: [String: Tensor]) -> [String: [UInt8]] {
    weights.mapValues { tensor in tensor.withUnsafeRawBytes { Array($0) } }
}

func checkOrdered(folder: URL) throws {
    let ordered = try trainOrdered(.ordered) { DataParallel(world, reduction: $0) }
    guard world.isPrimary else { return }
    if world.size == 1 {
        // The ordered sum is the gradient of the batch's mean loss: against plain fit (one pass
        // of 32) it differs by rounding alone, bounded as the 2-rank check above bounds it.
        let plain = try trainOrdered(.fast) { _ in nil }
        let (x, y) = data(seed: 3)
        let reference = try singleProcessReference(epochs: 3, optimizer: { Adam(learningRate: 0.01) }, x: x, y: y)
        let mlp = { (w: [String: Tensor]) in w.filter { $0.key.hasPrefix("mlp.") } }
        let d = weightDifference(mlp(plain), mlp(ordered))
        report(d.absolute <= 4 * reference.roundingError,
               "mlp ordered(microShard: 8) vs plain fit after 3 epochs: max |Δw| = \(d.absolute) ≤ 4 × \(reference.roundingError) (plain fit's float32 rounding against float64)")
        // Micro-shards as large as the batch: one pass per batch, a tree of one leaf, scaled by
        // 1: exactly plain fit's arithmetic, so the same bits.
        let whole = try trainOrdered(.ordered(microShard: 32)) { DataParallel(world, reduction: $0) }
        report(bits(whole) == bits(plain), "ordered(microShard: 32) = plain fit bit for bit on all three models")
    }
    let mine = bits(ordered)
    for rankCount in [1, 2, 4, 8] where rankCount != world.size {
        let file = folder.appendingPathComponent("\(rankCount).safetensors")
        guard FileManager.default.fileExists(atPath: file.path) else { continue }
        let other = bits(try Safetensors.decode(Data(contentsOf: file), file: file.path).tensors)
        let differing = mine.keys.filter { mine[$0] != other[$0] }.sorted()
        report(Set(other.keys) == Set(mine.keys) && differing.isEmpty,
               "ordered(microShard: 8): \(world.size) ranks = \(rankCount) \(rankCount == 1 ? "process" : "ranks") bit for bit on \(mine.count) tensors of 3 models \(differing)")
    }
    try Safetensors.encode(ordered).write(to: folder.appendingPathComponent("\(world.size).safetensors"), options: .atomic)
}

/// The ordered sum needs a power-of-two world: on 3 ranks every rank's fit throws the typed
/// error naming the size, before the first step.
func checkOrderedRanks() throws {
    let (x, y) = data(seed: 3)
    do {
        try makeModel(optimizer: SGD(learningRate: 0.1)).fit(x: x, y: y, epochs: 1, batchSize: 32, verbose: .silent,
                                                             strategy: DataParallel(world, reduction: .ordered))
        report(false, "ordered on \(world.size) ranks: fit trained")
    } catch let error as DistributedError {
        report(error.description.contains("a world of 3 ranks") && error.description.contains("power-of-two"), "ordered on 3 ranks: \(error)")
    }
}

// MARK: - Sharded data

/// Rank `rank`'s part of the rows of `x`, `y` under a hand-made split: for each global batch of
/// 32 of the whole set (in order), rank 0 takes its first `first` rows and rank 1 the rest.
func part(_ x: Tensor, _ y: Tensor, rows: [Int]) -> (x: Tensor, y: Tensor) {
    let indices = Tensor(rows.map(Int64.init), shape: [rows.count])
    return (x.indexSelect(indices), y.indexSelect(indices))
}

/// Trains the MLP (Adam, 3 epochs, global batch 32) on this world; its weights.
func trainMLP(_ x: Tensor, _ y: Tensor, shuffle: Bool, data: DataPlacement, callbacks: [Callback] = []) throws -> Model {
    let model = try makeModel(optimizer: Adam(learningRate: 0.01))
    try model.fit(x: x, y: y, epochs: 3, batchSize: 32, shuffle: shuffle, callbacks: callbacks, verbose: .silent,
                  strategy: DataParallel(world, data: data))
    return model
}

/// Each rank holds its own part. Unshuffled, step k of a sharded run trains rank 0's rows
/// 16k ..< 16k + 16 of its part and rank 1's of its part; replicated data whose global batch k
/// is those 32 rows side by side (rank 0's first: the contiguous shards) trains the same rows on
/// the same ranks, in the same matrices and the same allreduce: the same bits.
func checkSharded() throws {
    guard world.size == 2 else { report(false, "sharded needs 2 ranks, got \(world.size)"); return }
    let (x, y) = data(seed: 3)
    /// The whole set's rows that make the same global batches as the ranks' parts `parts`
    /// walked by steps of 16 per rank (each part's rows in epoch order).
    func sideBySide(_ parts: [[Int]]) -> [Int] {
        let longest: Int = parts.map(\.count).max()!
        let steps = (longest + 15) / 16
        return (0..<steps).flatMap { (k: Int) -> [Int] in
            parts.flatMap { (part: [Int]) -> ArraySlice<Int> in part[Swift.min(16 * k, part.count) ..< Swift.min(16 * k + 16, part.count)] }
        }
    }
    // keep: the split replicated data makes of 201 rows (6 batches of 32, then 9 as 4 + 5):
    // rank 0 has 100 rows, rank 1 has 101: 7 steps each.
    let batches = (0..<7).map { k in 32 * k ..< min(32 * k + 32, 201) }
    let keepParts = [batches.flatMap { $0.prefix($0.count / 2) }, batches.flatMap { $0.suffix($0.count - $0.count / 2) }]
    // pad and drop: rank 0 has rows 0 ..< 100, rank 1 rows 100 ..< 190 (90). Padded, rank 1's
    // epoch is its 90 rows and its first 10 again; dropped, rank 0's is its first 90.
    let unevenParts = [Array(0..<100), Array(100..<190)]
    let cases: [(UnevenShards, [[Int]], [[Int]])] = [
        (.keep, keepParts, keepParts),
        (.pad, unevenParts, [unevenParts[0], unevenParts[1] + unevenParts[1].prefix(10)]),
        (.drop, unevenParts, [Array(unevenParts[0].prefix(90)), unevenParts[1]]),
    ]
    for (uneven, parts, epochs) in cases {
        let mine = part(x, y, rows: parts[world.rank])
        let sharded = try trainMLP(mine.x, mine.y, shuffle: false, data: .sharded(uneven))
        let whole = part(x, y, rows: sideBySide(epochs))
        let replicated = try trainMLP(whole.x, whole.y, shuffle: false, data: .replicated)
        let d = weightDifference(replicated.network.weights(), sharded.network.weights())
        report(d.bitExact, "sharded(\(uneven)) with parts of \(parts.map(\.count)) = replicated data of \(whole.x.shape[0]) rows side by side, bit for bit (max |Δw| \(d.absolute))")
    }
    // Shuffled: each rank draws its own order, the weights stay bit-identical across ranks after
    // every epoch, and the generators (drawn over the largest part) end in the same state.
    let mine = part(x, y, rows: unevenParts[world.rank])
    let comparison = ReplicaComparison()
    let shuffled = try trainMLP(mine.x, mine.y, shuffle: true, data: .sharded, callbacks: [comparison])
    report(comparison.mismatches.isEmpty && comparison.epochsChecked == 3,
           "sharded(pad), shuffled: weights bit-identical across ranks after each of \(comparison.epochsChecked) epochs \(comparison.mismatches)")
    let state = Tensor(shuffled.generator.state.map { Int64(bitPattern: $0) }, shape: [1, shuffled.generator.state.count])
    let states = try world.allGather(state)
    report(states[0].scalars(as: Int64.self) == states[1].scalars(as: Int64.self), "sharded(pad), shuffled: the ranks' generators end in step")
}

/// Sharded data that cannot be reconciled, and settings that differ: each throws the same typed
/// error on every rank, naming the rank and the field, in well under the 60 s timeout.
func checkShardedMismatch() throws {
    let (x, y) = data(seed: 3)
    let strategy = { (data: DataPlacement, reduction: GradientReduction) in DataParallel(world, data: data, reduction: reduction) }
    let rows = world.rank == 0 ? 100 : 40
    let cases: [(String, Int, Int, DataParallel, String)] = [
        ("parts of 100 and 40, padded", rows, 32, strategy(.sharded, .fast),
         "DataParallel(data: .sharded): rank 1's examples: rank 1 has 40 examples, rank 0 has 100: padding to 100 would repeat rank 1's part more than once per epoch"),
        ("parts of 100 and 80 kept as they are", world.rank == 0 ? 100 : 80, 32, strategy(.sharded(.keep), .fast),
         "DataParallel(data: .sharded): rank 1's steps per epoch: rank 1's 80 examples make 5 steps of 16 per epoch, rank 0's 100 make 7"),
        ("a global batch of 33 on 2 ranks", 100, 33, strategy(.sharded, .fast),
         "DataParallel(data: .sharded): batch size 33 does not split evenly over 2 ranks"),
        ("the ordered sum on sharded data", 100, 32, strategy(.sharded, .ordered),
         "DataParallel(data: sharded(pad), reduction: ordered(microShard: 8)): the ordered sum's bits are defined by one global order"),
        ("rank 1 sharded, rank 0 replicated", 100, 32, strategy(world.rank == 1 ? .sharded : .replicated, .fast),
         "rank 1's data is sharded(pad), rank 0's is replicated"),
    ]
    for (label, count, batchSize, parallel, expected) in cases {
        let start = Date()
        do {
            try makeModel(optimizer: SGD(learningRate: 0.1)).fit(x: x.slice(axis: 0, start: 0, end: count), y: y.slice(axis: 0, start: 0, end: count),
                                                                 epochs: 1, batchSize: batchSize, verbose: .silent, strategy: parallel)
            report(false, "\(label): fit trained")
        } catch let error as DistributedError {
            report(error.description.hasPrefix(expected) && Date().timeIntervalSince(start) < 10,
                   "\(label): \(error) (after \(String(format: "%.1f", Date().timeIntervalSince(start))) s)")
        }
    }
}

// MARK: - Exits

/// Rank 1's program ends (exit(0), no error) after 3 allreduces; rank 0 keeps calling them.
func checkExitInCollectives() throws {
    for step in 1...1_000_000 {
        if world.rank == 1 && step == 4 {
            print("rank 1: calling exit(0) at \(Date().timeIntervalSince1970)")
            exit(0)
        }
        _ = try world.allReduce(Tensor([1], shape: [1]))
    }
    report(false, "rank \(world.rank) finished 10⁶ allreduces with a peer that left")
}

/// Rank 1 calls exit(0) at batch 3 of fit; rank 0 is then blocked in the gradient allreduce.
final class ExitAtBatch3: Callback {
    override func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {
        if world.rank == 1 && batch == 3 {
            print("rank 1: calling exit(0) at \(Date().timeIntervalSince1970)")
            exit(0)
        }
    }
}

func checkExitInTraining() throws {
    let (x, y) = data(seed: 3)
    try makeModel(optimizer: SGD(learningRate: 0.1)).fit(x: x, y: y, epochs: 1000, batchSize: 32, callbacks: [ExitAtBatch3()],
                                                         verbose: .silent, strategy: DataParallel(world))
    report(false, "fit returned with a peer that left")
}

/// A normal end where rank 0 works alone for 2 s after the last collective: no abort.
func checkExitLate() throws {
    _ = try world.allReduce(Tensor([1], shape: [1]))
    if world.rank == 0 { usleep(2_000_000) }
    report(true, "done with the collectives")
}

// MARK: - Timeouts

/// The world waits 2 s; a call may wait longer or shorter.
func checkTimeout() throws {
    if world.rank == 1 {
        usleep(3_000_000)
        _ = try world.allReduce(Tensor([1], shape: [1]))
        usleep(3_000_000)
        return
    }
    var start = Date()
    let sum = try world.allReduce(Tensor([1], shape: [1]), timeout: 10)
    let waited = Date().timeIntervalSince(start)
    report(sum.doubles == [2] && waited > 2, "allReduce(timeout: 10) waited \(String(format: "%.1f", waited)) s for a peer 3 s late, past the world's 2 s")
    start = Date()
    do {
        _ = try world.allReduce(Tensor([1], shape: [1]), timeout: 0.5)
        report(false, "allReduce(timeout: 0.5) returned with a silent peer")
    } catch let error as DistributedError {
        let waited = Date().timeIntervalSince(start)
        report(error == .timeout(operation: "allReduce(sum)", seconds: 0.5, rank: 0) && waited < 2,
               "allReduce(timeout: 0.5) threw after \(String(format: "%.1f", waited)) s: \(error)")
    }
    print("rank 0: \(failures) failed")
    // The world is failed: exiting aborts the job (status 1), as documented.
    exit(failures == 0 ? 0 : 1)
}

// MARK: - Hosts

/// The model of the two-host check: the MLP with Adam, trained without shuffling (a checkpoint
/// written during `fit` keeps the generator of `fit`'s start, so only an unshuffled run resumes
/// to the same bits), the ordered sum on every world size.
func trainHosts(_ model: Model, epochs: Int, initialEpoch: Int = 0, callbacks: [Callback] = []) throws {
    let (x, y) = data(seed: 3)
    try model.fit(x: x, y: y, epochs: epochs, batchSize: 32, shuffle: false, callbacks: callbacks, verbose: .silent,
                  initialEpoch: initialEpoch, strategy: DataParallel(world, reduction: .ordered))
}

/// Prints each epoch's end on every rank (the script waits for rank 0's second before it cuts the link).
final class EpochLine: Callback {
    override func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        print("rank \(world.rank): epoch \(epoch) done, loss \(logs["loss"]!)")
    }
}

func checkHosts(folder: URL, epochs: Int) throws {
    let model = try makeModel(optimizer: Adam(learningRate: 0.01))
    let start = Date()
    do {
        try trainHosts(model, epochs: epochs, callbacks: [EpochLine(), ModelCheckpoint(folder: folder.appendingPathComponent("checkpoint"))])
    } catch let error as DistributedError {
        // The link is gone: the collective's own timeout ended the wait. Say so and leave (the
        // world is failed: exiting aborts the job, which cannot reach the other host).
        print("rank \(world.rank): stopped by the timeout after \(String(format: "%.1f", Date().timeIntervalSince(start))) s of training: \(error)")
        exit(3)
    }
    guard world.isPrimary else { return }
    let mine = bits(model.network.weights())
    let file = folder.appendingPathComponent("1.safetensors")
    if world.size > 1 {
        let alone = bits(try Safetensors.decode(Data(contentsOf: file), file: file.path).tensors)
        report(alone == mine, "\(world.size) hosts = 1 process bit for bit after \(epochs) epochs (\(mine.count) tensors, ordered sum)")
    } else {
        try Safetensors.encode(model.network.weights()).write(to: file, options: .atomic)
        report(true, "1 process: weights written to \(file.lastPathComponent)")
    }
}

/// Rank 0's last checkpoint from the cut run resumes: one more epoch as one process gives the
/// bits of one process trained straight to that epoch (the ordered sum does not depend on the
/// number of ranks, and the data are not shuffled).
func checkHostsResume(folder: URL) throws {
    let resumed = try Model.load(from: folder.appendingPathComponent("checkpoint"))
    let epochs = resumed.completedEpochs + 1
    try trainHosts(resumed, epochs: epochs, initialEpoch: resumed.completedEpochs)
    let straight = try makeModel(optimizer: Adam(learningRate: 0.01))
    try trainHosts(straight, epochs: epochs)
    report(resumed.completedEpochs >= 2 && bits(resumed.network.weights()) == bits(straight.network.weights()),
           "the 2-host checkpoint of epoch \(epochs - 1) resumed by 1 process to epoch \(epochs) = 1 process straight to \(epochs), bit for bit")
}

// MARK: - Cost

/// The workload of the README's cost figures: `epochs` epochs of the MLP or the CNN under
/// `reduction`; rank 0 prints the milliseconds per step over the epochs after the first.
func measureCost(kind: String, reduction: GradientReduction, epochs: Int) throws {
    var generator = RandomGenerator(seed: 21)
    let (x, layers): (Tensor, [any Layer]) = kind == "mlp"
        ? (Tensor.normal([142, 13], using: &generator), [Dense(units: 32, activation: .relu), Dense(units: 3, activation: .softmax)])
        : (Tensor.normal([128, 16, 16, 1], using: &generator),
           [Conv2D(filters: 8, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Conv2D(filters: 16, kernelSize: 3, activation: .relu), MaxPool2D(poolSize: 2),
            Flatten(), Dense(units: 3, activation: .softmax)])
    let y = Tensor((0..<x.shape[0]).map { Int64($0 % 3) }, shape: [x.shape[0]])
    let model = Model(try Sequential(layers, inputShape: Array(x.shape.dropFirst()), seed: 1), seed: 2)
    model.compile(optimizer: Adam(learningRate: 0.001), loss: SparseCategoricalCrossentropy())
    let history = try model.fit(x: x, y: y, epochs: epochs, batchSize: 32, verbose: .silent,
                                strategy: DataParallel(world, reduction: reduction))
    let steps = (x.shape[0] + 31) / 32
    if world.isPrimary && epochs > 1 {
        let seconds = history["seconds"].dropFirst().reduce(0, +)
        print("cost \(kind) \(reduction) on \(world.size) rank(s): \(String(format: "%.4f", seconds / Double(steps * (epochs - 1)) * 1000)) ms per step")
    }
}

do {
    switch scenario {
    case "collectives": try checkCollectives()
    case "training": try checkTraining()
    case "kill": try checkKill()
    case "hang": try checkHang()
    case "hang-training": try checkHangInTraining()
    case "error-training": try checkErrorInTraining()
    case "mismatch": try checkMismatch()
    case "ordered":
        guard let folder = arguments.dropFirst().first else {
            print("distributed-checks: ordered needs a folder for the weights of each world size")
            exit(2)
        }
        try checkOrdered(folder: URL(fileURLWithPath: folder))
    case "ordered-ranks": try checkOrderedRanks()
    case "sharded": try checkSharded()
    case "sharded-mismatch": try checkShardedMismatch()
    case "exit-collective": try checkExitInCollectives()
    case "exit-training": try checkExitInTraining()
    case "exit-late": try checkExitLate()
    case "timeout": try checkTimeout()
    case "cost":
        let rest = Array(arguments.dropFirst())
        guard rest.count == 3, ["mlp", "cnn"].contains(rest[0]), ["fast", "ordered"].contains(rest[1]), let epochs = Int(rest[2]) else {
            print("distributed-checks: cost <mlp|cnn> <fast|ordered> <epochs>")
            exit(2)
        }
        try measureCost(kind: rest[0], reduction: rest[1] == "fast" ? .fast : .ordered, epochs: epochs)
    case "hosts", "hosts-resume":
        guard let folder = arguments.dropFirst().first.map({ URL(fileURLWithPath: $0) }) else {
            print("distributed-checks: \(scenario) needs a folder")
            exit(2)
        }
        if scenario == "hosts" {
            try checkHosts(folder: folder, epochs: arguments.dropFirst(2).first.flatMap { Int($0) } ?? 3)
        } else {
            try checkHostsResume(folder: folder)
        }
    default:
        print("distributed-checks: unknown case \(scenario) (collectives, training, kill, hang, hang-training, error-training, mismatch, ordered, ordered-ranks, sharded, sharded-mismatch, exit-collective, exit-training, exit-late, timeout, hosts, hosts-resume, cost)")
        exit(2)
    }
} catch {
    print("FAIL rank \(world.rank): \(error)")
    world.abort(code: 1)
}
print("rank \(world.rank): \(failures) failed")
exit(failures == 0 ? 0 : 1)
