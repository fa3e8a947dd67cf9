/// Fractions the metric tests expect, typed once as `Double`: written inline beside a `Tensor`
/// (`Precision()(p, t) == 2.0 / 3`), the literals make the type checker try every arithmetic
/// overload of `Tensor`, which cost about a second per assertion in a debug build.
let twoThirds: Double = 2.0 / 3
/// One third, as `Double`.
let oneThird: Double = 1.0 / 3
