/// The PNG drawing of ``LineChart`` and ``ChartGrid``: the same layout as their SVG (``ChartAxes``),
/// drawn into a ``PixelImage`` with the bitmap font, for viewers and documents that take no SVG.
extension LineChart {
    /// The chart as a picture of `width`×`height` pixels.
    public func image(width: Int = Int(LineChart.defaultSize.width), height: Int = Int(LineChart.defaultSize.height)) -> PixelImage {
        var picture = PixelImage(width: width, height: height)
        draw(into: &picture, x: 0, y: 0, width: Double(width), height: Double(height))
        return picture
    }

    /// Draws the chart into `picture`'s box (x, y, width, height).
    func draw(into picture: inout PixelImage, x boxX: Double, y boxY: Double, width: Double, height: Double) {
        let font = 1, glyph = BitmapFont.glyphHeight
        picture.draw(text: title, centerX: Int(boxX + width / 2), y: Int(boxY + 8), color: .black, scale: 2)
        let legend = ChartAxes.legend(self, x: boxX, y: boxY, width: width) { Double(BitmapFont.width(of: $0, scale: font)) }
        for (k, (line, entry)) in zip(series, legend.entries).enumerated() {
            let color = line.color ?? RGB.palette[k % RGB.palette.count]
            picture.drawLine(x0: entry.x, y0: entry.y - 4, x1: entry.x + 24, y1: entry.y - 4, color, thickness: 2.5,
                             dash: line.dashed ? (6, 3) : nil)
            picture.draw(text: line.name, x: Int(entry.x + 30), y: Int(entry.y) - glyph, color: .text, scale: font)
        }
        guard let axes = ChartAxes(self, x: boxX, y: boxY, width: width, height: height, legendRows: legend.rows) else { return }
        let (left, right, top, bottom) = (Int(axes.left), Int(axes.right), Int(axes.top), Int(axes.bottom))

        picture.fill(x: left, y: top, width: right - left, height: bottom - top, RGB(hex: 0xFAFAFA))
        for t in axes.xTicks {
            let x = Int(axes.px(t.value).rounded())
            picture.fill(x: x, y: top, width: 1, height: bottom - top, .grid)
            picture.draw(text: t.label, centerX: x, y: bottom + 6, color: .text, scale: font)
        }
        for t in axes.yTicks {
            let y = Int(axes.py(t.value).rounded())
            picture.fill(x: left, y: y, width: right - left, height: 1, .grid)
            picture.draw(text: t.label, x: left - 6 - BitmapFont.width(of: t.label, scale: font), y: y - glyph / 2, color: .text, scale: font)
        }
        let zeroLine = RGB(hex: 0x555555)
        if axes.showsYZero { picture.fill(x: left, y: Int(axes.py(0).rounded()), width: right - left, height: 1, zeroLine) }
        if axes.showsXZero { picture.fill(x: Int(axes.px(0).rounded()), y: top, width: 1, height: bottom - top, zeroLine) }
        picture.stroke(x: left, y: top, width: right - left + 1, height: bottom - top + 1, RGB(hex: 0x888888))
        picture.draw(text: xLabel, centerX: (left + right) / 2, y: Int(boxY + height) - 20, color: .text, scale: font)
        // The bitmap font does not turn: the y axis's label stands above the axis, left-aligned.
        picture.draw(text: yAxisLabel, x: Int(boxX) + 6, y: top - glyph - 4, color: .text, scale: font)
        for marker in markers where marker.x.isFinite {
            let x = axes.px(marker.x)
            picture.drawLine(x0: x, y0: Double(top), x1: x, y1: Double(bottom), zeroLine, dash: (2, 3))
            picture.draw(text: marker.label, x: Int(x) - 4 - BitmapFont.width(of: marker.label, scale: font), y: top + 6,
                         color: .text, scale: font)
        }

        // Curves, clipped to the plot area.
        var plot = picture.cropped(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
        for (k, line) in series.enumerated() {
            let color = line.color ?? RGB.palette[k % RGB.palette.count]
            for segment in ChartAxes.segments(of: line, on: axes) {
                var along = 0.0
                for (a, b) in zip(segment, segment.dropFirst()) {
                    along = plot.drawLine(x0: a.x - Double(left), y0: a.y - Double(top), x1: b.x - Double(left), y1: b.y - Double(top),
                                          color, thickness: 2, dash: line.dashed ? (6, 3) : nil, dashOffset: along)
                }
                if segment.count == 1 { plot.fillCircle(x: segment[0].x - Double(left), y: segment[0].y - Double(top), radius: 3, color) }
            }
        }
        picture.draw(image: plot, x: left, y: top)
    }
}

extension ChartGrid {
    /// The grid as one picture.
    public func image() -> PixelImage {
        let layout = layout
        var picture = PixelImage(width: Int(layout.width), height: Int(layout.height))
        if let title { picture.draw(text: title, centerX: Int(layout.width / 2), y: 10, color: .black, scale: 2) }
        for (chart, panel) in zip(charts, layout.panels) {
            chart.draw(into: &picture, x: panel.x, y: panel.y, width: panelWidth, height: panelHeight)
        }
        return picture
    }
}
