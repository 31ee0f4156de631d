/// Normalising of property addresses (房屋坐落), so that what a parent typed
/// can be compared with what the registry prints.
///
/// Only differences of form are removed; two different rooms never become
/// equal. In order:
///
/// 1. Full-width forms are folded, ASCII letters upper-cased, and spaces and
///    punctuation removed, except that a gap between two digits (Arabic or
///    Chinese) becomes one `-`: `1-302室` and `1 302室` stay apart from
///    `1302室`.
/// 2. Province and city prefixes (``AddressRules/prefixes``) go from the
///    start, however often repeated, but never from a town name that begins
///    with the same characters (`昆山开发区`): the longest town name wins.
/// 3. A town alias at the start becomes the town's name (`开发区` →
///    `昆山开发区`). Former towns (`玉山镇`) stay as written.
/// 4. Chinese numerals directly before a building word or number suffix are
///    read as Arabic numbers (`十二幢` → `12幢`, `一〇一室` → `101室`); other
///    numerals are names (`三元花苑`) and stay.
/// 5. Building words after a number become the canonical one (`3栋`,
///    `3号楼` → `3幢`); a bare `号` stays a door number.
/// 6. A room number that ends the address right after a building or unit
///    gets its `室` (`3幢2单元302` → `3幢2单元302室`), the form the registry
///    prints. Elsewhere a missing `室` is not supplied: after a road,
///    `前进东路302` is more likely a door number than a room.
public struct AddressNormalizer: Sendable {
    private struct TownSpelling: Sendable {
        var spelling: [Unicode.Scalar]
        /// The town's name when the spelling is an alias; nil when it is kept as written.
        var canonicalName: [Unicode.Scalar]?
    }

    /// Each list is sorted longest first, so that the first match is the longest.
    private let prefixes: [[Unicode.Scalar]]
    private let townSpellings: [TownSpelling]
    private let replacedBuildingWords: [[Unicode.Scalar]]
    private let canonicalBuildingWord: [Unicode.Scalar]
    private let numberSuffixes: [[Unicode.Scalar]]
    private let unitWord = Array("单元".unicodeScalars)
    private let roomWord: Unicode.Scalar = "室"

    /// Prepares the rules for matching; empty words in them are ignored.
    public init(rules: AddressRules) {
        func longestFirst(_ words: [String]) -> [[Unicode.Scalar]] {
            words.map { Array($0.unicodeScalars) }
                .filter { !$0.isEmpty }
                .sorted { $0.count > $1.count }
        }
        prefixes = longestFirst(rules.prefixes)
        var spellings: [TownSpelling] = []
        for town in rules.towns {
            let name = Array(town.name.unicodeScalars)
            spellings.append(TownSpelling(spelling: name, canonicalName: nil))
            for alias in town.aliases {
                spellings.append(
                    TownSpelling(spelling: Array(alias.unicodeScalars), canonicalName: name)
                )
            }
        }
        for formerTown in rules.formerTowns {
            spellings.append(
                TownSpelling(spelling: Array(formerTown.unicodeScalars), canonicalName: nil)
            )
        }
        townSpellings = spellings.filter { !$0.spelling.isEmpty }
            .sorted { $0.spelling.count > $1.spelling.count }
        let canonical = Array(rules.canonicalBuildingWord.unicodeScalars)
        canonicalBuildingWord = canonical
        replacedBuildingWords = longestFirst(rules.buildingWords).filter { $0 != canonical }
        numberSuffixes = longestFirst(
            rules.buildingWords + [rules.canonicalBuildingWord] + rules.numberSuffixes
        )
    }

    /// Returns the address in normal form and the steps that produced it.
    ///
    /// An address that is already normal comes back as the same string, with no steps.
    public func normalize(_ raw: String) -> Normalized<String> {
        var steps: [NormalizationStep] = []
        var address = foldedScalars(of: raw, steps: &steps)
        removePrefixes(from: &address, steps: &steps)
        unifyTownName(in: &address, steps: &steps)
        readNumbersAndBuildingWords(in: &address, steps: &steps)
        completeRoomNumber(in: &address, steps: &steps)
        guard !steps.isEmpty else {
            return Normalized(value: raw)
        }
        return Normalized(value: String(scalars: address), steps: steps)
    }
}

// MARK: - The steps

