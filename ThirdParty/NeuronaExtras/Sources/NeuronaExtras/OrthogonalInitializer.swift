import NeuronaCore
import NeuronaLayers

/// Keras's `Orthogonal` initializer (Saxe et al., 2014): the kernel, seen as a matrix of
/// `prod(shape.dropLast())` rows by `shape.last` columns, gets orthonormal columns (or rows, when
/// it is wider than tall), times `gain`.
///
/// As in Keras: draw a standard normal matrix of the taller orientation, take the Q of its QR
/// decomposition with R's diagonal made positive (unique; computed here by modified Gram–Schmidt
/// in float64), transpose it back when the kernel is wide, scale by `gain`. So `WᵀW = gain²·I`
/// for a tall kernel and `WWᵀ = gain²·I` for a wide one. A shape of rank 1 (Keras refuses it) is
/// taken as one column: a unit vector times `gain`.
///
/// JSON: `"orthogonal"` or `{"name": "orthogonal", "gain": 0.5}`.
public enum OrthogonalInitializer {
    /// The registered name.
    public static let name = "orthogonal"

    /// Registers `orthogonal` (setting `gain`, default 1) into `registry` under
    /// ``ExtrasPlugin/package`` (again is harmless).
    /// - Parameters:
    ///   - registry: The initializer registry (JSON descriptions use the default one).
    /// - Throws: `RegistryError.duplicateName` when something else holds `NeuronaExtras>orthogonal`.
    public static func register(into registry: InitializerRegistry = .default) throws {
        try registry.register(name, package: ExtrasPlugin.package, settings: NumericSettings(["gain": 1])) { s in
            let gain = s["gain"]
            guard gain.isFinite else { throw InvalidSetting("gain must be a finite number, got \(gain)") }
            return Initializer(s) { shape, _, _, dtype, generator in
                matrix(shape: shape, gain: gain, generator: &generator).converted(to: dtype)
            }
        }
    }

    /// The orthogonal tensor of `shape` (float64), drawn from `generator`.
    /// - Parameters:
    ///   - shape: The kernel's shape.
    ///   - gain: The scale of the orthonormal columns (or rows).
    ///   - generator: The random generator drawing the normal matrix.
    public static func matrix(shape: [Int], gain: Double, generator: inout RandomGenerator) -> Tensor {
        let columns = shape.last ?? 1
        let rows = shape.count >= 2 ? shape.dropLast().reduce(1, *) : (shape.isEmpty ? 1 : shape[0])
        let (tall, narrow) = shape.count >= 2 ? (Swift.max(rows, columns), Swift.min(rows, columns)) : (rows, 1)
        // Column j of the tall matrix is a[j*tall ..< (j+1)*tall] (stored by columns).
        var a = Tensor.normal([narrow * tall], dtype: .float64, using: &generator).doubles
        for j in 0..<narrow {
            for i in 0..<j {
                var dot = 0.0
                for k in 0..<tall { dot += a[i * tall + k] * a[j * tall + k] }
                for k in 0..<tall { a[j * tall + k] -= dot * a[i * tall + k] }
            }
            var norm = 0.0
            for k in 0..<tall { norm += a[j * tall + k] * a[j * tall + k] }
            norm = norm.squareRoot()
            for k in 0..<tall { a[j * tall + k] /= norm }
        }
        // Lay out as [rows, columns] by rows: tall kernels take q, wide ones qᵀ.
        var values = [Double](repeating: 0, count: rows * (shape.count >= 2 ? columns : 1))
        let width = shape.count >= 2 ? columns : 1
        for r in 0..<rows {
            for c in 0..<width {
                let q = rows >= width ? a[c * tall + r] : a[r * tall + c]
                values[r * width + c] = gain * q
            }
        }
        return Tensor(values, shape: shape, dtype: .float64)
    }
}
