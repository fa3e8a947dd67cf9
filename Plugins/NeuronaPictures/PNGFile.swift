import CPNG
import Foundation

/// Errors reading or writing pictures, with the file and libpng's own message.
public enum PictureError: Error, CustomStringConvertible, Equatable {
    /// libpng could not encode the picture.
    case encodingFailed(String)
    /// The file is not a PNG libpng can read.
    case unreadablePNG(path: String, reason: String)
    /// The picture could not be written.
    case writeFailed(path: String, reason: String)

    /// The error in words.
    public var description: String {
        switch self {
        case .encodingFailed(let reason): return "PNG: libpng could not encode the picture: \(reason)"
        case .unreadablePNG(let path, let reason): return "PNG: cannot read \(path): \(reason)"
        case .writeFailed(let path, let reason): return "cannot write \(path): \(reason)"
        }
    }
}

/// PNG encoding and decoding through libpng's simplified API (`png_image_*`).
public enum PNGFile {
    /// The picture as PNG bytes (8-bit RGB).
    public static func encode(_ image: PixelImage) throws -> Data {
        var info = png_image()
        info.version = UInt32(PNG_IMAGE_VERSION)
        info.width = UInt32(image.width)
        info.height = UInt32(image.height)
        info.format = UInt32(PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        let stride = Int32(image.width * 3)
        // First call measures, second writes.
        let measured = image.bytes.withUnsafeBytes { png_image_write_to_memory(&info, nil, &size, 0, $0.baseAddress, stride, nil) }
        guard measured != 0, size > 0 else { throw PictureError.encodingFailed(message(of: &info)) }
        var data = Data(count: Int(size))
        let written = data.withUnsafeMutableBytes { out in
            image.bytes.withUnsafeBytes { png_image_write_to_memory(&info, out.baseAddress, &size, 0, $0.baseAddress, stride, nil) }
        }
        guard written != 0 else { throw PictureError.encodingFailed(message(of: &info)) }
        png_image_free(&info)
        return data.prefix(Int(size))
    }

    /// Writes the picture to `url` as PNG, atomically (never a half-written file), creating its folder.
    public static func write(_ image: PixelImage, to url: URL) throws {
        try writeAtomically(encode(image), to: url)
    }

    /// Writes `data` to `url` atomically, creating its folder; the one way pictures reach disk.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        } catch {
            throw PictureError.writeFailed(path: url.path, reason: "\(error)")
        }
    }

    /// Reads a PNG file as 8-bit RGB (grey, palette and alpha images are converted by libpng).
    public static func read(_ url: URL) throws -> PixelImage {
        let path = url.path
        var info = png_image()
        info.version = UInt32(PNG_IMAGE_VERSION)
        guard png_image_begin_read_from_file(&info, path) != 0 else {
            throw PictureError.unreadablePNG(path: path, reason: message(of: &info))
        }
        info.format = UInt32(PNG_FORMAT_RGB)
        let (width, height) = (Int(info.width), Int(info.height))
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        let ok = bytes.withUnsafeMutableBytes { png_image_finish_read(&info, nil, $0.baseAddress, Int32(width * 3), nil) }
        guard ok != 0 else { throw PictureError.unreadablePNG(path: path, reason: message(of: &info)) }
        return PixelImage(width: width, height: height, bytes: bytes)
    }

    /// libpng's message in the image's control structure, after freeing it.
    private static func message(of info: inout png_image) -> String {
        let text = withUnsafeBytes(of: info.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        png_image_free(&info)
        return text.isEmpty ? "unknown libpng error" : text
    }
}
