/// Every op that records itself on the autograd tape. A node's ``Variable/op`` is one of these.
///
/// The gradient-check test walks `allCases`: adding a case without a gradient-check entry fails
/// the test suite, so no differentiable op goes unchecked.
public enum DifferentiableOp: String, CaseIterable, Sendable {
    // Arithmetic (broadcasting).
    case add, subtract, multiply, divide, addScalar, scalarMinus, multiplyScalar, negate, reciprocal
    case maximum, minimum, power, powerScalar
    // Elementwise math and activations.
    case exp, log, sqrt, abs, sin, cos, tanh, sigmoid, relu, leakyRelu, softplus, elu, gelu, erf, clip
    // Selection.
    case `where`
    // Reductions.
    case sum, max, min
    // Normalized exponentials.
    case softmax, logSoftmax
    // Linear algebra.
    case matmul, affine
    // Shape and indexing.
    case reshape, permute, broadcast, concatenate, slice, sliceScatter, gather, scatterAdd
    case indexSelect, indexAdd, pad
    // Convolution: patches, and the convolution with its two gradients (each other's derivatives).
    case im2col, col2im
    case conv2d, conv2dInputGradient, conv2dKernelGradient
}
