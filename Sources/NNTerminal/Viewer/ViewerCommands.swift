import NNCore

/// The lesson-playing side of the viewer: the `:` command line, breakpoints, `continue`,
/// autoplay by step, update or epoch, and the lesson notes. Pure state changes, as in
/// ViewerUpdate.swift; runs of many steps are returned as work.
extension ViewerState {
    /// One frame of autoplay: a step, or a run of updates or epochs that stops at breakpoints.
    mutating func tick() {
        guard playUnit != .step else {
            if !cursor.stepForward() {
                playing = false
                message = "end of training: autoplay stopped"
            } else if let reason = stopHere() {
                playing = false
                message = "autoplay stopped at \(reason)"
            }
            return
        }
        guard !cursor.isAtEnd else {
            playing = false
            message = "end of training: autoplay stopped"
            return
        }
        let unit = playUnit == .epoch ? cursor.stepsPerEpoch : cursor.stepsPerBatch
        let target = playUnit == .update && cursor.phase != .update
            ? cursor.index + (cursor.stepsPerBatch - 1 - cursor.index % cursor.stepsPerBatch) + (playStride - 1) * unit
            : cursor.index + playStride * unit
        let end = cursor.stepCount - 1
        pending = PendingWork(kind: .advance(from: cursor.index, to: min(end, target)),
                              what: "playing to epoch \(StatusBar.grouped(min(end, target) / cursor.stepsPerEpoch + 1))")
    }

    /// Why the current step stops autoplay by step, if it does: a phase or epoch breakpoint, or a note.
    func stopHere() -> String? {
        for (number, breakpoint) in breakpoints.enumerated() {
            let hit: Bool
            switch breakpoint {
            case .phase(let kind): hit = kind.matches(cursor.phase)
            case .epoch(let epoch): hit = cursor.index == (epoch - 1) * cursor.stepsPerEpoch
            default: hit = false
            }
            if hit { return "breakpoint \(number + 1): \(breakpoint)" }
        }
        return noteIndices.contains(cursor.index) ? "a lesson note" : nil
    }

    /// Autoplay by step stops at a loss a breakpoint names, and at one that is not finite.
    mutating func stopAtLoss(_ step: Step) {
        guard step.phase == .loss else { return }
        let loss = step.record.loss
        let previous = lastLossSeen
        lastLossSeen = loss
        if !loss.isFinite && (previous?.isFinite ?? true) {
            playing = false
            message = "⚠ the loss is \(NumberStyle.standard.format(loss)): the run diverged; autoplay stopped"
        } else if let number = breakpoints.firstIndex(where: { $0.stops(atLoss: loss, previous: previous) }) {
            playing = false
            message = "autoplay stopped at breakpoint \(number + 1): \(breakpoints[number]) (J = \(numberStyle.format(loss)))"
        }
    }

    /// A run of steps ended at `index`: go there and compute its screen.
    mutating func arrive(at index: Int, reason: String?) -> ViewerCommand? {
        let from = cursor.index
        cursor.move(to: index)
        if let reason {
            let wasPlaying = playing
            playing = false
            let warning = reason.hasPrefix("the loss is not finite") ? "⚠ " : ""
            message = "\(warning)\(wasPlaying ? "autoplay stopped" : "stopped") at epoch \(cursor.epoch + 1), "
                + "step \(index % cursor.stepsPerEpoch + 1): \(reason)"
        } else if cursor.isAtEnd {
            message = playing ? "end of training: autoplay stopped" : "no breakpoint or note before the end: at the last step"
            playing = false
        }
        guard index != from || current == nil else { return nil }
        let request = pendingRequest
        pending = PendingWork(kind: .derive(request), what: "computing epoch \(StatusBar.grouped(cursor.epoch + 1))")
        return .start(.derive(request))
    }

    /// `c`: to the next breakpoint, note or the end, as work.
    mutating func continueRun() {
        guard !cursor.isAtEnd else {
            message = "already at the last step of training"
            return
        }
        let what = breakpoints.isEmpty && noteIndices.allSatisfy({ $0 <= cursor.index })
            ? "continuing to the end (no breakpoint set: :break adds one)" : "continuing to the next breakpoint"
        pending = PendingWork(kind: .advance(from: cursor.index, to: cursor.stepCount - 1), what: what)
    }

    /// N / P: the next or previous step with a lesson note.
    mutating func goToNote(next: Bool) {
        let notes = noteIndices
        guard !notes.isEmpty else {
            message = "this scenario has no lesson notes (a \"notes\" list in its file adds them)"
            return
        }
        let target = next ? notes.first { $0 > cursor.index } : notes.last { $0 < cursor.index }
        guard let target else {
            message = next ? "no note after this step" : "no note before this step"
            return
        }
        cursor.move(to: min(target, cursor.stepCount - 1))
    }

