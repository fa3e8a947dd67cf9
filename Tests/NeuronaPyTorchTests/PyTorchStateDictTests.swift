import Foundation
import NeuronaData
import NeuronaCore
@testable import NeuronaPyTorch
import Testing
import _NeuronaTestSupport

/// Reading `torch.save` archives and safetensors files into a ``PyTorchStateDict``: layouts kept
/// as PyTorch has them, views rebuilt from their strides, narrow types widened, byte orders,
/// and every kind of bad file refused with a typed error that names it.
struct PyTorchStateDictTests {
    @Test func readsAStateDictInItsOrderWithPyTorchShapes() throws {
        let stateDict = try PyTorchStateDict.read(from: TorchFixtures.url("mlp.pt"))
        expectEqual(stateDict.names, ["0.weight", "0.bias", "2.weight", "2.bias"])
        expectEqual(stateDict["0.weight"]?.shape, [8, 4])   // nn.Linear keeps [out, in]
        expectEqual(stateDict["2.bias"]?.dtype, .float32)
    }

    @Test func safetensorsGivesTheSameTensorsInNaturalNameOrder() throws {
        let zip = try PyTorchStateDict.read(from: TorchFixtures.url("cnn.pt"))
        let safetensors = try PyTorchStateDict.read(from: TorchFixtures.url("cnn.safetensors"))
        // Natural order: 1.* before 6.*; within a module by name.
        expectEqual(safetensors.names.first?.hasPrefix("0."), true)
        expectEqual(safetensors.names.last?.hasPrefix("6."), true)
        expectEqual(Set(zip.names), Set(safetensors.names))
        for entry in zip.entries { expectEqual(safetensors[entry.name], entry.tensor, "\(entry.name)") }
    }

    @Test func batchNormsStepCounterIsAnInt64Buffer() throws {
        // BatchNorm2d ran 3 training batches in the generator.
        let counter = try #require(try PyTorchStateDict.read(from: TorchFixtures.url("cnn.pt"))["1.num_batches_tracked"])
        #expect(counter.dtype == .int64 && counter.shape == [])
        expectEqual(counter.scalars(as: Int64.self), [3])
    }

    @Test func rebuildsViewsFromStridesAndOffsetsOfOneSharedStorage() throws {
        // base = arange(12).reshape(3, 4); transposed = base.t(); slice = base[1:, ::2].
        let stateDict = try PyTorchStateDict.read(from: TorchFixtures.url("views.pt"))
        let base = (0..<12).map(Float.init)
        expectEqual(stateDict["base"], Tensor(base, shape: [3, 4]))
        expectEqual(stateDict["transposed"], Tensor([Float](arrayLiteral: 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11), shape: [4, 3]))
        expectEqual(stateDict["slice"], Tensor([Float](arrayLiteral: 4, 6, 8, 10), shape: [2, 2]))
    }

    @Test func widensFloat16AndBFloat16ToFloat32AndInt32ToInt64() throws {
        let stateDict = try PyTorchStateDict.read(from: TorchFixtures.url("narrow.pt"))
        // PyTorch's own .float() of the same tensors: widening is exact, so equality.
        expectEqual(stateDict["half"], (try TorchFixtures.tensor("half_as_float")))
        expectEqual(stateDict["bf16"], (try TorchFixtures.tensor("bf16_as_float")))
        expectEqual(stateDict["ints"], Tensor([Int64(-3), 7], shape: [2]))
    }

    @Test func readsBigEndianArchives() throws {
        let little = try PyTorchStateDict.read(from: TorchFixtures.url("mlp.pt"))
        let big = try PyTorchStateDict.read(from: TorchFixtures.url("mlp_bigendian.pt"))
        expectEqual(big.names, little.names)
        for entry in little.entries { expectEqual(big[entry.name], entry.tensor, "\(entry.name)") }
    }

