import Foundation
import NeuronaPictures

/// A confusion matrix heatmap written into the lesson's folder; returns the "Pictures:" text.
func drawConfusionMatrix(_ counts: [[Int]], classNames: [String], title: String, file: String, options: LessonOptions) throws -> String {
    var pictures = LessonPictures(options)
    let path = pictures.path(file)
    try ConfusionMatrixPicture.write(counts, classNames: classNames, title: title, labels: options.language.pictureLabels, to: path)
    pictures.add(path, "confusion matrix on the test set: rows true class, columns predicted, counts in the cells",
                 spanish: "matriz de confusión en el conjunto de prueba: filas la clase verdadera, columnas la predicha, recuentos en las celdas")
    return pictures.text
}

extension LogisticRegressionLesson {
    /// The test set's confusion matrix (class 0 malignant, 1 benign).
    static func drawPictures(_ counts: [[Int]], options: LessonOptions) throws -> String {
        try drawConfusionMatrix(counts, classNames: [options.language.words("malignant", "maligno"), options.language.words("benign", "benigno")],
                                title: options.language.words("Breast cancer: confusion matrix", "Cáncer de mama: matriz de confusión"),
                                file: "logistic-regression-confusion.png", options: options)
    }
}

extension IrisLesson {
    /// The test set's confusion matrix.
    static func drawPictures(_ counts: [[Int]], options: LessonOptions) throws -> String {
        try drawConfusionMatrix(counts, classNames: ["setosa", "versicolor", "virginica"], title: options.language.words("Iris: confusion matrix", "Iris: matriz de confusión"),
                                file: "iris-confusion.png", options: options)
    }
}
