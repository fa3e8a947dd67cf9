import Foundation
import NeuronaONNX

// ONNX's messages read back from their bytes, with ONNX's field numbers (onnx.proto, ONNX
// 1.23) written here apart from the plugin's writer. Fields the exporter does not write are
// skipped, as protobuf readers skip fields they do not know.

extension ONNXModelProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: irVersion = try field.int64()
            case 2: producerName = try field.string()
            case 7: graph = try field.message()
            case 8: opsetImport.append(try field.message())
            default: break
            }
        }
    }
}

extension ONNXGraphProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: node.append(try field.message())
            case 2: name = try field.string()
            case 5: initializer.append(try field.message())
            case 11: input.append(try field.message())
            case 12: output.append(try field.message())
            default: break
            }
        }
    }
}

extension ONNXNodeProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: input.append(try field.string())
            case 2: output.append(try field.string())
            case 3: name = try field.string()
            case 4: opType = try field.string()
            case 5: attribute.append(try field.message())
            default: break
            }
        }
    }
}

extension ONNXAttributeProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: name = try field.string()
            case 2: f = try field.float()
            case 3: i = try field.int64()
            case 8: ints += try field.int64s()
            case 20:
                let raw = try field.int32()
                guard let known = AttributeType(rawValue: raw) else {
                    throw ProtobufReader.Malformed(offset: field.offset, reason: "attribute type \(raw) is not one the exporter writes")
                }
                type = known
            default: break
            }
        }
    }
}

extension ONNXTensorProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: dims += try field.int64s()
            case 2: dataType = try field.int32()
            case 7: int64Data += try field.int64s()
            case 8: name = try field.string()
            case 9: rawData = Data(try field.bytes())
            default: break
            }
        }
    }
}

extension ONNXValueInfoProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: name = try field.string()
            case 2: type = try field.message()
            default: break
            }
        }
    }
}

extension ONNXTypeProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: tensorType = try field.message()
            default: break
            }
        }
    }
}

extension ONNXTypeProto.Tensor: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: elemType = try field.int32()
            case 2: shape = try field.message()
            default: break
            }
        }
    }
}

extension ONNXTensorShapeProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: dim.append(try field.message())
            default: break
            }
        }
    }
}

extension ONNXTensorShapeProto.Dimension: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: dimValue = try field.int64()
            case 2: dimParam = try field.string()
            default: break
            }
        }
    }
}

extension ONNXOperatorSetIdProto: ProtobufDecodable {
    init(protobuf bytes: ArraySlice<UInt8>) throws {
        self.init()
        try ProtobufReader.forEachField(in: bytes) { field in
            switch field.number {
            case 1: domain = try field.string()
            case 2: version = try field.int64()
            default: break
            }
        }
    }
}
