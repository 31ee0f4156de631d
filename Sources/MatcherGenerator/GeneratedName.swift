/// A person's name as pieces of ``NamePieces``: up to three, so a name costs no allocation
/// and is written to a file by copying pre-encoded bytes.
struct GeneratedName: Hashable, Sendable {
    /// Piece indices; -1 where there is none.
    let first: Int32
    let second: Int32
    let third: Int32

    init(_ first: Int, _ second: Int, _ third: Int = -1) {
        self.first = Int32(first)
        self.second = Int32(second)
        self.third = Int32(third)
    }

    var kind: Kind {
        if first >= NamePieces.latinFamily.lowerBound {
            return .latin
        }
        if first >= NamePieces.minorityMaleFirst.lowerBound {
            return .minority
        }
        return .chinese
    }

    enum Kind {
        case chinese
        /// Two parts joined by the middle dot.
        case minority
        /// A passport holder's family and given names.
        case latin
    }

    /// The name as registered.
    var text: String {
        var text = NamePieces.texts[Int(first)] + NamePieces.texts[Int(second)]
        if third >= 0 {
            text += NamePieces.texts[Int(third)]
        }
        return text
    }

    /// The same name with its last piece replaced by another of the same kind: one
    /// character (or one name part) off.
    func oneOff(by draws: inout Draws) -> GeneratedName {
        let last = third >= 0 ? Int(third) : Int(second)
        let group = NamePieces.group(containing: last)
        let replacement =
            group.lowerBound + (last - group.lowerBound + 1 + draws.int(below: group.count - 1))
            % group.count
        return third >= 0
            ? GeneratedName(Int(first), Int(second), replacement)
            : GeneratedName(Int(first), replacement)
    }

    /// Appends the registered form.
    @inline(__always)
    func write(to sink: ByteSink, pieces: PieceTable) {
        sink.append(pieces[Int(first)])
        sink.append(pieces[Int(second)])
        if third >= 0 {
            sink.append(pieces[Int(third)])
        }
    }
}

/// Every piece names are made of, in one list, so one encoded table serves them all.
enum NamePieces {
    static let texts: [String] = {
        var texts = Vocabulary.surnames.map(\.0)
        texts += Vocabulary.maleGiven
        texts += Vocabulary.femaleGiven
        texts += Vocabulary.childGiven
        texts += Vocabulary.minorityMaleFirst
        texts += Vocabulary.minorityFemaleFirst
        texts += Vocabulary.minoritySecond
        texts += ["·"]
        texts += Vocabulary.latinFamily
        texts += [" "]
        texts += Vocabulary.latinGiven
        return texts
    }()

    static let surnames = 0..<Vocabulary.surnames.count
    static let maleGiven = next(after: surnames, Vocabulary.maleGiven.count)
    static let femaleGiven = next(after: maleGiven, Vocabulary.femaleGiven.count)
    static let childGiven = next(after: femaleGiven, Vocabulary.childGiven.count)
    static let minorityMaleFirst = next(after: childGiven, Vocabulary.minorityMaleFirst.count)
    static let minorityFemaleFirst = next(
        after: minorityMaleFirst,
        Vocabulary.minorityFemaleFirst.count
    )
    static let minoritySecond = next(after: minorityFemaleFirst, Vocabulary.minoritySecond.count)
    static let dot = minoritySecond.upperBound
    static let latinFamily = next(after: dot..<dot + 1, Vocabulary.latinFamily.count)
    static let latinSpace = latinFamily.upperBound
    static let latinGiven = next(after: latinSpace..<latinSpace + 1, Vocabulary.latinGiven.count)

    private static let groups = [
        surnames, maleGiven, femaleGiven, childGiven, minorityMaleFirst, minorityFemaleFirst,
        minoritySecond, latinFamily, latinGiven,
    ]

    /// Each surname as often as its weight, for drawing common surnames more often in one
    /// step.
    static let surnameTable: [Int] = Vocabulary.surnames.indices.flatMap { index in
        Array(repeating: index, count: Vocabulary.surnames[index].1)
    }

    private static func next(after range: Range<Int>, _ count: Int) -> Range<Int> {
        range.upperBound..<range.upperBound + count
    }

    static func group(containing piece: Int) -> Range<Int> {
        groups.first { $0.contains(piece) } ?? surnames
    }

    /// An adult's name: mostly a common surname and one or two given characters.
    static func adult(
        _ draws: inout Draws,
        isMale: Bool,
        style: GeneratedName.Kind
    ) -> GeneratedName {
        switch style {
        case .latin:
            return GeneratedName(
                latinFamily.lowerBound + draws.int(below: latinFamily.count),
                latinSpace,
                latinGiven.lowerBound + draws.int(below: latinGiven.count)
            )
        case .minority:
            let firsts = isMale ? minorityMaleFirst : minorityFemaleFirst
            return GeneratedName(
                firsts.lowerBound + draws.int(below: firsts.count),
                dot,
                minoritySecond.lowerBound + draws.int(below: minoritySecond.count)
            )
        case .chinese:
            let surname = draws.pick(table: surnameTable)
            return given(after: surname, from: isMale ? maleGiven : femaleGiven, &draws)
        }
    }

    /// A child's name after the surname piece of a parent.
    static func child(_ draws: inout Draws, surname: Int) -> GeneratedName {
        given(after: surname, from: childGiven, &draws)
    }

    private static func given(
        after surname: Int,
        from group: Range<Int>,
        _ draws: inout Draws
    ) -> GeneratedName {
        let first = group.lowerBound + draws.int(below: group.count)
        guard draws.chance(0.75) else {
            return GeneratedName(surname, first)
        }
        return GeneratedName(surname, first, group.lowerBound + draws.int(below: group.count))
    }
}
