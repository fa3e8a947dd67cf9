/// Where a dataset's values are, from its layout message: contiguous (one run of bytes at an
/// address, what h5py writes) or compact (inside the message). Chunked and virtual layouts are
/// refused with their own error: Keras writes neither.
struct HDF5DataLayout {
    /// Where the values' bytes start; `nil` when they were never written (libhdf5 allocates
    /// contiguous storage at the first write).
    var start: Int?
    /// How many bytes are stored.
    var size: Int

    init(start: Int?, size: Int) {
        self.start = start
        self.size = size
    }

    /// Reads a layout message (versions 1 to 4).
    init(_ cursor: inout HDF5Cursor, part: String) throws {
        let version = try cursor.byte()
        switch version {
        case 1, 2:
            let rank = Int(try cursor.byte())
            let layoutClass = try cursor.byte()
            try cursor.skip(5)
            var start: Int? = nil
            if layoutClass != 0 { start = try cursor.address("the data") }
            // The dimensions (the last one the element's size): their product is the data's size.
            var size = 1
            for _ in 0..<rank {
                let dimension = try cursor.uint32()
                guard case let (product, overflow) = size.multipliedReportingOverflow(by: dimension), !overflow, product <= cursor.file.bytes.count else {
                    throw HDF5Error("\(part): its layout declares more data than the file holds")
                }
                size = product
            }
            switch layoutClass {
            case 0:
                let compactSize = try cursor.uint32()
                self.init(start: cursor.position, size: compactSize)
                _ = try cursor.bytes(compactSize)
            case 1: self.init(start: start, size: size)
            default: throw Self.unsupported(layoutClass, part: part)
            }
        case 3, 4:
            let layoutClass = try cursor.byte()
            switch layoutClass {
            case 0:
                let size = try cursor.uint16()
                self.init(start: cursor.position, size: size)
                _ = try cursor.bytes(size)
            case 1:
                let start = try cursor.address("the data")
                let size = try cursor.length("the data's size", limit: cursor.file.bytes.count)
                self.init(start: start, size: size)
            default: throw Self.unsupported(layoutClass, part: part)
            }
        default:
            throw HDF5Error("\(part): layout message version \(version) not supported (1 to 4 are)")
        }
    }

    private static func unsupported(_ layoutClass: UInt8, part: String) -> HDF5Error {
        let name = [2: "chunked", 3: "virtual"][Int(layoutClass)] ?? "an unknown (class \(layoutClass))"
        return HDF5Error("\(part): \(name) layout not supported (contiguous and compact are)")
    }
}
