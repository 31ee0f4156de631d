/// Counts of the form-only changes one pass over a value made.
///
/// The normalisers count as they go and turn the counts into steps at the
/// end, so that the steps come in one fixed order and a value that needed
/// no change gets no steps (and no allocation for them).
struct FormChanges {
    var spaces = 0
    var fullWidth = 0
    var separators = 0
    var punctuation = 0
    var letterCase = 0
    var middleDots = 0

    var isEmpty: Bool {
        spaces == 0 && fullWidth == 0 && separators == 0 && punctuation == 0
            && letterCase == 0 && middleDots == 0
    }

    /// Adds one step for every kind of change that was made.
    func appendSteps(to steps: inout [NormalizationStep]) {
        guard !isEmpty else {
            return
        }
        steps.appendStep(.spacesRemoved, count: spaces)
        steps.appendStep(.fullWidthFolded, count: fullWidth)
        steps.appendStep(.separatorsRemoved, count: separators)
        steps.appendStep(.punctuationRemoved, count: punctuation)
        steps.appendStep(.letterCaseFolded, count: letterCase)
        steps.appendStep(.middleDotUnified, count: middleDots)
    }
}

extension Array where Element == NormalizationStep {
    /// Appends a step unless the change touched nothing.
    mutating func appendStep(_ kind: NormalizationStep.Kind, count: Int, detail: String = "") {
        guard count > 0 else {
            return
        }
        append(NormalizationStep(kind, count: count, detail: detail))
    }
}
