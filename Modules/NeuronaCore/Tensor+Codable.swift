// Tensors in JSON: {"shape": [2, 2], "dtype": "float32", "values": [1, 2, 3, 4]}.
// For small tensors in configs (scaler statistics, constants); weights go to safetensors.

extension Tensor: Codable {
    private enum CodingKeys: String, CodingKey { case shape, dtype, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let shape = try c.decode([Int].self, forKey: .shape)
        let dtype = try c.decode(DType.self, forKey: .dtype)
        let values = try c.decode([Double].self, forKey: .values)
        guard shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == values.count else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c,
                debugDescription: "\(values.count) values do not fill shape \(shape)")
        }
        self = Tensor(values, shape: shape, dtype: dtype)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(shape, forKey: .shape)
        try c.encode(dtype, forKey: .dtype)
        try c.encode(doubles, forKey: .values)
    }
}
