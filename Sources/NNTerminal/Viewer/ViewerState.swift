import NNCore

/// Everything the viewer shows, as a value: the update function makes a new state from a key,
/// and drawing is a function of the state alone. States compare by value; the training run
/// behind the cursor (which only memoises) compares by identity.
public struct ViewerState: Equatable {
    /// What the keyboard currently edits.
    public enum Mode: Equatable, Sendable {
        /// Keys step, select and toggle.
        case normal
        /// The help overlay is open.
        case help
        /// The scenario's description, facts and the legend are shown (`i`).
        case info
        /// A line of text is being typed: an epoch number, a weight name or a formula.
        case input(InputKind, text: String)
        /// The result of a derivation check, shown until a key is pressed.
        /// A derivation check's report; `correct` colours its verdict (nil: no verdict).
        case checkResult([String], correct: Bool?)
        /// The current step as matrices with their shapes, in both conventions.
        case matrices
        /// A list with a title over the screen: the breakpoints, the lesson notes.
        case list(title: String, lines: [String])
    }

    /// What an input line asks for.
    public enum InputKind: Equatable, Sendable {
        case epoch, weight, formula
        /// A new value for the selected weight or bias (`=`).
        case value
        /// A `:` command line.
        case command
        /// A quiz answer: a number or a formula.
        case quiz

