/// Sizes beyond which a net is no longer a teaching net: the screen could not show it and the
/// chain rule would have too many paths to read. The README lists them.
public enum ScenarioLimits {
    /// Layers with weights (hidden layers + the output layer).
    public static let maximumLayers = 8
    /// Units in any layer.
    public static let maximumUnits = 64
    /// Training samples.
    public static let maximumSamples = 100_000
    /// Passes over the data.
    public static let maximumEpochs = 10_000_000
    /// Bytes of a scenario file.
    public static let maximumFileBytes = 16 * 1024 * 1024
    /// Lesson notes.
    public static let maximumNotes = 1_000
    /// Characters of one lesson note.
    public static let maximumNoteLength = 2_000
}
