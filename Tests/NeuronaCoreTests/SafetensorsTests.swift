import Foundation
import NeuronaCore
import Testing
import _NeuronaTestSupport

struct SafetensorsTests {
    static let sample: [String: Tensor] = [
        "layers.0.weight": Tensor([[1.5, -2, 3], [4, 5, 6.25]]),
        "layers.0.bias": Tensor([0.125, -0.5], dtype: .float64),
        "labels": Tensor([Int64(3), -1, 7], shape: [3]),
        "mask": Tensor([true, false, true], shape: [3]),
        "scalar": Tensor(2.5),
        "empty": Tensor.zeros([0, 4]),
    ]

    @Test func roundTripKeepsEveryTensorAndMetadata() throws {
        let url = temporaryFolder("safetensors").appendingPathComponent("model.safetensors")
        try Safetensors.write(Self.sample, metadata: ["framework": "neurona"], to: url)
        let back = try Safetensors.readContents(from: url)
        expectEqual(back.metadata, ["framework": "neurona"])
        expectEqual(Set(back.tensors.keys), Set(Self.sample.keys))
        for (name, tensor) in Self.sample {
            #expect(back.tensors[name]!.isIdentical(to: tensor), "\(name)")
        }
        // The header is padded so that the data starts 8-byte aligned.
        let data = try Data(contentsOf: url)
        let headerLength = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        expectEqual(headerLength % 8, 0)
        // No temporary file is left beside it.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)
        expectEqual(siblings, ["model.safetensors"])
    }

    @Test func readsAFileWrittenByPythonSafetensors() throws {
        let url = try #require(Bundle.module.url(forResource: "python_written", withExtension: "safetensors", subdirectory: "Fixtures"))
        let contents = try Safetensors.readContents(from: url)
        expectEqual(contents.metadata, ["format": "np", "source": "make_fixtures.py"])
        let t = contents.tensors
        expectEqual(t["weight"]!, Tensor([[0, 0.25, 0.5], [0.75, 1, 1.25]]))
        expectEqual(t["bias"]!, Tensor([-1.5, 0.25], dtype: .float64))
        expectEqual(t["labels"]!, Tensor([Int64(3), -1, 7], shape: [3]))
        expectEqual(t["mask"]!, Tensor([true, false, true], shape: [3]))
        #expect(t["scalar"]!.shape == [] && t["scalar"]!.item == 2.5)
    }

    @Test func pythonSafetensorsReadsAFileWrittenByNeurona() throws {
        let url = temporaryFolder("safetensors").appendingPathComponent("for-python.safetensors")
        try Safetensors.write(Self.sample, metadata: ["framework": "neurona"], to: url)
        let script = """
        import sys, numpy as np
        from safetensors import safe_open
        from safetensors.numpy import load_file
        t = load_file(sys.argv[1])
        with safe_open(sys.argv[1], framework="np") as f:
            meta = f.metadata()
        assert meta == {"framework": "neurona"}, meta
        assert t["layers.0.weight"].dtype == np.float32 and t["layers.0.weight"].tolist() == [[1.5, -2, 3], [4, 5, 6.25]]
        assert t["layers.0.bias"].dtype == np.float64 and t["layers.0.bias"].tolist() == [0.125, -0.5]
        assert t["labels"].dtype == np.int64 and t["labels"].tolist() == [3, -1, 7]
        assert t["mask"].dtype == np.bool_ and t["mask"].tolist() == [True, False, True]
        assert t["scalar"].shape == () and float(t["scalar"]) == 2.5
        assert t["empty"].shape == (0, 4)
        print("ok", len(t))
        """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, url.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        expectEqual(process.terminationStatus, 0, "python3 safetensors failed (run `make setup`): \(text)")
        #expect(text.contains("ok 6"))
    }

    // MARK: Malformed files: every one throws a typed error naming the file and byte offset.

