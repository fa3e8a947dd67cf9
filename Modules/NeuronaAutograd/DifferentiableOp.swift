import Foundation
import NeuronaCore

/// The name of an op that records itself on the autograd tape. A node's ``Variable/op`` is one.
///
/// The set is open: the built-in ops are static members (`.add`, `.matmul`, declared next to
/// their `Variable` method, one family per `Variable+….swift` file) listed in ``allCases``, and a
/// plugin adds its own with ``register(_:package:)`` (usually through ``CustomOp``), listed in
/// ``registered``. The core's gradient-check coverage test walks ``allCases``, and a plugin's walks
/// its own ops (``GradientChecker/uncheckedOps(_:cases:)``), so no op goes unchecked.
///
/// An op is its name and nothing else: comparing two ops compares names, and recording one on
/// the tape copies a string literal (no lookup).
public struct DifferentiableOp: RawRepresentable, Hashable, CaseIterable, Sendable, CustomStringConvertible {
    /// The op's name, as printed in errors and graph dumps (`"matmul"`, `"CustomLayers>softsign"`).
    public let rawValue: String

    /// The op named `rawValue`. This only names it; ``register(_:package:)`` adds a plugin's op to ``registered``.
    /// - Parameters:
    ///   - rawValue: The op's name.
    @inlinable
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The name.
    public var description: String { rawValue }

    /// The built-in ops, the ones NeuronaAutograd defines, family by family. Plugins' ops are in
    /// ``registered``: the core's gradient-check table covers these, each plugin covers its own.
    public static var allCases: [DifferentiableOp] {
        arithmetic + math + reductions + linearAlgebra + shape + convolution + losses
    }

    /// The ops plugins have registered in this process, in registration order.
    public static var registered: [DifferentiableOp] {
        registryLock.lock()
        defer { registryLock.unlock() }
        return registeredOps
    }

    /// Adds a plugin's op, named `package>name` as every registered name is (Keras's
    /// `register_keras_serializable(package=, name=)`; `"CustomLayers>softsign"`), to
    /// ``registered`` and returns it. Registering the same name of the same package again
    /// returns the same op: an op is only its name (what it computes is its ``CustomOp``), so
    /// two packages cannot collide and one package's second registration is the first.
    ///
    /// - Parameters:
    ///   - name: The op's name within its package.
    ///   - package: The registering package (module), as given to the registries' `register(_:package:)`.
    @discardableResult
    public static func register(_ name: String, package: String) -> DifferentiableOp {
        checkPrecondition(!name.isEmpty && !package.isEmpty, "DifferentiableOp.register: the name and the package must not be empty")
        checkPrecondition(!name.contains(">") && !package.contains(">"),
                          "DifferentiableOp.register: \"\(name)\" of \"\(package)\": \">\" separates the package from the name; use it in neither")
        let op = DifferentiableOp(rawValue: "\(package)>\(name)")
        registryLock.lock()
        defer { registryLock.unlock() }
        if !registeredOps.contains(op) { registeredOps.append(op) }
        return op
    }

    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var registeredOps: [DifferentiableOp] = []
}
