import Foundation
import NNCore

/// Something the viewer reacts to.
public enum ViewerEvent {
    /// A key press.
    case key(Key)
    /// The autoplay timer fired.
    case tick
    /// A frame was drawn: how far its panels can scroll.
    case layout(PanelMetrics)
    /// Long work reported how far it got: `done` of `total` epochs.
    case workProgress(done: Int, total: Int)
    /// Long work ended with this result.
    case workFinished(WorkResult)
}

/// What the viewer asks its loop to do besides drawing: long work runs outside the update
/// function, on its own copy of the training run, and can be cancelled.
public enum ViewerCommand: Equatable, Sendable {
    /// Start this work (cancelling any still running); its result comes back as ``ViewerEvent/workFinished(_:)``.
    case start(PendingWork.Kind)
    /// Stop the work under way and drop its result.
    case cancel
}

/// How long work ended.
public enum WorkResult: @unchecked Sendable {
    /// The screen for a request, with the run it was computed on (handed over from the worker,
    /// which no longer touches it: hence unchecked Sendable).
    case derived(DeriveRequest, run: TrainingRun, ViewerState.Derived)
    /// A formula check's report, line by line, and whether the formula is right (nil: no verdict).
    case checked([String], correct: Bool?)
    /// A handout was written to this path.
    case exported(String)
    /// A quiz question, ready to be asked.
    case asked(QuizQuestion)
    /// A run of steps stopped here, and why (nil: at the end it was asked to reach).
    case advanced(index: Int, reason: String?)
    /// The work could not be done: one line saying why.
    case failed(String)
}

extension ViewerState {
    /// The state after `event` with any long work it starts done at once: the whole behaviour of
    /// the viewer, with no terminal involved (tests and `nnview screen` use it).
    public func updated(with event: ViewerEvent) -> ViewerState {
        var state = self
        var command = state.update(event)
        while case .start(let kind)? = command {
            command = state.update(.workFinished(state.work(kind, copyingRun: false).perform(control: nil)))
        }
        // As the loop does: draw, and tell the state how far its panels scroll.
        if let size = state.terminalSize {
            if case .layout = event { return state }
            _ = state.update(.layout(Renderer.scrollLimits(state, size: size)))
        }
        return state
    }

    /// Applies `event` and returns what the loop must do beyond drawing the new state.
    public mutating func update(_ event: ViewerEvent) -> ViewerCommand? {
        let before = (cursor.index, selected, precise)
        let pendingBefore = pending
        switch event {
        case .layout(let metrics):
            panelMetrics = metrics
            return nil
        case .workProgress(let done, let total):
            pending?.progress = (done, total)
            return nil
        case .workFinished(let result):
            return finish(result)
        case .tick:
            // A prompt or an overlay holds autoplay: the values being checked must not change.
            guard playing, pending == nil, mode == .normal else { return nil }
            tick()
        case .key(.resize(let width, let height)):
            terminalSize = TerminalSize(width: width, height: height)
            return nil
        case .key(let key):
            if pending != nil { return handleWhileWorking(key) }
            message = nil
            // Under the "terminal too small" notice nothing is visible to act on: only quitting works.
            if let terminalSize, !terminalSize.isLargeEnough {
                if [.character("q"), .escape, .interrupt].contains(key) { shouldQuit = true }
                return nil
            }
            // The banner is an overlay: a key only puts it away (Ctrl-C still quits), so the
            // class sees the first step, and Esc does not end the lesson before it starts.
            if showsBanner {
                showsBanner = false
                if key == .interrupt { shouldQuit = true }
                return nil
            }
            switch mode {
            case .normal: handleNormal(key)
            case .help, .info, .checkResult, .list, .matrices: handleOverlay(key)
            case .input(let kind, let text): handleInput(key, kind: kind, text: text)
            }
        }
        if before != (cursor.index, selected, precise) {
            // The screen keeps showing the old position until the new one is computed.
            let request = pendingRequest
            pending = PendingWork(kind: .derive(request), what: describe(request, from: before.0))
            cursor.move(to: before.0)
            (selected, precise) = (before.1, before.2)
        }
        if let pending, pending != pendingBefore { return .start(pending.kind) }
        return nil
    }

