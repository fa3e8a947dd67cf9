import Foundation
@testable import NeuronaPyTorch
import Testing
import _NeuronaTestSupport

/// The restricted unpickler on hand-made pickles: malformed ones are typed errors at the
/// opcode's byte, never a crash and never an allocation larger than the input.
struct RestrictedUnpicklerTests {
    private func failure(_ bytes: [UInt8]) -> PyTorchError? {
        do {
            _ = try RestrictedUnpickler.load(bytes, file: "t.pkl")
            return nil
        } catch {
            return error as? PyTorchError
        }
    }

    private func reason(_ bytes: [UInt8]) -> String? {
        guard case .malformedPickle(_, _, let reason) = failure(bytes) else { return nil }
        return reason
    }

    @Test func readsPlainValuesAndAnOrderedDict() throws {
        // OrderedDict() then {"b": 1, "a": (2.5, None, True)}, protocol 2 (as pickle.dumps writes it).
        let bytes: [UInt8] = [0x80, 0x02] + Array("ccollections\nOrderedDict\n".utf8) + [0x29, 0x52, 0x28,
            0x58, 1, 0, 0, 0, 0x62, 0x4B, 1,
            0x58, 1, 0, 0, 0, 0x61, 0x47, 0x40, 0x04, 0, 0, 0, 0, 0, 0, 0x4E, 0x88, 0x87,
            0x75, 0x2E]
        guard case .dict(let dict) = try RestrictedUnpickler.load(bytes, file: "t.pkl") else { Issue.record("not a dict"); return }
        expectEqual(dict.items.count, 2)
        guard case .string("b") = dict.items[0].key, case .int(1) = dict.items[0].value,
              case .tuple(let t) = dict.items[1].value, t.count == 3, case .float(2.5) = t[0], case .bool(true) = t[2] else {
            Issue.record("wrong items"); return
        }
    }

    @Test func stackUnderflowAtTheOpcode() {
        expectEqual(failure([0x80, 0x02, 0x52, 0x2E]), .malformedPickle(file: "t.pkl", offset: 2, reason: "stack underflow"))
        expectEqual(reason([0x74, 0x2E]), "no MARK to pop to")
    }

    @Test func garbageAndTruncation() {
        expectEqual(reason([0x80, 0x02, 0xFF]), "unknown opcode 0xff")
        expectEqual(reason([0x80, 0x02]), "the pickle ends without STOP")
        expectEqual(reason([0x69]).map { $0.contains("INST") }, true)
        expectEqual(reason([0x68, 7, 0x2E]), "memo 7 was never set")
    }

    @Test func hugeLengthsAreCheckedBeforeAnyAllocation() {
        // BINUNICODE of 2³¹−1 bytes, BINBYTES8 of 2⁶³ bytes, LONG4 of 2³² − 1 bytes: the input is a few bytes.
        expectEqual(reason([0x58, 0xFF, 0xFF, 0xFF, 0x7F]).map { $0.contains("runs past the end") }, true)
        expectEqual(reason([0x8E, 0, 0, 0, 0, 0, 0, 0, 0x80]).map { $0.contains("runs past the end") }, true)
        expectEqual(reason([0x8B, 0xFF, 0xFF, 0xFF, 0xFF]).map { $0.contains("runs past the end") }, true)
    }

    @Test func refusesGlobalsByNameBeforeCallingAnything() {
        // GLOBAL 'os system', then garbage that is never reached.
        expectEqual(failure(Array("cos\nsystem\n".utf8) + [0xFF]), .refusedGlobal(file: "t.pkl", module: "os", name: "system"))
        // STACK_GLOBAL 'builtins' 'eval'.
        let stackGlobal: [UInt8] = [0x8C, 8] + Array("builtins".utf8) + [0x8C, 4] + Array("eval".utf8) + [0x93]
        expectEqual(failure(stackGlobal), .refusedGlobal(file: "t.pkl", module: "builtins", name: "eval"))
        // A torch name outside the table (a storage type that does not exist).
        expectEqual(failure(Array("ctorch\nload\n".utf8)), .refusedGlobal(file: "t.pkl", module: "torch", name: "load"))
    }

    @Test func allowedGlobalsAreOnlyCalledAsAStateDictCallsThem() {
        // torch.FloatStorage called directly, not through a persistent id.
        expectEqual(reason(Array("ctorch\nFloatStorage\n".utf8) + [0x29, 0x52, 0x2E]).map { $0.contains("persistent id") }, true)
        // OrderedDict with arguments.
        expectEqual(reason(Array("ccollections\nOrderedDict\n".utf8) + [0x4B, 1, 0x85, 0x52, 0x2E]).map { $0.contains("empty") }, true)
    }
}
