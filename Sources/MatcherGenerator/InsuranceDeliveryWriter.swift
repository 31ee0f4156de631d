import MatcherCore

/// What one written file holds, for its manifest and `night.json`.
struct WrittenFile: Sendable {
    let name: String
    let rows: Int
    let sha256: String
    let bytes: Int
    /// Rows written with a value the matcher refuses.
    let brokenRows: Int
    /// Lines by kind, for the application export.
    var lineKinds: [String: Int] = [:]
}

/// Writes one insurance department's delivery: `persons.csv` and `contributions.csv` in one
/// pass over the persons.
struct InsuranceDeliveryWriter {
    let model: NightModel
    let department: Department
    let pieces: InsurancePieces

    func write(into folder: String) throws(GeneratorError) -> [WrittenFile] {
        let persons = try ByteSink(path: folder + "/persons.csv")
        let contributions = try ByteSink(path: folder + "/contributions.csv")
        persons.append(pieces.personsHeader)
        persons.endHeader()
        contributions.append(pieces.contributionsHeader)
        contributions.endHeader()
        let periods = PeriodBuffer()
        let isMedical = department == .medical
        var broken = 0
        for person in 0..<model.persons {
            let context = model.context(of: person)
            let record = model.record(of: context, at: department)
            guard record.numbers > 0 else { continue }
            let adult = context.adult
            let first = DecimalText(model.personalNumber(of: person, second: false, at: department))
            let second =
                record.numbers > 1
                ? DecimalText(model.personalNumber(of: person, second: true, at: department))
                : first
            for copy in 0..<record.numbers {
                (copy == 0 ? first : second).write(to: persons)
                persons.append(0x2C)
                record.name.write(to: persons, pieces: pieces.names)
                persons.append(0x2C)
                if let passport = adult.passport {
                    persons.append(passport)
                } else {
                    adult.id.write(to: persons, form: record.idForm)
                }
                if isMedical {
                    persons.append(0x2C)
                    persons.append(pieces.accountStates[record.accountState])
                }
                persons.endRow()
            }
            model.periods(
                of: person,
                couple: adult.couple,
                at: department,
                numbers: record.numbers,
                into: periods
            )
            for index in 0..<periods.count {
                let period = periods[index]
                (period.number == 1 ? second : first).write(to: contributions)
                contributions.append(0x2C)
                contributions.append(pieces.typeCodes[Int(period.typePosition)])
                contributions.append(0x2C)
                appendMonth(Int(period.first), to: contributions)
                contributions.append(0x2C)
                if period.last >= 0 {
                    appendMonth(Int(period.last), to: contributions)
                }
                contributions.append(0x2C)
                contributions.append(pieces.regions[Int(period.region)])
                contributions.endRow()
            }
            if record.hasBrokenRow {
                writeBrokenRow(of: person, to: contributions)
                broken += 1
            }
        }
        let personsFile = try persons.finish()
        let contributionsFile = try contributions.finish()
        return [
            WrittenFile(
                name: "persons.csv",
                rows: personsFile.rows,
                sha256: personsFile.sha256,
                bytes: persons.bytesWritten,
                brokenRows: 0
            ),
            WrittenFile(
                name: "contributions.csv",
                rows: contributionsFile.rows,
                sha256: contributionsFile.sha256,
                bytes: contributions.bytesWritten,
                brokenRows: broken
            ),
        ]
    }

    @inline(__always)
    private func appendMonth(_ ordinal: Int, to sink: ByteSink) {
        let offset = ordinal - pieces.firstMonth
        guard offset >= 0 && offset < pieces.months.count else {
            sink.append(decimal: ordinal / 12 * 100 + ordinal % 12 + 1, width: 6)
            return
        }
        sink.append(pieces.months[offset])
    }

    /// A row of the person's first number that the matcher refuses, by one of the faults
    /// department exports have: month 13, an end before the start, a short region code.
    private func writeBrokenRow(of person: Int, to sink: ByteSink) {
        var draws = model.mixer.draws(
            department == .hrss ? .hrssFeatures : .medicalFeatures,
            person + model.persons
        )
        let start = model.snapshotMonth - 30 - draws.int(below: 60)
        sink.append(decimal: model.personalNumber(of: person, second: false, at: department))
        sink.append(0x2C)
        sink.append(pieces.typeCodes[0])
        sink.append(0x2C)
        switch draws.int(below: 3) {
        case 0:
            sink.append(decimal: start / 12 * 100 + 13, width: 6)
            sink.append(Array(",,320583".utf8))
        case 1:
            appendMonth(start, to: sink)
            sink.append(0x2C)
            appendMonth(start - 5, to: sink)
            sink.append(Array(",320583".utf8))
        default:
            appendMonth(start, to: sink)
            sink.append(Array(",,32058".utf8))
        }
        sink.endRow()
    }
}

/// A number's decimal digits, worked out once and copied into every row that names it.
struct DecimalText {
    private var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var count = 0

    init(_ value: Int) {
        var length = 1
        var limit = 10
        while value >= limit && length < 19 {
            length += 1
            limit &*= 10
        }
        count = length
        var remaining = value
        withUnsafeMutableBytes(of: &digits) { storage in
            for index in stride(from: length - 1, through: 0, by: -1) {
                storage[index] = UInt8(truncatingIfNeeded: 0x30 + remaining % 10)
                remaining /= 10
            }
        }
    }

    @inline(__always)
    func write(to sink: ByteSink) {
        withUnsafeBytes(of: digits) { storage in
            sink.append(
                UnsafeBufferPointer(rebasing: storage.bindMemory(to: UInt8.self)[0..<count])
            )
        }
    }
}
