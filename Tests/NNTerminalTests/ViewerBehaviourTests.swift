import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// Keys and screens beyond the basics: a too-small terminal, samples, scrolling limits, the
/// watch list, and layouts that must not spill over their panels.
@Suite struct ViewerBehaviourTests {
    func scenario(_ file: String) throws -> Scenario { try ScenarioFiles.load(file) }

    func open(_ scenario: Scenario, width: Int = 120, height: Int = 40, keys: String = "") throws -> ViewerState {
        let sized = ViewerState(scenario: scenario).updated(with: .key(.resize(width: width, height: height)))
        return try KeyScript.parse(keys).reduce(sized) { $0.updated(with: .key($1)) }
    }

    @Test func keysWaitWhileTheTerminalIsTooSmall() throws {
        var state = try open(ScenarioDecoder.defaultScenario, keys: "n")
        #expect(state.cursor.index == 1)
        state = state.updated(with: .key(.resize(width: 60, height: 15)))
        state = state.updated(with: .key(.character("n")))
        #expect(state.cursor.index == 1, "n under the too-small notice does nothing")
        state = state.updated(with: .key(.resize(width: 120, height: 40))).updated(with: .key(.character("n")))
        #expect(state.cursor.index == 2)
        let small = state.updated(with: .key(.resize(width: 60, height: 15))).updated(with: .key(.character("q")))
        #expect(small.shouldQuit)
    }

    @Test func pageDownStopsAtTheEnd() throws {
        // XOR's hidden backward step lists 4 samples: more lines than the panel shows.
        let state = try open(try scenario("xor.json"), keys: "nnnn")
        let limits = Renderer.scrollLimits(state, size: .init(width: 120, height: 40))
        #expect(limits.step > 0)
        var scrolled = state
        for _ in 0..<50 { scrolled = scrolled.updated(with: .key(.pageDown)) }
        #expect(scrolled.stepScroll == limits.step)
        // One PgUp moves at once, however often PgDn was pressed.
        #expect(scrolled.updated(with: .key(.pageUp)).stepScroll == max(0, limits.step - limits.stepPage))
        let text = Renderer.render(scrolled, width: 120, height: 40).text
        #expect(text.contains("↑ PgUp") && !text.contains("more: PgDn"))
    }

    @Test func tabWalksTheWatchList() throws {
        // two-outputs.json watches v11, v21, w11, w12.
        let state = try open(try scenario("two-outputs.json"))
        let names = try (0..<5).map { n in
            try KeyScript.parse(String(repeating: "{Tab}", count: n)).reduce(state) { $0.updated(with: .key($1)) }.derived.decomposition.symbol.description
        }
        #expect(names == ["v₁₁", "v₂₁", "w₁₁", "w₁₂", "v₁₁"])
        #expect(state.updated(with: .key(.backTab)).derived.decomposition.symbol.description == "w₁₂")
        // ↓ still walks every weight in order.
        #expect(state.updated(with: .key(.down)).derived.decomposition.symbol.description == "v₁₂")
    }

    @Test func theNetworkShowsAnySampleOfTheBatch() throws {
        let state = try open(try scenario("xor.json"))
        #expect(Renderer.render(state, width: 120, height: 40).text.contains("sample 1 of 4 in the batch"))
        let second = state.updated(with: .key(.character("s")))
        let text = Renderer.render(second, width: 120, height: 40).text
        #expect(text.contains("sample 2 of 4 in the batch"))
        // XOR's data[1] is x = (0, 1), y = 1.
        #expect(text.contains("│   1.0000 │") && text.contains("Q₁ 1"))
        #expect(second.updated(with: .key(.character("S"))).shownSample == 0)
    }

    @Test func firstEpochSaysWhenItCannotGoBack() throws {
        let state = try open(ScenarioDecoder.defaultScenario, keys: "E")
        #expect(state.message == "already at the start of the first epoch")
        #expect(try open(ScenarioDecoder.defaultScenario, keys: "nnE").cursor.isAtStart)
    }

    @Test func statusBarOffersPauseWhilePlaying() throws {
        let playing = try open(ScenarioDecoder.defaultScenario, keys: "r")
        #expect(Renderer.render(playing, width: 120, height: 40).text.contains("r pause"))
    }

