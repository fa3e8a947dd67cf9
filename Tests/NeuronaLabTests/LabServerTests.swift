import Foundation
import NeuronaLab
import Testing
import _NeuronaTestSupport

/// The lab's server over real HTTP: bad requests answered and survived, tabs apart, files out and back.
struct LabServerTests {
    static let small: [String: Any] = ["dataset": "circles", "points": 60, "hidden": [3], "batchSize": 10]

    @Test func theServerServesThePageAndOnlyItsOwnFiles() async throws {
        let client = try await LabClient()
        let page = try await client.request("GET", "/")
        expectEqual(page.status, 200)
        #expect(String(decoding: page.body, as: UTF8.self).contains("<script src=\"/lab.js\">"))
        try await expectEqual(client.request("GET", "/lab.js").status, 200)
        // Nothing else on disk is reachable.
        try await expectEqual(client.request("GET", "/../Package.swift").status, 400)
        try await expectEqual(client.request("GET", "/etc/passwd").status, 400)
    }

    @Test func badRequestsGetAnErrorAndTheServerKeepsServing() async throws {
        let client = try await LabClient()
        let old = try await client.post("new", ["settings": Self.small], protocolVersion: 0)
        expectEqual(old.status, 409)
        expectEqual((old.json["error"] as? String)?.contains("reload the page"), true)
        let none = try await client.post("new", ["settings": Self.small], protocolVersion: nil)
        expectEqual(none.status, 409)
        let garbage = try await client.request("POST", "/api/playground/new", body: Data("{not json".utf8))
        expectEqual(garbage.status, 400)
        let huge = try await client.post("new", ["settings": ["hidden": [1_000_000_000]]])
        expectEqual(huge.status, 400)
        expectEqual((huge.json["error"] as? String)?.contains("1000000000"), true)
        let nan = try await client.post("new", ["settings": ["learningRate": "NaN"]])
        expectEqual(nan.status, 400)
        expectEqual((nan.json["error"] as? String)?.contains("learningRate"), true)
        let lost = try await client.post("step", ["session": "no-such-session"])
        expectEqual(lost.status, 404)
        let csv = try await client.post("new", ["settings": Self.small])
        let session = try #require(csv.json["session"] as? String)
        let malformed = try await client.post("upload", ["session": session, "csv": "x1,x2,label\n1,2,0\n3,oops,1\n", "settings": Self.small])
        expectEqual(malformed.status, 400)
        expectEqual((malformed.json["error"] as? String)?.contains("line 3"), true)
        // Still serving, and the session still trains.
        let step = try await client.post("step", ["session": session, "epochs": 2])
        expectEqual(step.status, 200)
        expectEqual(step.json["epoch"] as? Int, 2)
    }

    @Test func twoTabsTrainIndependently() async throws {
        let client = try await LabClient()
        let a = try #require(try await client.post("new", ["settings": Self.small]).json["session"] as? String)
        let b = try #require(try await client.post("new", ["settings": Self.small]).json["session"] as? String)
        #expect(a != b)
        async let stepsA = client.post("step", ["session": a, "epochs": 5])
        async let stepsB = client.post("step", ["session": b, "epochs": 1])
        let (frameA, frameB) = try await (stepsA, stepsB)
        expectEqual(frameA.json["epoch"] as? Int, 5)
        expectEqual(frameB.json["epoch"] as? Int, 1)
        // B catching up to 5 epochs gives A's numbers: same settings, same seed, no shared state.
        let caughtUp = try await client.post("step", ["session": b, "epochs": 4])
        expectEqual(caughtUp.json.measured("testLoss"), frameA.json.measured("testLoss"))
    }

    @Test func tuningKeepsTheNetworkAndTakesTheNewRates() async throws {
        let client = try await LabClient()
        let session = try #require(try await client.post("new", ["settings": Self.small]).json["session"] as? String)
        let stepped = try await client.post("step", ["session": session, "epochs": 2])
        var settings = Self.small
        settings["learningRate"] = 0.1
        let tuned = try await client.post("tune", ["session": session, "settings": settings])
        expectEqual(tuned.status, 200)
        expectEqual(tuned.json["epoch"] as? Int, 2)
        expectEqual(tuned.json.measured("testLoss"), stepped.json.measured("testLoss"))
        expectEqual((tuned.json["settings"] as? [String: Any])?["learningRate"] as? Double, 0.1)
        settings["learningRate"] = "NaN"
        let refused = try await client.post("tune", ["session": session, "settings": settings])
        expectEqual(refused.status, 400)
        expectEqual((refused.json["error"] as? String)?.contains("learningRate"), true)
    }

    @Test func anExportedModelImportsBack() async throws {
        let client = try await LabClient()
        let session = try #require(try await client.post("new", ["settings": Self.small]).json["session"] as? String)
        let trained = try await client.post("step", ["session": session, "epochs": 5])
        let json = try await client.request("GET", "/api/playground/export?session=\(session)&format=json")
        let weights = try await client.request("GET", "/api/playground/export?session=\(session)&format=safetensors")
        let swift = try await client.request("GET", "/api/playground/export?session=\(session)&format=swift")
        #expect(json.status == 200 && weights.status == 200 && swift.status == 200)
        #expect(String(decoding: swift.body, as: UTF8.self).contains("try network.loadWeights(["))
        // A fresh network has other numbers; importing the file puts the trained ones back.
        let fresh = try await client.post("reset", ["session": session, "settings": Self.small])
        #expect(fresh.json.measured("testLoss") != trained.json.measured("testLoss"))
        let imported = try await client.post("import", ["session": session, "modelJSON": String(decoding: json.body, as: UTF8.self),
                                                        "safetensors": weights.body.base64EncodedString()])
        expectEqual(imported.status, 200)
        expectEqual(imported.json.measured("testLoss"), trained.json.measured("testLoss"))
        // Weights of another network are refused by name.
        let wider = try await client.post("reset", ["session": session, "settings": ["dataset": "circles", "points": 60, "hidden": [4]]])
        expectEqual(wider.status, 200)
        let refused = try await client.post("import", ["session": session, "safetensors": weights.body.base64EncodedString()])
        expectEqual(refused.status, 400)
        expectEqual((refused.json["error"] as? String)?.contains("layers.0.weight"), true)
        try await expectEqual(client.request("GET", "/api/playground/export?session=\(session)&format=pdf").status, 400)
    }

    @Test func anUploadedCSVIsTrainedOn() async throws {
        let client = try await LabClient()
        let session = try #require(try await client.post("new", ["settings": Self.small]).json["session"] as? String)
        // Class 1 right of the axis, class 0 left: 40 points.
        let rows = (0..<40).map { i in "\(i % 2 == 0 ? 1.0 + Double(i) / 10 : -1.0 - Double(i) / 10),\(Double(i % 7) - 3),\(i % 2 == 0 ? 1 : 0)" }
        let uploaded = try await client.post("upload", ["session": session, "csv": "a,b,label\n" + rows.joined(separator: "\n"), "settings": Self.small])
        expectEqual(uploaded.status, 200)
        let points = try #require(uploaded.json["points"] as? [[String: Any]])
        expectEqual(points.count, 40)
        expectEqual(uploaded.json["trainCount"] as? Int, 20)
        let trained = try await client.post("step", ["session": session, "epochs": 20])
        expectEqual(trained.json.measured("testAccuracy"), 1)
    }
}
