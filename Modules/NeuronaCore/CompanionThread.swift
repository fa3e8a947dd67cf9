import Dispatch
import Foundation
import Synchronization
internal import CNeuronaKernels

/// A second thread for the steps of a training loop: it takes one task at a time, and stays awake
/// between tasks while they keep coming.
///
/// Why a thread of our own: waking a parked thread costs the time the operating system (and, on a
/// cloud machine, the hypervisor) takes to put an idle core back to work. On the 2-core virtual
/// machine the benchmarks run on that was 60–80 µs, against 0.13 µs for a thread that spins, and a
/// step of lecture 002's MLP takes 270 µs. A pool that parks between steps (Dispatch's) therefore
/// made sharing a step's work slower than doing it alone. This thread spins (with `pause`, yielding
/// to any other runnable thread) while tasks arrive less than ``spinWindow`` apart, and parks as
/// soon as they stop: a training loop's gaps keep it awake, a program that posts now and then
/// finds it asleep and pays one wake-up.
///
/// While it spins it keeps a core busy (a small model's training shows near 200% CPU), as
/// OpenMP's and OpenBLAS's waiting threads do; it stops spinning for a while when it finds that
/// another program took its core, since it would then slow the thread it is there to help.
///
/// A task runs under the floating-point control of the thread that posted it (flush-to-zero,
/// rounding), so that it gives the same bits wherever it runs. A task not yet started when its
/// poster needs the result is run by the poster itself (``CompanionTicket/tryFinish()``), so that
/// handing work over never costs more than doing it.
package final class CompanionThread: @unchecked Sendable {
    /// Tasks arriving closer together than this keep the thread spinning for this long after the
    /// last one; further apart, it parks as soon as it is idle.
    package static let spinWindow: UInt64 = 1_000_000   // nanoseconds

    /// The slot's states: free; being filled by a poster; holding a task; the task taken.
    private static let free = 0, filling = 1, ready = 2, taken = 3

    private let slot = Atomic<Int>(CompanionThread.free)
    // Written by the poster between claiming the slot and publishing it; read by whoever takes it.
    private var task: (() -> Void)?
    private var ticket: CompanionTicket?
    private var floatingPointControl: UInt32 = 0

    private let parked = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    private let lastPost = Atomic<UInt64>(0)
    private let lastInterval = Atomic<UInt64>(UInt64.max)
    private let started = Atomic<Bool>(false)

    /// A companion; its thread starts with the first task.
    package init() {}

    /// Whether the thread is running or spinning, so that a task posted now starts at once
    /// instead of after a wake-up.
    package var isAwake: Bool { started.load(ordering: .relaxed) && !parked.load(ordering: .relaxed) }

    /// Hands `work` to the thread, or returns nil when it already has a task (run the work
    /// yourself then). Read what the work wrote only once the ticket says it has finished.
    package func post(_ work: @escaping () -> Void) -> CompanionTicket? {
        guard slot.compareExchange(expected: Self.free, desired: Self.filling, ordering: .acquiring).exchanged else { return nil }
        let now = DispatchTime.now().uptimeNanoseconds
        let previous = lastPost.exchange(now, ordering: .relaxed)
        lastInterval.store(previous == 0 ? UInt64.max : now &- previous, ordering: .relaxed)
        let ticket = CompanionTicket(companion: self)
        self.task = work
        self.ticket = ticket
        floatingPointControl = neurona_floating_point_control()
        slot.store(Self.ready, ordering: .sequentiallyConsistent)
        startIfNeeded()
        if parked.load(ordering: .sequentiallyConsistent) { wake.signal() }
        return ticket
    }

    /// Runs the task in the slot, if one is waiting, on the calling thread; whether there was one.
    @discardableResult
    fileprivate func runWaitingTask() -> Bool {
        guard slot.compareExchange(expected: Self.ready, desired: Self.taken, ordering: .acquiring).exchanged else { return false }
        var work = task, ticket = self.ticket!, control = floatingPointControl
        task = nil
        self.ticket = nil
        slot.store(Self.free, ordering: .releasing)
        let own = neurona_floating_point_control()
        neurona_set_floating_point_control(control)
        work!()
        neurona_set_floating_point_control(own)
        // Let go of the work (and what it captured) before saying it is done.
        work = nil
        ticket.finish()
        return true
    }

    private func startIfNeeded() {
        guard !started.load(ordering: .relaxed),
              started.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged else { return }
        let thread = Thread { [self] in loop() }
        thread.name = "neurona.companion"
        thread.start()
    }

    /// Whether tasks are arriving often enough to keep spinning, at time `now`.
    private func tasksAreFrequent(at now: UInt64) -> Bool {
        guard lastInterval.load(ordering: .relaxed) < Self.spinWindow else { return false }
        return now &- lastPost.load(ordering: .relaxed) < Self.spinWindow
    }

    /// A gap this long between two looks at the clock while spinning means the core was taken
    /// away: other programs want the cores.
    private static let preemptionGap: UInt64 = 300_000
    /// How long the thread then parks between tasks instead of spinning: a spinning thread on a
    /// machine with more runnable threads than cores takes time from the one it should help.
    package static let backOff: UInt64 = 50_000_000

    private func loop() {
        var quietUntil: UInt64 = 0
        var lastLook: UInt64 = 0
        while true {
            if runWaitingTask() { lastLook = 0 }   // the task's own time is no gap
            let now = DispatchTime.now().uptimeNanoseconds
            if lastLook != 0 && now &- lastLook > Self.preemptionGap { quietUntil = now &+ Self.backOff }
            if now >= quietUntil && tasksAreFrequent(at: now) {
                for _ in 0..<64 where slot.load(ordering: .relaxed) != Self.ready { neurona_spin_pause() }
                if slot.load(ordering: .relaxed) != Self.ready { sched_yield() }
                lastLook = DispatchTime.now().uptimeNanoseconds
                continue
            }
            lastLook = 0
            parked.store(true, ordering: .sequentiallyConsistent)
            if slot.load(ordering: .sequentiallyConsistent) != Self.ready { wake.wait() }
            parked.store(false, ordering: .sequentiallyConsistent)
        }
    }
}

/// A posted task's completion.
package final class CompanionTicket: @unchecked Sendable {
    private let finished = Atomic<Bool>(false)
    private unowned let companion: CompanionThread

    fileprivate init(companion: CompanionThread) { self.companion = companion }

    /// Whether the task has finished; what it wrote may be read once this is true.
    package var isFinished: Bool { finished.load(ordering: .acquiring) }

    /// Runs the task on the calling thread if the companion has not started it yet, without
    /// waiting for one it is running; whether the task has finished. For work the caller can
    /// redo itself (a pure function) rather than wait for a companion that lost its core.
    package func tryFinish() -> Bool {
        if isFinished { return true }
        companion.runWaitingTask()
        return isFinished
    }

    fileprivate func finish() {
        finished.store(true, ordering: .releasing)
    }
}
