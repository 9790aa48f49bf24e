import NNCore

/// Long work of the viewer, with everything it needs captured, so it can run on another thread.
///
/// It owns `run` while it runs (a copy when it runs on another thread): nothing else touches
/// that run meanwhile, hence unchecked Sendable.
struct ViewerWork: @unchecked Sendable {
    let kind: PendingWork.Kind
    let scenario: Scenario
    let run: TrainingRun
    /// The current step's batch, for a formula check.
    let record: BatchRecord?
    let weight: WeightID
    let symbol: String
    let style: NumberStyle

    /// Does the work, stopping early (with a `.failed` result nobody reads) when `control` is cancelled.
    func perform(control: WorkControl?) -> WorkResult {
        switch kind {
        case .derive(let request):
            do {
                let derived = try ViewerState.derive(request, run: run, scenario: scenario, control: control)
                return .derived(request, run: run, derived)
            } catch {
                return .failed("cancelled")
            }
        case .check(let formula):
            guard let record else { return .failed("nothing to check yet") }
            do {
                let check = try DerivationChecker.check(formula, weight: weight, scenario: scenario, record: record)
                return .checked(CheckReport.lines(check, symbol: symbol, style: style))
            } catch {
                return .failed(error.description.split(separator: "\n").first.map(String.init) ?? error.description)
            }
        }
    }
}