    /// While work runs, keys wait: q and Ctrl-C quit, Esc cancels, others get a reminder.
    private mutating func handleWhileWorking(_ key: Key) -> ViewerCommand? {
        switch key {
        case .character("q"), .interrupt:
            shouldQuit = true
            return .cancel
        case .character("r") where playing, .character(" ") where playing:
            // Autoplay by update or epoch runs as work: r pauses it where it is.
            playing = false
            pending = nil
            message = "paused at epoch \(cursor.epoch + 1), step \(cursor.index % cursor.stepsPerEpoch + 1)"
            return .cancel
        case .escape:
            guard isReady else {
                shouldQuit = true
                return .cancel
            }
            pending = nil
            message = "cancelled: still at epoch \(cursor.epoch + 1), step \(cursor.index % cursor.stepsPerEpoch + 1)"
            return .cancel
        default:
            message = "still working"
            return nil
        }
    }

    /// Takes in the result of long work; a run of steps that stopped somewhere asks for that step's screen.
    private mutating func finish(_ result: WorkResult) -> ViewerCommand? {
        guard pending != nil else { return nil }  // cancelled meanwhile
        pending = nil
        switch result {
        case .advanced(let index, let reason):
            return arrive(at: index, reason: reason)
        case .asked(let question):
            self.question = question
            mode = .input(.quiz, text: "")
            inputCursor = 0
        case .derived(let request, let run, let derived):
            if request.index != cursor.index { stepScroll = 0 }
            if request.selected != selected { chainScroll = 0 }
            cursor = StepCursor(run: run)
            cursor.move(to: request.index)
            (selected, precise) = (request.selected, request.precise)
            current = derived
            if playing, playUnit == .step { stopAtLoss(derived.step) } else if derived.step.phase == .loss { lastLossSeen = derived.step.record.loss }
        case .checked(let lines, let correct):
            openOverlay(.checkResult(lines, correct: correct))
        case .exported(let path):
            message = "wrote this step's handout to \(path) (Markdown)"
        case .failed(let line):
            message = line
        }
        return nil
    }

    /// The words for computing `request`: training is named when it spans epochs.
    private func describe(_ request: DeriveRequest, from index: Int) -> String {
        var target = cursor
        target.move(to: request.index)
        guard isReady else { return "computing the first step" }
        return target.epoch > cursor.run.lossHistory.count + 1
            ? "training to epoch \(StatusBar.grouped(target.epoch + 1))"
            : "computing epoch \(StatusBar.grouped(target.epoch + 1)), step \(request.index % cursor.stepsPerEpoch + 1)"
    }

    /// The work for `kind` as it stands now, on a copy of the run when it will run on another thread.
    func work(_ kind: PendingWork.Kind, copyingRun: Bool) -> ViewerWork {
        ViewerWork(
            kind: kind, scenario: scenario, run: copyingRun ? cursor.run.copy() : cursor.run,
            step: current?.step, shownSample: shownSample, weight: selectedWeight,
            symbol: current?.decomposition.symbol.description ?? "",
            style: numberStyle, exportDirectory: options.exportDirectory, breakpoints: breakpoints, notes: noteIndices
        )
    }

    private mutating func handleNormal(_ key: Key) {
        guard let action = Keymap.action(for: key) else {
            switch key {
            case .resize: break
            case .unknown(let sequence): message = "ignored the key \(sequence): press ? for the list of keys"
            case .alt(let character): message = "Alt+\(character) does nothing here: press ? for the list of keys"
            default: message = "unknown key: press ? for the list of keys"
            }
            return
        }
        perform(action)
    }