    @Test func refusesTheLegacyFormatWithTheFix() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("legacy.pt")) }
        guard case .unsupportedFormat(let file, let reason) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("legacy.pt") && reason.contains("legacy") && reason.contains("torch.save"))
    }

    @Test func parametersAreTheirTensors() throws {
        let stateDict = try PyTorchStateDict.read(from: TorchFixtures.url("parameters.pt"))
        expectEqual(stateDict["w"], Tensor([Float(1.5), -2], shape: [2]))
    }

    @Test func aTrainingCheckpointNamesTheKeyToSave() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("checkpoint.pt")) }
        guard case .notAStateDict(_, let reason) = error else { Issue.record("\(error)"); return }
        // "epoch" (an int) comes first and is named, and the dict to save instead.
        #expect(reason.contains("\"epoch\" holds int") && reason.contains("torch.save(checkpoint[\"model_state_dict\"], path)"))
    }

    @Test func refusesTorchScriptArchivesWithTheFix() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("traced.pt")) }
        guard case .unsupportedFormat(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("TorchScript") && reason.contains("state_dict()"))
    }

    // MARK: Malicious pickles: refused by name before anything after the name is read

    @Test(arguments: [("evil_global.pt", "posix", "system"), ("evil_stack_global.pt", "posix", "system"),
                      ("evil_eval.pt", "builtins", "eval"), ("evil_user_class.pt", "__main__", "UserClass")])
    func refusesEveryClassAStateDictDoesNotNeed(_ file: String, _ module: String, _ name: String) throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url(file)) }
        expectEqual(error, .refusedGlobal(file: TorchFixtures.url(file).path, module: module, name: name))
        #expect(error.description.contains("\(module).\(name)") && error.description.contains(file))
    }

    // MARK: Damaged archives

    /// libFuzzer's find (fuzz-pytorch, within a minute): a ZIP64 directory entry whose local-header
    /// offset is above Int64.max stopped the process inside the zip library used then. Refused by name.
    @Test func aDirectoryPointingOutsideTheFileIsRefused() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("zip64_offset_overflow.pt")) }
        guard case .corruptArchive(_, let reason) = error else { Issue.record("\(error)"); return }
        #expect(reason.contains("damaged zip directory"), "\(reason)")
        // Every intact fixture passes the same checks, each entry read whole.
        for name in ["mlp.pt", "cnn.pt", "lstm.pt", "views.pt", "narrow.pt"] {
            let archive = try ZipArchive(contentsOf: TorchFixtures.url(name))
            for entry in archive.entries { try expectEqual(archive.contents(of: entry).count, Int(entry.uncompressedSize), "\(name)") }
        }
    }

    /// torch.save under `torch.serialization.set_crc32_options(False)` writes 0 for every CRC-32,
    /// and torch.load reads the file: so does Neurona, to the same tensors as the checked `mlp.pt`.
    @Test func aFileSavedWithoutChecksumsReads() throws {
        let unchecked = try PyTorchStateDict.read(from: TorchFixtures.url("mlp_no_crc32.pt"))
        let checked = try PyTorchStateDict.read(from: TorchFixtures.url("mlp.pt"))
        expectEqual(unchecked.names, checked.names)
        for entry in checked.entries { expectEqual(unchecked[entry.name], entry.tensor, "\(entry.name)") }
    }

    @Test func missingPickleOrStorageIsNamed() throws {
        let noPickle = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("no_pickle.pt")) }
        guard case .corruptArchive(_, let reason) = noPickle else { Issue.record("\(noPickle)"); return }
        #expect(reason.contains("data.pkl"))
        let noStorage = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("no_storage.pt")) }
        expectEqual(noStorage, .missingEntry(file: TorchFixtures.url("no_storage.pt").path, entry: "mlp/data/1"))
    }

    @Test func storageShorterThanItsTensorIsRefused() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.read(from: TorchFixtures.url("short_storage.pt")) }
        guard case .invalidTensor(_, let key, let reason) = error else { Issue.record("\(error)"); return }
        #expect(key == "0.weight" && reason.contains("8 bytes"))
    }

    @Test func truncatedArchivesThrowAtEveryLength() throws {
        let whole = try TorchFixtures.data("mlp.pt")
        // Every cut (in steps, to stay fast in debug builds) is a typed error, never a crash.
        for length in stride(from: 0, to: whole.count, by: 37) {
            #expect(throws: (any Error).self) { try PyTorchStateDict.decode(whole.prefix(length), file: "cut.pt") }
        }
    }

    @Test func aFlippedByteIsATypedErrorOrTheSameNames() throws {
        let whole = try TorchFixtures.data("mlp.pt")
        for offset in stride(from: 0, to: whole.count, by: 13) {
            var damaged = whole
            damaged[offset] ^= 0xFF
            do {
                let stateDict = try PyTorchStateDict.decode(damaged, file: "flipped.pt")
                // Bytes no reader looks at (padding, the serialization id's CRC is checked): same keys.
                expectEqual(stateDict.names, ["0.weight", "0.bias", "2.weight", "2.bias"])
            } catch is PyTorchError {
            } catch {
                Issue.record("byte \(offset): \(error) is not a PyTorchError")
            }
        }
    }

    @Test func neitherZipNorSafetensorsIsSaidSo() throws {
        let error = try #require(throws: PyTorchError.self) { try PyTorchStateDict.decode(Data("hello".utf8), file: "x.pt") }
        guard case .unsupportedFormat = error else { Issue.record("\(error)"); return }
    }
}
