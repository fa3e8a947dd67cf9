import Foundation

/// Checks a zip file's directory before a zip library trusts it: every offset and size the end
/// records and the central directory give (their ZIP64 forms included) must lie inside the file.
///
/// ZIPFoundation (0.9.20) seeks to such offsets without checking them, and stops the process on
/// one above `Int64.max` (`off_t(UInt64)`): libFuzzer found it within a minute from a torch.save
/// file. NeuronaKeras and NeuronaPyTorch run this check first and throw their own typed error.
package enum ZipDirectoryCheck {
    /// Nil when the directory holds together, else what is wrong.
    /// - Parameter url: The zip file.
    package static func problem(inFileAt url: URL) -> String? {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return "cannot be opened" }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd() else { return "its size cannot be read" }
        func read(_ offset: UInt64, _ count: Int) -> Data? {
            guard count >= 0, offset <= size, UInt64(count) <= size - offset else { return nil }
            guard (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.read(upToCount: count), data.count == count else { return nil }
            return data
        }
        // The end record is in the last 22 + 65,535 bytes (its comment is at most 65,535 long).
        let tailLength = Int(min(size, 22 + 65_535 + 20))
        guard let tail = read(size - UInt64(tailLength), tailLength) else { return "its end cannot be read" }
        var candidates = 0
        var position = tail.count - 22
        while position >= 0 {
            if tail.uint32(at: position) == 0x0605_4b50 {
                candidates += 1
                if let problem = endRecordProblem(tail, at: position, size: size, read: read) { return problem }
            }
            position -= 1
        }
        return candidates == 0 ? "no end-of-central-directory record" : nil
    }

    /// What is wrong with the end record at `position` of `tail`, and the directory it points to.
    private static func endRecordProblem(_ tail: Data, at position: Int, size: UInt64, read: (UInt64, Int) -> Data?) -> String? {
        var entries = UInt64(tail.uint16(at: position + 10))
        var directorySize = UInt64(tail.uint32(at: position + 12))
        var directoryOffset = UInt64(tail.uint32(at: position + 16))
        // A ZIP64 end record, found through the locator just before the end record.
        if position >= 20, tail.uint32(at: position - 20) == 0x0706_4b50 {
            let recordOffset = tail.uint64(at: position - 12)
            guard recordOffset <= size, size - recordOffset >= 56, let record = read(recordOffset, 56),
                  record.uint32(at: 0) == 0x0606_4b50 else {
                return "its ZIP64 end record lies outside the file"
            }
            entries = record.uint64(at: 32)
            directorySize = record.uint64(at: 40)
            directoryOffset = record.uint64(at: 48)
        }
        guard directoryOffset <= size, directorySize <= size - directoryOffset else {
            return "its central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the file of \(size) bytes"
        }
        guard entries <= directorySize / 46 else { return "\(entries) entries cannot fit a central directory of \(directorySize) bytes" }
        guard let directory = read(directoryOffset, Int(directorySize)) else { return "its central directory cannot be read" }
        var offset = 0
        for index in 0..<Int(entries) {
            guard offset + 46 <= directory.count, directory.uint32(at: offset) == 0x0201_4b50 else {
                return "central directory entry \(index) is not where the directory says"
            }
            var compressed = UInt64(directory.uint32(at: offset + 20)), uncompressed = UInt64(directory.uint32(at: offset + 24))
            var localHeader = UInt64(directory.uint32(at: offset + 42))
            let nameLength = Int(directory.uint16(at: offset + 28)), extraLength = Int(directory.uint16(at: offset + 30))
            let commentLength = Int(directory.uint16(at: offset + 32))
            guard offset + 46 + nameLength + extraLength + commentLength <= directory.count else {
                return "central directory entry \(index) runs past the directory"
            }
            // The ZIP64 extra field (id 1) holds the 8-byte values whose 4-byte fields are all ones.
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = directory.uint16(at: extra), length = Int(directory.uint16(at: extra + 2))
                guard extra + 4 + length <= extraEnd else { return "central directory entry \(index) has a broken extra field" }
                if id == 1 {
                    var field = extra + 4
                    let end = field + length
                    func widen(_ value: inout UInt64) -> Bool {
                        guard value == 0xFFFF_FFFF else { return true }
                        guard field + 8 <= end else { return false }
                        value = directory.uint64(at: field)
                        field += 8
                        return true
                    }
                    guard widen(&uncompressed), widen(&compressed), widen(&localHeader) else {
                        return "central directory entry \(index) has a short ZIP64 field"
                    }
                }
                extra += 4 + length
            }
            guard localHeader <= size, size - localHeader >= 30, compressed <= size - localHeader - 30 else {
                return "central directory entry \(index): its data (\(compressed) bytes at \(localHeader)) lies outside the file"
            }
            guard uncompressed <= UInt64(Int64.max) else { return "central directory entry \(index) claims \(uncompressed) bytes" }
            offset += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }
}

private extension Data {
    func uint16(at offset: Int) -> UInt16 {
        UInt16(self[startIndex + offset]) | UInt16(self[startIndex + offset + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
    }
}
