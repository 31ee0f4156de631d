/// Reads one certificate number, keeping count of what it changed.
///
/// The registry's printed numbers are read the same way as parents' input,
/// only without building the steps, which nobody reads for feed rows.
struct CertificateNumberReader {
    let recordsSteps: Bool
    private var changes = FormChanges()
    private var decorationCount = 0
    private var decoration: [String] = []
    private var laterSteps: [NormalizationStep] = []

    /// What reading one part gave: a value, or the problem that stopped it.
    ///
    /// (`Result` would need the problem to be an `Error`, which it is not:
    /// an unreadable number is an answer, not a failure of the program.)
    private enum Reading<Value> {
        case read(Value)
        case failed(CertificateNumberProblem)
    }

    init(recordsSteps: Bool) {
        self.recordsSteps = recordsSteps
    }

    mutating func read(type: CertificateType, year: String?, number: String) -> CertificateParse {
        let outcome =
            switch type {
            case .realEstate: readRealEstate(year: year, number: number)
            case .houseOwnership: readHouseOwnership(number: number)
            }
        switch outcome {
        case .read(let key):
            return CertificateParse(key: key, problem: nil, steps: steps())
        case .failed(let problem):
            return CertificateParse(key: nil, problem: problem, steps: steps())
        }
    }

    private func steps() -> [NormalizationStep] {
        guard recordsSteps else {
            return []
        }
        var steps: [NormalizationStep] = []
        changes.appendSteps(to: &steps)
        steps.appendStep(
            .decorationRemoved,
            count: decorationCount,
            detail: decoration.joined(separator: " ")
        )
        steps.append(contentsOf: laterSteps)
        return steps
    }

    private mutating func noteDecoration(_ scalars: some Collection<Unicode.Scalar>) {
        decorationCount += scalars.count
        if recordsSteps {
            decoration.append(String(scalars: scalars))
        }
    }

    private mutating func noteStep(_ step: @autoclosure () -> NormalizationStep) {
        if recordsSteps {
            laterSteps.append(step())
        }
    }
}

// MARK: - 不动产权证

extension CertificateNumberReader {
    /// The printed words around a 不动产权证 serial, longest first.
    private static let realEstateDecorations = ["不动产权证", "不动产权", "昆山市", "昆山", "苏", "第"]
        .map { Array($0.unicodeScalars) }

    private mutating func readRealEstate(
        year: String?,
        number: String
    ) -> Reading<CertificateKey> {
        let text = number.foldedScalars(upperCasingLetters: false, changes: &changes)
        guard !text.isEmpty else {
            return .failed(.empty)
        }
        var start = 0
        let end = text.last == "号" ? text.count - 1 : text.count
        var yearInNumber: ArraySlice<Unicode.Scalar>?
        while start < end {
            if yearInNumber == nil, let close = Self.closingBracket(for: text[start]),
                let closeIndex = text[(start + 1)..<end].firstIndex(of: close)
            {
                yearInNumber = text[(start + 1)..<closeIndex]
                noteDecoration(text[start...closeIndex])
                start = closeIndex + 1
            } else if let word = text[start..<end].firstPrefix(among: Self.realEstateDecorations) {
                noteDecoration(word)
                start += word.count
            } else {
                break
            }
        }
        if end < text.count {
            noteDecoration(text[end...])
        }
        let serial = text[start..<end]
        guard !serial.isEmpty else {
            return .failed(.missingSerial)
        }
        guard serial.allSatisfy(\.isASCII) else {
            return .failed(.unexpectedText(String(scalars: serial)))
        }
        guard serial.allSatisfy(\.isASCIIDigit) else {
            return .failed(.serialNotDigits(String(scalars: serial)))
        }
        let significant = serial.drop { $0 == "0" }
        guard significant.count <= 7 else {
            return .failed(.serialTooLong(String(scalars: serial)))
        }
        let resolvedYear: Int
        switch resolveYear(field: year, inNumber: yearInNumber) {
        case .read(let year): resolvedYear = year
        case .failed(let problem): return .failed(problem)
        }
        return .read(.realEstate(year: resolvedYear, serial: sevenDigitSerial(serial)))
    }

    /// The serial with exactly 7 digits: zeros put back in front, or extra
    /// zeros taken off (callers have checked there are at most 7 significant).
    private mutating func sevenDigitSerial(_ serial: ArraySlice<Unicode.Scalar>) -> String {
        let typed = String(scalars: serial)
        if serial.count < 7 {
            let padded = String(repeating: "0", count: 7 - serial.count) + typed
            noteStep(
                NormalizationStep(
                    .leadingZerosRestored,
                    count: 7 - serial.count,
                    detail: "\(typed) → \(padded)"
                )
            )
            return padded
        }
        if serial.count > 7 {
            let trimmed = String(scalars: serial.suffix(7))
            noteStep(
                NormalizationStep(
                    .leadingZerosRemoved,
                    count: serial.count - 7,
                    detail: "\(typed) → \(trimmed)"
                )
            )
            return trimmed
        }
        return typed
    }

