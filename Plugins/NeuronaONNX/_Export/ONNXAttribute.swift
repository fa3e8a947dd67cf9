import Foundation

// The node attributes the exporter writes: integers, integer lists and floats.
extension ONNXAttributeProto {
    /// An integer attribute (`axis`, `keepdims`).
    package static func int(_ name: String, _ value: Int) -> ONNXAttributeProto {
        attribute(name, .int) { $0.i = Int64(value) }
    }

    /// A list of integers (`kernel_shape`, `pads`, `perm`).
    package static func ints(_ name: String, _ values: [Int]) -> ONNXAttributeProto {
        attribute(name, .ints) { $0.ints = values.map(Int64.init) }
    }

    /// A float attribute (`alpha`, `epsilon`), rounded to float32 as ONNX stores it.
    package static func float(_ name: String, _ value: Double) -> ONNXAttributeProto {
        attribute(name, .float) { $0.f = Float(value) }
    }

    /// The attribute `name` of `type`, its value set by `fill`.
    private static func attribute(_ name: String, _ type: AttributeType, _ fill: (inout ONNXAttributeProto) -> Void) -> ONNXAttributeProto {
        var attribute = ONNXAttributeProto()
        attribute.name = name
        attribute.type = type
        fill(&attribute)
        return attribute
    }
}
