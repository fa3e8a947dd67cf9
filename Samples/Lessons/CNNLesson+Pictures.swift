import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaPictures
import NeuronaTraining

extension CNNLesson {
    /// The first convolution's 32 learned 3×3 filters (one symmetric scale: blue negative, red
    /// positive) and its 32 feature maps (after ReLU) for the first test image, on one shared
    /// scale; the image itself; the training curves. Returns the "Pictures:" text.
    static func drawPictures(network: Sequential, image: Tensor, history: History, options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        guard let index = network.layers.firstIndex(where: { $0 is Conv2D }), let conv = network.layers[index] as? Conv2D,
              let kernel = conv.weight?.value else { return "" }
        let filtersPath = pictures.path("cnn-filters.png")
        try ConvolutionPictures.filters(kernel, title: pictures.words("First convolution: 32 filters 3x3", "Primera convolución: 32 filtros 3x3"), scale: 20).write(to: filtersPath)
        pictures.add(filtersPath, "the first convolution's \(kernel.shape[3]) learned \(kernel.shape[0])×\(kernel.shape[1]) filters, one scale symmetric around 0",
                     spanish: "los \(kernel.shape[3]) filtros \(kernel.shape[0])×\(kernel.shape[1]) aprendidos por la primera convolución, una escala simétrica en torno a 0")

        // The layers up to and including the convolution, applied to one image.
        let maps = withNoGrad { () -> Tensor in
            var x = Variable(image)
            for layer in network.layers[...index] { x = layer(x) }
            return x.value
        }
        let inputPath = pictures.path("cnn-input.png")
        try PNGFile.write(PixelImage.heatmap(image.doubles, rows: 28, columns: 28, colorMap: .grey, scale: 8), to: inputPath)
        pictures.add(inputPath, "the test image the feature maps come from, 8× size",
                     spanish: "la imagen de prueba de la que salen los mapas de características, ampliada 8×")
        let mapsPath = pictures.path("cnn-feature-maps.png")
        try ConvolutionPictures.featureMaps(maps, title: pictures.words("Feature maps of the first convolution (after ReLU)", "Mapas de características de la primera convolución (tras ReLU)"), scale: 4).write(to: mapsPath)
        pictures.add(mapsPath, "its \(maps.shape.last ?? 0) feature maps \(maps.shape[1])×\(maps.shape[2]) after ReLU, one shared scale",
                     spanish: "sus \(maps.shape.last ?? 0) mapas de características \(maps.shape[1])×\(maps.shape[2]) tras ReLU, en una escala común")
        try pictures.addTrainingCurves(history, title: pictures.words("CNN on Fashion-MNIST: training curves",
                                                                      "CNN con Fashion-MNIST: curvas de entrenamiento"),
                                       name: "cnn-training-curves")
        return pictures.text
    }
}
