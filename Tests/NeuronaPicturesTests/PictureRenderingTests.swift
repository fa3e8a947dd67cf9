import Foundation
import Testing
import NeuronaCore
import NeuronaPictures
import _NeuronaTestSupport

@Suite struct PictureRenderingTests {
    @Test func imageGridHasCaptionsAndMarksWrongOnes() throws {
        let square = (0..<16).map { Double($0 % 4) / 3 }
        let grid = ImageGrid(cells: [
            .init(values: square, rows: 4, columns: 4, captions: ["Coat", "Coat"]),
            .init(values: square, rows: 4, columns: 4, captions: ["Bag", "Shirt"], isMarked: true),
        ], gridColumns: 2, scale: 10, colorMap: .grey, sharedRange: nil, title: "", textScale: 2)
        let path = temporaryFolder("grid").appendingPathComponent("grid.png")
        try grid.write(to: path)
        let image = try PNGFile.read(path)
        // Cells are 40 px images under captions up to "Shirt" (5·6−1)·2 = 58 px wide, + 2·6 padding.
        let cellWidth = 70, gap = ImageGrid.gap
        expectEqual(image.width, gap + 2 * (cellWidth + gap))
        // The first image's top-left value (0) is black, its last column (1) white, 3 px below the cell top.
        let ix = gap + (cellWidth - 40) / 2
        expectEqual(image[ix, gap + 3], .black)
        expectEqual(image[ix + 39, gap + 3], .white)
        // The second cell is framed in red.
        let x2 = gap + cellWidth + gap + (cellWidth - 40) / 2
        expectEqual(image[x2 - 3, gap], .wrong)
        // Some caption pixels are red (the wrong prediction) and some black.
        let pixels = (0..<image.height).flatMap { y in (0..<image.width).map { image[$0, y] } }
        #expect(pixels.filter { $0 == .wrong }.count > 300)
    }

    @Test func sharedRangeMakesAverageDarkerThanMax() {
        // The same values on one scale keep their brightness; each on its own would both reach white.
        let maxPooled = [0.0, 4, 0, 4], averaged = [0.0, 1, 0, 1]
        let shared = ValueRange(covering: maxPooled + averaged)
        let a = PixelImage.heatmap(maxPooled, rows: 2, columns: 2, range: shared, colorMap: .grey)
        let b = PixelImage.heatmap(averaged, rows: 2, columns: 2, range: shared, colorMap: .grey)
        expectEqual(a[1, 0], .white)
        expectEqual(b[1, 0], RGB(64, 64, 64))
        expectEqual(PixelImage.heatmap(averaged, rows: 2, columns: 2, colorMap: .grey)[1, 0], .white)
    }

    @Test func confusionMatrixCellsColouredByCount() throws {
        let counts = [[10, 0, 0], [0, 9, 1], [0, 2, 8]]
        let path = temporaryFolder("confusion").appendingPathComponent("confusion.png")
        try ConfusionMatrixPicture.write(counts, classNames: ["setosa", "versicolor", "virginica"], to: path)
        let image = try PNGFile.read(path)
        let colors = Set((0..<image.height).flatMap { y in (0..<image.width).map { image[$0, y] } })
        // The largest count takes the darkest blue; zero cells the lightest.
        #expect(colors.contains(ColorMap.blues.color(1)))
        #expect(colors.contains(ColorMap.blues.color(0)))
        #expect(colors.contains(ColorMap.blues.color(0.9)))
        #expect(image.width > 3 * 48 && image.height > 3 * 48)
    }

    @Test func decisionBoundaryColoursEachSide() throws {
        let boundary = DecisionBoundary(xRange: -1...1, yRange: -1...1, resolution: 20)
        // P(class 1) = 1 where x > 0: the right half blue, the left half orange.
        let probabilities = boundary.gridPoints.map { $0[0] > 0 ? 1.0 : 0.0 }
        let image = boundary.render(probabilities: probabilities, points: [.init(x: -0.5, y: 0.5, label: 1)])
        let size = DecisionBoundary.plotSize, left = 12 + 6 * 6 * 2, top = 12
        expectEqual(image[left + size - 10, top + size - 10], ColorMap.playground.color(1).mixed(with: .white, 0.4))
        expectEqual(image[left + 10, top + size - 10], ColorMap.playground.color(0).mixed(with: .white, 0.4))
        // The ½ contour is drawn down the middle, and the point at (−0.5, 0.5) is blue.
        expectEqual(image[left + size / 2 - 1, top + 50], RGB(hex: 0x222222))
        expectEqual(image[left + size / 4, top + size / 4], RGB(hex: 0x0877BD))
    }

    @Test func filtersShareOneSymmetricScale() {
        // Two 2×2 filters, one input channel: kernel [2, 2, 1, 2].
        let kernel = Tensor([1, -1, 2, 0, 0.5, 0, -2, 1], shape: [2, 2, 1, 2], dtype: .float64)
        let grid = ConvolutionPictures.filters(kernel, scale: 4)
        expectEqual(grid.cells.count, 2)
        expectEqual(grid.cells[0].values, [1, 2, 0.5, -2])
        expectEqual(grid.cells[1].values, [-1, 0, 0, 1])
        expectEqual(grid.sharedRange, ValueRange(-2, 2))
    }
}
