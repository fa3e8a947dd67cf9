/// A typical mistake the checker recognizes and names in its feedback: a sign flipped, the 1/m
/// of a mean left out, the derivative of the wrong activation, …
///
/// The checker computes what each typical mistake would have produced on the same inputs; when
/// the student's answer matches one of those, the feedback names the mistake instead of only
/// saying "wrong". Two mistakes are the same when their identifiers are.
public struct Mistake: Hashable, Sendable, CustomStringConvertible {
    /// A stable identifier (`missing-1/m`), for tests and the progress file.
    public let id: String
    /// What the mistake does to the quantity, as a phrase that follows its name: "is off by a
    /// factor of m (the 1/m of the mean is missing)".
    public let phrase: LocalizedText

    /// A mistake with its identifier and phrase.
    /// - Parameters:
    ///   - id: A stable identifier.
    ///   - phrase: The phrase the feedback puts after the quantity's name.
    public init(_ id: String, _ phrase: LocalizedText) {
        self.id = id
        self.phrase = phrase
    }

    /// The identifier.
    public var description: String { id }

    public static func == (lhs: Mistake, rhs: Mistake) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}

extension Mistake {
    /// `ŷ − y` written `y − ŷ`, or `w + α·g` for `w − α·g`: the lecture's own slide writes the
    /// update with a `+`.
    public static let signFlipped = Mistake("sign-flipped", .init(
        en: "has its sign flipped", es: "tiene el signo cambiado"))
    /// A sum where the lecture takes a mean: `Σ` without `1/m`.
    public static let missingOneOverM = Mistake("missing-1/m", .init(
        en: "is off by a factor of m (the 1/m of the mean is missing)",
        es: "está desviado por un factor de m (falta el 1/m del promedio)"))
    /// Divided by m twice (or a mean of a mean).
    public static let extraOneOverM = Mistake("extra-1/m", .init(
        en: "is m times too small (divided by m twice)",
        es: "es m veces más pequeño (se dividió entre m dos veces)"))
    /// The ½ of the squared loss left out.
    public static let missingHalf = Mistake("missing-1/2", .init(
        en: "is off by a factor of 2 (the ½ of the loss ½(ŷ − y)² is missing)",
        es: "está desviado por un factor de 2 (falta el ½ de la pérdida ½(ŷ − y)²)"))
    /// The bias left out of `w·x + b`.
    public static let biasForgotten = Mistake("bias-forgotten", .init(
        en: "leaves out the bias b (it is what w·x alone gives)",
        es: "olvida el sesgo b (es lo que da w·x solo)"))
    /// The learning rate applied twice: `w − α·(α·g)`.
    public static let learningRateTwice = Mistake("learning-rate-twice", .init(
        en: "applies the learning rate twice (α² instead of α)",
        es: "aplica la tasa de aprendizaje dos veces (α² en lugar de α)"))
    /// The learning rate left out: `w − g`.
    public static let learningRateMissing = Mistake("learning-rate-missing", .init(
        en: "leaves out the learning rate α", es: "olvida la tasa de aprendizaje α"))
    /// The bias left as it was.
    public static let biasNotUpdated = Mistake("bias-not-updated", .init(
        en: "leaves the bias b as it was (only w moves)", es: "deja el sesgo b como estaba (solo se mueve w)"))
    /// The derivative of another activation than the layer's (σ' for a tanh layer, …).
    public static let wrongActivationDerivative = Mistake("wrong-activation-derivative", .init(
        en: "uses the derivative of the wrong activation", es: "usa la derivada de la activación equivocada"))
    /// The activation's derivative left out of the chain rule.
    public static let activationDerivativeMissing = Mistake("activation-derivative-missing", .init(
        en: "leaves the activation's derivative out of the chain rule",
        es: "deja fuera de la regla de la cadena la derivada de la activación"))
    /// The activation left out (`w·x + b` where `f(w·x + b)` was asked).
    public static let activationMissing = Mistake("activation-missing", .init(
        en: "leaves out the activation function", es: "olvida la función de activación"))
    /// Another activation than the one asked for.
    public static let wrongActivation = Mistake("wrong-activation", .init(
        en: "uses the wrong activation function", es: "usa la función de activación equivocada"))
    /// The cross-entropy without its leading minus.
    public static let missingMinus = Mistake("missing-minus", .init(
        en: "is missing the leading minus (−1/m Σ …): a cost must be positive",
        es: "olvida el signo menos inicial (−1/m Σ …): un costo debe ser positivo"))
    /// The gradient of the squared error used where the cross-entropy's was asked: an extra σ'(z).
    public static let squaredErrorGradient = Mistake("squared-error-gradient", .init(
        en: "is the gradient of the squared error, not of the cross-entropy (an extra σ(z)(1 − σ(z)))",
        es: "es el gradiente del error cuadrático, no de la entropía cruzada (sobra un σ(z)(1 − σ(z)))"))
    /// A gradient evaluated at the current point where the method asks for another point (NAG's
    /// look-ahead point).
    public static let gradientAtWrongPoint = Mistake("gradient-at-wrong-point", .init(
        en: "takes the gradient at xᵗ instead of the look-ahead point x̃ᵗ = xᵗ − α·pᵗ⁻¹ (that is plain momentum)",
        es: "toma el gradiente en xᵗ en lugar del punto adelantado x̃ᵗ = xᵗ − α·pᵗ⁻¹ (eso es momentum simple)"))
    /// The momentum term `η·pᵗ⁻¹` left out.
    public static let momentumMissing = Mistake("momentum-missing", .init(
        en: "leaves out the momentum term η·pᵗ⁻¹", es: "olvida el término de momentum η·pᵗ⁻¹"))
    /// Adam's (or RMSProp's) bias correction `1/(1 − ηᵗ)` left out.
    public static let biasCorrectionMissing = Mistake("bias-correction-missing", .init(
        en: "leaves out the bias correction 1/(1 − ηᵗ)", es: "olvida la corrección de sesgo 1/(1 − ηᵗ)"))
    /// A second-moment average of `g` where `g ∘ g` was asked.
    public static let gradientNotSquared = Mistake("gradient-not-squared", .init(
        en: "averages g where the method averages g ∘ g (the squared gradient)",
        es: "promedia g donde el método promedia g ∘ g (el gradiente al cuadrado)"))
    /// The square root of the second moment left out.
    public static let squareRootMissing = Mistake("square-root-missing", .init(
        en: "divides by s instead of √s (the square root is missing)",
        es: "divide entre s en lugar de √s (falta la raíz cuadrada)"))
    /// The decay rates of an average swapped: `(1 − η)·old + η·new`.
    public static let decaySwapped = Mistake("decay-swapped", .init(
        en: "swaps η and 1 − η in the moving average", es: "intercambia η y 1 − η en el promedio móvil"))
    /// Adagrad's running sum replaced by the last squared gradient.
    public static let sumNotAccumulated = Mistake("sum-not-accumulated", .init(
        en: "uses only the last g² instead of the running sum s = Σ g²",
        es: "usa solo el último g² en lugar de la suma acumulada s = Σ g²"))
    /// In a graph, a node used twice whose two gradient contributions were not added.
    public static let sharedNodeCountedOnce = Mistake("shared-node-counted-once", .init(
        en: "counts only one of the two paths through the shared node 3·x3: their gradients add up",
        es: "cuenta solo uno de los dos caminos por el nodo compartido 3·x3: sus gradientes se suman"))
    /// d(x²)/dx written as x.
    public static let powerRuleMissingFactor = Mistake("power-rule-missing-factor", .init(
        en: "differentiates x2² as x2 instead of 2·x2", es: "deriva x2² como x2 en lugar de 2·x2"))
    /// A product's derivative that forgets a factor's contribution.
    public static let productRuleMissingTerm = Mistake("product-rule-missing-term", .init(
        en: "misses the term of x1·x2 (∂(x1·x2)/∂x2 = x1)", es: "olvida el término de x1·x2 (∂(x1·x2)/∂x2 = x1)"))
    /// The bias gradient not summed over the batch.
    public static let biasGradientNotSummed = Mistake("bias-gradient-not-summed", .init(
        en: "is not summed over the examples of the batch", es: "no se sumó sobre los ejemplos del lote"))
}

