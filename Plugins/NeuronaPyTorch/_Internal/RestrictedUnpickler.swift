/// Reads the pickle `torch.save` writes for a state_dict (`data.pkl`) without running anything:
/// a stack machine over the opcodes of ``PickleOpcode`` whose only callables are the entries of
/// ``AllowedGlobal``. Any other global is refused by name the moment `GLOBAL`/`STACK_GLOBAL`
/// names it; unsupported opcodes, stack underflows, memo misses and values of the wrong kind
/// are ``PyTorchError/malformedPickle(file:offset:reason:)`` at the opcode's byte.
///
/// Nothing allocates more than the input can pay for: a length field is checked against the
/// bytes left before anything is read, and each opcode pushes at most one value.
package struct RestrictedUnpickler {
    private let bytes: [UInt8]
    private let file: String
    private var position = 0
    /// Where the opcode being run starts (what errors point at).
    private var opcodeStart = 0
    private var stack: [PickleValue] = []
    /// The stack heights at each open `MARK`.
    private var marks: [Int] = []
    private var memo: [Int: PickleValue] = [:]

    /// An unpickler over `bytes` (`file` names it in errors).
    package init(_ bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Runs the pickle to its `STOP` and returns the value it built.
    package static func load(_ bytes: [UInt8], file: String) throws -> PickleValue {
        var unpickler = RestrictedUnpickler(bytes, file: file)
        return try unpickler.run()
    }

    private mutating func run() throws -> PickleValue {
        while true {
            opcodeStart = position
            let byte = try readByte()
            guard let opcode = PickleOpcode(rawValue: byte) else {
                if let what = refusedPickleOpcodes[byte] { throw fail("opcode \(what) is not used by state_dicts: refused") }
                throw fail("unknown opcode 0x\(String(byte, radix: 16))")
            }
            if opcode == .stop {
                let result = try pop()
                guard stack.isEmpty, marks.isEmpty else { throw fail("STOP with \(stack.count) values left on the stack") }
                return result
            }
            try execute(opcode)
        }
    }

    // MARK: Opcodes

    private mutating func execute(_ opcode: PickleOpcode) throws {
        switch opcode {
        case .stop: break  // handled by run()
        case .proto:
            let version = try readByte()
            guard version <= 5 else { throw fail("pickle protocol \(version) is newer than 5") }
        case .frame: _ = try read(8)
        case .mark: marks.append(stack.count)
        case .pop:
            if let mark = marks.last, mark == stack.count { marks.removeLast() } else { _ = try pop() }
        case .popMark: _ = try popToMark()
        case .dup: stack.append(try top())
        case .none: stack.append(.none)
        case .newTrue: stack.append(.bool(true))
        case .newFalse: stack.append(.bool(false))
        case .binInt: stack.append(.int(Int(Int32(bitPattern: try readUInt32()))))
        case .binInt1: stack.append(.int(Int(try readByte())))
        case .binInt2: stack.append(.int(Int(try readLittleEndian(2))))
        case .long1: stack.append(.int(try readLong(count: Int(try readByte()))))
        case .long4: stack.append(.int(try readLong(count: try readLength(4))))
        case .binFloat: stack.append(.float(Double(bitPattern: try read(8).reduce(0) { $0 << 8 | UInt64($1) })))  // big-endian
        case .binUnicode: stack.append(.string(try readUTF8(count: try readLength(4))))
        case .shortBinUnicode: stack.append(.string(try readUTF8(count: Int(try readByte()))))
        case .binUnicode8: stack.append(.string(try readUTF8(count: try readLength(8))))
        case .binString: stack.append(.string(latin1(try read(try readLength(4)))))
        case .shortBinString: stack.append(.string(latin1(try read(Int(try readByte())))))
        case .binBytes: stack.append(.bytes(Array(try read(try readLength(4)))))
        case .shortBinBytes: stack.append(.bytes(Array(try read(Int(try readByte())))))
        case .binBytes8: stack.append(.bytes(Array(try read(try readLength(8)))))
        case .emptyTuple: stack.append(.tuple([]))
        case .tuple: stack.append(.tuple(try popToMark()))
        case .tuple1: stack.append(.tuple(try pop(1)))
        case .tuple2: stack.append(.tuple(try pop(2)))
        case .tuple3: stack.append(.tuple(try pop(3)))
        case .emptyList: stack.append(.list(PickleList()))
        case .list: stack.append(.list(PickleList(try popToMark())))
        case .append:
            let value = try pop()
            try list(at: try top()).items.append(value)
        case .appends:
            let values = try popToMark()
            try list(at: try top()).items.append(contentsOf: values)
        case .emptyDict: stack.append(.dict(PickleDict()))
        case .dict:
            let dict = PickleDict()
            try setItems(try popToMark(), into: dict)
            stack.append(.dict(dict))
        case .setItem:
            let pair = try pop(2)
            try setItems(pair, into: try dictionary(at: try top()))
        case .setItems:
            let items = try popToMark()
            try setItems(items, into: try dictionary(at: try top()))
        case .binPut: memo[Int(try readByte())] = try top()
        case .longBinPut: memo[try readLength(4)] = try top()
        case .memoize: memo[memo.count] = try top()
        case .binGet: stack.append(try memoized(Int(try readByte())))
        case .longBinGet: stack.append(try memoized(try readLength(4)))
        case .global:
            let module = try readLine(), name = try readLine()
            stack.append(.global(try allowed(module, name)))
        case .stackGlobal:
            let pair = try pop(2)
            guard case .string(let module) = pair[0], case .string(let name) = pair[1] else {
                throw fail("STACK_GLOBAL needs two strings, got \(pair[0].kindName) and \(pair[1].kindName)")
            }
            stack.append(.global(try allowed(module, name)))
        case .binPersId: stack.append(.storage(try storageReference(try pop())))
        case .reduce:
            let arguments = try pop()
            let callable = try pop()
            stack.append(try call(callable, arguments))
        case .newObj:
            let arguments = try pop()
            let type = try pop()
            guard case .global(.orderedDict) = type, case .tuple(let items) = arguments, items.isEmpty else {
                throw fail("NEWOBJ makes only an empty collections.OrderedDict, not \(type.kindName)")
            }
            stack.append(.dict(PickleDict()))
        case .build:
            let state = try pop()
            // An OrderedDict's state is its attributes: a state_dict's `_metadata` (module
            // versions), which Neurona does not need.
            guard case .dict = try top(), case .dict = state else {
                throw fail("BUILD sets state only on a dict (a state_dict's _metadata), not on \(try top().kindName)")
            }
        }
    }

    // MARK: Globals and calls

    /// The table's entry for `module.name`; anything else is refused here, before it is used.
    private func allowed(_ module: String, _ name: String) throws -> AllowedGlobal {
        guard let global = AllowedGlobal(module: module, name: name) else {
            throw PyTorchError.refusedGlobal(file: file, module: module, name: name)
        }
        return global
    }

    /// `callable(*arguments)` for the table's callables.
    private func call(_ callable: PickleValue, _ arguments: PickleValue) throws -> PickleValue {
        guard case .global(let global) = callable else { throw fail("REDUCE calls a \(callable.kindName), not an allowed global") }
        guard case .tuple(let args) = arguments else { throw fail("REDUCE's arguments are a \(arguments.kindName), not a tuple") }
        switch global {
        case .orderedDict:
            guard args.isEmpty else { throw fail("collections.OrderedDict is made empty, not from \(args.count) arguments") }
            return .dict(PickleDict())
        case .rebuildTensor:
            return .tensor(try tensorDescription(args))
        case .rebuildParameter:
            guard (2...4).contains(args.count), case .tensor(let tensor) = args[0] else {
                throw fail("_rebuild_parameter takes (tensor, requires_grad, hooks), got \(args.count) arguments")
            }
            return .tensor(tensor)
        case .storageType(let type):
            throw fail("torch.\(type.rawValue) is read only inside a persistent id, not called")
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])`.
    private func tensorDescription(_ args: [PickleValue]) throws -> TensorDescription {
        guard args.count == 6 || args.count == 7 else {
            throw fail("_rebuild_tensor_v2 takes 6 or 7 arguments, got \(args.count)")
        }
        guard case .storage(let storage) = args[0] else { throw fail("_rebuild_tensor_v2's storage is a \(args[0].kindName)") }
        guard case .int(let offset) = args[1] else { throw fail("_rebuild_tensor_v2's storage offset is a \(args[1].kindName)") }
        let shape = try integers(args[2], "size"), strides = try integers(args[3], "stride")
        guard shape.count == strides.count else {
            throw fail("_rebuild_tensor_v2's size \(shape) and stride \(strides) differ in rank")
        }
        return TensorDescription(storage: storage, storageOffset: offset, shape: shape, strides: strides)
    }

    /// `('storage', torch.FloatStorage, '<key>', '<location>', numel)`.
    private func storageReference(_ pid: PickleValue) throws -> StorageReference {
        guard case .tuple(let parts) = pid, parts.count == 5, case .string("storage") = parts[0] else {
            throw fail("a persistent id is a ('storage', type, key, location, size) tuple, not a \(pid.kindName)")
        }
        guard case .global(.storageType(let type)) = parts[1] else { throw fail("a persistent id names a \(parts[1].kindName), not a typed storage") }
        guard case .string(let key) = parts[2] else { throw fail("a storage key is a \(parts[2].kindName), not a str") }
        guard case .int(let count) = parts[4], count >= 0 else { throw fail("a storage size is not a non-negative int") }
        return StorageReference(type: type, key: key, elementCount: count)
    }

    private func integers(_ value: PickleValue, _ what: String) throws -> [Int] {
        guard case .tuple(let items) = value else { throw fail("_rebuild_tensor_v2's \(what) is a \(value.kindName), not a tuple") }
        return try items.map {
            guard case .int(let i) = $0 else { throw fail("_rebuild_tensor_v2's \(what) holds a \($0.kindName)") }
            return i
        }
    }

    // MARK: Stack and memo

    private mutating func pop() throws -> PickleValue {
        guard stack.count > (marks.last ?? 0), let value = stack.popLast() else { throw fail("stack underflow") }
        return value
    }

    private mutating func pop(_ count: Int) throws -> [PickleValue] {
        guard stack.count - (marks.last ?? 0) >= count else { throw fail("stack underflow") }
        defer { stack.removeLast(count) }
        return Array(stack.suffix(count))
    }

    private mutating func popToMark() throws -> [PickleValue] {
        guard let mark = marks.popLast() else { throw fail("no MARK to pop to") }
        defer { stack.removeSubrange(mark...) }
        return Array(stack[mark...])
    }

    private func top() throws -> PickleValue {
        guard stack.count > (marks.last ?? 0), let value = stack.last else { throw fail("stack underflow") }
        return value
    }

    private func memoized(_ index: Int) throws -> PickleValue {
        guard let value = memo[index] else { throw fail("memo \(index) was never set") }
        return value
    }

    private func list(at value: PickleValue) throws -> PickleList {
        guard case .list(let list) = value else { throw fail("APPEND to a \(value.kindName), not a list") }
        return list
    }

    private func dictionary(at value: PickleValue) throws -> PickleDict {
        guard case .dict(let dict) = value else { throw fail("SETITEM on a \(value.kindName), not a dict") }
        return dict
    }

    private func setItems(_ flat: [PickleValue], into dict: PickleDict) throws {
        guard flat.count % 2 == 0 else { throw fail("a dict's items come in pairs, got \(flat.count) values") }
        for i in stride(from: 0, to: flat.count, by: 2) { dict.set(flat[i], flat[i + 1]) }
    }

    // MARK: Reading bytes

    private func fail(_ reason: String) -> PyTorchError {
        .malformedPickle(file: file, offset: opcodeStart, reason: reason)
    }

    private mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw fail("the pickle ends without STOP") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func read(_ count: Int) throws -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - position else {
            throw fail("a \(count)-byte field runs past the end of the pickle (\(bytes.count - position) bytes left)")
        }
        defer { position += count }
        return bytes[position..<(position + count)]
    }

    private mutating func readLittleEndian(_ count: Int) throws -> UInt64 {
        try read(count).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func readUInt32() throws -> UInt32 { UInt32(try readLittleEndian(4)) }

    /// A length field of `width` bytes, checked against the bytes left (so nothing larger than
    /// the input is ever allocated).
    private mutating func readLength(_ width: Int) throws -> Int {
        let value = try readLittleEndian(width)
        guard value <= UInt64(bytes.count - position) else {
            throw fail("a length of \(value) runs past the end of the pickle (\(bytes.count - position) bytes left)")
        }
        return Int(value)
    }

    /// A little-endian two's-complement integer of `count` bytes (`LONG1`, `LONG4`).
    private mutating func readLong(count: Int) throws -> Int {
        let digits = try read(count)
        guard count <= 8 else { throw fail("an integer of \(count) bytes does not fit 64 bits") }
        guard let last = digits.last else { return 0 }
        var value = digits.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        if last & 0x80 != 0 && count < 8 { value |= ~UInt64(0) << UInt64(8 * count) }  // sign-extend
        return Int(Int64(bitPattern: value))
    }

    private mutating func readUTF8(count: Int) throws -> String {
        let raw = try read(count)
        guard let string = String(validating: raw, as: UTF8.self) else { throw fail("a string is not valid UTF-8") }
        return string
    }

    /// A `GLOBAL` operand: text up to a newline.
    private mutating func readLine() throws -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else { throw fail("GLOBAL's name has no end of line") }
        let line = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        return line
    }

    private func latin1(_ raw: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(raw.map { Unicode.Scalar($0) }))
    }
}