        /// The prompt shown before the text.
        public var prompt: String {
            switch self {
            case .epoch: return "Go to epoch"
            case .weight: return "Show the chain rule of weight"
            case .formula: return "Your ∂J/∂w"
            case .value: return "Set the selected weight to"
            case .command: return ":"
            case .quiz: return "Quiz"
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
        /// Colours for a white background (`--theme light`).
        public var light: Bool
        /// Where `x` writes its handouts: the current folder.
        public var exportDirectory: String
        /// Start in quiz mode (`--quiz`).
        public var quiz: Bool

        /// Creates options.
        public init(ascii: Bool = false, color: Bool = true, light: Bool = false, exportDirectory: String = ".", quiz: Bool = false) {
            self.quiz = quiz
            self.ascii = ascii
            self.color = color
            self.light = light
            self.exportDirectory = exportDirectory
        }
    }

    /// Which panels fill the screen: `z` cycles through them.
    public enum Focus: Equatable, Sendable, CaseIterable {
        /// Every panel, rows shared by priority.
        case all
        /// The chain rule of the selected weight, full screen.
        case chain
        /// The current step, full screen.
        case step
        /// The network with every weight's value, full screen.
        case network

        /// The layout `z` switches to from this one.
        public var next: Focus {
            let all = Focus.allCases
            return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
        }

        /// In words, for the status line.
        public var name: String {
            switch self {
            case .all: return "all panels"
            case .chain: return "the chain rule, full screen"
            case .step: return "the step, full screen"
            case .network: return "the network and its weights, full screen"
            }
        }
    }

    /// Autoplay intervals to choose from with + and −, in milliseconds.
    public static let speeds = [50, 100, 200, 400, 800, 1600]

    /// The scenario in effect at the cursor: as the file says, or as edited (`=`, `:set`).
    public var scenario: Scenario { cursor.run.scenario(atEpoch: cursor.epoch) }
    /// Whether the run differs from the scenario's by an edit (`:reset` undoes them).
    public var isEdited: Bool { cursor.run.isEdited }
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
    /// Whether the first screen's banner (the scenario's description) is up: until the first key.
    public internal(set) var showsBanner = false
    /// Lines an overlay (help, info, a check's result) is scrolled down by.
    public internal(set) var overlayScroll = 0
    /// How far the panels of the last frame drawn can scroll (nil before the first frame).
    public internal(set) var panelMetrics: PanelMetrics?
    /// Whether the loss chart's axis is logarithmic (`l`).
    public internal(set) var chartLogScale = false
    /// The epochs the loss chart shows (1-based, both ends), nil for all; see ``setChartRange(_:)``.
    public internal(set) var chartRange: ClosedRange<Int>?
    /// Whether the decision map is on (`m`, nets with two inputs): beside the loss chart where
    /// there is room, else in its place.
    public internal(set) var showsDecisionMap = false
    /// Which panels the screen shows (`z`); it stays when the step or the weight changes.
    public internal(set) var focus = Focus.all
    /// Set when the user asked to quit.
    public internal(set) var shouldQuit = false
    /// Where `continue` and autoplay stop, in the order they were set.
    public internal(set) var breakpoints: [Breakpoint] = []
    /// What autoplay advances by.
    public internal(set) var playUnit: PlayUnit = .step
    /// Autoplay's pace in units a second for updates and epochs (steps use ``speeds``).
    public internal(set) var playRate: Double = 10
    /// The command lines typed, oldest first, and where Up/Down browse them (nil: the new line).
    public internal(set) var commandHistory: [String] = []
    /// The formulas checked with `d`, oldest first, recalled with ↑/↓ in its prompt.
    public internal(set) var formulaHistory: [String] = []
    var historyPosition: Int?
    /// Colours for a white background: `--theme light` or `:theme light`.
    public internal(set) var lightTheme = false
    /// The loss of the last loss step shown, so that a loss breakpoint stops where the loss
    /// crosses its value, not at every batch after.
    var lastLossSeen: Double?
    /// Whether `n` asks for the next step's number before showing it (`--quiz`, `:quiz`).
    public internal(set) var quizOn = false
    /// The question being answered.
    public internal(set) var question: QuizQuestion?
    /// Answers right, and questions asked.
    public internal(set) var quizRight = 0, quizAsked = 0
    /// Start-up options.
    public let options: Options

    /// Long work under way (training to a far epoch, a large batch, a formula check): keys wait
    /// for it, except those that cancel it or quit.
    public internal(set) var pending: PendingWork?

    /// Values derived from the cursor and the selection, computed once per change so that
    /// drawing only formats them; nil until the first step has been computed.
    public internal(set) var current: Derived?

    /// What the screen shows; only read once ``isReady``.
    public var derived: Derived {
        guard let current else { preconditionFailure("the viewer's first step has not been computed yet") }
        return current
    }

    /// Whether the first step has been computed, so the panels can be drawn.
    public var isReady: Bool { current != nil }

    /// What the screen needs beyond the state's own fields.
    public struct Derived: Equatable {
        /// The current step with its batch's numbers.
        public var step: Step
        /// The step in words and formulas.
        public var explanation: StepExplanation
        /// The chain rule of the selected weight over the current batch.
        public var decomposition: ChainRuleDecomposition
        /// Central-difference check of the selected weight's gradient.
        public var numericGradient: Double
        /// The losses of the epochs trained so far (a value shared with the run: no copy per key).
        public var lossHistory: LossHistory
        /// Epochs finished at this step: those before the current one, and the current one at its last update.
        public var finishedEpochs: Int
        /// The exact loss of the first and of the last finished epoch, when one has finished.
        public var firstEpochLoss: Double?, latestEpochLoss: Double?
        /// The chain rule of the first and the last weight of every layer: the layout sizes the
        /// chain-rule panel by the largest of them, so its height does not change with the weight
        /// (every weight of a layer has as many paths and factors as these).
        public var referenceDecompositions: [ChainRuleDecomposition] = []
    }

    /// Opens `scenario` at its first step with the first watched weight selected (or `weight`),
    /// computing that step at once.
    public init(scenario: Scenario, weight: WeightID? = nil, options: Options = Options()) {
        self.init(pendingScenario: scenario, weight: weight, options: options)
        let request = pendingRequest
        current = try? Self.derive(request, run: cursor.run, control: nil)
        pending = nil
        // A screen made at once is for print and scripts: no banner to put away first.
        showsBanner = false
    }

    /// Opens `scenario` with its first step still to compute: ``pending`` asks for it, so a
    /// viewer can show progress (a batch of 100,000 samples takes a while) and stay responsive.
    /// The scenario's description is shown as a banner until the first key, unless `banner` is
    /// false (keys typed by a script mean what they mean to `nnview screen`, which has none).
    public init(pendingScenario scenario: Scenario, weight: WeightID? = nil, options: Options = Options(),
                banner: Bool = true) {
        self.options = options
        cursor = StepCursor(run: TrainingRun(scenario: scenario))
        parameters = WeightID.all(layerSizes: scenario.layerSizes)
        let initial = weight ?? scenario.watch.first ?? parameters[0]
        selected = parameters.firstIndex(of: initial) ?? 0
        pending = PendingWork(kind: .derive(pendingRequest), what: "computing the first step")
        showsBanner = banner && !scenario.description.isEmpty
        lightTheme = options.light
        quizOn = options.quiz
    }

    /// The selected weight.
    public var selectedWeight: WeightID { parameters[selected] }

    /// How numbers are written.
    public var numberStyle: NumberStyle { precise ? .precise : .standard }

    /// The autoplay interval in milliseconds: a step every ``speeds`` interval, or frames of at
    /// most 30 a second that advance ``playStride`` updates or epochs.
    public var playInterval: Int {
        playUnit == .step ? Self.speeds[speedIndex] : max(33, Int((1000 / playRate).rounded()))
    }

    /// Updates or epochs a frame of autoplay advances.
    var playStride: Int { max(1, Int((playRate * Double(playInterval) / 1000).rounded())) }

    /// Paces for playing by update or epoch, with + and −.
    public static let rates: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    /// The steps (0-based, in the whole run) that carry a lesson note.
    var noteIndices: [Int] { scenario.notes.map { $0.index(stepsPerEpoch: cursor.stepsPerEpoch) } }

    /// What to compute for the cursor, the selection and the precision as they are now.
    var pendingRequest: DeriveRequest {
        DeriveRequest(index: cursor.index, selected: selected, precise: precise)
    }

    /// Samples of a batch whose formulas the step panel writes out.
    static let explainedSamples = 16
    /// Chain-rule paths the panel lists (the rest are summed up in one line): a screen shows a
    /// few dozen at most, and laying out hundreds made every key of a deep net wait.
    static let shownPaths = 32
    /// Weights of a layer whose gradient and update the step panel writes out.
    static let explainedParameters = 64

    /// Computes what the screen shows for `request` on `run`, stopping when `control` is cancelled.
    static func derive(_ request: DeriveRequest, run: TrainingRun, control: WorkControl?) throws(WorkCancelled) -> Derived {
        var cursor = StepCursor(run: run)
        cursor.move(to: request.index)
        // Before an edit the run shows the values in effect then.
        let scenario = run.scenario(atEpoch: cursor.epoch)
        let record = try run.record(epoch: cursor.epoch, batch: cursor.batch, control: control)
        let step = Step(phase: cursor.phase, epoch: cursor.epoch, batch: cursor.batch,
                        stepInEpoch: request.index % cursor.stepsPerEpoch, index: request.index, record: record)
        // An epoch's loss is history once its last update has been shown.
        let epochFinished = step.phase == .update && step.batch == scenario.batchesPerEpoch - 1
        let finished = step.epoch + (epochFinished ? 1 : 0)
        let latest = finished > 0 ? try run.epochLoss(finished - 1, control: control) : nil
        try control?.check()
        let weight = WeightID.all(layerSizes: scenario.layerSizes)[request.selected]
        let decomposition = ChainRule.decompose(weight, record: record, scenario: scenario, maximumPaths: Self.shownPaths)
        try control?.check()
        let numeric = run.numericGradient(of: weight, at: record.parametersBefore, range: record.sampleRange,
                                          epoch: step.epoch)
        try control?.check()
        let references = referenceWeights(scenario).map {
            ChainRule.decompose($0, record: record, scenario: scenario, maximumPaths: Self.shownPaths)
        }
        return Derived(
            step: step,
            explanation: StepExplanation(step: step, scenario: scenario,
                                         sampleLimit: Self.explainedSamples, parameterLimit: Self.explainedParameters),
            decomposition: decomposition, numericGradient: numeric,
            lossHistory: run.lossHistory, finishedEpochs: finished,
            firstEpochLoss: finished > 0 ? run.lossHistory.exactLoss(0) : nil, latestEpochLoss: latest,
            referenceDecompositions: references
        )
    }

    /// The first and the last weight of each layer, and its last bias.
    static func referenceWeights(_ scenario: Scenario) -> [WeightID] {
        let sizes = scenario.layerSizes
        return scenario.layers.indices.flatMap { layer in
            [WeightID(layer: layer, from: 0, to: 0), WeightID(layer: layer, from: sizes[layer] - 1, to: sizes[layer + 1] - 1),
             WeightID(layer: layer, from: nil, to: sizes[layer + 1] - 1)]
        }
    }
}

/// What the viewer computes for a position: the step at `index` with the chain rule of
/// parameter number `selected`, in 4 or 10 decimals.
public struct DeriveRequest: Equatable, Sendable {
    /// The cursor's 0-based position in the run.
    public var index: Int
    /// Index into the viewer's parameters.
    public var selected: Int
    /// Whether values show ten decimals.
    public var precise: Bool
}

/// Long work the viewer waits for, with what it is doing in words.
public struct PendingWork: Equatable, Sendable {
    /// The kinds of long work.
    public enum Kind: Equatable, Sendable {
        /// Compute the screen for a new position, weight or precision.
        case derive(DeriveRequest)
        /// Check a typed formula for the selected weight at the current step.
        case check(formula: String)
        /// Write the current step as a Markdown handout.
        case export
        /// Prepare the quiz question about step `index`.
        case question(index: Int)
        /// Write the run at the start of this epoch as a scenario file.
        case save(path: String, replacing: Bool)
        /// Run from step `from` to the first breakpoint or note after it, or to step `to`.
        case advance(from: Int, to: Int)
    }

    /// What is computed.
    public var kind: Kind
    /// In words, for the status line: "training to epoch 5,000,000".
    public var what: String
    /// Progress reported by the work: done of total (epochs).
    public var progress: (done: Int, total: Int)?

    public static func == (lhs: PendingWork, rhs: PendingWork) -> Bool {
        lhs.kind == rhs.kind && lhs.what == rhs.what && lhs.progress?.done == rhs.progress?.done
            && lhs.progress?.total == rhs.progress?.total
    }
}
