import NeuronaCore

/// An RGB raster picture, 8 bits per channel, drawn into and then saved as PNG.
///
/// Coordinates are pixels from the top-left corner; drawing outside the picture is clipped.
public struct PixelImage: Equatable, Sendable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// The pixels, row by row, three bytes (red, green, blue) each.
    public private(set) var bytes: [UInt8]

    /// A picture filled with `background`.
    /// - Parameters:
    ///   - width: width in pixels, at least 1.
    ///   - height: height in pixels, at least 1.
    ///   - background: the colour of every pixel.
    public init(width: Int, height: Int, background: RGB = .white) {
        checkPrecondition(width > 0 && height > 0, "PixelImage: size \(width)×\(height) must be positive")
        self.width = width
        self.height = height
        var bytes = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            bytes[3 * i] = background.red; bytes[3 * i + 1] = background.green; bytes[3 * i + 2] = background.blue
        }
        self.bytes = bytes
    }

    /// A picture from raw RGB bytes, row by row.
    /// - Parameters:
    ///   - width: width in pixels.
    ///   - height: height in pixels.
    ///   - bytes: `width × height × 3` bytes.
    public init(width: Int, height: Int, bytes: [UInt8]) {
        checkPrecondition(width > 0 && height > 0 && bytes.count == width * height * 3,
                          "PixelImage: \(bytes.count) bytes for \(width)×\(height) RGB pixels (need \(width * height * 3))")
        (self.width, self.height, self.bytes) = (width, height, bytes)
    }

    /// The colour at column `x`, row `y`; setting outside the picture does nothing.
    public subscript(x: Int, y: Int) -> RGB {
        get {
            checkPrecondition(x >= 0 && x < width && y >= 0 && y < height, "PixelImage: pixel (\(x), \(y)) outside \(width)×\(height)")
            let i = 3 * (y * width + x)
            return RGB(bytes[i], bytes[i + 1], bytes[i + 2])
        }
        set {
            guard x >= 0 && x < width && y >= 0 && y < height else { return }
            let i = 3 * (y * width + x)
            bytes[i] = newValue.red; bytes[i + 1] = newValue.green; bytes[i + 2] = newValue.blue
        }
    }

    /// Fills the rectangle with top-left corner (`x`, `y`).
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, _ color: RGB) {
        for row in Swift.max(0, y)..<Swift.max(Swift.max(0, y), Swift.min(height, y + h)) {
            for column in Swift.max(0, x)..<Swift.max(Swift.max(0, x), Swift.min(width, x + w)) {
                self[column, row] = color
            }
        }
    }

    /// Draws the outline of a rectangle, `thickness` pixels wide, inside its bounds.
    public mutating func stroke(x: Int, y: Int, width w: Int, height h: Int, _ color: RGB, thickness: Int = 1) {
        fill(x: x, y: y, width: w, height: thickness, color)
        fill(x: x, y: y + h - thickness, width: w, height: thickness, color)
        fill(x: x, y: y, width: thickness, height: h, color)
        fill(x: x + w - thickness, y: y, width: thickness, height: h, color)
    }

    /// Draws a straight line `thickness` pixels wide from (`x0`, `y0`) to (`x1`, `y1`), solid or with
    /// `dash` (pixels drawn, pixels skipped) measured along the line from `dashOffset`; returns how far
    /// along the dash pattern the line ended, so a polyline's dashes run on across its corners.
    @discardableResult
    public mutating func drawLine(x0: Double, y0: Double, x1: Double, y1: Double, _ color: RGB, thickness: Double = 1,
                                  dash: (on: Double, off: Double)? = nil, dashOffset: Double = 0) -> Double {
        let length = ((x1 - x0) * (x1 - x0) + (y1 - y0) * (y1 - y0)).squareRoot()
        let steps = Swift.max(1, Int((length * 2).rounded(.up)))   // half-pixel steps leave no gaps
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            if let dash, (dashOffset + t * length).truncatingRemainder(dividingBy: dash.on + dash.off) >= dash.on { continue }
            let (x, y) = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
            if thickness <= 1 {
                self[Int(x.rounded()), Int(y.rounded())] = color
            } else {
                fillCircle(x: x, y: y, radius: thickness / 2, color)
            }
        }
        return dashOffset + length
    }

    /// Fills a disc centred at (`x`, `y`).
    public mutating func fillCircle(x: Double, y: Double, radius: Double, _ color: RGB) {
        let r = Int(radius.rounded(.up))
        let (cx, cy) = (Int(x.rounded()), Int(y.rounded()))
        for dy in -r...r {
            for dx in -r...r where Double(dx * dx + dy * dy) <= radius * radius {
                self[cx + dx, cy + dy] = color
            }
        }
    }

    /// Writes `text` in the 5×7 bitmap font with its top-left corner at (`x`, `y`), each font
    /// pixel drawn as a `scale`×`scale` square.
    public mutating func draw(text: String, x: Int, y: Int, color: RGB = .text, scale: Int = 1) {
        for (k, character) in text.enumerated() {
            let left = x + k * BitmapFont.advance * scale
            for gx in 0..<BitmapFont.glyphWidth {
                for gy in 0..<BitmapFont.glyphHeight where BitmapFont.isSet(character, x: gx, y: gy) {
                    fill(x: left + gx * scale, y: y + gy * scale, width: scale, height: scale, color)
                }
            }
        }
    }

    /// Writes `text` centred horizontally on `centerX`.
    public mutating func draw(text: String, centerX: Int, y: Int, color: RGB = .text, scale: Int = 1) {
        draw(text: text, x: centerX - BitmapFont.width(of: text, scale: scale) / 2, y: y, color: color, scale: scale)
    }

    /// The rectangle with top-left corner (`x`, `y`) as a picture of its own (parts outside this
    /// picture are white).
    public func cropped(x: Int, y: Int, width w: Int, height h: Int) -> PixelImage {
        var part = PixelImage(width: w, height: h)
        for row in 0..<h where (0..<height).contains(y + row) {
            for column in 0..<w where (0..<width).contains(x + column) { part[column, row] = self[x + column, y + row] }
        }
        return part
    }

    /// Copies `image` with its top-left corner at (`x`, `y`).
    public mutating func draw(image: PixelImage, x: Int, y: Int) {
        for row in 0..<image.height {
            for column in 0..<image.width { self[x + column, y + row] = image[column, row] }
        }
    }

    /// The picture of a grey-level image: `values` row by row (`rows × columns`), each mapped through
    /// `colorMap` after placing it in `range`, each value drawn as a `scale`×`scale` square
    /// (nearest-neighbour upscaling).
    /// - Parameters:
    ///   - values: `rows × columns` numbers, row by row.
    ///   - rows: the image's height in values.
    ///   - columns: the image's width in values.
    ///   - range: the values shown with the map's two ends (nil: the image's own smallest and largest).
    ///   - colorMap: value to colour.
    ///   - scale: how many pixels each value becomes, per side.
    public static func heatmap(_ values: [Double], rows: Int, columns: Int, range: ValueRange? = nil,
                               colorMap: ColorMap = .grey, scale: Int = 1) -> PixelImage {
        checkPrecondition(values.count == rows * columns, "PixelImage.heatmap: \(values.count) values for \(rows)×\(columns)")
        checkPrecondition(scale >= 1, "PixelImage.heatmap: scale \(scale) must be at least 1")
        let range = range ?? ValueRange(covering: values)
        var image = PixelImage(width: columns * scale, height: rows * scale)
        for r in 0..<rows {
            for c in 0..<columns {
                image.fill(x: c * scale, y: r * scale, width: scale, height: scale, colorMap.color(range.fraction(values[r * columns + c])))
            }
        }
        return image
    }
}
