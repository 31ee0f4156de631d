import MatcherFeeds

/// A deliberately plain second implementation of the reader's rules over a whole byte
/// array, used as the oracle for fuzzing: one index, no buffers, no modes.
enum CSVReferenceParser {
    static func parse(_ input: [UInt8]) -> CSVReadOutcome {
        var outcome = CSVReadOutcome()
        let hasMark = input.starts(with: [0xEF, 0xBB, 0xBF])
        var index = hasMark ? 3 : 0
        var line = 1

        func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

        // Consumes CRLF, LF or a lone CR at `index`.
        func skipLineBreak() {
            let isCRLF =
                input[index] == 0x0D && index + 1 < input.count
                && input[index + 1] == 0x0A
            index += isCRLF ? 2 : 1
            line += 1
        }

        while index < input.count {
            if isBreak(input[index]) {
                skipLineBreak()
                outcome.blankLineCount += 1
                continue
            }
            var record = CSVReadRecord(fields: [], line: line, byteOffset: index)
            func note(_ code: FeedReadError.Code, at offset: Int) {
                if record.problemCode == nil {
                    record.problemCode = code
                    record.problemLine = line
                    record.problemByteOffset = offset
                }
            }
            while true {
                var field: [UInt8] = []
                if index < input.count && input[index] == 0x22 {
                    let openLine = line
                    let openOffset = index
                    index += 1
                    while true {
                        guard index < input.count else {
                            outcome.errorCode = .unterminatedQuote
                            outcome.errorLine = openLine
                            outcome.errorByteOffset = openOffset
                            return outcome
                        }
                        let byte = input[index]
                        if byte == 0x22 {
                            if index + 1 < input.count && input[index + 1] == 0x22 {
                                field.append(0x22)
                                index += 2
                                continue
                            }
                            index += 1
                            break
                        }
                        let isLoneCR =
                            byte == 0x0D
                            && !(index + 1 < input.count && input[index + 1] == 0x0A)
                        if byte == 0x0A || isLoneCR {
                            line += 1
                        }
                        field.append(byte)
                        index += 1
                    }
                    if index < input.count && input[index] != 0x2C && !isBreak(input[index]) {
                        note(.malformedField, at: index)
                    }
                }
                while index < input.count && input[index] != 0x2C && !isBreak(input[index]) {
                    if input[index] == 0x22 {
                        note(.malformedField, at: index)
                    }
                    field.append(input[index])
                    index += 1
                }
                record.fields.append(field)
                if index < input.count && input[index] == 0x2C {
                    index += 1
                    continue
                }
                if index < input.count {
                    skipLineBreak()
                }
                break
            }
            outcome.records.append(record)
        }
        return outcome
    }
}
