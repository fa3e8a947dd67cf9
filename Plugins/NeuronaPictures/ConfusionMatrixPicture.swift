import Foundation

/// A confusion matrix as a heatmap: rows are the true class, columns the predicted class, each
/// cell coloured by its count (white to dark blue) with the count written in it.
public enum ConfusionMatrixPicture {
    /// The picture.
    /// - Parameters:
    ///   - counts: `counts[true][predicted]`, a square matrix.
    ///   - classNames: one name per class (fewer: the rest are numbered).
    ///   - title: the title above the matrix (nil: `labels.confusionMatrix`).
    ///   - labels: the axes' words, in the picture's language.
    public static func render(_ counts: [[Int]], classNames: [String], title: String? = nil,
                              labels: PictureLabels = .english) -> PixelImage {
        let title = title ?? labels.confusionMatrix
        let n = counts.count
        let names = (0..<n).map { $0 < classNames.count ? classNames[$0] : "\($0)" }
        let text = 2, gap = 12, lineHeight = (BitmapFont.glyphHeight + 4) * text
        let longestCount = counts.flatMap { $0 }.map { String($0).count }.max() ?? 1
        let nameWidth = names.map { BitmapFont.width(of: $0, scale: text) }.max() ?? 0
        // Column headers are the names when they fit a reasonable cell, else the class numbers.
        let namesAsHeaders = nameWidth <= 130
        let cell = Swift.max(48, BitmapFont.width(of: String(repeating: "0", count: longestCount), scale: text) + 16,
                             namesAsHeaders ? nameWidth + 12 : 0)
        let rowLabels = namesAsHeaders ? names : names.enumerated().map { "\($0.offset) \($0.element)" }
        let labelWidth = rowLabels.map { BitmapFont.width(of: $0, scale: text) }.max() ?? 0
        let left = gap + lineHeight + labelWidth + gap, top = gap + 3 * lineHeight
        let width = left + n * cell + gap, height = top + n * cell + gap
        var picture = PixelImage(width: Swift.max(width, BitmapFont.width(of: title, scale: text) + 2 * gap), height: height)
        picture.draw(text: title, centerX: picture.width / 2, y: gap, color: .black, scale: text)
        picture.draw(text: labels.predictedClass, centerX: left + n * cell / 2, y: gap + lineHeight, color: .text, scale: text)
        // "true" written downwards at the left edge, one letter per line.
        for (k, letter) in labels.trueClass.enumerated() {
            picture.draw(text: String(letter), x: gap, y: top + n * cell / 2 - 2 * lineHeight + k * lineHeight, color: .text, scale: text)
        }
        let maximum = Double(Swift.max(1, counts.flatMap { $0 }.max() ?? 1))
        for j in 0..<n {
            let header = namesAsHeaders ? names[j] : "\(j)"
            picture.draw(text: header, centerX: left + j * cell + cell / 2, y: top - lineHeight, color: .text, scale: text)
        }
        for i in 0..<n {
            let y = top + i * cell
            picture.draw(text: rowLabels[i], x: left - gap - BitmapFont.width(of: rowLabels[i], scale: text),
                         y: y + (cell - BitmapFont.glyphHeight * text) / 2, color: .text, scale: text)
            for j in 0..<n {
                let count = j < counts[i].count ? counts[i][j] : 0
                let t = Double(count) / maximum
                picture.fill(x: left + j * cell, y: y, width: cell, height: cell, ColorMap.blues.color(t))
                picture.stroke(x: left + j * cell, y: y, width: cell, height: cell, .white)
                picture.draw(text: String(count), centerX: left + j * cell + cell / 2, y: y + (cell - BitmapFont.glyphHeight * text) / 2,
                             color: t > 0.5 ? .white : .black, scale: text)
            }
        }
        return picture
    }

    /// Writes the picture as PNG to `url`.
    public static func write(_ counts: [[Int]], classNames: [String], title: String? = nil, labels: PictureLabels = .english,
                             to url: URL) throws {
        try PNGFile.write(render(counts, classNames: classNames, title: title, labels: labels), to: url)
    }
}