    /// Does what a top-level key asks.
    private mutating func perform(_ action: KeyAction) {
        switch action {
        case .nextStep where quizOn && !cursor.isAtEnd:
            pending = PendingWork(kind: .question(index: cursor.index + 1), what: "preparing the question")
        case .nextStep: if !cursor.stepForward() { message = "already at the last step of training" }
        case .previousStep: if !cursor.stepBack() { message = "already at the first step" }
        case .nextEpoch:
            if cursor.epoch + 1 < scenario.epochs {
                cursor.moveToEpoch(cursor.epoch + 1)
            } else {
                message = "already in the last epoch"
            }
        case .previousEpoch:
            // As a player's "previous": the start of this epoch first, from there the one before.
            if cursor.index % cursor.stepsPerEpoch != 0 {
                cursor.moveToEpoch(cursor.epoch)
            } else if cursor.epoch > 0 {
                cursor.moveToEpoch(cursor.epoch - 1)
            } else if cursor.isAtStart {
                message = "already at the start of the first epoch"
            } else {
                cursor.moveToStart()
            }
        case .firstStep: cursor.moveToStart()
        case .lastStep: cursor.moveToEnd()
        case .goToEpoch: openInput(.epoch)
        case .typeWeight: openInput(.weight)
        case .checkFormula: openInput(.formula)
        case .setValue: openInput(.value)
        case .exportStep: pending = PendingWork(kind: .export, what: "writing this step's handout")
        case .commandLine: openInput(.command)
        case .matrixView: openOverlay(.matrices)
        case .continueRun: continueRun()
        case .nextNote: goToNote(next: true)
        case .previousNote: goToNote(next: false)
        case .togglePlay:
            playing.toggle()
            if playing && cursor.isAtEnd { playing = false; message = "already at the last step of training" }
        case .faster, .slower: changePace(faster: action == .faster)
        case .nextWatched: selectWatched(step: 1)
        case .previousWatched: selectWatched(step: -1)
        case .nextWeight: selected = (selected + 1) % parameters.count
        case .previousWeight: selected = (selected + parameters.count - 1) % parameters.count
        case .nextSample, .previousSample: showSample(next: action == .nextSample)
        case .togglePrecision:
            precise.toggle()
            message = precise ? "showing 10 decimals" : "showing 4 decimals"
        case .toggleLogScale:
            chartLogScale.toggle()
            message = chartLogScale ? "loss chart: log scale" : "loss chart: linear scale from 0"
        case .stepPageDown, .stepPageUp, .chainPageDown, .chainPageUp: scroll(action)
        case .toggleDecisionMap: toggleDecisionMap()
        case .cycleFocus:
            focus = focus.next
            (stepScroll, chainScroll) = (0, 0)
            message = "layout: \(focus.name) (z: next)"
        case .help: openOverlay(.help)
        case .info: openOverlay(.info)
        case .quit: shouldQuit = true
        }
    }

    private mutating func toggleDecisionMap() {
        guard scenario.inputUnits == 2 else {
            message = "the decision map needs a net with two inputs (this one has \(scenario.inputUnits))"
            return
        }
        showsDecisionMap.toggle()
        if !showsDecisionMap {
            message = "decision map off"
        } else {
            message = focus == .all ? "decision map on: beside the loss chart where there is room, else in its place (m: off)"
                : "decision map on: z shows it with all panels"
        }
    }

    private mutating func openInput(_ kind: InputKind) {
        mode = .input(kind, text: "")
        inputCursor = 0
        historyPosition = nil
    }

    private mutating func showSample(next: Bool) {
        let samples = derived.step.record.sampleCount
        guard samples > 1 else {
            message = "this batch has one sample"
            return
        }
        let current = min(shownSample, samples - 1)
        shownSample = (current + (next ? 1 : samples - 1)) % samples
        message = "network diagram: sample \(shownSample + 1) of \(samples) in the batch"
    }

    private mutating func scroll(_ action: KeyAction) {
        let limits = scrollLimits
        switch action {
        case .stepPageDown: stepScroll = min(stepScroll + limits.stepPage, limits.step)
        case .stepPageUp: stepScroll = max(0, min(stepScroll, limits.step) - limits.stepPage)
        case .chainPageDown: chainScroll = min(chainScroll + limits.chainPage, limits.chain)
        default: chainScroll = max(0, min(chainScroll, limits.chain) - limits.chainPage)
        }
    }

    /// How far the panels can scroll, as the last frame drawn says; unlimited before the first
    /// frame (the renderer clamps what it shows in any case).
    private var scrollLimits: PanelMetrics {
        panelMetrics ?? PanelMetrics(step: Int.max / 2, chain: Int.max / 2, stepPage: 5, chainPage: 3)
    }

