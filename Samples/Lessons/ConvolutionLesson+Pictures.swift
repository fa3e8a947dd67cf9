import Foundation
import NeuronaCore
import NeuronaPictures

extension ConvolutionLesson {
    /// Writes each stage (input, edges, max pooling, average pooling) as an upscaled PNG, the
    /// three filtered stages on one shared scale so average pooling looks as much darker than max
    /// pooling as it is, and one picture comparing the four. Returns the paths.
    /// - Parameters:
    ///   - name: the image's name in the file names (`fashion`, `square`).
    ///   - stages: the stages in order, each `[1, h, w, 1]`; the first is the input.
    ///   - folder: where to write.
    ///   - language: the comparison's title's language.
    static func drawPictures(name: String, stages: [(String, Tensor)], folder: String, language: Language) throws -> [String] {
        let filtered = stages.dropFirst().flatMap { $0.1.doubles }
        let shared = ValueRange(0, Swift.max(filtered.max() ?? 1, 1e-12))
        var paths: [String] = []
        var cells: [ImageGrid.Cell] = []
        for (index, (suffix, tensor)) in stages.enumerated() {
            let (h, w) = (tensor.shape[1], tensor.shape[2])
            // Pooled images are half the size: twice the magnification, so all show about 210 px.
            let scale = Swift.max(1, 224 / w)
            let range = index == 0 ? ValueRange(covering: tensor.doubles) : shared
            let image = PixelImage.heatmap(tensor.doubles, rows: h, columns: w, range: range, colorMap: .grey, scale: scale)
            let file = URL(fileURLWithPath: folder).appendingPathComponent("convolution-\(name)-\(suffix).png")
            try PNGFile.write(image, to: file)
            paths.append(file.path)
            let pixels = tensor.doubles   // once: `doubles` converts the whole tensor on every call
            let upscaled = stride(from: 0, to: h * scale, by: 1).flatMap { y in
                stride(from: 0, to: w * scale, by: 1).map { x in pixels[(y / scale) * w + x / scale] }
            }
            // The comparison grid draws every cell on the shared scale; the input is rescaled onto it.
            let values = index == 0 ? upscaled.map { shared.lower + range.fraction($0) * (shared.upper - shared.lower) } : upscaled
            cells.append(.init(values: values, rows: h * scale, columns: w * scale,
                               captions: ["\(suffix) \(h)x\(w)"]))
        }
        let grid = ImageGrid(cells: cells, gridColumns: cells.count, scale: 1, colorMap: .grey, sharedRange: shared,
                             title: language.words("\(name): input (own scale), edges, 2x2 max and average pooling (one scale)",
                                                   "\(name): entrada (su escala), bordes, max y average pooling 2x2 (una escala)"))
        let file = URL(fileURLWithPath: folder).appendingPathComponent("convolution-\(name).png")
        try grid.write(to: file)
        paths.append(file.path)
        return paths
    }
}