    /// Every row of the diagram ends in its own border: nothing spills into the loss panel.
    @Test func layeredNetsStayInsideTheDiagramAtEveryWidth() throws {
        let state = try open(try scenario("last-layer.json"), keys: "nnnnn")
        for width in [80, 81, 83, 90, 100, 119, 120, 160, 200] {
            for height in [24, 30, 40] {
                let grid = Renderer.render(state, width: width, height: height)
                let layout = Renderer.layout(state, width: width, height: height)
                let border = layout.diagram.maxX - 1
                for y in (layout.diagram.y + 1)..<(layout.diagram.maxY - 1) {
                    #expect(grid[border, y].character == "│", "\(width)×\(height), row \(y)")
                    #expect(grid[border + 1, y].character == "│", "\(width)×\(height), row \(y): loss panel border")
                }
                let text = grid.text
                #expect(text.contains("layered notation"), "\(width)×\(height): the header names the notation")
                // Values are never cut: 0.6570 is A[1]₁ of sample 1 (see the engine's tests).
                #expect(!text.contains("0.6…"), "\(width)×\(height)")
            }
        }
    }

    @Test func weightListsSayHowManyAreLeftOutOnTheirOwnRow() throws {
        let state = try open(try scenario("one-hidden.json"))
        let text = Renderer.render(state, width: 120, height: 40).text
        #expect(text.contains("⋮ 5 more (↓)"))
        // A weight's value is followed by spaces only, never by a count written over it.
        let overwritten = try Regex(#"[vw][₀-₉]+ −?\d\.\d+\+\d"#)
        #expect(text.firstMatch(of: overwritten) == nil)
    }

    @Test func softmaxShowsTheRealExponentials() throws {
        // Seed 000's net with a softmax output: net = (1.105905967, 1.224921404) by hand.
        let state = try open(try scenario("two-outputs-softmax.json"), keys: "n")
        let (net1, net2) = (1.105905967, 1.224921404)
        let y1 = exp(net1) / (exp(net1) + exp(net2))
        let line = String(format: "Y₁ = e^netʸ₁ / Σₗ e^netʸₗ = %.4f / %.4f = %.4f", exp(net1), exp(net1) + exp(net2), y1)
        #expect(Renderer.render(state, width: 160, height: 50).text.contains(line))
    }

    @Test func severalSamplesShowTheChainAsATable() throws {
        // Logistic regression, 6 samples: after its backward step the table has a column a sample.
        let state = try open(try scenario("logistic-regression.json"), keys: "nn")
        let text = Renderer.render(state, width: 120, height: 40).text
        #expect(text.contains("∂J/∂w₁ = (1/6)·Σₛ ∂E⁽ˢ⁾/∂w₁: the mean over the batch's 6 samples"))
        #expect(text.contains("s1") && text.contains("s6"))
        let rowOfFactor = text.split(separator: "\n").first { $0.contains("∂E/∂Y₁    = −(Q₁/Y₁ − (1 − Q₁)/(1 − Y₁))") }
        let row = try #require(rowOfFactor)
        // Six numbers on the row: one a sample.
        #expect(row.matches(of: try Regex(#"−?\d+\.\d{4}"#)).count == 6)
    }

    @Test func asciiScreensWrapAtTheirOwnWidth() throws {
        // σ becomes "sig" and δ "delta": lines must be wrapped after that, not cut.
        for scenarioFile in ["xor.json", "two-outputs.json", "last-layer.json"] {
            for keys in ["n", "nnnn"] {
                let state = ViewerState(scenario: try scenario(scenarioFile), options: .init(ascii: true, color: false))
                let stepped = try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
                let text = Renderer.render(stepped, width: 120, height: 40).text
                // A cut line ends in ">" just before the panel's border.
                #expect(!text.contains(">│") && !text.contains("> |"), "\(scenarioFile) \(keys)")
            }
        }
    }

    @Test func theInputLineEditsAtItsCursor() throws {
        let state = try open(ScenarioDecoder.defaultScenario, keys: "dY1{Left}{Left}x{End}z{Home}{Delete}")
        #expect(state.mode == .input(.formula, text: "Y1z"))
        #expect(state.inputCursor == 0)
        let backspace = try open(ScenarioDecoder.defaultScenario, keys: "dabc{Left}{Backspace}")
        #expect(backspace.mode == .input(.formula, text: "ac"))
    }

    @Test func longMessagesAreShownWhole() throws {
        let state = try open(ScenarioDecoder.defaultScenario, width: 80, height: 24, keys: "dsigmod(X1)*(Y1-Q1)*W11*X1*Z1*(1-Z1){Enter}")
        let text = Renderer.render(state, width: 80, height: 24).text
        // Longer than a line: wrapped between words, every word shown.
        #expect(text.contains(" unknown function 'sigmod': did you mean 'sigmoid'? (known: sigma, σ, sigma',\n"))
        #expect(text.contains(" exp, log, ln, sqrt, tanh, tanh', abs, relu, relu', step, sum)\n"))
    }

    @Test func unitValuesGiveUpDigitsInsteadOfBeingCut() throws {
        // At the end of XOR's training Z₃ of sample 1 is about 8.46e−4 (a saturated unit).
        let state = try open(try scenario("xor.json"), width: 80, height: 24, keys: "{End}")
        let z3 = state.derived.step.record.out[0][0][2]
        #expect(z3 > 0 && z3 < 1e-3)
        let text = Renderer.render(state, width: 80, height: 24).text
        #expect(text.contains(NumberStyle.standard.format(z3, maxLength: 7)))
        #expect(!text.contains("e…"))
    }

    @Test func deltasShowUnderBracketedUnits() throws {
        // 90×30: units are one-line cells with a spare row (the gaps are too narrow for the weights,
        // so the diagram does not take boxes); δ of hidden unit 1 is 0.0693 (seed 000, by hand).
        let state = try open(ScenarioDecoder.defaultScenario, width: 90, height: 30, keys: "nnnn")
        let text = Renderer.render(state, width: 90, height: 30).text
        #expect(text.contains("[Z₁ 0.5933 ]") && text.contains("δ 0.0693"))
    }

    /// A page is the panel's height less one line, so every line can be reached however short
    /// the panel is.
    @Test func pagingShowsEveryLineOfAShortPanel() throws {
        let state = try open(try scenario("xor.json"), width: 80, height: 24, keys: "nnnn")
        let all = StepPanel.entries(state, theme: Theme(color: false), width: 76, ascii: false).flatMap { $0.forms[0] }.map(\.0)
        var seen = Set<String>()
        var current = state
        for _ in 0..<40 {
            let text = Renderer.render(current, width: 80, height: 24).text
            for line in all where text.contains(line) { seen.insert(line) }
            current = current.updated(with: .key(.pageDown))
        }
        #expect(seen.count == Set(all).count, "lines never shown: \(Set(all).subtracting(seen))")
    }

    @Test func aTableThatCannotShowEverySampleBesideItsFormulasDropsThem() throws {
        // Logistic regression at 80×24: six sample columns do not fit beside the formulas, but
        // they do beside the labels alone.
        let state = try open(try scenario("logistic-regression.json"), width: 80, height: 24, keys: "nnn")
        let text = Renderer.render(state, width: 80, height: 24).text
        let header = try #require(text.split(separator: "\n").first { $0.contains("s1") })
        for sample in 1...6 { #expect(header.contains("s\(sample)"), "sample \(sample)") }
        #expect(!text.contains("more  "))
        #expect(!text.contains("−(Q₁/Y₁ − (1 − Q₁)/(1 − Y₁))"), "no formula column")
        // ∂E/∂Y₁ of sample 1 (X = (2, 1), Q = 1, Y = σ(0) = 0.5): −1/0.5 = −2.
        #expect(text.contains("∂E/∂Y₁         −2.0000"))
    }

    /// Every character the Unicode screens use has an ASCII spelling (none falls back to "?").
    @Test func asciiKnowsEveryCharacterTheScreensUse() throws {
        var used = Set<Character>()
        for file in ["last-layer.json", "xor.json", "two-outputs-softmax.json", "logistic-regression.json"] {
            for keys in ["n", "nnn", "nnnn", "nnnnnn", "g", "?", "{End}"] {
                let state = try KeyScript.parse(keys).reduce(ViewerState(scenario: try scenario(file))) { $0.updated(with: .key($1)) }
                for size in [(80, 24), (120, 40), (200, 60)] {
                    used.formUnion(Renderer.render(state, width: size.0, height: size.1).text.filter { !$0.isASCII })
                }
            }
        }
        let unknown = used.filter { TextFitting.ascii(String($0)).contains("?") }
        #expect(unknown.isEmpty, "no ASCII spelling for \(unknown.sorted())")
    }

    @Test func longJumpsRunAsCancellableWorkAndLeaveTheCursorWhereItWas() throws {
        var long = try scenario("xor.json")
        long.epochs = 1_000_000
        var state = ViewerState(scenario: long)
        let command = state.update(.key(.end))
        guard case .start(let kind)? = command, case .derive(let request) = kind else {
            Issue.record("End asks for no work: \(String(describing: command))")
            return
        }
        #expect(request.index == 6 * 1_000_000 - 1)
        #expect(state.cursor.index == 0, "the screen stays on the old step until the new one is computed")
        #expect(state.pending?.what == "training to epoch 1,000,000")
        let working = Renderer.render(state, width: 120, height: 40).text
        #expect(working.contains("training to epoch 1,000,000") && working.contains("Esc cancels"))
        // Keys wait; Esc cancels and keeps the position.
        #expect(state.update(.key(.character("n"))) == nil)
        #expect(state.message == "still working")
        #expect(state.update(.key(.escape)) == .cancel)
        #expect(state.pending == nil && state.cursor.index == 0 && !state.shouldQuit)
        // q during work quits.
        _ = state.update(.key(.end))
        #expect(state.update(.key(.character("q"))) == .cancel)
        #expect(state.shouldQuit)
    }

    @Test func cancelledWorkStopsAndItsResultIsDropped() throws {
        var long = try scenario("xor.json")
        long.epochs = 10_000_000
        var state = ViewerState(scenario: long)
        guard case .start(let kind)? = state.update(.key(.end)) else { Issue.record("no work"); return }
        let control = WorkControl()
        control.cancel()
        let result = state.work(kind, copyingRun: true).perform(control: control)
        guard case .failed = result else { Issue.record("cancelled work finished: \(result)"); return }
        #expect(state.cursor.run.lossHistory.count == 0, "the copy trained, not the shown run")
        _ = state.update(.key(.escape))
        _ = state.update(.workFinished(result))
        #expect(state.cursor.index == 0 && state.message?.hasPrefix("cancelled") == true)
    }

    @Test func finishedWorkMovesTheCursor() throws {
        var state = ViewerState(scenario: try scenario("xor.json"))
        guard case .start(let kind)? = state.update(.key(.end)) else { Issue.record("no work"); return }
        _ = state.update(.workFinished(state.work(kind, copyingRun: true).perform(control: nil)))
        #expect(state.cursor.isAtEnd && state.pending == nil)
        #expect(state.derived.finishedEpochs == 5_000)
    }

    @Test func theFirstStepIsComputedAsWork() throws {
        var state = ViewerState(pendingScenario: try scenario("xor.json"))
        #expect(!state.isReady)
        let screen = Renderer.render(state, width: 80, height: 24).text
        #expect(screen.contains("computing the first step") && screen.contains("q quits"))
        guard case .derive(let request)? = state.pending?.kind else { Issue.record("no first work"); return }
        #expect(request.index == 0)
        _ = state.update(.workFinished(state.work(.derive(request), copyingRun: true).perform(control: nil)))
        #expect(state.isReady && state.derived.step.index == 0)
    }
}

/// Keys the backend reads as whole sequences never quit or type into a prompt by accident.
@Suite struct UnknownKeyTests {
    @Test func unknownSequencesAndAltKeysAreIgnoredWithAMessage() {
        var state = ViewerState(scenario: ScenarioDecoder.defaultScenario)
        state = state.updated(with: .key(.unknown("ESC[25~")))
        #expect(!state.shouldQuit && state.message == "ignored the key ESC[25~: press ? for the list of keys")
        state = state.updated(with: .key(.alt("n")))
        #expect(state.cursor.index == 0 && state.message?.hasPrefix("Alt+n does nothing") == true)
        state = state.updated(with: .key(.function(1)))
        #expect(state.mode == .help)
    }

    @Test func aPromptIgnoresThemAndKeepsItsText() {
        var state = ViewerState(scenario: ScenarioDecoder.defaultScenario)
        for key: Key in [.character("d"), .character("Y"), .character("1"), .unknown("ESC[25~"), .alt("x"), .function(5)] {
            state = state.updated(with: .key(key))
        }
        #expect(state.mode == .input(.formula, text: "Y1"))
    }
}

/// Autoplay holds while a prompt or an overlay is open, and goes on when it closes.
@Suite struct AutoplayHoldTests {
    @Test func ticksWaitForPromptsAndOverlays() {
        var state = ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.character("r")))
        #expect(state.playing)
        state = state.updated(with: .tick)
        #expect(state.cursor.index == 1)
        for opener: Key in [.character("d"), .character("?")] {
            state = state.updated(with: .key(opener))
            state = state.updated(with: .tick).updated(with: .tick)
            #expect(state.cursor.index == 1, "\(opener) holds autoplay")
            state = state.updated(with: .key(.escape))
            #expect(state.playing && state.mode == .normal)
        }
        state = state.updated(with: .tick)
        #expect(state.cursor.index == 2)
    }
}

