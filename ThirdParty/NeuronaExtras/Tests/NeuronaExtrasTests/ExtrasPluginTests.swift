import NeuronaAutograd
import NeuronaCore
import NeuronaExtras
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import Testing

/// The package's types used the way a Neurona user would: by name, from a JSON model.
@Suite struct ExtrasPluginTests {
    static let description = """
        {"type": "Sequential", "input_shape": [2], "layers": [
            {"type": "Dense", "units": 8, "activation": "mish", "kernel_initializer": {"name": "orthogonal", "gain": 1.5}},
            {"type": "PReLU", "alpha_initializer": {"name": "constant", "value": 0.1}},
            {"type": "Dense", "units": 1, "activation": "sigmoid"}]}
        """

    @Test func aJSONModelWithEveryExtraTrainsOnXORWithLion() throws {
        try ExtrasPlugin.register()
        let model = try LayerRegistry.default.make(from: Self.description)
        try model.build(inputShape: [2], seed: 3)
        let optimizer = try OptimizerRegistry.default.make(fromJSON: #"{"type": "Lion", "learning_rate": 0.01}"#)
        #expect(optimizer.typeName == "lion")
        let x = Variable(Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]))
        let y = Tensor([[0], [1], [1], [0]])
        let loss = BinaryCrossentropy()
        let parameters = model.namedParameters()
        #expect(parameters.map(\.name).contains("layers.1.alpha"))
        var first = 0.0, last = 0.0
        for step in 0..<300 {
            optimizer.zeroGrad(parameters)
            let value = loss(model(x), y)
            try value.backward()
            optimizer.step(parameters)
            if step == 0 { first = value.value.item }
            last = value.value.item
        }
        let predictions = withNoGrad { model(x).value.doubles }
        #expect(last < first / 4, "loss \(first) → \(last)")
        #expect(zip(predictions, [0.0, 1, 1, 0]).allSatisfy { ($0 > 0.5 ? 1.0 : 0.0) == $1 }, "\(predictions)")
    }

    @Test func theModelRoundTripsThroughJSON() throws {
        try ExtrasPlugin.register()
        let model = try LayerRegistry.default.make(from: Self.description)
        try model.build(inputShape: [2], seed: 3)
        let json = try LayerRegistry.json(for: model)
        #expect(json.contains("\"mish\"") && json.contains("\"orthogonal\"") && json.contains("\"PReLU\""))
        let again = try LayerRegistry.default.make(from: json)
        try again.build(inputShape: [2], seed: 3)
        let x = Variable(Tensor([[0.3, -1.2]]))
        #expect(withNoGrad { model(x).value.doubles } == withNoGrad { again(x).value.doubles })
    }

    /// Every name is also namespaced by the package (Keras's `package>Name`), and JSON is saved
    /// with the plain names, as before packages existed.
    @Test func namespacedNamesLoadAndSaveThePlainOnes() throws {
        try ExtrasPlugin.register()
        let model = try LayerRegistry.default.make(from: """
            {"type": "Sequential", "input_shape": [2], "layers": [
                {"type": "Dense", "units": 3, "activation": "NeuronaExtras>mish", "kernel_initializer": "NeuronaExtras>orthogonal"},
                {"type": "NeuronaExtras>PReLU"}]}
            """)
        let json = try LayerRegistry.json(for: model)
        #expect(json.contains(#""type" : "PReLU""#) && json.contains(#""activation" : "mish""#) && !json.contains("NeuronaExtras>"))
        #expect(try OptimizerRegistry.default.make("NeuronaExtras>lion").typeName == "lion")
        #expect(MishOp.op.rawValue == "NeuronaExtras>mish")
    }

    @Test func aRegistryWithoutThePluginNamesIt() throws {
        ExtrasPlugin.announce()
        #expect {
            _ = try LayerRegistry().make(from: #"{"type": "PReLU"}"#)
        } throws: { error in
            "\(error)".contains("NeuronaExtras") && "\(error)".contains("ExtrasPlugin.register()")
        }
    }
}
