import Foundation
import NeuronaAutograd
import NeuronaCore
import Testing
import _NeuronaTestSupport

/// A model trained by one thread and then another (a server's requests, Swift's tasks hopping
/// threads) gets every parameter's gradient: the marks a backward pass leaves on the variables it
/// visits must not be mistaken for another thread's pass (the likely cause of a lab test that once
/// saw a session's losses drift from the sample's under load).
struct BackwardAcrossThreadsTests {
    /// What a thread's body returned or threw, handed back to the test's thread.
    final class Outcome<R>: @unchecked Sendable { var result: Result<R, any Error>? }

    /// Runs `body` on a thread of its own, waits for it, and returns what it returned.
    static func onNewThread<R>(_ body: @escaping @Sendable () throws -> R) throws -> R {
        let outcome = Outcome<R>(), done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.result = Result { try body() }
            done.signal()
        }
        thread.start()
        done.wait()
        return try outcome.result!.get()
    }

    @Test func aParameterGetsItsGradientWhicheverThreadRunsThePass() throws {
        final class Box: @unchecked Sendable { let w = Variable(Tensor([2, 3], dtype: .float64), requiresGrad: true) }
        let box = Box()
        // Five passes on a first thread, then four over another graph on a second thread, so that
        // the second thread's next pass is its fifth, as the parameter's last one was.
        try Self.onNewThread {
            for _ in 0..<5 {
                box.w.zeroGrad()
                try (box.w * box.w).sum().backward()
            }
        }
        let gradient = try Self.onNewThread {
            for _ in 0..<4 {
                let v = Variable(Tensor([1], dtype: .float64), requiresGrad: true)
                try (v * v).sum().backward()
            }
            box.w.zeroGrad()
            try (box.w * box.w).sum().backward()
            return box.w.grad?.doubles
        }
        // d(w·w)/dw = 2w.
        expectEqual(gradient, [4, 6])
    }
}
