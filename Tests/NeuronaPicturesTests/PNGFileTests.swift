import Foundation
import Testing
import NeuronaPictures
import _NeuronaTestSupport

@Suite struct PNGFileTests {
    @Test func writtenPixelsReadBackThroughLibpng() throws {
        var image = PixelImage(width: 7, height: 5, background: .white)
        image[0, 0] = RGB(255, 0, 0)
        image[6, 4] = RGB(1, 2, 3)
        image.fill(x: 2, y: 1, width: 3, height: 2, RGB(hex: 0x0877BD))
        let path = temporaryFolder("png").appendingPathComponent("small.png")
        try PNGFile.write(image, to: path)
        let data = try Data(contentsOf: path)
        expectEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])  // the PNG signature
        let back = try PNGFile.read(path)
        #expect(back.width == 7 && back.height == 5)
        expectEqual(back, image)
        expectEqual(back[0, 0], RGB(255, 0, 0))
        expectEqual(back[6, 4], RGB(1, 2, 3))
        expectEqual(back[3, 2], RGB(0x08, 0x77, 0xBD))
        expectEqual(back[5, 1], .white)
    }

    @Test func notAPNGThrowsWithThePath() throws {
        let path = temporaryFolder("bad").appendingPathComponent("bad.png")
        try Data("not a picture".utf8).write(to: path)
        #expect(throws: PictureError.self) { try PNGFile.read(path) }
        do { _ = try PNGFile.read(path) } catch { #expect("\(error)".contains(path.path)) }
    }

    @Test func heatmapUpscalesByNearestNeighbour() {
        // 2×2 values, 3 pixels each: a 6×6 picture, every 3×3 block one colour.
        let image = PixelImage.heatmap([0, 1, 0.5, 0.25], rows: 2, columns: 2, range: ValueRange(0, 1), colorMap: .grey, scale: 3)
        #expect(image.width == 6 && image.height == 6)
        #expect(image[0, 0] == .black && image[2, 2] == .black)
        #expect(image[3, 0] == .white && image[5, 2] == .white)
        expectEqual(image[0, 3], RGB(128, 128, 128))  // 0.5 · 255 = 127.5, rounded
        expectEqual(image[5, 5], RGB(64, 64, 64))     // 0.25 · 255 = 63.75
    }

    @Test func bitmapFontDrawsTheGlyph() {
        // "I" is columns 0x00 0x41 0x7F 0x41 0x00: a vertical stroke in column 2, serifs in rows 0 and 6.
        var image = PixelImage(width: 5, height: 7)
        image.draw(text: "I", x: 0, y: 0, color: .black)
        #expect((0..<7).allSatisfy { image[2, $0] == .black })
        #expect(image[1, 0] == .black && image[3, 6] == .black)
        #expect(image[1, 3] == .white && image[0, 0] == .white)
        expectEqual(BitmapFont.width(of: "Coat", scale: 2), (4 * 6 - 1) * 2)
    }

    /// Spanish letters: the base glyph with its accent in rows 0–1, which lower-case letters leave
    /// empty; "í" loses its dot to the accent; "¿" is "?" upside down; anything else draws as "?".
    @Test func bitmapFontDrawsSpanishLetters() {
        func pixels(_ c: Character) -> [[Bool]] { (0..<8).map { y in (0..<5).map { x in BitmapFont.isSet(c, x: x, y: y) } } }
        let (e, eAcute) = (pixels("e"), pixels("é"))
        expectEqual(Array(eAcute[2...]), Array(e[2...]))                    // the letter itself unchanged
        #expect(eAcute[0] == [false, false, false, true, false] && eAcute[1] == [false, false, true, false, false])
        #expect(pixels("i")[0][2] && !pixels("í")[0][2] && pixels("í")[0][3])
        #expect(pixels("ñ")[0] == [false, true, false, true, false] && Array(pixels("ñ")[2...]) == Array(pixels("n")[2...]))
        let (question, turned) = (pixels("?"), pixels("¿"))
        #expect((0..<7).allSatisfy { turned[$0] == question[6 - $0] })
        #expect(pixels("€") == question && pixels("É") == pixels("E"))
    }
}
