import Foundation

/// libFuzzer's driver (in `libclang_rt.fuzzer`, linked by `-sanitize=fuzzer`): parses the
/// command line, then calls `callback` with each input.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// The test the running executable fuzzes.
nonisolated(unsafe) private var currentTest: ((Data) -> Void)?

/// Runs libFuzzer with the process's arguments, feeding each input to `test` as `Data`.
///
/// SwiftPM links an executable's entry point as `<module>_main` (so that tests can link it), so
/// each fuzz target defines that symbol with `@_cdecl` and calls this, instead of relying on
/// libFuzzer's own `main`.
///
/// - Parameters:
///   - argc: The argument count `main` received.
///   - argv: The arguments `main` received (libFuzzer's flags, corpus folders or inputs).
///   - test: Feeds one input to a parser; must return normally (typed errors are caught
///     inside), so that only crashes, sanitizer reports and timeouts are findings.
public func runLibFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                         _ test: @escaping (Data) -> Void) -> CInt {
    currentTest = test
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        let data = bytes.map { Data(bytes: $0, count: size) } ?? Data()
        currentTest?(data)
        return 0
    }
}
