import Foundation
import NeuronaCore

/// Makes Neurona tensors from the pickle's tensor descriptions and the archive's storages: what
/// `_rebuild_tensor_v2` does, for any sizes, strides and storage offset (non-contiguous views,
/// several tensors sharing one storage), in either byte order, widening float16 and bfloat16 to
/// float32 and the narrow integers to int64.
///
/// Everything a description says is checked against the storage's real bytes first: a view
/// reaching past its storage, negative strides or offsets, an element count that overflows, or
/// more elements than the storage holds (an expanded view) is
/// ``PyTorchError/invalidTensor(file:key:reason:)``; nothing is allocated before that.
package struct TensorRebuild {
    /// The file, for errors.
    package let file: String
    /// Whether the storages' bytes are big-endian (the archive's `byteorder`).
    package let bigEndian: Bool

    /// The tensor `description` describes, from `storage`'s bytes (`key` names it in errors).
    package func tensor(_ description: TensorDescription, storage bytes: Data, key: String) throws -> Tensor {
        func fail(_ reason: String) -> PyTorchError { .invalidTensor(file: file, key: key, reason: reason) }
        let storage = description.storage
        let (shape, strides, offset) = (description.shape, description.strides, description.storageOffset)
        guard shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 }), offset >= 0 else {
            throw fail("size \(shape), stride \(strides) and offset \(offset) must not be negative")
        }
        let (storageBytes, overflow) = storage.elementCount.multipliedReportingOverflow(by: storage.type.byteSize)
        guard !overflow, storageBytes <= bytes.count else {
            throw fail("storage data/\(storage.key) holds \(bytes.count) bytes, shorter than its \(storage.elementCount) "
                       + "\(storage.type.rawValue) elements need")
        }
        var count = 1
        var lastElement = offset  // the storage index of the view's last element
        for (size, stride) in zip(shape, strides) {
            let (c, o1) = count.multipliedReportingOverflow(by: size)
            let (reach, o2) = Swift.max(size - 1, 0).multipliedReportingOverflow(by: stride)
            let (last, o3) = lastElement.addingReportingOverflow(reach)
            guard !o1, !o2, !o3 else { throw fail("size \(shape) with stride \(strides) overflows") }
            (count, lastElement) = (c, last)
        }
        if count > 0 {
            guard lastElement < storage.elementCount else {
                throw fail("size \(shape), stride \(strides) and offset \(offset) reach element \(lastElement), but storage "
                           + "data/\(storage.key) holds \(storage.elementCount) elements")
            }
            guard count <= storage.elementCount else {
                throw fail("\(count) elements from a storage of \(storage.elementCount) (an expanded view): save tensor.clone()")
            }
        }
        let positions = storagePositions(shape: shape, strides: strides, offset: offset, count: count)
        return bytes.withUnsafeBytes { raw in
            let size = storage.type.byteSize
            func word(_ i: Int) -> UInt64 {
                var v: UInt64 = 0
                for b in 0..<size {
                    let byte = UInt64(raw[i * size + (bigEndian ? b : size - 1 - b)])
                    v = v << 8 | byte
                }
                return v
            }
            switch storage.type {
            case .float: return Tensor(positions.map { Float(bitPattern: UInt32(word($0))) }, shape: shape)
            case .double: return Tensor(positions.map { Double(bitPattern: word($0)) }, shape: shape)
            case .half: return Tensor(positions.map { floatFromHalf(UInt16(word($0))) }, shape: shape)
            case .bfloat16: return Tensor(positions.map { Float(bitPattern: UInt32(word($0)) << 16) }, shape: shape)
            case .long: return Tensor(positions.map { Int64(bitPattern: word($0)) }, shape: shape)
            case .int: return Tensor(positions.map { Int64(Int32(bitPattern: UInt32(word($0)))) }, shape: shape)
            case .short: return Tensor(positions.map { Int64(Int16(bitPattern: UInt16(word($0)))) }, shape: shape)
            case .char: return Tensor(positions.map { Int64(Int8(bitPattern: UInt8(word($0)))) }, shape: shape)
            case .byte: return Tensor(positions.map { Int64(word($0)) }, shape: shape)
            case .bool: return Tensor(positions.map { word($0) != 0 }, shape: shape)
            }
        }
    }

    /// The storage index of each element of the view, in row-major order.
    private func storagePositions(shape: [Int], strides: [Int], offset: Int, count: Int) -> [Int] {
        guard count > 0 else { return [] }
        var positions = [Int](repeating: 0, count: count)
        var index = [Int](repeating: 0, count: shape.count)
        var position = offset
        for i in 0..<count {
            positions[i] = position
            // Advance the multi-index like an odometer, the last axis fastest.
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                position += strides[axis]
                if index[axis] < shape[axis] { break }
                position -= strides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return positions
    }

    /// IEEE 754 binary16 → binary32, exactly (every half is a float).
    private func floatFromHalf(_ bits: UInt16) -> Float {
        let sign = UInt32(bits >> 15) << 31
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:  // zero or subnormal: fraction · 2⁻²⁴
            let magnitude = Float(fraction) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:  // infinity or NaN
            return Float(bitPattern: sign | 0x7F80_0000 | fraction << 13)
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | fraction << 13)
        }
    }
}
