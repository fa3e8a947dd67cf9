/// The words a picture draws besides the titles and names it is given: axis names, legend
/// entries, notes. Pictures speak English unless given ``spanish``, the lectures' language
/// (`samples … --lang es` passes it).
public struct PictureLabels: Sendable, Equatable {
    /// The x axis of training curves.
    public var epoch: String
    /// The legend entry of the training curve.
    public var training: String
    /// The legend entry of the validation (`val_…`) curve.
    public var validation: String
    /// The note after a logarithmic axis's label.
    public var logScale: String
    /// The mark at the epoch whose weights early stopping put back.
    public var restoredEpoch: String
    /// A confusion matrix's columns.
    public var predictedClass: String
    /// A confusion matrix's rows (written downwards, one letter per line).
    public var trueClass: String
    /// A confusion matrix's default title.
    public var confusionMatrix: String
    /// Training curves' default title.
    public var trainingCurves: String

    /// Labels with every word given.
    /// - Parameters:
    ///   - epoch: the x axis of training curves.
    ///   - training: the training curve's legend entry.
    ///   - validation: the validation curve's legend entry.
    ///   - logScale: the note after a logarithmic axis's label.
    ///   - restoredEpoch: the mark at early stopping's restored epoch.
    ///   - predictedClass: a confusion matrix's columns.
    ///   - trueClass: a confusion matrix's rows.
    ///   - confusionMatrix: a confusion matrix's default title.
    ///   - trainingCurves: training curves' default title.
    public init(epoch: String, training: String, validation: String, logScale: String, restoredEpoch: String,
                predictedClass: String, trueClass: String, confusionMatrix: String, trainingCurves: String) {
        (self.epoch, self.training, self.validation, self.logScale) = (epoch, training, validation, logScale)
        (self.restoredEpoch, self.predictedClass, self.trueClass) = (restoredEpoch, predictedClass, trueClass)
        (self.confusionMatrix, self.trainingCurves) = (confusionMatrix, trainingCurves)
    }

    /// English, the default.
    public static let english = PictureLabels(
        epoch: "epoch", training: "training", validation: "validation", logScale: "(log scale)",
        restoredEpoch: "weights restored", predictedClass: "predicted class", trueClass: "true",
        confusionMatrix: "Confusion matrix", trainingCurves: "Training curves")

    /// Spanish, with the lectures' words ("época", "entrenamiento", "validación").
    public static let spanish = PictureLabels(
        epoch: "época", training: "entrenamiento", validation: "validación", logScale: "(escala log.)",
        restoredEpoch: "pesos restaurados", predictedClass: "clase predicha", trueClass: "real",
        confusionMatrix: "Matriz de confusión", trainingCurves: "Curvas de entrenamiento")
}