/// States are values: they can be copied and compared, and update is a function of them.
@Suite struct ViewerStateValueTests {
    @Test func steppingForwardAndBackGivesAnEqualState() throws {
        // The first key also puts the opening banner away; start after it.
        let start = ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.resize(width: 120, height: 40)))
            .updated(with: .key(.character("n"))).updated(with: .key(.character("p")))
        let there = start.updated(with: .key(.character("n")))
        #expect(there != start)
        let back = there.updated(with: .key(.character("p")))
        #expect(back == start)
        // The same event on equal states gives equal states; the copy is untouched.
        #expect(start.updated(with: .key(.tab)) == start.updated(with: .key(.tab)))
        #expect(start.cursor.index == 0)
    }
}

/// The scenario's question opens the viewer and comes back on i.
@Suite struct BannerAndInfoTests {
    @Test func theDescriptionIsABannerThatTheFirstKeyOnlyPutsAway() {
        var state = ViewerState(pendingScenario: ScenarioDecoder.defaultScenario)
        guard case .derive(let request)? = state.pending?.kind else { Issue.record("no first work"); return }
        _ = state.update(.workFinished(state.work(.derive(request), copyingRun: false).perform(control: nil)))
        state = state.updated(with: .key(.resize(width: 120, height: 40)))
        #expect(state.showsBanner)
        let first = Renderer.render(state, width: 120, height: 40).text
        #expect(first.contains("press any key to begin · i shows this again") && first.contains("Watch v11"))
        // Esc and n only put it away: the lesson starts at step 1 and does not end.
        for key: Key in [.escape, .character("n")] {
            let after = state.updated(with: .key(key))
            #expect(!after.showsBanner && after.cursor.index == 0 && !after.shouldQuit, "\(key)")
        }
        #expect(state.updated(with: .key(.interrupt)).shouldQuit, "Ctrl-C still quits")
        let stepped = state.updated(with: .key(.escape)).updated(with: .key(.character("n")))
        #expect(stepped.cursor.index == 1)
        let info = Renderer.render(stepped.updated(with: .key(.character("i"))), width: 120, height: 40).text
        #expect(info.contains("Watch v11") && info.contains("Loss: binary cross-entropy") && info.contains("What the highlights mean"))
    }

    @Test func helpScrollsToItsEndAt80x24() {
        var state = ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.resize(width: 80, height: 24)))
        state = state.updated(with: .key(.character("?")))
        let top = Renderer.render(state, width: 80, height: 24).text
        #expect(top.contains("↑/↓ PgUp/PgDn scroll") && !top.contains("a check that agrees"))
        state = state.updated(with: .key(.end))
        let bottom = Renderer.render(state, width: 80, height: 24).text
        #expect(bottom.contains("not computed yet at this step"), "the legend's last line is reachable")
        #expect(state.mode == .help)
        state = state.updated(with: .key(.character("x")))
        #expect(state.mode == .normal)
    }
}
