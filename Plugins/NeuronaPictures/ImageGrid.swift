import Foundation

/// Images in a grid with captions under each, upscaled by nearest neighbour so a 28×28 digit is
/// readable: sample images with their class names, or test images with true and predicted class
/// (wrong predictions framed and captioned in red).
public struct ImageGrid: Sendable {
    /// One image and its captions.
    public struct Cell: Sendable {
        /// The values, row by row.
        public var values: [Double]
        /// Height in values.
        public var rows: Int
        /// Width in values.
        public var columns: Int
        /// Caption lines under the image.
        public var captions: [String]
        /// Framed and captioned in red (a wrong prediction).
        public var isMarked: Bool

        /// A cell.
        /// - Parameters:
        ///   - values: `rows × columns` numbers, row by row.
        ///   - rows: height in values.
        ///   - columns: width in values.
        ///   - captions: lines under the image.
        ///   - isMarked: framed and captioned in red.
        public init(values: [Double], rows: Int, columns: Int, captions: [String] = [], isMarked: Bool = false) {
            (self.values, self.rows, self.columns, self.captions, self.isMarked) = (values, rows, columns, captions, isMarked)
        }
    }

    /// The cells, row by row.
    public var cells: [Cell]
    /// Cells per row.
    public var gridColumns: Int
    /// Pixels per value, per side.
    public var scale: Int
    /// Value to colour.
    public var colorMap: ColorMap
    /// One range for every cell, so images can be compared (nil: each cell its own range).
    public var sharedRange: ValueRange?
    /// The title above the grid (empty: none).
    public var title: String
    /// Font scale of captions and title (2: 10×14-pixel characters).
    public var textScale: Int

    /// A grid.
    /// - Parameters:
    ///   - cells: the images, row by row.
    ///   - gridColumns: cells per row.
    ///   - scale: pixels per value, per side.
    ///   - colorMap: value to colour.
    ///   - sharedRange: one range for all cells (nil: each its own).
    ///   - title: the title above the grid.
    ///   - textScale: font scale.
    public init(cells: [Cell], gridColumns: Int, scale: Int = 4, colorMap: ColorMap = .grey,
                sharedRange: ValueRange? = nil, title: String = "", textScale: Int = 2) {
        (self.cells, self.gridColumns, self.scale, self.colorMap) = (cells, Swift.max(1, gridColumns), Swift.max(1, scale), colorMap)
        (self.sharedRange, self.title, self.textScale) = (sharedRange, title, Swift.max(1, textScale))
    }

    /// The margin around and between cells, in pixels.
    public static let gap = 10

    /// The grid as a picture.
    public func render() -> PixelImage {
        let gap = ImageGrid.gap
        let lineHeight = (BitmapFont.glyphHeight + 3) * textScale
        let imageWidth = cells.map { $0.columns * scale }.max() ?? 1
        let imageHeight = cells.map { $0.rows * scale }.max() ?? 1
        let captionWidth = cells.flatMap(\.captions).map { BitmapFont.width(of: $0, scale: textScale) }.max() ?? 0
        let captionLines = cells.map(\.captions.count).max() ?? 0
        let cellWidth = Swift.max(imageWidth, captionWidth) + 2 * 6
        let cellHeight = imageHeight + 6 + captionLines * lineHeight
        let titleHeight = title.isEmpty ? 0 : lineHeight + gap
        let gridRows = (cells.count + gridColumns - 1) / gridColumns
        let columnsUsed = Swift.min(gridColumns, Swift.max(1, cells.count))
        let width = Swift.max(gap + columnsUsed * (cellWidth + gap), BitmapFont.width(of: title, scale: textScale) + 2 * gap)
        let barHeight = sharedRange == nil ? 0 : 16 + lineHeight + gap
        let height = gap + titleHeight + gridRows * (cellHeight + gap) + barHeight
        var picture = PixelImage(width: width, height: height)
        if let range = sharedRange {
            // The shared colour scale, with its two ends (and 0 when it lies inside) labelled.
            let barWidth = Swift.min(width - 2 * gap, 360), bx = (width - barWidth) / 2, by = height - barHeight
            for i in 0..<barWidth {
                picture.fill(x: bx + i, y: by, width: 1, height: 16, colorMap.color(Double(i) / Double(Swift.max(1, barWidth - 1))))
            }
            picture.stroke(x: bx - 1, y: by - 1, width: barWidth + 2, height: 18, RGB(hex: 0x888888))
            let scale = NiceScale(lower: range.lower, upper: range.upper)
            var marks = [range.lower, range.upper]
            if range.lower < 0 && range.upper > 0 { marks.append(0) }
            for value in marks {
                let x = bx + Int(range.fraction(value) * Double(barWidth - 1))
                let label = NiceScale.label(value, step: scale.step / 10)
                let lx = Swift.max(2, Swift.min(width - BitmapFont.width(of: label, scale: textScale) - 2,
                                                x - BitmapFont.width(of: label, scale: textScale) / 2))
                picture.draw(text: label, x: lx, y: by + 20, color: .text, scale: textScale)
            }
        }
        if !title.isEmpty { picture.draw(text: title, centerX: width / 2, y: gap, color: .black, scale: textScale) }
        for (k, cell) in cells.enumerated() {
            let x0 = gap + (k % gridColumns) * (cellWidth + gap), y0 = gap + titleHeight + (k / gridColumns) * (cellHeight + gap)
            let image = PixelImage.heatmap(cell.values, rows: cell.rows, columns: cell.columns,
                                           range: sharedRange, colorMap: colorMap, scale: scale)
            let ix = x0 + (cellWidth - image.width) / 2
            picture.draw(image: image, x: ix, y: y0 + 3)
            if cell.isMarked {
                picture.stroke(x: ix - 3, y: y0, width: image.width + 6, height: image.height + 6, .wrong, thickness: 3)
            } else {
                picture.stroke(x: ix - 1, y: y0 + 2, width: image.width + 2, height: image.height + 2, .grid)
            }
            for (line, caption) in cell.captions.enumerated() {
                let color: RGB = cell.isMarked && line == cell.captions.count - 1 ? .wrong : .black
                picture.draw(text: caption, centerX: x0 + cellWidth / 2, y: y0 + imageHeight + 8 + line * lineHeight,
                             color: color, scale: textScale)
            }
        }
        return picture
    }

    /// Writes the grid as PNG to `path`.
    public func write(to url: URL) throws { try PNGFile.write(render(), to: url) }
}