    /// Tab walks the scenario's watch list when it names two weights or more, else every weight.
    private mutating func selectWatched(step: Int) {
        let watched = scenario.watch.compactMap { parameters.firstIndex(of: $0) }
        guard watched.count >= 2 else {
            selected = (selected + step + parameters.count) % parameters.count
            return
        }
        let position = watched.firstIndex(of: selected) ?? (step > 0 ? watched.count - 1 : 0)
        selected = watched[(position + step + watched.count) % watched.count]
    }

    mutating func openOverlay(_ overlay: Mode) {
        mode = overlay
        overlayScroll = 0
    }

    /// In an overlay the arrows and pages scroll it; any other key closes it (Ctrl-C quits).
    private mutating func handleOverlay(_ key: Key) {
        let overflow = panelMetrics?.overlay ?? Int.max / 2
        let page = max(1, (terminalSize?.height ?? 24) - 8)
        switch key {
        case .interrupt: shouldQuit = true
        case .resize: break
        case .down, .character("j"): overlayScroll = min(overflow, overlayScroll + 1)
        case .up, .character("k"): overlayScroll = max(0, min(overflow, overlayScroll) - 1)
        case .pageDown, .character(" "): overlayScroll = min(overflow, overlayScroll + page)
        case .pageUp: overlayScroll = max(0, min(overflow, overlayScroll) - page)
        case .home: overlayScroll = 0
        case .end: overlayScroll = overflow
        case .character(":"):
            // Typed straight after :breaks or :notes, a command goes to the command line.
            mode = .normal
            overlayScroll = 0
            openInput(.command)
        default:
            mode = .normal
            overlayScroll = 0
        }
    }

    private mutating func handleInput(_ key: Key, kind: InputKind, text: String) {
        switch key {
        case .escape where kind == .quiz: skipQuestion()
        case .escape: mode = .normal
        case .interrupt: shouldQuit = true
        case .backspace:
            guard inputCursor > 0 else { break }
            var characters = Array(text)
            characters.remove(at: inputCursor - 1)
            inputCursor -= 1
            mode = .input(kind, text: String(characters))
        case .delete:
            var characters = Array(text)
            guard inputCursor < characters.count else { break }
            characters.remove(at: inputCursor)
            mode = .input(kind, text: String(characters))
        case .character("?") where kind == .quiz: message = quizHint()
        case .tab where kind == .command:
            let (completed, candidates) = ColonCommand.complete(text)
            mode = .input(kind, text: completed)
            inputCursor = completed.count
            message = candidates.isEmpty ? nil : candidates.joined(separator: "  ")
        case .up where kind == .command || kind == .formula, .down where kind == .command || kind == .formula:
            browseHistory(older: key == .up, text: text, kind: kind)
        case .left: inputCursor = max(0, inputCursor - 1)
        case .right: inputCursor = min(text.count, inputCursor + 1)
        case .home: inputCursor = 0
        case .end: inputCursor = text.count
        case .character(let character):
            if text.count < (kind == .formula ? 300 : kind == .command ? 120 : 40) {
                var characters = Array(text)
                characters.insert(character, at: min(inputCursor, characters.count))
                inputCursor = min(inputCursor, text.count) + 1
                mode = .input(kind, text: String(characters))
            }
        case .enter: submit(kind, text: text.trimmingCharacters(in: .whitespaces))
        default: break
        }
    }

    private mutating func submit(_ kind: InputKind, text: String) {
        switch kind {
        case .command: submitCommand(text)
        case .quiz: answer(text)
        case .epoch:
            guard let epoch = Int(text), (1...scenario.epochs).contains(epoch) else {
                message = "'\(text)' is not an epoch: type a whole number from 1 to \(scenario.epochs)"
                return
            }
            cursor.moveToEpoch(epoch - 1)
            mode = .normal
        case .formula:
            historyPosition = nil
            if !text.isEmpty, formulaHistory.last != text { formulaHistory.append(text) }
            if formulaHistory.count > 100 { formulaHistory.removeFirst() }
            pending = PendingWork(kind: .check(formula: text), what: "checking your formula")
        case .value:
            if set(selectedWeightName, to: text) { mode = .normal }
        case .weight:
            do {
                let id = try WeightID.parse(text, layerSizes: scenario.layerSizes, notation: scenario.notation)
                selected = parameters.firstIndex(of: id) ?? selected
                mode = .normal
            } catch {
                message = error.description
            }
        }
    }
}
