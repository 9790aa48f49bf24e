import NNCore

/// Everything the viewer shows, as a value: the update function makes a new state from a key,
/// and drawing is a function of the state alone.
public struct ViewerState {
    /// What the keyboard currently edits.
    public enum Mode: Equatable, Sendable {
        /// Keys step, select and toggle.
        case normal
        /// The help overlay is open.
        case help
        /// A line of text is being typed: an epoch number, a weight name or a formula.
        case input(InputKind, text: String)
        /// The result of a derivation check, shown until a key is pressed.
        case checkResult([String])
    }

    /// What an input line asks for.
    public enum InputKind: Equatable, Sendable {
        case epoch, weight, formula

        /// The prompt shown before the text.
        public var prompt: String {
            switch self {
            case .epoch: return "Go to epoch"
            case .weight: return "Show the chain rule of weight"
            case .formula: return "Your ∂J/∂w"
            }
        }
    }

    /// A terminal's size in cells.
    public struct TerminalSize: Equatable, Sendable {
        /// Columns.
        public var width: Int
        /// Rows.
        public var height: Int

        /// Whether the viewer can draw into it.
        public var isLargeEnough: Bool { width >= Layout.minimumWidth && height >= Layout.minimumHeight }
    }

    /// Options fixed at start-up.
    public struct Options: Equatable, Sendable {
        /// Draw with ASCII only (no box drawing, subscripts or Greek letters).
        public var ascii: Bool
        /// Use colours (off under NO_COLOR or --no-color).
        public var color: Bool

        /// Creates options.
        public init(ascii: Bool = false, color: Bool = true) {
            self.ascii = ascii
            self.color = color
        }
    }

    /// Autoplay intervals to choose from with + and −, in milliseconds.
    public static let speeds = [50, 100, 200, 400, 800, 1600]

    /// The scenario shown.
    public let scenario: Scenario
    /// The position in the training run.
    public internal(set) var cursor: StepCursor
    /// Every weight and bias, in the order Tab walks through them.
    public let parameters: [WeightID]
    /// Index into ``parameters`` of the weight whose chain rule is shown.
    public internal(set) var selected: Int
    /// Whether values show ten decimals instead of four.
    public internal(set) var precise = false
    /// Whether autoplay is running.
    public internal(set) var playing = false
    /// Index into ``speeds``.
    public internal(set) var speedIndex = 3
    /// What the keyboard edits.
    public internal(set) var mode: Mode = .normal
    /// A one-line message for the status bar (an error or a hint), cleared by the next key.
    public internal(set) var message: String?
    /// Where typing goes in the input line: characters before the cursor.
    public internal(set) var inputCursor = 0
    /// Which sample of the batch the network diagram shows (0-based; clamped to the batch).
    public internal(set) var shownSample = 0
    /// The terminal's size, once known: keys wait while it is below the minimum.
    public internal(set) var terminalSize: TerminalSize?
    /// Lines the step panel is scrolled down by.
    public internal(set) var stepScroll = 0
    /// Lines the chain-rule panel is scrolled down by.
    public internal(set) var chainScroll = 0
    /// Set when the user asked to quit.
    public internal(set) var shouldQuit = false
    /// Start-up options.
    public let options: Options

    /// Values derived from the cursor and the selection, computed once per change so that
    /// drawing only formats them.
    public internal(set) var derived: Derived

    /// What the screen needs beyond the state's own fields.
    public struct Derived {
        /// The current step with its batch's numbers.
        public var step: Step
        /// The step in words and formulas.
        public var explanation: StepExplanation
        /// The chain rule of the selected weight over the current batch.
        public var decomposition: ChainRuleDecomposition
        /// Central-difference check of the selected weight's gradient.
        public var numericGradient: Double
        /// Losses of the finished epochs: those before the current one, and the current one at its last update.
        /// A slice of the run's own record: no copy per key press, even after millions of epochs.
        public var lossHistory: ArraySlice<Double>
    }

    /// Opens `scenario` at its first step with the first watched weight selected (or `weight`).
    public init(scenario: Scenario, weight: WeightID? = nil, options: Options = Options()) {
        self.scenario = scenario
        self.options = options
        cursor = StepCursor(run: TrainingRun(scenario: scenario))
        parameters = WeightID.all(layerSizes: scenario.layerSizes)
        let initial = weight ?? scenario.watch.first ?? parameters[0]
        selected = parameters.firstIndex(of: initial) ?? 0
        derived = ViewerState.derive(cursor: cursor, weight: parameters[selected], scenario: scenario, precise: false)
    }

    /// The selected weight.
    public var selectedWeight: WeightID { parameters[selected] }

    /// How numbers are written.
    public var numberStyle: NumberStyle { precise ? .precise : .standard }

    /// The autoplay interval in milliseconds.
    public var playInterval: Int { Self.speeds[speedIndex] }

    /// Recomputes ``derived`` after the cursor, the selection or the precision changed.
    mutating func refresh() {
        derived = ViewerState.derive(cursor: cursor, weight: selectedWeight, scenario: scenario, precise: precise)
    }

    static func derive(cursor: StepCursor, weight: WeightID, scenario: Scenario, precise: Bool) -> Derived {
        let step = cursor.step
        let record = step.record
        let run = cursor.run
        // An epoch's loss is history once its last update has been shown.
        let epochFinished = step.phase == .update && step.batch == scenario.batchesPerEpoch - 1
        let finished = step.epoch + (epochFinished ? 1 : 0)
        if finished > 0 { _ = run.epochLoss(finished - 1) }  // trains up to it if needed
        let history = run.epochLosses.prefix(finished)
        return Derived(
            step: step,
            explanation: StepExplanation(step: step, scenario: scenario, style: precise ? .precise : .standard),
            decomposition: ChainRule.decompose(weight, record: record, scenario: scenario),
            numericGradient: run.numericGradient(of: weight, at: record.parametersBefore, range: record.sampleRange),
            lossHistory: history
        )
    }
}
