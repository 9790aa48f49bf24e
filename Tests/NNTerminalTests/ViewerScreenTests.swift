import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// Screens rendered as text for given states, checked for what a user sees. The expected
/// numbers were computed by hand from seed 000's network (see Seed000Tests in NNCoreTests).
@Suite struct ViewerScreenTests {
    let initial = ViewerState(scenario: ScenarioDecoder.defaultScenario, options: .init(color: true))

    func press(_ script: String, from state: ViewerState? = nil) throws -> ViewerState {
        try KeyScript.parse(script).reduce(state ?? initial) { $0.updated(with: .key($1)) }
    }

    func screen(_ state: ViewerState, width: Int = 120, height: Int = 40) -> String {
        Renderer.render(state, width: width, height: height).text
    }

    @Test func theFirstStepFillsInTheHiddenLayerOnly() {
        let text = screen(initial)
        #expect(text.contains("Z₁ = σ(X₁·v₁₁ + X₂·v₂₁ + bᶻ₁) = σ(0.05·0.15 + 0.1·0.2 + 0.35) = σ(0.3775) = 0.5933"))
        #expect(text.contains("│   0.5933 │"))
        #expect(!text.contains("0.7514"), "Y₁ is not computed before the output layer's forward step")
        #expect(text.contains("epoch 1/100 · batch 1/1 · step 1/6"))
        #expect(text.contains("∂J/∂v₁₁ = pending"))
    }

    @Test func theChainFillsInAsTheBackwardPassProceeds() throws {
        let outputStep = screen(try press("nnn"))
        #expect(outputStep.contains("Backward · output layer Y"))
        #expect(outputStep.contains("∂E/∂Y₁      = −(Q₁/Y₁ − (1 − Q₁)/(1 − Y₁)) = −1.3309"))
        #expect(outputStep.contains("∂Z₁/∂netᶻ₁  = Z₁(1 − Z₁)                   = pending"))
        #expect(outputStep.contains("∂J/∂v₁₁ = pending"))
        let hiddenStep = screen(try press("nnnn"))
        #expect(hiddenStep.contains("∂Z₁/∂netᶻ₁  = Z₁(1 − Z₁)                   = 0.2413"))
        #expect(hiddenStep.contains("∂J/∂v₁₁ = (−0.0012) + 0.0047 = 0.0035"))
        #expect(hiddenStep.contains("numeric check (central difference) ≈ 0.0035 ✓ agrees"))
    }

    @Test func theUpdateStepShowsOldAndNewValue() throws {
        let text = screen(try press("nnnnn"))
        #expect(text.contains("update: v₁₁ ← 0.1500 − 0.5·0.0035 = 0.1483"))
        #expect(text.contains("Update · gradient descent, η = 0.5"))
    }

    @Test func steppingBackRestoresTheSameScreen() throws {
        let before = screen(try press("nnn"))
        #expect(screen(try press("nnnnnnnpppp")) == before)
        #expect(screen(try press("nnn{Right}{Left}")) == before)
    }

    @Test func epochsAndJumps() throws {
        let jumped = try press("g50{Enter}")
        #expect(jumped.cursor.epoch == 49)
        #expect(screen(jumped).contains("epoch 50/100 · batch 1/1 · step 1/6"))
        #expect(try press("e", from: jumped).cursor.epoch == 50)
        #expect(try press("E", from: jumped).cursor.epoch == 48)
        // From inside an epoch, E goes to its start first (from the last step of the last epoch, not to the one before).
        let end = try press("{End}")
        #expect(try press("E", from: end).cursor.index == 99 * 6)
        #expect(try press("EE", from: end).cursor.index == 98 * 6)
        #expect(try press("{End}").cursor.isAtEnd)
        #expect(try press("{End}{Home}").cursor.isAtStart)
        let bad = try press("g0{Enter}")
        #expect(bad.message == "'0' is not an epoch: type a whole number from 1 to 100")
        #expect(bad.mode == .input(.epoch, text: "0"))
    }

    @Test func selectingAWeight() throws {
        #expect(initial.selectedWeight.description == "W[1]11")
        let typed = try press("ww21{Enter}")
        #expect(typed.selectedWeight == WeightID(layer: 1, from: 1, to: 0))
        #expect(screen(typed).contains("Chain rule · ∂J/∂w₂₁"))
        // Tab walks the watch list (v11, v21, w11, w12), ↓ every weight.
        #expect(try press("{Tab}").selectedWeight == WeightID(layer: 0, from: 1, to: 0))
        #expect(try press("{Down}").selectedWeight == WeightID(layer: 0, from: 0, to: 1))
        #expect(try press("{Tab}{BackTab}").selectedWeight == initial.selectedWeight)
        let unknown = try press("wv99{Enter}")
        #expect(unknown.message?.contains("'v99' is not a weight of this network") == true)
    }

    @Test func derivationCheckFromTheViewer() throws {
        let right = try press("d(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1){Enter}")
        #expect(screen(right).contains("✓ correct: (Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1) gives ∂J/∂v₁₁ at all 5 points"))
        let wrong = screen(try press("d(Y1-Q1)*W11*X1*Z1*(1-Z1){Enter}"))
        #expect(wrong.contains("it follows only the path through Y₁"))
        #expect(wrong.contains("✗ current values: formula −0.0012, ∂J/∂v₁₁ = 0.0035"))
        #expect(try press("d(Y1-Q1)*W11*X1*Z1*(1-Z1){Enter}x").mode == .normal)
        let typo = try press("d(Y1-Q1)*Z1(1-Z1{Enter}")
        #expect(typo.message == "missing ')' to close the '(' at column 11")
        #expect(typo.mode == .input(.formula, text: "(Y1-Q1)*Z1(1-Z1"))
    }

