import Foundation

extension DistributedLesson {
    /// ``summary`` in Spanish (`samples list --lang es`).
    public static let spanishSummary = "el modelo de fashion-mnist entrenado con paralelismo de datos sobre Open MPI (con mpirun -np 2)"

    /// The distributed sample in Spanish (numbers keep the decimal point, as in the JSON;
    /// conventions: `SpanishText.swift`). Ranks other than 0 print nothing, in either language.
    public static func spanishText(_ report: LessonReport, options: LessonOptions) -> String {
        guard report.figures["ranks"] != nil else { return "" }
        let ranks = report.count("ranks"), batch = report.count("batch_size")
        let perRank = ranks > 1 ? " (\(batch / ranks)\(batch % ranks == 0 ? "" : "–\(batch / ranks + 1)") por proceso)" : ""
        let losses = report.values("epoch_losses"), accuracies = report.values("epoch_accuracies")
        let seconds = report.values("epoch_seconds")
        var text = """
        Lección 002, «Deep Learning: Demo»: el modelo de Fashion-MNIST con paralelismo de datos en \(contado(ranks, "proceso")) (datos: \(report.string("data_folder")))
        \(report.count("train_count")) imágenes de entrenamiento, lote global de \(batch)\(perRank), \(contado(report.count("epochs"), "época")), semilla \(report.count("seed"))
        época  pérdida exactitud segundos
        """
        for i in 0..<losses.count {
            text += "\n" + String(format: "%5d  %.4f  %.4f    %.2f", i + 1, losses[i], accuracies[i], seconds[i])
        }
        text += "\n\nexactitud en prueba: " + String(format: "%.4f", report.value("test_accuracy"))
            + " (un solo proceso con el mismo lote global de \(batch) obtiene la misma, salvo redondeo: `samples distributed` sin mpirun)"
        text += "\nsegundos por época: " + String(format: "%.2f", seconds.reduce(0, +) / Double(Swift.max(seconds.count, 1)))
        if ranks > 1 {
            text += "\ntiempo promediando gradientes: " + String(format: "%.1f%%", 100 * report.value("communication_share"))
                + " del entrenamiento (\(report.count("allreduces_per_epoch")) allreduce por época en \(contado(report.count("buckets"), "grupo")))"
        }
        text += "\nLa pérdida y la exactitud de arriba son sobre los ejemplos de todos los procesos (History guarda las cifras globales)."
        return text
    }
}
