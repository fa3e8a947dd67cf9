/// Why an HDF5 image could not be read or written, naming the part of the file: a structure and
/// its address (`object header at 0x1a0 runs past the end of the file (14452 bytes)`) or a
/// dataset's path (`dataset layers/dense/vars/0: chunked layout not supported`). The caller adds
/// the file's name (``KerasError/unreadableWeights(file:reason:)``).
package struct HDF5Error: Error, Equatable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }

    /// `0x1a0`: how the errors write an address.
    static func hex(_ address: Int) -> String { "0x" + String(address, radix: 16) }
}
