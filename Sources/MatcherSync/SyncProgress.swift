/// How far one long step of a run has come, for a progress display.
///
/// A run reports the match (``total`` is the number of live applications) and the reading
/// of each delivery file (``total`` is the rows its manifest promises). Reports come at the
/// start of a step, now and then while it runs, and at its end; a display decides how often
/// to draw them.
public struct SyncProgress: Sendable, Hashable {
    /// The step, such as `match` or `read hrss/2023-05-10/persons.csv`.
    public var step: String
    /// What is counted: `applications`, `rows`.
    public var unit: String
    /// How many are done.
    public var done: Int
    /// How many there are in all.
    public var total: Int

    /// Creates a report.
    public init(step: String, unit: String, done: Int, total: Int) {
        self.step = step
        self.unit = unit
        self.done = done
        self.total = total
    }

    /// Whether the step is done.
    public var isComplete: Bool { done >= total }
}
