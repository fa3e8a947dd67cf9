/// The pickle opcodes the restricted unpickler reads: protocol 2's binary opcodes (what
/// `torch.save` writes), and the few of protocols 3 and 4 a re-pickled state_dict may carry
/// (`SHORT_BINUNICODE`, `STACK_GLOBAL`, `MEMOIZE`, `FRAME`, bytes). Every other byte, the text
/// opcodes of protocol 0 among them, is refused as unsupported: a state_dict never needs them.
///
/// Names and values are CPython's `Lib/pickle.py`.
package enum PickleOpcode: UInt8 {
    case mark = 0x28              // (  push the mark
    case stop = 0x2E              // .  end: the top of the stack is the result
    case pop = 0x30               // 0
    case popMark = 0x31           // 1  drop everything down to the mark
    case dup = 0x32               // 2
    case binFloat = 0x47          // G  8-byte big-endian double
    case binInt = 0x4A            // J  4-byte signed little-endian
    case binInt1 = 0x4B           // K  1-byte unsigned
    case binInt2 = 0x4D           // M  2-byte unsigned little-endian
    case none = 0x4E              // N
    case binPersId = 0x51         // Q  persistent id from the stack (torch's storages)
    case reduce = 0x52            // R  callable(*args)
    case binString = 0x54         // T  4-byte length, Python 2 str
    case shortBinString = 0x55    // U  1-byte length, Python 2 str
    case binUnicode = 0x58        // X  4-byte length, UTF-8
    case emptyList = 0x5D         // ]
    case append = 0x61            // a
    case build = 0x62             // b  set state
    case global = 0x63            // c  "module\nname\n"
    case dict = 0x64              // d  dict from the items above the mark
    case emptyDict = 0x7D         // }
    case appends = 0x65           // e
    case binGet = 0x68            // h  1-byte memo index
    case longBinGet = 0x6A        // j  4-byte memo index
    case list = 0x6C              // l  list from the items above the mark
    case binPut = 0x71            // q  1-byte memo index
    case longBinPut = 0x72        // r  4-byte memo index
    case setItem = 0x73           // s
    case tuple = 0x74             // t  tuple from the items above the mark
    case setItems = 0x75          // u
    case emptyTuple = 0x29        // )
    case proto = 0x80             //    protocol version
    case newObj = 0x81            //    cls.__new__(cls, *args)
    case tuple1 = 0x85
    case tuple2 = 0x86
    case tuple3 = 0x87
    case newTrue = 0x88
    case newFalse = 0x89
    case long1 = 0x8A             //    1-byte length, little-endian two's complement
    case long4 = 0x8B             //    4-byte length
    case binBytes = 0x42          // B  4-byte length
    case shortBinBytes = 0x43     // C  1-byte length
    case shortBinUnicode = 0x8C   //    1-byte length, UTF-8
    case binUnicode8 = 0x8D       //    8-byte length
    case binBytes8 = 0x8E         //    8-byte length
    case stackGlobal = 0x93       //    module and name from the stack
    case memoize = 0x94           //    memo the top at the next index
    case frame = 0x95             //    8-byte frame length (a buffering hint)
}

/// Opcodes that are real pickle but that a state_dict never needs, with why they are refused:
/// named in the error, so that a file using them is told apart from garbage.
package let refusedPickleOpcodes: [UInt8: String] = [
    0x69: "INST (protocol 0 object creation)",
    0x6F: "OBJ (protocol 1 object creation)",
    0x50: "PERSID (text persistent id)",
    0x82: "EXT1 (extension registry)", 0x83: "EXT2 (extension registry)", 0x84: "EXT4 (extension registry)",
    0x92: "NEWOBJ_EX", 0x8F: "EMPTY_SET", 0x90: "ADDITEMS", 0x91: "FROZENSET",
    0x96: "BYTEARRAY8", 0x97: "NEXT_BUFFER", 0x98: "READONLY_BUFFER",
    0x49: "INT (text)", 0x4C: "LONG (text)", 0x46: "FLOAT (text)", 0x53: "STRING (text)", 0x56: "UNICODE (text)",
    0x70: "PUT (text)", 0x67: "GET (text)",
]