    /// The year from the year field and from the number's brackets: either
    /// will do, and when both are given they must agree.
    private mutating func resolveYear(
        field: String?,
        inNumber: ArraySlice<Unicode.Scalar>?
    ) -> Reading<Int> {
        let fieldText = field.map { yearText(ofField: $0) }.flatMap { $0.isEmpty ? nil : $0 }
        let numberText = inNumber.map { withoutYearWord($0) }.flatMap { $0.isEmpty ? nil : $0 }
        var fieldYear: Int?
        if let fieldText {
            guard let year = Self.year(in: fieldText) else {
                return .failed(.invalidYear(String(scalars: fieldText)))
            }
            fieldYear = year
        }
        var numberYear: Int?
        if let numberText {
            guard let year = Self.year(in: numberText) else {
                return .failed(.invalidYear(String(scalars: numberText)))
            }
            numberYear = year
        }
        switch (fieldYear, numberYear) {
        case (let fieldYear?, let numberYear?):
            guard fieldYear == numberYear else {
                return .failed(
                    .conflictingYears(String(fieldYear), String(numberYear))
                )
            }
            return .read(fieldYear)
        case (let fieldYear?, nil):
            return .read(fieldYear)
        case (nil, let numberYear?):
            noteStep(NormalizationStep(.yearTakenFromNumber, detail: String(numberYear)))
            return .read(numberYear)
        case (nil, nil):
            return .failed(.missingYear)
        }
    }

    /// The year field folded, without brackets around it or `年` after it.
    private mutating func yearText(ofField field: String) -> ArraySlice<Unicode.Scalar> {
        var text = field.foldedScalars(upperCasingLetters: false, changes: &changes)[...]
        if let first = text.first, let close = Self.closingBracket(for: first), text.count >= 2,
            text.last == close
        {
            noteDecoration([first, close])
            text = text.dropFirst().dropLast()
        }
        return withoutYearWord(text)
    }

    private mutating func withoutYearWord(
        _ text: ArraySlice<Unicode.Scalar>
    ) -> ArraySlice<Unicode.Scalar> {
        guard text.last == "年" else {
            return text
        }
        noteDecoration(text.suffix(1))
        return text.dropLast()
    }

    /// The year if the text is four ASCII digits between 1990 and 2100.
    private static func year(in text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard text.count == 4, text.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        let year = text.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
        return (1990...2100).contains(year) ? year : nil
    }

    /// The bracket that closes `open`, for the brackets that years are printed or typed in.
    private static func closingBracket(for open: Unicode.Scalar) -> Unicode.Scalar? {
        switch open {
        case "(": ")"
        case "[": "]"
        case "{": "}"
        case "〔": "〕"
        case "【": "】"
        case "〖": "〗"
        case "〘": "〙"
        case "﹙": "﹚"
        default: nil
        }
    }
}

// MARK: - 房屋所有权证

extension CertificateNumberReader {
    private static let houseOwnershipLeads = ["昆房权证", "房权证"].map { Array($0.unicodeScalars) }
    private static let certificateWords: Set<Unicode.Scalar> = ["房", "权", "证"]

    private mutating func readHouseOwnership(
        number: String
    ) -> Reading<CertificateKey> {
        let text = number.foldedScalars(upperCasingLetters: true, changes: &changes)
        guard !text.isEmpty else {
            return .failed(.empty)
        }
        let end = text.last == "号" ? text.count - 1 : text.count
        var keyStart = end
        while keyStart > 0, text[keyStart - 1].isASCIIAlphanumeric {
            keyStart -= 1
        }
        let lead = text[..<keyStart]
        guard Self.isHouseOwnershipDecoration(lead) else {
            return .failed(.unexpectedText(String(scalars: lead)))
        }
        if !lead.isEmpty {
            noteDecoration(lead)
        }
        if end < text.count {
            noteDecoration(text[end...])
        }
        guard keyStart < end else {
            return .failed(.missingSerial)
        }
        return .read(.houseOwnership(String(scalars: text[keyStart..<end])))
    }

    /// Whether the text before a 房屋所有权证 number is its printed
    /// decoration: `昆房权证` (or `房权证`), a district name, `字`, `第`, each
    /// optional, as in `昆房权证玉山字第`.
    ///
    /// The district may be any run of Chinese characters, because the old
    /// districts are not listed anywhere we hold; another city's certificate
    /// (`苏房权证`) is still told apart by the characters 房, 权 and 证.
    private static func isHouseOwnershipDecoration(_ lead: ArraySlice<Unicode.Scalar>) -> Bool {
        var rest = lead
        if let word = rest.firstPrefix(among: houseOwnershipLeads) {
            rest = rest.dropFirst(word.count)
        }
        if rest.last == "第" {
            rest = rest.dropLast()
        }
        if rest.last == "字" {
            rest = rest.dropLast()
        }
        return rest.allSatisfy { $0.isCJKIdeograph && !certificateWords.contains($0) }
    }
}
