import Foundation
import NeuronaCore
import NeuronaData
import NeuronaPictures
import NeuronaTraining

extension FashionMNISTLesson {
    /// Lecture 002's pictures: the first training image as the lecture's ggplot draws it (white
    /// to black), 25 training images with their class names (the lecture's 5×5 grid), 25 test
    /// images with true and predicted class (wrong ones framed in red), and the training curves.
    /// Returns the "Pictures:" text.
    /// `trainImages` and `testImages` are the data set's images divided by 255, as trained on.
    static func drawPictures(data: ImageClassificationData, trainImages: Tensor, testImages: Tensor, model: Model,
                             history: History, options: LessonOptions) throws -> String {
        var pictures = LessonPictures(options)
        let pixels = 28 * 28
        let train = trainImages.slice(axis: 0, start: 0, end: 25).doubles
        let trainLabels = data.trainLabels.slice(axis: 0, start: 0, end: 25).doubles.map { Int($0) }

        let first = ImageGrid(cells: [.init(values: Array(train.prefix(pixels)), rows: 28, columns: 28,
                                            captions: [data.classNames[trainLabels[0]]])],
                              gridColumns: 1, scale: 12, colorMap: .inverseGrey, sharedRange: nil, title: pictures.words("Training image 1", "Imagen de entrenamiento 1"))
        let firstPath = pictures.path("fashion-mnist-first-image.png")
        try first.write(to: firstPath)
        pictures.add(firstPath, "the first training image, 28×28 pixels shown 12× (white 0 to black 1, as the lecture's ggplot)",
                     spanish: "la primera imagen de entrenamiento, 28×28 píxeles ampliados 12× (de blanco 0 a negro 1, como el ggplot de la lección)")

        let samples = ImageGrid(cells: (0..<25).map { i in
            .init(values: Array(train[(i * pixels)..<((i + 1) * pixels)]), rows: 28, columns: 28, captions: [data.classNames[trainLabels[i]]])
        }, gridColumns: 5, scale: 4, colorMap: .grey, title: pictures.words("The first 25 training images", "Las 25 primeras imágenes de entrenamiento"))
        let samplesPath = pictures.path("fashion-mnist-samples.png")
        try samples.write(to: samplesPath)
        pictures.add(samplesPath, "the first 25 training images with their class names (the lecture's 5×5 grid), 4× size",
                     spanish: "las 25 primeras imágenes de entrenamiento con el nombre de su clase (la cuadrícula 5×5 de la lección), ampliadas 4×")

        let firstTestImages = testImages.slice(axis: 0, start: 0, end: 25)
        let probabilities = try model.predict(firstTestImages).doubles
        let test = firstTestImages.doubles
        let truth = data.testLabels.slice(axis: 0, start: 0, end: 25).doubles.map { Int($0) }
        var wrong = 0
        let predictions = ImageGrid(cells: (0..<25).map { i in
            let p = Array(probabilities[(i * 10)..<((i + 1) * 10)])
            let predicted = p.indices.max { p[$0] < p[$1] }!
            if predicted != truth[i] { wrong += 1 }
            return .init(values: Array(test[(i * pixels)..<((i + 1) * pixels)]), rows: 28, columns: 28,
                         captions: [data.classNames[truth[i]], "\(data.classNames[predicted]) \(Int((p[predicted] * 100).rounded()))%"],
                         isMarked: predicted != truth[i])
        }, gridColumns: 5, scale: 4, colorMap: .grey, title: pictures.words("Test images: true class, prediction (wrong in red)",
                                                                              "Imágenes de prueba: clase real, predicción (errores en rojo)"))
        let predictionsPath = pictures.path("fashion-mnist-predictions.png")
        try predictions.write(to: predictionsPath)
        pictures.add(predictionsPath, "the first 25 test images: true class, then predicted class and its probability; \(wrong) wrong, framed in red",
                     spanish: "las 25 primeras imágenes de prueba: la clase verdadera, luego la predicha y su probabilidad; \(wrong) erróneas, enmarcadas en rojo")

        try pictures.addTrainingCurves(history, title: pictures.words("Fashion-MNIST: training curves",
                                                                      "Fashion-MNIST: curvas de entrenamiento"),
                                       name: "fashion-mnist-training-curves")
        return pictures.text
    }
}
