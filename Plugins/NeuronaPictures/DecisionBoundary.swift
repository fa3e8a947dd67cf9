import Foundation
import NeuronaCore

/// A classifier over 2-D inputs seen as the TensorFlow playground shows it: the background
/// coloured by the predicted probability of class 1 (orange 0, white ½, blue 1) with the ½ contour
/// drawn, and the data points on top coloured by their class.
public struct DecisionBoundary: Sendable {
    /// One data point.
    public struct Point: Sendable {
        /// Its first coordinate.
        public var x: Double
        /// Its second coordinate.
        public var y: Double
        /// Its class, 0 or 1.
        public var label: Int

        /// A point of class `label`.
        /// - Parameters:
        ///   - x: first coordinate.
        ///   - y: second coordinate.
        ///   - label: class 0 or 1.
        public init(x: Double, y: Double, label: Int) { (self.x, self.y, self.label) = (x, y, label) }
    }

    /// The x extent of the picture.
    public var xRange: ClosedRange<Double>
    /// The y extent.
    public var yRange: ClosedRange<Double>
    /// Grid cells per side.
    public var resolution: Int
    /// The title above the plot.
    public var title: String
    /// The radius of the data points in pixels.
    public var pointRadius: Double

    /// The number of grid cells per side when none is given.
    public static let defaultResolution = 100

    /// A decision-boundary picture over `xRange` × `yRange`.
    /// - Parameters:
    ///   - xRange: the x extent.
    ///   - yRange: the y extent.
    ///   - resolution: grid cells per side (the model is evaluated at each cell's centre).
    ///   - title: the title above the plot.
    ///   - pointRadius: the radius of the data points in pixels (larger for a handful of points).
    public init(xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, resolution: Int = DecisionBoundary.defaultResolution,
                title: String = "", pointRadius: Double = 3.2) {
        (self.xRange, self.yRange, self.resolution, self.title) = (xRange, yRange, Swift.max(2, resolution), title)
        self.pointRadius = pointRadius
    }

    /// The points where the model is to be evaluated: the centres of the grid cells, row by row
    /// from the top (largest y), each `[x, y]`.
    public var gridPoints: [[Double]] {
        let r = Double(resolution)
        let width = xRange.upperBound - xRange.lowerBound, height = yRange.upperBound - yRange.lowerBound
        var points: [[Double]] = []
        points.reserveCapacity(resolution * resolution)
        for row in 0..<resolution {
            let y: Double = yRange.upperBound - (Double(row) + 0.5) / r * height
            for column in 0..<resolution {
                let x: Double = xRange.lowerBound + (Double(column) + 0.5) / r * width
                points.append([x, y])
            }
        }
        return points
    }

    /// The plot's side in pixels.
    public static let plotSize = 400

    /// The picture.
    /// - Parameters:
    ///   - probabilities: P(class 1) at each of ``gridPoints``, in the same order.
    ///   - points: the data points to draw on top.
    public func render(probabilities: [Double], points: [Point]) -> PixelImage {
        checkPreconditionCount(probabilities.count)
        let text = 2, gap = 12, lineHeight = (BitmapFont.glyphHeight + 4) * text
        let size = DecisionBoundary.plotSize
        let left = gap + 6 * BitmapFont.advance * text, top = gap + (title.isEmpty ? 0 : lineHeight + 4)
        var picture = PixelImage(width: left + size + gap + 20, height: top + size + 2 * lineHeight + gap)
        if !title.isEmpty { picture.draw(text: title, centerX: picture.width / 2, y: gap, color: .black, scale: text) }
        // Background: each pixel takes its grid cell's probability, lightened so points stand out.
        for py in 0..<size {
            let row = Swift.min(resolution - 1, py * resolution / size)
            for px in 0..<size {
                let column = Swift.min(resolution - 1, px * resolution / size)
                let p = probabilities[row * resolution + column]
                var color = ColorMap.playground.color(p).mixed(with: .white, 0.4)
                // The ½ contour: where this cell and its right or lower neighbour disagree.
                let right = column + 1 < resolution ? probabilities[row * resolution + column + 1] : p
                let below = row + 1 < resolution ? probabilities[(row + 1) * resolution + column] : p
                let edgeX = px * resolution / size != (px + 1) * resolution / size
                let edgeY = py * resolution / size != (py + 1) * resolution / size
                if (edgeX && (p >= 0.5) != (right >= 0.5)) || (edgeY && (p >= 0.5) != (below >= 0.5)) { color = RGB(hex: 0x222222) }
                picture[left + px, top + py] = color
            }
        }
        func pixel(_ x: Double, _ y: Double) -> (Double, Double) {
            (Double(left) + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * Double(size),
             Double(top) + (yRange.upperBound - y) / (yRange.upperBound - yRange.lowerBound) * Double(size))
        }
        for point in points where xRange.contains(point.x) && yRange.contains(point.y) {
            let (px, py) = pixel(point.x, point.y)
            picture.fillCircle(x: px, y: py, radius: pointRadius + 1.3, .white)
            picture.fillCircle(x: px, y: py, radius: pointRadius, point.label == 1 ? RGB(hex: 0x0877BD) : RGB(hex: 0xF59322))
        }
        picture.stroke(x: left - 1, y: top - 1, width: size + 2, height: size + 2, RGB(hex: 0x888888))
        // Axes: nice ticks under and left of the plot.
        let xs = NiceScale(lower: xRange.lowerBound, upper: xRange.upperBound, intervals: 4)
        for t in xs.ticks where xRange.contains(t) {
            let (px, _) = pixel(t, 0)
            picture.fill(x: Int(px), y: top + size, width: 1, height: 5, .text)
            picture.draw(text: xs.label(t), centerX: Int(px), y: top + size + 7, color: .text, scale: text)
        }
        let ys = NiceScale(lower: yRange.lowerBound, upper: yRange.upperBound, intervals: 4)
        for t in ys.ticks where yRange.contains(t) {
            let (_, py) = pixel(0, t)
            // The lowest label would collide with the x axis's first one.
            if py > Double(top + size) - Double(BitmapFont.glyphHeight * text) { continue }
            let label = ys.label(t)
            picture.fill(x: left - 6, y: Int(py), width: 5, height: 1, .text)
            picture.draw(text: label, x: left - 8 - BitmapFont.width(of: label, scale: text), y: Int(py) - BitmapFont.glyphHeight * text / 2,
                         color: .text, scale: text)
        }
        picture.draw(text: "x1", centerX: left + size / 2, y: top + size + 7 + lineHeight, color: .text, scale: text)
        picture.draw(text: "x2", x: gap, y: top - 2 + (title.isEmpty ? 0 : 0), color: .text, scale: text)
        return picture
    }

    /// Writes the picture as PNG to `url`.
    public func write(probabilities: [Double], points: [Point], to url: URL) throws {
        try PNGFile.write(render(probabilities: probabilities, points: points), to: url)
    }

    private func checkPreconditionCount(_ count: Int) {
        checkPrecondition(count == resolution * resolution,
                          "DecisionBoundary: \(count) probabilities for a \(resolution)×\(resolution) grid")
    }
}