    @Test func helpQuitAndUnknownKeys() throws {
        let help = try press("?")
        let text = screen(help)
        // Every key of the list is on the help screen.
        for key in ["n  Space  →", "p  b  ←", "e / E", "Home / End", "Tab / Shift-Tab", "↓ / ↑", "s / S", "q  Esc  Ctrl-C"] {
            #expect(text.contains(key), "\(key)")
        }
        #expect((try press("?x")).mode == .normal)
        #expect(try press("q").shouldQuit)
        #expect(try press("{Esc}").shouldQuit)
        #expect(try press("{ctrl-c}").shouldQuit)
        #expect(try press("Z").message == "unknown key: press ? for the list of keys")
    }

    @Test func autoplayStepsOnTicksAndStopsAtTheEnd() throws {
        var state = try press("r")
        #expect(state.playing)
        state = state.updated(with: .tick).updated(with: .tick)
        #expect(state.cursor.index == 2)
        state = try press("{End}r")
        #expect(!state.playing)
    }

    @Test func tooSmallTerminalShowsANoticeAndRecovers() {
        let small = screen(initial, width: 79, height: 24)
        #expect(small.contains("terminal too small: need 80×24, have 79×24"))
        let enough = screen(initial, width: 80, height: 24)
        #expect(!enough.contains("too small"))
        #expect(enough.contains("Z₁ 0.5933"))
    }

    @Test func everySizeFromTheMinimumUpDrawsWithinTheGrid() {
        for (width, height) in [(80, 24), (100, 30), (120, 40), (160, 50), (200, 60), (300, 100)] {
            let grid = Renderer.render(initial, width: width, height: height)
            #expect(grid.width == width && grid.height == height)
            #expect(grid.line(height - 1).contains("paused"))
        }
    }

    @Test func asciiModeUsesOnlyASCII() throws {
        let state = ViewerState(scenario: ScenarioDecoder.defaultScenario, options: .init(ascii: true, color: false))
        for script in ["", "nnn", "nnnnn", "?"] {
            let text = screen(try press(script, from: state))
            #expect(text.allSatisfy { $0.isASCII }, "\(script)")
        }
        #expect(screen(try press("nnnn", from: state)).contains("dJ/dv11 = (-0.0012) + 0.0047 = 0.0035"))
    }

    @Test func monochromeHasNoColours() throws {
        let state = ViewerState(scenario: ScenarioDecoder.defaultScenario, options: .init(color: false))
        let grid = Renderer.render(try press("nnnn", from: state), width: 120, height: 40)
        #expect(grid.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
        #expect(grid.cells.contains { $0.style.reverse }, "the selected weight stays visible without colour")
    }

    @Test func precisionToggle() throws {
        let text = screen(try press("nnnnf"))
        #expect(text.contains("0.0034627890"))
    }

    @Test func snapshotsOfTheDefaultScenario() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
        for (name, script, width, height) in [("start-120x40", "", 120, 40), ("hidden-backward-120x40", "nnnn", 120, 40), ("update-80x24", "nnnnn", 80, 24)] {
            let text = screen(try press(script), width: width, height: height) + "\n"
            let file = directory.appendingPathComponent("\(name).txt")
            if ProcessInfo.processInfo.environment["NNVIEW_RECORD_SNAPSHOTS"] != nil {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            #expect(text == expected, "screen \(name) changed; if on purpose, rerun with NNVIEW_RECORD_SNAPSHOTS=1 and review the diff")
        }
    }
}

/// A scenario name in CJK with combining accents: the header keeps `step 1/6` whole and every
/// row takes exactly the terminal's width, measured here without wcwidth (CJK ideographs are
/// two columns, nonspacing marks none, everything else on these screens one).
@Suite struct WideNameLayoutTests {
    static func columns(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            if scalar.properties.generalCategory == .nonspacingMark { return sum }
            return sum + ((0x4E00...0x9FFF).contains(scalar.value) ? 2 : 1)
        }
    }

    @Test(arguments: [false, true], ["反向传播 e\u{301}e\u{301}e\u{301}", String(repeating: "反向传播", count: 30)])
    func theHeaderKeepsItsPositionAndRowsTheirWidth(ascii: Bool, name: String) {
        var scenario = ScenarioDecoder.defaultScenario
        scenario.name = name
        let state = ViewerState(scenario: scenario, options: .init(ascii: ascii, color: false))
        for width in [80, 101] {
            let grid = Renderer.render(state.updated(with: .key(.resize(width: width, height: 24))), width: width, height: 24)
            for y in 0..<grid.height {
                let row = String((0..<grid.width).map { grid[$0, y] }.filter { !$0.isContinuation }.map(\.character))
                #expect(Self.columns(row) == width, "row \(y): \(row)")
            }
            let header = grid.line(0)
            #expect(header.hasSuffix("step 1/6"), "\(header)")
            #expect(Self.columns(header) == width - 1, "the position ends one column before the edge")
            if !ascii { #expect(header.contains(name.count < 20 ? "反向传播 éé" : "反向传播反") && header.contains(" │ classic notation")) }
            #expect(name.count < 20 || header.contains(ascii ? "> | classic" : "… │ classic"), "a cut name ends in …")
        }
    }
}
