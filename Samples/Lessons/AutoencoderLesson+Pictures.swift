import Foundation
import NeuronaCore
import NeuronaPictures

extension AutoencoderLesson {
    /// The first test images (top row) above their reconstructions (bottom row), on one grey
    /// scale from 0 to 1, titled and captioned in the options' language. Returns the "Pictures:" text.
    static func drawPictures(originals: Tensor, reconstructions: Tensor, labels: Tensor, classNames: [String],
                             options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let count = reconstructions.shape[0], pixels = 28 * 28
        let original = originals.slice(axis: 0, start: 0, end: count).doubles, redrawn = reconstructions.doubles
        let names = labels.slice(axis: 0, start: 0, end: count).doubles.map { classNames[Int($0)] }
        let cells = (0..<count).map { i in
            ImageGrid.Cell(values: Array(original[(i * pixels)..<((i + 1) * pixels)]), rows: 28, columns: 28, captions: [names[i]])
        } + (0..<count).map { i in
            ImageGrid.Cell(values: Array(redrawn[(i * pixels)..<((i + 1) * pixels)]), rows: 28, columns: 28,
                           captions: [pictures.words("redrawn", "reconstruida")])
        }
        let grid = ImageGrid(cells: cells, gridColumns: count, scale: 3, colorMap: .grey, sharedRange: ValueRange(0, 1),
                             title: pictures.words("Test images (top) and their reconstructions (bottom)",
                                                   "Imágenes de prueba (arriba) y su reconstrucción (abajo)"))
        let path = pictures.path("autoencoder-reconstructions.png")
        try grid.write(to: path)
        pictures.add(path, "the first \(count) test images above what the autoencoder redraws from their \(codeSize) numbers, 3× size",
                     spanish: "las \(count) primeras imágenes de prueba sobre lo que el autocodificador redibuja con sus \(codeSize) números, ampliadas 3×")
        return pictures.text
    }
}
