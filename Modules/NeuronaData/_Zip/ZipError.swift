/// What is wrong with a zip archive or one of its entries, in words a user can act on.
///
/// NeuronaKeras and NeuronaPyTorch turn it into their own typed errors, which name the file.
package struct ZipError: Error, Equatable, CustomStringConvertible {
    /// The problem, naming the entry when one entry is at fault.
    package let reason: String

    package init(_ reason: String) { self.reason = reason }

    package var description: String { reason }
}
