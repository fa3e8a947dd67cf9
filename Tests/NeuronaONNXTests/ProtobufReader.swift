import Foundation

/// Protobuf's wire format, read: the tests' reader of the files the exporter writes, so that
/// they check what any reader of the file sees. Bounds-checked throughout: truncated or
/// malformed bytes throw a ``ProtobufReader/Malformed`` naming the byte offset, never trap.
///
/// Written apart from the plugin's `ProtobufWriter` (field numbers included, in
/// `ONNXProtoDecoding.swift`), so that the two check each other.
struct ProtobufReader {
    /// Bytes that are not a well-formed message: what is wrong and at which byte.
    struct Malformed: Error, CustomStringConvertible {
        /// The offset of the offending byte, from the start of the bytes first read.
        var offset: Int
        /// What is wrong there.
        var reason: String

        var description: String { "malformed protobuf at byte \(offset): \(reason)" }
    }

    /// A field's value as the wire holds it; its meaning comes from the schema (the decoder).
    enum Value {
        /// A varint: an integer, an enum, a boolean.
        case varint(UInt64)
        /// 8 bytes: a `double`, `fixed64`.
        case fixed64(UInt64)
        /// A length-delimited value: a string, bytes, a message, a packed list.
        case lengthDelimited(ArraySlice<UInt8>)
        /// 4 bytes: a `float`, `fixed32`.
        case fixed32(UInt32)
    }

    /// One field of a message: its number, its value and where its tag starts.
    struct Field {
        /// The field number.
        var number: Int
        /// The value.
        var value: Value
        /// The offset of its tag, for errors.
        var offset: Int
    }

    private let bytes: ArraySlice<UInt8>
    /// The next byte to read (an index of `bytes`, which a nested message shares with the file).
    private(set) var position: Int

    /// A reader of `bytes` from their start.
    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool { position == bytes.endIndex }

    /// The next varint: at most 10 bytes, whose value fits in 64 bits.
    mutating func readVarint() throws -> UInt64 {
        let start = position
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard position < bytes.endIndex else { throw Malformed(offset: start, reason: "the varint is cut off") }
            let byte = bytes[position]
            position += 1
            // The tenth byte holds only the 64th bit.
            if shift == 63 && byte > 1 { throw Malformed(offset: start, reason: "the varint does not fit in 64 bits") }
            value |= UInt64(byte & 0x7F) << UInt64(shift)
            if byte < 0x80 { return value }
        }
        throw Malformed(offset: start, reason: "the varint is longer than 10 bytes")
    }

    /// The next `count` bytes.
    private mutating func read(_ count: Int, what: String) throws -> ArraySlice<UInt8> {
        guard bytes.endIndex - position >= count else {
            throw Malformed(offset: position, reason: "\(what) of \(count) bytes runs past the end (\(bytes.endIndex - position) left)")
        }
        defer { position += count }
        return bytes[position..<position + count]
    }

    /// Calls `body` with each field of the message `bytes` hold, in order.
    static func forEachField(in bytes: ArraySlice<UInt8>, _ body: (Field) throws -> Void) throws {
        var reader = ProtobufReader(bytes)
        while let field = try reader.nextField() { try body(field) }
    }

    /// The next field, or `nil` at the end of the message.
    mutating func nextField() throws -> Field? {
        guard !isAtEnd else { return nil }
        let offset = position
        let tag = try readVarint()
        let number = tag >> 3
        guard number >= 1 && number <= (1 << 29) - 1 else {
            throw Malformed(offset: offset, reason: "field number \(number) is outside 1...2^29−1")
        }
        let value: Value
        switch tag & 7 {
        case 0: value = .varint(try readVarint())
        case 1: value = .fixed64(Self.littleEndian(try read(8, what: "a fixed64")))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw Malformed(offset: position, reason: "a length of \(length) runs past the end (\(bytes.endIndex - position) bytes left)")
            }
            value = .lengthDelimited(try read(Int(length), what: "a length-delimited value"))
        case 5: value = .fixed32(UInt32(Self.littleEndian(try read(4, what: "a fixed32"))))
        case let wireType:
            // 3 and 4 are proto2's deprecated groups, which ONNX does not use; 6 and 7 do not exist.
            throw Malformed(offset: offset, reason: "wire type \(wireType) is not read")
        }
        return Field(number: Int(number), value: value, offset: offset)
    }

    /// Little-endian bytes as a number.
    private static func littleEndian(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
}

// The field values as the schema's types; each throws when the wire type is not the one the
// schema gives the field.
extension ProtobufReader.Field {
    /// An `int64` (a varint's 64 bits as two's complement).
    func int64() throws -> Int64 {
        guard case .varint(let bits) = value else { throw wrongType("an int64") }
        return Int64(bitPattern: bits)
    }

    /// An `int32`: a varint whose value as an `int64` fits in 32 bits (a negative one is written
    /// sign-extended).
    func int32() throws -> Int32 {
        let wide = try int64()
        guard let value = Int32(exactly: wide) else {
            throw ProtobufReader.Malformed(offset: offset, reason: "field \(number): \(wide) does not fit an int32")
        }
        return value
    }

    /// A `float`.
    func float() throws -> Float {
        guard case .fixed32(let bits) = value else { throw wrongType("a float") }
        return Float(bitPattern: bits)
    }

    /// A `bytes` value.
    func bytes() throws -> ArraySlice<UInt8> {
        guard case .lengthDelimited(let bytes) = value else { throw wrongType("a length-delimited value") }
        return bytes
    }

    /// A `string`: its bytes must be UTF-8.
    func string() throws -> String {
        guard let string = String(validating: try bytes(), as: UTF8.self) else {
            throw ProtobufReader.Malformed(offset: offset, reason: "field \(number) is not UTF-8")
        }
        return string
    }

    /// A message of type `Message`.
    func message<Message: ProtobufDecodable>(_: Message.Type = Message.self) throws -> Message {
        try Message(protobuf: try bytes())
    }

    /// The values of a `repeated int64` field held by this occurrence: one varint, or a packed
    /// list of them. A reader takes both forms, whichever the schema says (protobuf's rule).
    func int64s() throws -> [Int64] {
        switch value {
        case .varint(let bits): return [Int64(bitPattern: bits)]
        case .lengthDelimited(let packed):
            var reader = ProtobufReader(packed)
            var values: [Int64] = []
            while !reader.isAtEnd { values.append(Int64(bitPattern: try reader.readVarint())) }
            return values
        default: throw wrongType("an int64 or a packed list of them")
        }
    }

    private func wrongType(_ expected: String) -> ProtobufReader.Malformed {
        ProtobufReader.Malformed(offset: offset, reason: "field \(number) should hold \(expected)")
    }
}

/// A message the tests read back from its bytes.
protocol ProtobufDecodable {
    /// The message `bytes` hold; fields it does not know are skipped, as protobuf readers do.
    init(protobuf bytes: ArraySlice<UInt8>) throws
}

extension ProtobufDecodable {
    /// The message a whole file's bytes hold.
    init(protobuf data: Data) throws {
        try self.init(protobuf: ArraySlice(data))
    }
}