extension AddressNormalizer {
    private func foldedScalars(
        of raw: String,
        steps: inout [NormalizationStep]
    ) -> [Unicode.Scalar] {
        var changes = FormChanges()
        var address: [Unicode.Scalar] = []
        address.reserveCapacity(raw.utf8.count)
        // The run of spaces and punctuation since the last scalar kept.
        var gapSpaces = 0
        var gapPunctuation = 0
        var gapIsOneHyphen = false
        for scalar in raw.unicodeScalars {
            let ascii = scalar.asciiFromFullWidth
            let folded = ascii ?? scalar
            if scalar.isRemovableSpace || folded.isPunctuation {
                gapIsOneHyphen = gapSpaces + gapPunctuation == 0 && scalar == "-"
                if scalar.isRemovableSpace {
                    gapSpaces += 1
                } else {
                    gapPunctuation += 1
                }
                continue
            }
            if gapSpaces + gapPunctuation > 0 {
                let joinsDigits = address.last.map(isDigitLike) == true && isDigitLike(folded)
                if joinsDigits {
                    address.append("-")
                }
                if !(joinsDigits && gapIsOneHyphen) {
                    changes.spaces += gapSpaces
                    changes.punctuation += gapPunctuation
                }
                gapSpaces = 0
                gapPunctuation = 0
            }
            if ascii != nil {
                changes.fullWidth += 1
            }
            if folded.isASCIILowercaseLetter {
                changes.letterCase += 1
            }
            address.append(folded.asciiUppercased)
        }
        changes.spaces += gapSpaces
        changes.punctuation += gapPunctuation
        changes.appendSteps(to: &steps)
        return address
    }

    private func removePrefixes(
        from address: inout [Unicode.Scalar],
        steps: inout [NormalizationStep]
    ) {
        var end = 0
        while townSpelling(in: address, at: end) == nil,
            let prefix = address[end...].firstPrefix(among: prefixes)
        {
            end += prefix.count
        }
        guard end > 0 else {
            return
        }
        steps.append(
            NormalizationStep(.prefixRemoved, count: end, detail: String(scalars: address[..<end]))
        )
        address.removeFirst(end)
    }

    private func unifyTownName(
        in address: inout [Unicode.Scalar],
        steps: inout [NormalizationStep]
    ) {
        guard let town = townSpelling(in: address, at: 0), let name = town.canonicalName else {
            return
        }
        address.replaceSubrange(0..<town.spelling.count, with: name)
        let detail = "\(String(scalars: town.spelling)) → \(String(scalars: name))"
        steps.append(
            NormalizationStep(.townNameUnified, count: town.spelling.count, detail: detail)
        )
    }

    /// Reads Chinese numerals before building words and number suffixes, and
    /// unifies building words after numbers, in one pass from the left: a
    /// number read first is then the number that the building word follows.
    private func readNumbersAndBuildingWords(
        in address: inout [Unicode.Scalar],
        steps: inout [NormalizationStep]
    ) {
        var index = 0
        while index < address.count {
            let follows = index > 0 ? address[index - 1] : nil
            if ChineseNumerals.isNumeral(address[index]) {
                var end = index + 1
                while end < address.count, ChineseNumerals.isNumeral(address[end]) {
                    end += 1
                }
                // After an Arabic digit the run is no number of its own (`1二幢`).
                guard follows?.isASCIIDigit != true,
                    address[end...].firstPrefix(among: numberSuffixes) != nil,
                    let digits = ChineseNumerals.arabicDigits(of: address[index..<end])
                else {
                    index = end
                    continue
                }
                let numerals = String(scalars: address[index..<end])
                address.replaceSubrange(index..<end, with: digits.unicodeScalars)
                steps.append(
                    NormalizationStep(
                        .chineseNumeralRead,
                        count: end - index,
                        detail: "\(numerals) → \(digits)"
                    )
                )
                index += digits.unicodeScalars.count
            } else if follows?.isASCIIAlphanumeric == true,
                let word = address[index...].firstPrefix(among: replacedBuildingWords)
            {
                address.replaceSubrange(index..<index + word.count, with: canonicalBuildingWord)
                let detail = "\(String(scalars: word)) → \(String(scalars: canonicalBuildingWord))"
                if let last = steps.last, last.kind == .buildingWordUnified, last.detail == detail {
                    steps[steps.count - 1].count += 1
                } else {
                    steps.append(NormalizationStep(.buildingWordUnified, detail: detail))
                }
                index += canonicalBuildingWord.count
            } else {
                index += 1
            }
        }
    }

    private func completeRoomNumber(
        in address: inout [Unicode.Scalar],
        steps: inout [NormalizationStep]
    ) {
        var digitsStart = address.count
        while digitsStart > 0, address[digitsStart - 1].isASCIIDigit {
            digitsStart -= 1
        }
        guard digitsStart < address.count else {
            return
        }
        let before = address[..<digitsStart]
        let followsBuildingOrUnit = [canonicalBuildingWord, unitWord].contains { word in
            !word.isEmpty && before.suffix(word.count).elementsEqual(word)
        }
        guard followsBuildingOrUnit else {
            return
        }
        let room = String(scalars: address[digitsStart...])
        address.append(roomWord)
        steps.append(NormalizationStep(.roomWordAdded, detail: "\(room) → \(room)室"))
    }
}

// MARK: - Matching

extension AddressNormalizer {
    private func isDigitLike(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCIIDigit || ChineseNumerals.isNumeral(scalar)
    }

    private func townSpelling(in address: [Unicode.Scalar], at index: Int) -> TownSpelling? {
        townSpellings.first { address[index...].starts(with: $0.spelling) }
    }
}
