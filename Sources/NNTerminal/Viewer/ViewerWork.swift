import Foundation
import NNCore

/// Long work of the viewer, with everything it needs captured, so it can run on another thread.
///
/// It owns `run` while it runs (a copy when it runs on another thread): nothing else touches
/// that run meanwhile, hence unchecked Sendable.
struct ViewerWork: @unchecked Sendable {
    let kind: PendingWork.Kind
    let scenario: Scenario
    let run: TrainingRun
    /// The current step, for a formula check or a handout.
    let step: Step?
    /// The sample of the batch the diagram shows, which a quiz asks about.
    let shownSample: Int
    let weight: WeightID
    let symbol: String
    let style: NumberStyle
    /// Where handouts go.
    let exportDirectory: String
    /// Where a run of steps stops.
    let breakpoints: [Breakpoint]
    /// Steps with a lesson note (0-based, in the whole run).
    let notes: [Int]

    /// Does the work, stopping early (with a `.failed` result nobody reads) when `control` is cancelled.
    func perform(control: WorkControl?) -> WorkResult {
        switch kind {
        case .derive(let request):
            do {
                let derived = try ViewerState.derive(request, run: run, control: control)
                return .derived(request, run: run, derived)
            } catch {
                return .failed("cancelled")
            }
        case .check(let formula):
            guard let record = step?.record else { return .failed("nothing to check yet") }
            do {
                let check = try DerivationChecker.check(formula, weight: weight, scenario: scenario, record: record)
                return .checked(CheckReport.lines(check, symbol: symbol, style: style), correct: check.isComparable ? check.isCorrect : nil)
            } catch {
                return .failed(error.description.split(separator: "\n").first.map(String.init) ?? error.description)
            }
        case .export:
            return export()
        case .save(let path, let replacing):
            return save(to: path, replacing: replacing)
        case .question(let index):
            var cursor = StepCursor(run: run)
            cursor.move(to: index)
            do {
                let record = try run.record(epoch: cursor.epoch, batch: cursor.batch, control: control)
                let step = Step(phase: cursor.phase, epoch: cursor.epoch, batch: cursor.batch,
                                stepInEpoch: index % cursor.stepsPerEpoch, index: index, record: record)
                return .asked(QuizQuestion(step: step, scenario: scenario, weight: weight, shown: shownSample))
            } catch {
                return .failed("cancelled")
            }
        case .advance(let from, let to):
            let scan = BreakpointScan(scenario: scenario, breakpoints: breakpoints, notes: notes)
            do {
                let stop = try scan.next(after: from, upTo: to, run: run, control: control)
                return .advanced(index: stop.index, reason: stop.reason)
            } catch {
                return .failed("cancelled")
            }
        }
    }

    /// Writes the current step as a Markdown handout, with the chain rule of the selected weight
    /// and the watched ones, under a name that is not taken.
    private func export() -> WorkResult {
        guard let step else { return .failed("nothing to write yet") }
        var weights = [weight]
        for id in scenario.watch where !weights.contains(id) && weights.count < 4 { weights.append(id) }
        let handout = Handout(scenario: scenario, step: step, weights: weights, run: run, style: style)
        let stem = URL(fileURLWithPath: scenario.source).deletingPathExtension().lastPathComponent
        let safe = String(stem.map { $0.isLetter || $0.isNumber || "-_".contains($0) ? $0 : "-" }.prefix(60))
        let name = "\(safe.isEmpty ? "scenario" : safe)-epoch\(step.epoch + 1)-step\(step.stepInEpoch + 1)"
        do {
            return .exported(try AtomicFile.writeNew(handout.markdown(), directory: exportDirectory, name: name, extension: "md"))
        } catch {
            return .failed("the handout was not written: \(error.description)")
        }
    }

    /// `:save`: the run at the start of the current epoch as a scenario file that continues
    /// exactly (as `nnview export --format scenario`), written atomically.
    private func save(to path: String, replacing: Bool) -> WorkResult {
        guard let step else { return .failed("nothing to save yet") }
        guard path.hasSuffix(".json") else { return .failed("save writes a scenario: give the file a .json name") }
        let parameters = run.parameters(atStartOf: step.epoch)
        let name = step.epoch == 0 ? scenario.name : "\(scenario.name) · from epoch \(step.epoch + 1)"
        // The scenario and optimizer state in effect at that epoch: an edited run saves its edits.
        var saved = run.scenario(atEpoch: step.epoch)
        if step.epoch > 0 {
            // The file starts its own epoch 1 here: say where it came from, so the class keeps its place.
            let origin = "Saved by nnview at the start of epoch \(step.epoch + 1) of \(scenario.epochs) of \"\(scenario.name)\"; "
                + "its epoch 1 is that epoch."
            saved.description = saved.description.isEmpty ? origin : origin + " " + saved.description
        }
        let text = ScenarioWriter.text(saved, parameters: parameters, optimizerState: run.optimizerState(atStartOf: step.epoch),
                                       epochs: max(1, scenario.epochs - step.epoch), name: name, firstEpoch: step.epoch + 1)
        do {
            try AtomicFile.write(text, to: path, replacing: replacing)
            return .failed("saved the start of epoch \(step.epoch + 1) to \(TerminalText.escaped(path)): nnview \(TerminalText.escaped(path)) continues from there")
        } catch {
            return .failed(error.description.replacingOccurrences(of: "add --force", with: "use :save!"))
        }
    }
}