extension Mistake {
    /// A loss that does not fit the task (a classification loss on a regression, …).
    public static let wrongLoss = Mistake("wrong-loss", .init(
        en: "is the wrong cost for this task", es: "es el costo equivocado para esta tarea"))
    /// A layer with another number of units than the task needs.
    public static let wrongUnits = Mistake("wrong-units", .init(
        en: "has the wrong number of units", es: "tiene el número equivocado de unidades"))
    /// The gradients left to pile up from one step to the next.
    public static let zeroGradMissing = Mistake("zero-grad-missing", .init(
        en: "lets the gradients pile up from one step to the next (zeroGrad is missing after the step)",
        es: "deja que los gradientes se acumulen de un paso al siguiente (falta zeroGrad después del paso)"))
    /// The optimizer's step left out: the parameters never move.
    public static let optimizerStepMissing = Mistake("optimizer-step-missing", .init(
        en: "never moves the parameters (the optimizer's step is missing)",
        es: "nunca mueve los parámetros (falta el paso del optimizador)"))
    /// Nesterov's look-ahead switched off: plain momentum.
    public static let nesterovMissing = Mistake("nesterov-missing", .init(
        en: "is plain momentum, not Nesterov's (nesterov: true is missing)",
        es: "es momentum simple, no el de Nesterov (falta nesterov: true)"))
    /// The model's first layer does not flatten the 28×28 images.
    public static let flattenMissing = Mistake("flatten-missing", .init(
        en: "does not start with Flatten(): Dense layers take one row of 784 pixels per image, not 28×28",
        es: "no empieza con Flatten(): las capas Dense reciben una fila de 784 píxeles por imagen, no 28×28"))
    /// The pixels left in 0–255.
    public static let pixelsNotScaled = Mistake("pixels-not-scaled", .init(
        en: "leaves the pixels in 0–255 (the lecture divides them by 255)",
        es: "deja los píxeles en 0–255 (la lectura los divide entre 255)"))
    /// A model with no hidden layer where the experiment needs one.
    public static let hiddenLayerMissing = Mistake("hidden-layer-missing", .init(
        en: "has no hidden layer: without one the model can only draw a straight boundary in its features",
        es: "no tiene capa oculta: sin ella el modelo solo puede trazar una frontera recta en sus características"))
    /// Features in which the classes are not linearly separable.
    public static let featuresNotSeparating = Mistake("features-not-separating", .init(
        en: "are features in which no straight line separates the two classes",
        es: "son características en las que ninguna recta separa las dos clases"))
}

extension Mistake {
    /// A parameter count that leaves out the output layer's weights.
    public static let outputLayerForgotten = Mistake("output-layer-forgotten", .init(
        en: "leaves out the output layer (its weights and biases count too)",
        es: "deja fuera la capa de salida (sus pesos y sesgos también cuentan)"))
    /// A "deeper" network with fewer than two hidden layers.
    public static let notDeeper = Mistake("not-deeper", .init(
        en: "is not deeper than the lecture's: it needs at least two hidden layers",
        es: "no es más profunda que la de la lectura: necesita al menos dos capas ocultas"))
    /// A network bigger than the one it is compared with.
    public static let moreParameters = Mistake("more-parameters", .init(
        en: "has more parameters than the lecture's network (101,770): the comparison would not be fair",
        es: "tiene más parámetros que la red de la lectura (101 770): la comparación no sería justa"))
}
