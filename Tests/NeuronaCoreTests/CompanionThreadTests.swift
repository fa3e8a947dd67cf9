import Foundation
import NeuronaCore
import Synchronization
import Testing
import _NeuronaTestSupport

/// The companion thread's contract: a posted task runs once, its ticket says when it is done, a
/// busy companion refuses a second task, a task runs under its poster's floating-point control,
/// and a task the companion has not started is run by whoever waits for it.
@Suite(.serialized) struct CompanionThreadTests {
    @Test func aPostedTaskRunsOnceOnAnotherThreadAndItsTicketSaysWhenItIsDone() throws {
        let companion = CompanionThread()
        let runs = Atomic<Int>(0)
        let caller = pthread_self()
        nonisolated(unsafe) var ranElsewhere = false
        let ticket = try #require(companion.post {
            ranElsewhere = pthread_equal(pthread_self(), caller) == 0
            runs.add(1, ordering: .relaxed)
        })
        ticket.waitUntilFinished()
        #expect(ticket.isFinished)
        expectEqual(runs.load(ordering: .relaxed), 1)
        // Either thread may run it (the waiter takes back a task not yet started); both are fine.
        _ = ranElsewhere
        ticket.waitUntilFinished()   // waiting again returns at once
        expectEqual(runs.load(ordering: .relaxed), 1)
    }

    @Test func aBusyCompanionRefusesASecondTaskAndTheWaiterRunsAWaitingOneItself() throws {
        let companion = CompanionThread()
        let started = Atomic<Bool>(false), release = Atomic<Bool>(false)
        let first = try #require(companion.post {
            started.store(true, ordering: .releasing)
            while !release.load(ordering: .acquiring) { usleep(100) }
        })
        while !started.load(ordering: .acquiring) { usleep(100) }
        // The companion is inside the first task: the slot is free again, a second task waits in it.
        let caller = pthread_self()
        nonisolated(unsafe) var secondRanHere = false
        let second = try #require(companion.post { secondRanHere = pthread_equal(pthread_self(), caller) != 0 })
        #expect(companion.post {} == nil)   // one waiting task at a time
        second.waitUntilFinished()
        #expect(secondRanHere)              // the companion was busy, so the waiter ran it
        #expect(!first.isFinished)
        release.store(true, ordering: .releasing)
        first.waitUntilFinished()
        #expect(first.isFinished)
    }

    @Test func aTaskRunsUnderItsPostersFlushToZero() throws {
        let companion = CompanionThread()
        let before = FloatingPointEnvironment.flushesDenormalsToZero
        defer { FloatingPointEnvironment.setFlushDenormalsToZero(before) }
        for flush in [true, false, true] {
            FloatingPointEnvironment.setFlushDenormalsToZero(flush)
            nonisolated(unsafe) var seen: Bool?
            nonisolated(unsafe) var product: Float = 1
            let tiny = Float.leastNormalMagnitude
            let ticket = try #require(companion.post {
                seen = FloatingPointEnvironment.flushesDenormalsToZero
                product = tiny * 0.25   // subnormal, or zero when flushed
            })
            ticket.waitUntilFinished()
            expectEqual(seen, flush)
            expectEqual((product.bitPattern == 0), flush)   // bits: under denormals-are-zero a subnormal equals 0
        }
    }

    @Test func tasksPostedOftenFindItAwake() throws {
        let companion = CompanionThread()
        #expect(!companion.isAwake)   // not started yet
        for _ in 0..<50 {
            try #require(companion.post {}).waitUntilFinished()
            usleep(50)
        }
        // Posts 50–100 µs apart, far inside the spin window: it is spinning, not parked. A machine
        // busy with other work may take its core away, and then it backs off (parks) for
        // `CompanionThread.backOff` before spinning again: keep posting for four of those.
        var awake = companion.isAwake
        let deadline = DispatchTime.now().uptimeNanoseconds + 4 * CompanionThread.backOff
        while !awake && DispatchTime.now().uptimeNanoseconds < deadline {
            try #require(companion.post {}).waitUntilFinished()
            usleep(50)
            awake = companion.isAwake
        }
        #expect(awake)
        // Once posts stop, it parks within about one spin window.
        var parked = false
        for _ in 0..<200 where !parked {
            usleep(1_000)
            parked = !companion.isAwake
        }
        #expect(parked)
    }
}

extension CompanionTicket {
    /// Returns once the task has finished, running it here if the companion has not started it.
    func waitUntilFinished() {
        while !tryFinish() { usleep(20) }
    }
}
