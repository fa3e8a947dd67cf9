/// A dataset's element type, from its datatype message: IEEE floats (16, 32, 64 bits) and
/// integers (8 to 64 bits, signed or not), either byte order, are numbers read as `Float` (as
/// libhdf5 converts them); any other class (strings, compounds, references...) is not numeric.
enum HDF5Datatype: Equatable {
    case float(size: Int, bigEndian: Bool)
    case integer(size: Int, signed: Bool, bigEndian: Bool)
    /// Not a number: HDF5's class number (3 a string, 6 a compound, 9 variable-length...).
    case other(typeClass: Int)

    /// Bytes per element (numbers only).
    var size: Int {
        switch self {
        case .float(let size, _), .integer(let size, _, _): return size
        case .other: return 0
        }
    }

    /// The IEEE layouts: size → (exponent location, exponent size, mantissa size, bias).
    private static let ieee: [Int: (Int, Int, Int, Int)] = [2: (10, 5, 10, 15), 4: (23, 8, 23, 127), 8: (52, 11, 52, 1023)]

    /// Reads a datatype message.
    /// - Parameter part: What the message belongs to (`dataset layers/dense/vars/0`).
    init(_ cursor: inout HDF5Cursor, part: String) throws {
        let classAndVersion = try cursor.byte()
        let typeClass = Int(classAndVersion & 0x0F)
        let bits = try cursor.byte()
        try cursor.skip(2)                          // the other class bit fields
        let size = try cursor.uint32()
        switch typeClass {
        case 0:
            let offset = try cursor.uint16(), precision = try cursor.uint16()
            guard [1, 2, 4, 8].contains(size), offset == 0, precision == 8 * size else {
                throw HDF5Error("\(part): an integer type of \(size) bytes with \(precision) bits at bit \(offset) not supported")
            }
            self = .integer(size: size, signed: bits & 0x08 != 0, bigEndian: bits & 0x01 != 0)
        case 1:
            guard bits & 0x40 == 0 else { throw HDF5Error("\(part): a VAX-ordered float type not supported") }
            let offset = try cursor.uint16(), precision = try cursor.uint16()
            let exponentLocation = Int(try cursor.byte()), exponentSize = Int(try cursor.byte())
            let mantissaLocation = Int(try cursor.byte()), mantissaSize = Int(try cursor.byte())
            let bias = try cursor.uint32()
            guard let layout = Self.ieee[size], offset == 0, precision == 8 * size, mantissaLocation == 0,
                  layout == (exponentLocation, exponentSize, mantissaSize, bias) else {
                throw HDF5Error("\(part): a \(size)-byte float type that is not IEEE 754 binary16, binary32 or binary64 not supported")
            }
            self = .float(size: size, bigEndian: bits & 0x01 != 0)
        default:
            self = .other(typeClass: typeClass)
        }
    }

    /// `count` elements of this (numeric) type from `bytes`, as `Float`.
    func floats(_ bytes: ArraySlice<UInt8>, count: Int) -> [Float] {
        precondition(bytes.count >= count * size, "HDF5Datatype.floats: the caller checks the bytes are there")
        if case .float(4, false) = self {
            // Keras's weights: float32, little-endian, as this machine stores them.
            return [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    for i in 0..<count { buffer[i] = Float(bitPattern: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian) }
                }
                initialized = count
            }
        }
        return (0..<count).map { i in
            let start = bytes.startIndex + i * size
            var raw: UInt64 = 0
            for k in 0..<size {
                let shift = bigEndian ? 8 * (size - 1 - k) : 8 * k
                raw |= UInt64(bytes[start + k]) << UInt64(shift)
            }
            switch self {
            case .float(2, _): return Float(Float16(bitPattern: UInt16(raw)))
            case .float(4, _): return Float(bitPattern: UInt32(raw))
            case .float: return Float(Double(bitPattern: raw))
            case .integer(let size, true, _):
                // Sign-extend from the element's width.
                let shift = UInt64(64 - 8 * size)
                return Float(Int64(bitPattern: raw << shift) >> Int64(shift))
            default: return Float(raw)
            }
        }
    }

    private var bigEndian: Bool {
        switch self {
        case .float(_, let big), .integer(_, _, let big): return big
        case .other: return false
        }
    }
}
