import Foundation
import NeuronaData

extension FashionMNISTLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "Flatten → Dense(128, relu) → Dense(10, softmax) sobre Fashion-MNIST con Adam"

    /// Fashion-MNIST in Spanish (numbers keep the decimal point, as in the JSON; conventions: `SpanishText.swift`). The class names are the
    /// lecture's (`class_names = c('T-shirt/top', 'Trouser', …)`).
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        let losses = report.values("epoch_losses"), accuracies = report.values("epoch_accuracies")
        let seconds = report.values("epoch_seconds")
        let classNames = MNISTFamily.fashionMNIST.classNames
        func name(_ label: Double) -> String { classNames.indices.contains(Int(label)) ? classNames[Int(label)] : "\(label)" }
        var text = """

        Lección 002, «Deep Learning: Demo»: Fashion-MNIST con el modelo de la lección (datos: \(report.string("data_folder")))
        \(report.count("train_count")) imágenes de entrenamiento, \(report.count("test_count")) de prueba, lotes de \(report.count("batch_size")), \
        \(contado(losses.count, "época")), semilla \(options.seed)


        """
        // The lecture's columns start where the English text puts them (column 52).
        text += "época  pérdida exactitud segundos".padding(toLength: 43, withPad: " ", startingAt: 0) + "lección: pérdida exactitud"
        for i in losses.indices where i < accuracies.count && i < seconds.count {
            var row = String(format: "%5d  %.4f  %.4f    %.2f", i + 1, losses[i], accuracies[i], seconds[i])
            if i < lectureEpochs.count {
                row = row.padding(toLength: 52, withPad: " ", startingAt: 0)
                    + String(format: "%.4f  %.4f", lectureEpochs[i].loss, lectureEpochs[i].accuracy)
            }
            text += "\n" + row
        }
        text += "\n\nexactitud en prueba tras \(contado(losses.count, "época")): " + String(format: "%.4f", report.value("test_accuracy"))
            + " (lección, tras sus \(contado(lectureEpochs.count, "época")): 0.8792"
            + (losses.count == lectureEpochs.count ? ")" : "; compárese mejor con las épocas de arriba)")
        if report.value("is_lectures_run") == 1 {
            text += String(format: "\nesta ejecución en otras CPU: %.4f–%.4f (sus núcleos suman en otro orden; la semilla pesa lo mismo)",
                           testAccuracyAcrossKernelSets.lowest, testAccuracyAcrossKernelSets.highest)
        }
        text += "\nsegundos por época: " + String(format: "%.2f", report.value("seconds_per_epoch"))
        text += "\nprimeras imágenes de prueba: " + zip(report.values("first_test_predictions"), report.values("first_test_labels")).map { p, t in
            "\(name(p))\(p == t ? "" : " (es \(name(t)))")"
        }.joined(separator: ", ")
        return text
    }
}
