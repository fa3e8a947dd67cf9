import NeuronaCore

/// A convolution layer's filters and feature maps as image grids.
public enum ConvolutionPictures {
    /// Each filter of a Conv2D kernel `[kh, kw, inChannels, filters]` (its first input channel),
    /// blue negative, white zero, red positive, on one scale symmetric around 0 so filters can be compared.
    /// - Parameters:
    ///   - kernel: the layer's `weight`.
    ///   - title: the title above the grid.
    ///   - scale: pixels per weight, per side.
    public static func filters(_ kernel: Tensor, title: String = "Filters", scale: Int = 16) -> ImageGrid {
        checkPrecondition(kernel.shape.count == 4, "ConvolutionPictures.filters: kernel shape \(kernel.shape) is not [kh, kw, in, out]")
        let (kh, kw, channels, count) = (kernel.shape[0], kernel.shape[1], kernel.shape[2], kernel.shape[3])
        let w = kernel.doubles
        let cells = (0..<count).map { f in
            ImageGrid.Cell(values: (0..<(kh * kw)).map { w[($0 * channels) * count + f] }, rows: kh, columns: kw, captions: ["\(f)"])
        }
        return ImageGrid(cells: cells, gridColumns: Swift.min(8, count), scale: scale, colorMap: .diverging,
                         sharedRange: .symmetric(covering: w), title: title)
    }

    /// Each channel of feature maps `[1, h, w, channels]` (or `[h, w, channels]`) on one shared
    /// scale (viridis: dark is low, yellow is high).
    /// - Parameters:
    ///   - maps: the layer's output for one input.
    ///   - title: the title above the grid.
    ///   - scale: pixels per value, per side.
    public static func featureMaps(_ maps: Tensor, title: String = "Feature maps", scale: Int = 4) -> ImageGrid {
        let shape = maps.shape.count == 4 ? Array(maps.shape.dropFirst()) : maps.shape
        checkPrecondition(shape.count == 3, "ConvolutionPictures.featureMaps: shape \(maps.shape) is not [1, h, w, channels]")
        let (h, w, channels) = (shape[0], shape[1], shape[2])
        let values = maps.doubles
        let cells = (0..<channels).map { c in
            ImageGrid.Cell(values: (0..<(h * w)).map { values[$0 * channels + c] }, rows: h, columns: w, captions: ["\(c)"])
        }
        return ImageGrid(cells: cells, gridColumns: Swift.min(8, channels), scale: scale, colorMap: .viridis,
                         sharedRange: ValueRange(covering: Array(values.prefix(h * w * channels))), title: title)
    }
}
