import NeuronaCore

// The Spanish explanations (`samples <topic> --lang es`), one file per lesson:
// `<Lesson>+Spanish.swift` gives the lesson's `spanishSummary` and `spanishText(_:options:)`.
//
// Conventions, the same in every file:
// - Each text opens by citing the lecture and the section it follows, with the section's heading
//   as the lecture notes write it: "Lección 002, «Worked Example: The "Exclusive OR (XOR)"
//   Function»". The words are the lectures' own: función de pérdida, descenso por gradiente,
//   retropropagación, tasa de aprendizaje (η), época, capa oculta, función de activación.
// - It says what the English text says, with the same numbers, built from the report's figures
//   (the JSON of `--json`) and formatted as the English text formats them. Numbers keep the
//   decimal point (0.8792, not 0,8792), so that the text and the JSON show the same digits.
// - The lines listing the pictures the lesson wrote are not part of it: ``Lesson/report(_:)``
//   appends them, written in Spanish by ``LessonPictures``.

extension LessonReport {
    /// The number figure `key`. A Spanish text asking for a figure its lesson does not return is
    /// a mistake in the code, caught by `SpanishTextTests`.
    func value(_ key: String) -> Double {
        guard let v = number(key) else { preconditionFailed("spanish text: no number figure '\(key)' in \(figures.keys.sorted())") }
        return v
    }

    /// The list-of-numbers figure `key`.
    func values(_ key: String) -> [Double] {
        guard let v = numbers(key) else { preconditionFailed("spanish text: no list figure '\(key)' in \(figures.keys.sorted())") }
        return v
    }

    /// The text figure `key`.
    func string(_ key: String) -> String {
        guard case .string(let s)? = figures[key] else { preconditionFailed("spanish text: no text figure '\(key)' in \(figures.keys.sorted())") }
        return s
    }

    /// The object figure `key`.
    func object(_ key: String) -> [String: JSONValue] {
        guard case .object(let o)? = figures[key] else { preconditionFailed("spanish text: no object figure '\(key)' in \(figures.keys.sorted())") }
        return o
    }

    /// The whole-number figure `key` (a count).
    func count(_ key: String) -> Int { Int(value(key)) }
}

extension JSONValue {
    /// The number, or NaN for any other value (so a wrong figure shows as "nan", never as a number).
    var doubleValue: Double {
        if case .number(let v) = self { return v }
        return .nan
    }

    /// The list's numbers (an empty list for any other value).
    var doubleValues: [Double] {
        guard case .array(let items) = self else { return [] }
        return items.map(\.doubleValue)
    }
}

/// `count` and a Spanish noun, in the plural unless the count is 1: "1 época", "5 épocas".
/// `plural` when the plural is not the noun plus "s" ("capa oculta" → "capas ocultas").
func contado(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
}