    /// + and −: the step interval, or the pace of updates and epochs.
    mutating func changePace(faster: Bool) {
        if playUnit == .step {
            speedIndex = faster ? max(0, speedIndex - 1) : min(Self.speeds.count - 1, speedIndex + 1)
            message = "autoplay: one step every \(playInterval) ms"
            return
        }
        let position = Self.rates.lastIndex { $0 <= playRate } ?? 0
        playRate = Self.rates[faster ? min(Self.rates.count - 1, position + 1) : max(0, position - 1)]
        message = "autoplay: \(NumberStyle.standard.compact(playRate)) \(playUnit.rawValue)s a second"
    }

    /// ↑ / ↓ in the command line or the formula prompt: earlier lines of that prompt.
    mutating func browseHistory(older: Bool, text: String, kind: InputKind = .command) {
        let history = kind == .formula ? formulaHistory : commandHistory
        guard !history.isEmpty else { return }
        let position = historyPosition ?? history.count
        let next = older ? max(0, position - 1) : min(history.count, position + 1)
        historyPosition = next
        let line = next == history.count ? "" : history[next]
        mode = .input(kind, text: line)
        inputCursor = line.count
    }

    /// Enter in the command line.
    mutating func submitCommand(_ text: String) {
        historyPosition = nil
        guard !text.isEmpty else {
            mode = .normal
            return
        }
        if commandHistory.last != text { commandHistory.append(text) }
        if commandHistory.count > 100 { commandHistory.removeFirst() }
        switch ColonCommand.parse(text) {
        case .success(let command):
            mode = .normal
            execute(command)
        case .failure(let error):
            // The line stays, to be corrected.
            message = error.message
        }
    }

    /// Does what a command line says.
    mutating func execute(_ command: ColonCommand) {
        switch command {
        case .addBreakpoint(let breakpoint): addBreakpoint(breakpoint)
        case .listBreakpoints: listBreakpoints()
        case .deleteBreakpoint(let number): deleteBreakpoint(number)
        case .continueRun: continueRun()
        case .play(let unit, let rate): play(unit, rate: rate)
        case .goTo(let epoch, let step): goTo(epoch: epoch, step: step)
        case .weight(let name):
            do {
                let id = try WeightID.parse(name, layerSizes: scenario.layerSizes, notation: scenario.notation)
                selected = parameters.firstIndex(of: id) ?? selected
            } catch {
                message = error.description
            }
        case .theme(let light):
            lightTheme = light
            message = light ? "light theme: for white backgrounds" : "dark theme"
        case .notes: listNotes()
        case .nextNote: goToNote(next: true)
        case .previousNote: goToNote(next: false)
        case .export: pending = PendingWork(kind: .export, what: "writing this step's handout")
        case .chart(let range): setChartRange(range)
        case .save(let path, let replacing):
            pending = PendingWork(kind: .save(path: path, replacing: replacing), what: "saving \(TerminalText.escaped(path))")
        case .predict(let input): predict(input)
        case .set(let name, let value): set(name, to: value)
        case .reset: resetEdits()
        case .quiz:
            quizOn.toggle()
            message = quizOn ? "quiz: n asks for the next step's number (or a formula) before showing it; ? hints, Esc skips"
                : "quiz off: \(quizRight) of \(quizAsked) right"
        case .help: openOverlay(.help)
        case .quit: shouldQuit = true
        }
    }

    private mutating func addBreakpoint(_ breakpoint: Breakpoint) {
        if case .epoch(let epoch) = breakpoint, epoch > scenario.epochs {
            message = "epoch \(epoch) is past the last (\(StatusBar.grouped(scenario.epochs)))"
            return
        }
        guard !breakpoints.contains(breakpoint) else {
            message = "that breakpoint is already set"
            return
        }
        breakpoints.append(breakpoint)
        message = "breakpoint \(breakpoints.count): \(breakpoint) · c continues to it · :breaks lists them"
    }

    private mutating func listBreakpoints() {
        guard !breakpoints.isEmpty else {
            message = "no breakpoints: :break loss < 0.1, :break update, :break nan, :break epoch 500"
            return
        }
        let lines = breakpoints.enumerated().map { "\($0.offset + 1)  \($0.element)" }
            + ["", "c continues to the next one; :delete N removes one, :delete all every one"]
        openOverlay(.list(title: "Breakpoints", lines: lines))
    }

    private mutating func deleteBreakpoint(_ number: Int?) {
        guard let number else {
            message = breakpoints.isEmpty ? "no breakpoints to delete" : "deleted every breakpoint"
            breakpoints.removeAll()
            return
        }
        guard number <= breakpoints.count else {
            message = breakpoints.isEmpty ? "no breakpoints to delete" : "no breakpoint \(number): there are \(breakpoints.count)"
            return
        }
        let removed = breakpoints.remove(at: number - 1)
        message = "deleted breakpoint \(number): \(removed)"
    }