    static func header(_ json: String, data: [UInt8] = [], declaredLength: UInt64? = nil) -> Data {
        var bytes = Data()
        var length = (declaredLength ?? UInt64(json.utf8.count)).littleEndian
        withUnsafeBytes(of: &length) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: Array(json.utf8))
        bytes.append(contentsOf: data)
        return bytes
    }

    static func decodeError(_ data: Data) -> SafetensorsError? {
        do {
            _ = try Safetensors.decode(data, file: "bad.safetensors")
            return nil
        } catch let error as SafetensorsError {
            return error
        } catch {
            return nil
        }
    }

    @Test func truncatedFiles() throws {
        let good = Safetensors.encode(Self.sample)
        // Every proper prefix of a good file fails cleanly: no crash, a typed error.
        for length in stride(from: 0, to: good.count, by: 7) {
            let error = Self.decodeError(good.prefix(length))
            #expect(error != nil, "prefix of \(length) bytes was accepted")
        }
        let short = try #require(Self.decodeError(Data([1, 2, 3])))
        #expect(short.kind == .truncated && short.byteOffset == 3 && short.file == "bad.safetensors")
    }

    @Test func headerLengthBeyondTheFile() throws {
        let e = try #require(Self.decodeError(Self.header("{}", declaredLength: 4096)))
        #expect(e.kind == .truncated && e.byteOffset == 0)
        #expect(e.description.contains("bad.safetensors: byte 0: header length 4096 runs past the end of the file"))
        let huge = try #require(Self.decodeError(Self.header("{}", declaredLength: UInt64.max)))
        expectEqual(huge.kind, .headerTooLarge)
    }

    @Test func badJSON() throws {
        for json in ["{not json", "[1, 2]", "\"text\"", "{\"w\": 5}", "{\"w\": {\"dtype\": \"F32\", \"shape\": [1]}}",
                     "{\"__metadata__\": {\"a\": 1}}", "{\"w\": {\"dtype\": \"F32\", \"shape\": [\"a\"], \"data_offsets\": [0, 4]}}"] {
            let e = try #require(Self.decodeError(Self.header(json, data: [0, 0, 0, 0])), "\(json)")
            #expect([.invalidHeader, .invalidShape].contains(e.kind), "\(json): \(e)")
            expectEqual(e.byteOffset, 8)
        }
    }

    @Test func unknownDType() throws {
        let json = #"{"w": {"dtype": "F8_E4M3", "shape": [2], "data_offsets": [0, 2]}}"#
        let e = try #require(Self.decodeError(Self.header(json, data: [0, 0])))
        expectEqual(e.kind, .unknownDType)
        #expect(e.message.contains("F8_E4M3"))
    }

    @Test func offsetsOutsideTheData() throws {
        let json = #"{"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}}"#
        let e = try #require(Self.decodeError(Self.header(json, data: [0, 0, 0, 0])))
        expectEqual(e.kind, .offsetsOutOfRange)
        let backwards = #"{"w": {"dtype": "F32", "shape": [0], "data_offsets": [4, 0]}}"#
        expectEqual(Self.decodeError(Self.header(backwards, data: [0, 0, 0, 0]))?.kind, .offsetsOutOfRange)
    }

    @Test func sizeMismatchAndOverlap() throws {
        let mismatch = #"{"w": {"dtype": "F32", "shape": [3], "data_offsets": [0, 8]}}"#
        let e = try #require(Self.decodeError(Self.header(mismatch, data: Array(repeating: 0, count: 8))))
        expectEqual(e.kind, .sizeMismatch)
        let overlap = #"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}, "b": {"dtype": "F32", "shape": [2], "data_offsets": [4, 12]}}"#
        let o = try #require(Self.decodeError(Self.header(overlap, data: Array(repeating: 0, count: 12))))
        expectEqual(o.kind, .overlappingData)
    }

    /// Shapes whose byte count passes Int.max used to trap in the size check
    /// (`elements * dtype.byteSize`, Safetensors.swift:172 at b0d0dae).
    @Test func overflowingShapesThrowInsteadOfTrapping() throws {
        // 2^62 elements of 4 bytes: the element count fits Int, the byte count does not.
        let bytes = #"{"w": {"dtype": "F32", "shape": [4611686018427387904], "data_offsets": [0, 4]}}"#
        let e = try #require(Self.decodeError(Self.header(bytes, data: [0, 0, 0, 0])))
        #expect(e.kind == .invalidShape && e.byteOffset == 8)
        expectEqual(e.description, #"bad.safetensors: byte 8: entry "w" has shape [4611686018427387904] of F32, whose byte count overflows (more than 9223372036854775807 bytes)"#)
        // Two dimensions whose product alone overflows.
        let product = #"{"w": {"dtype": "F64", "shape": [4294967296, 4294967296], "data_offsets": [0, 8]}}"#
        expectEqual(Self.decodeError(Self.header(product, data: Array(repeating: 0, count: 8)))?.kind, .invalidShape)
        // Offsets at Int.max: past the data, never added up.
        let offsets = #"{"w": {"dtype": "F32", "shape": [1], "data_offsets": [9223372036854775807, 9223372036854775807]}}"#
        expectEqual(Self.decodeError(Self.header(offsets, data: [0, 0, 0, 0]))?.kind, .offsetsOutOfRange)
        // Numbers that are not integers (beyond Int, negative, fractional) are not a shape.
        for shape in ["[1e30]", "[-1]", "[1.5]", "[18446744073709551616]"] {
            let json = #"{"w": {"dtype": "F32", "shape": \#(shape), "data_offsets": [0, 4]}}"#
            expectEqual(Self.decodeError(Self.header(json, data: [0, 0, 0, 0]))?.kind, .invalidShape, "\(shape)")
        }
    }

    @Test func missingFileAndUnwritableFolderThrow() {
        let missing = URL(fileURLWithPath: "/nonexistent/neurona/model.safetensors")
        #expect(throws: SafetensorsError.self) { try Safetensors.read(from: missing) }
        #expect(throws: SafetensorsError.self) { try Safetensors.write(Self.sample, to: missing) }
    }
}
