import Foundation
import NeuronaCore

/// Reads the IDX format of the MNIST family (plain or gzip): a 4-byte magic number (two zero
/// bytes, an element type, the number of dimensions), one big-endian 32-bit size per dimension,
/// then the elements, big-endian.
///
/// ```swift
/// let images = try IDXReader.readImages(url)   // [60000, 28, 28] float32, values 0–255
/// let labels = try IDXReader.readLabels(url2)  // [60000] int64
/// ```
public enum IDXReader {
    /// An IDX file's contents: its shape, element type code, and the raw (decompressed) bytes.
    public struct Contents {
        /// The shape given in the file's header (for example `[60000, 28, 28]`).
        public var shape: [Int]
        /// 0x08 ubyte, 0x09 sbyte, 0x0B int16, 0x0C int32, 0x0D float32, 0x0E float64.
        public var typeCode: UInt8
        /// The file's bytes (header included; see the offset below).
        public var data: Data
        /// Where the elements start in `data`.
        public var elementOffset: Int
    }

    static func elementSize(_ code: UInt8) -> Int? {
        switch code {
        case 0x08, 0x09: return 1
        case 0x0B: return 2
        case 0x0C, 0x0D: return 4
        case 0x0E: return 8
        default: return nil
        }
    }

    /// Parses and checks an IDX file.
    ///
    /// - Parameters:
    ///   - url: The file, plain or gzip.
    ///   - sizeLimit: The most bytes a gzip file may inflate to (see ``Gzip/defaultSizeLimit``).
    public static func read(_ url: URL, sizeLimit: Int = Gzip.defaultSizeLimit) throws -> Contents {
        try parse(Gzip.readFile(url, sizeLimit: sizeLimit), file: url.path)
    }

    /// Parses and checks IDX bytes (`file` names them in errors). Throws ``DataError`` for a
    /// short or unknown header, a zero dimension, a shape whose byte count overflows, or a data
    /// length that disagrees with the shape.
    public static func parse(_ data: Data, file: String) throws -> Contents {
        func fail(_ offset: Int, _ message: String) -> DataError {
            DataError(.badIDX, file: file, position: "byte \(offset)", message)
        }
        let bytes = [UInt8](data.prefix(4))
        guard bytes.count == 4 else { throw fail(data.count, "the file has \(data.count) bytes; an IDX header needs 4") }
        guard bytes[0] == 0, bytes[1] == 0 else {
            throw fail(0, String(format: "bad magic number %02x%02x%02x%02x (an IDX file starts with two zero bytes)", bytes[0], bytes[1], bytes[2], bytes[3]))
        }
        guard let size = elementSize(bytes[2]) else { throw fail(2, String(format: "unknown element type 0x%02x", bytes[2])) }
        let rank = Int(bytes[3])
        guard rank > 0 else { throw fail(3, "an IDX array needs at least one dimension") }
        let headerSize = 4 + 4 * rank
        guard data.count >= headerSize else {
            throw fail(data.count, "the header declares \(rank) dimensions but the file ends after \(data.count) bytes")
        }
        var shape: [Int] = []
        let raw = [UInt8](data.prefix(headerSize))
        for d in 0..<rank {
            let o = 4 + 4 * d
            let extent = Int(raw[o]) << 24 | Int(raw[o + 1]) << 16 | Int(raw[o + 2]) << 8 | Int(raw[o + 3])
            guard extent > 0 else { throw fail(o, "dimension \(d) is 0; an IDX array holds at least one element per dimension") }
            shape.append(extent)
        }
        // Checked: four 32-bit sizes multiply past Int.max.
        var expected = size
        for (d, extent) in shape.enumerated() {
            let (product, overflow) = expected.multipliedReportingOverflow(by: extent)
            guard !overflow else {
                throw fail(4 + 4 * d, "shape \(shape) of \(size)-byte elements overflows a byte count (more than \(Int.max) bytes)")
            }
            expected = product
        }
        guard data.count - headerSize == expected else {
            throw fail(data.count, "shape \(shape) needs \(expected) bytes of data after the \(headerSize)-byte header, the file has \(data.count - headerSize)")
        }
        return Contents(shape: shape, typeCode: bytes[2], data: data, elementOffset: headerSize)
    }

    /// An IDX file of unsigned bytes (images) as float32 holding the bytes' values, 0–255, as
    /// Keras's `load_data()` returns them (there as uint8): scale them yourself, as the lectures
    /// do (`images / 255`). Float32 rather than an integer dtype because Neurona's tensors have
    /// no uint8, float32 holds 0–255 exactly, and dividing an int64 tensor by 255 would be
    /// integer (floor) division; `images / 255` on these gives float32 pixels in [0, 1].
    public static func readImages(_ url: URL) throws -> Tensor {
        let contents = try read(url)
        guard contents.typeCode == 0x08 else {
            throw DataError(.badIDX, file: url.path, position: "byte 2", "images must be unsigned bytes (type 0x08)")
        }
        // Straight from the file's bytes into the tensor: no intermediate array.
        return contents.data.withUnsafeBytes { raw in
            Tensor.float32(fromUnsignedBytes: raw.bindMemory(to: UInt8.self).baseAddress! + contents.elementOffset,
                           shape: contents.shape)
        }
    }

    /// A 1-D IDX file of labels as int64.
    public static func readLabels(_ url: URL) throws -> Tensor {
        let contents = try read(url)
        guard contents.shape.count == 1, contents.typeCode == 0x08 else {
            throw DataError(.badIDX, file: url.path, position: "byte 2", "labels must be a 1-D array of unsigned bytes, got shape \(contents.shape)")
        }
        let labels: [Int64] = contents.data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int64] in
            let bytes = raw.bindMemory(to: UInt8.self)
            return (0..<contents.shape[0]).map { Int64(bytes[contents.elementOffset + $0]) }
        }
        return Tensor(labels, shape: contents.shape)
    }

    /// The bytes of an IDX file holding `values` as unsigned bytes with `shape` (for tests and
    /// for exporting data in the MNIST layout).
    public static func encode(bytes values: [UInt8], shape: [Int]) -> Data {
        checkPrecondition(shape.count <= 255 && shape.allSatisfy { $0 >= 0 && $0 <= Int(UInt32.max) },
                          "IDXReader.encode: shape \(shape) does not fit an IDX header (at most 255 dimensions of 32-bit sizes)")
        var data = Data([0, 0, 0x08, UInt8(shape.count)])
        for d in shape {
            data.append(contentsOf: [UInt8(d >> 24 & 0xff), UInt8(d >> 16 & 0xff), UInt8(d >> 8 & 0xff), UInt8(d & 0xff)])
        }
        data.append(contentsOf: values)
        return data
    }
}