    private mutating func play(_ unit: PlayUnit?, rate: Double?) {
        if let unit { playUnit = unit }
        if let rate {
            if playUnit == .step {
                // A step's pace is an interval: the nearest of the speeds.
                let interval = 1000 / rate
                speedIndex = Self.speeds.indices.min { abs(Double(Self.speeds[$0]) - interval) < abs(Double(Self.speeds[$1]) - interval) } ?? speedIndex
            } else {
                playRate = rate
            }
        }
        playing = !cursor.isAtEnd
        let pace = playUnit == .step ? "one step every \(playInterval) ms"
            : "\(NumberStyle.standard.compact(playRate)) \(playUnit.rawValue)s a second"
        message = playing ? "autoplay by \(playUnit.rawValue): \(pace) · r pauses" : "already at the last step of training"
    }

    private mutating func goTo(epoch: Int, step: Int?) {
        guard epoch <= scenario.epochs else {
            message = "epoch \(epoch) is past the last (\(StatusBar.grouped(scenario.epochs)))"
            return
        }
        let step = step ?? 1
        guard step <= cursor.stepsPerEpoch else {
            message = "an epoch has \(cursor.stepsPerEpoch) steps: step \(step) is past them"
            return
        }
        cursor.move(to: (epoch - 1) * cursor.stepsPerEpoch + step - 1)
    }

    private mutating func listNotes() {
        let notes = scenario.notes
        guard !notes.isEmpty else {
            message = "this scenario has no lesson notes (a \"notes\" list in its file adds them)"
            return
        }
        let lines = notes.map { note -> String in
            let here = note.index(stepsPerEpoch: cursor.stepsPerEpoch) == cursor.index ? "▶ " : "  "
            return "\(here)epoch \(note.epoch), step \(note.step): \(TerminalText.escaped(note.text))"
        } + ["", "N / P go to the next / previous note"]
        openOverlay(.list(title: "Lesson notes", lines: lines))
    }

    /// `?` during a question: the quantity's formula in symbols.
    func quizHint() -> String {
        guard let question else { return "" }
        let formula = FormulaRenderer(options.ascii ? .ascii : .unicode, style: numberStyle).text(question.hint)
        return formula.isEmpty ? "no hint for this one" : "hint: \(formula)"
    }

    /// Enter during a question: judge the answer, keep the score and show the step.
    mutating func answer(_ text: String) {
        guard let question else { return }
        let truth = numberStyle.format(question.truth)
        switch question.judge(text, scenario: scenario) {
        case .unreadable(let why):
            message = "\(why): type a number (e.g. 0.593) or a formula (e.g. sigma(0.3775)); ? hints, Esc skips"
            return
        case .right:
            quizRight += 1
            quizAsked += 1
            message = "✓ right: \(question.name) = \(truth) · score \(quizRight)/\(quizAsked)"
        case .wrong(let value):
            quizAsked += 1
            message = "✗ \(question.name) = \(truth), not \(numberStyle.format(value)) · score \(quizRight)/\(quizAsked)"
        }
        reveal(question)
    }

    /// Esc during a question: show the step without scoring.
    mutating func skipQuestion() {
        guard let question else { return }
        message = "skipped: \(question.name) = \(numberStyle.format(question.truth)) · score \(quizRight)/\(quizAsked)"
        reveal(question)
    }

    private mutating func reveal(_ question: QuizQuestion) {
        self.question = nil
        mode = .normal
        cursor.move(to: question.index)
    }

    /// `:predict`: the forward pass of `input` through the net as it stands at this step.
    mutating func predict(_ input: [Double]) {
        guard input.count == scenario.inputUnits else {
            message = "predict takes \(scenario.inputUnits) number\(scenario.inputUnits == 1 ? "" : "s"), one an input; got \(input.count)"
            return
        }
        let record = derived.step.record
        let parameters = derived.step.phase == .update ? record.parametersAfter : record.parametersBefore
        let (nets, outs) = Network.layers(parameters: parameters, scenario: scenario, input: input)
        let symbols = Symbols(scenario: scenario)
        let style = numberStyle
        var lines = [(0..<input.count).map { "\(symbols.input($0)) = \(style.compact(input[$0]))" }.joined(separator: ", ")]
        for l in scenario.layers.indices {
            let units = 0..<scenario.layers[l].units
            lines.append(symbols.layerTitle(l) + ": " + units.map {
                "\(symbols.preActivation(layer: l, unit: $0)) = \(style.format(nets[l][$0])), \(symbols.activation(layer: l, unit: $0)) = \(style.format(outs[l][$0]))"
            }.joined(separator: "; "))
        }
        let output = outs[outs.count - 1]
        if output.count == 1 {
            lines.append("class \(output[0] > 0.5 ? 1 : 0) (\(symbols.activation(layer: scenario.layers.count - 1, unit: 0)) \(output[0] > 0.5 ? ">" : "≤") 0.5)")
        } else if let best = output.indices.max(by: { output[$0] < output[$1] }) {
            lines.append("class \(best + 1): \(symbols.activation(layer: scenario.layers.count - 1, unit: best)) is the largest output")
        }
        let when = derived.step.phase == .update ? "after this update" : "as this batch began"
        lines += ["", "with the parameters of epoch \(cursor.epoch + 1) \(when); nothing is trained"]
        openOverlay(.list(title: "Prediction", lines: lines))
    }
}

