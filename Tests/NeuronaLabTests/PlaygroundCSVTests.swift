import NeuronaLab
import Testing
import _NeuronaTestSupport

/// Reading a user's CSV of two features and a label.
struct PlaygroundCSVTests {
    @Test func classesRegressionAndScaling() throws {
        let classes = try PlaygroundData(csv: "1,2,0\n-1,-2,1\n3,4,1\n0,0,0\n", seed: 1)
        #expect(!classes.isRegression)
        expectEqual(classes.points.count, 4)
        expectEqual(Set(classes.points.map(\.label)), [0, 1])
        // −1/1 labels are classes too; −1 becomes class 0.
        let signs = try PlaygroundData(csv: "x,y,c\n1,2,-1\n-1,-2,1\n3,4,1\n0,0,-1\n", seed: 1)
        #expect(!signs.isRegression && Set(signs.points.map(\.label)) == [0, 1])
        // Other labels are regression targets scaled to −1…1; points beyond ±6 are scaled to reach 5.
        let regression = try PlaygroundData(csv: "0,0,10\n20,0,20\n0,-10,30\n1,1,15\n", seed: 1)
        #expect(regression.isRegression)
        expectEqual(Set(regression.points.map(\.label)), [-1, 0, 1, -0.5])
        expectEqual(regression.points.map { max(abs($0.x1), abs($0.x2)) }.max(), 5)
    }

    @Test func malformedFilesAreRefusedWithWhereAndWhat() {
        func message(_ text: String) -> String {
            do { _ = try PlaygroundData(csv: text, seed: 0); return "" } catch { return "\(error)" }
        }
        #expect(message("1,2,0\n1,2\n3,4,1\n5,6,0\n").contains("line 2"))
        #expect(message("1,2,0,4\n1,2,1,4\n3,4,1,4\n5,6,0,4\n").contains("3 columns"))
        #expect(message("1,2,0\n").contains("4 to"))
        #expect(message("x,y,label\n1,NaN,0\n2,2,1\n3,3,0\n4,4,1\n").contains("line 2"))
        #expect(message("").contains("CSV"))
    }
}
