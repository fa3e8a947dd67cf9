/// What a reader does with a missing or non-finite cell: an empty cell, a marker such as `NA`
/// or `?` (``CSVTable/defaultMissingMarkers``), or a number that parses as NaN or ±infinity.
///
/// The default is ``error``: a table never reaches training with a NaN in it unless the caller
/// asked for that (pandas would read such cells as NaN silently).
public enum MissingValuePolicy: Equatable, Sendable {
    /// Throw a ``DataError`` naming the file, line and column.
    case error
    /// Drop every row holding such a cell (pandas' `dropna()`).
    case skipRow
    /// Put `value` in feature cells (pandas' `fillna(value)`); a missing label still throws.
    case fill(Double)
    /// Keep them as NaN (or ±infinity), as pandas' `read_csv` does; a missing label still throws.
    case keep
}
