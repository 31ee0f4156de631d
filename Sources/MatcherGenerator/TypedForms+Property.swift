/// A declared home as the form holds it.
struct TypedCertificate {
    var type: String
    /// The year field; nil when left out.
    var year: String?
    var number: String
}

extension TypedForms {
    /// The certificate fields as typed for a case, with the variant applied if any.
    static func certificate(
        _ record: CertificateRecord,
        plan: FamilyPlan,
        draws: inout Draws
    ) -> (TypedCertificate, Variant?) {
        let year = String(record.year)
        if record.isRealEstate {
            let serial = record.serialText
            var typed = TypedCertificate(type: "realEstate", year: year, number: serial)
            switch plan.property {
            case .invalidSerialTooLong:
                typed.number = "1" + serial
            case .invalidSerialLetters:
                var characters = Array(serial)
                characters[3 + draws.int(below: 4)] = "A"
                typed.number = String(characters)
            case .invalidMissingYear:
                typed.year = nil
            case .invalidOtherCity:
                typed.number = "苏(\(year))南京市不动产权第\(serial)号"
            case .invalidConflictingYears:
                typed.number = "(\(record.year == 2023 ? 2022 : record.year + 1))\(serial)"
            case .serialDigitOff:
                typed.number = oneDigitOff(serial, draws: &draws)
            case .serialDigitsSwapped:
                typed.number = neighboursSwapped(serial, draws: &draws)
            case .serialOtherYear:
                typed.year = String(record.year == 2023 ? 2022 : record.year + 1)
            case .otherCertificateType:
                typed = TypedCertificate(type: "houseOwnership", year: nil, number: serial)
            default:
                return realEstateVariant(typed, record: record, plan: plan, draws: &draws)
            }
            return (typed, nil)
        }
        let number = String(record.houseNumber)
        var typed = TypedCertificate(type: "houseOwnership", year: nil, number: number)
        switch plan.property {
        case .serialDigitOff:
            typed.number = oneDigitOff(number, draws: &draws)
        case .serialDigitsSwapped:
            typed.number = neighboursSwapped(number, draws: &draws)
        default:
            guard plan.property.typesRightNumber, let variant = plan.requested(.certificate) else {
                return (typed, nil)
            }
            switch variant {
            case .certificatePrinted: typed.number = record.printedNumber
            case .certificateSpaces: typed.number = group(number, [3, 3, 3], separator: " ")
            case .certificateDiHao: typed.number = "第\(number)号"
            case .certificateFullWidthDigits: typed.number = fullWidth(number)
            default: return (typed, nil)
            }
            return (typed, variant)
        }
        return (typed, nil)
    }

    private static func realEstateVariant(
        _ canonical: TypedCertificate,
        record: CertificateRecord,
        plan: FamilyPlan,
        draws: inout Draws
    ) -> (TypedCertificate, Variant?) {
        guard plan.property.typesRightNumber, let variant = plan.requested(.certificate) else {
            return (canonical, nil)
        }
        var typed = canonical
        let serial = record.serialText
        let year = String(record.year)
        // With the year in the number, the year field may be left empty.
        let keepsYearField = draws.chance(0.5)
        switch variant {
        case .certificatePrinted:
            typed.number = record.printedNumber
            typed.year = keepsYearField ? year : nil
        case .certificateFullWidthBrackets:
            typed.number = "（\(year)）\(serial)"
            typed.year = keepsYearField ? year : nil
        case .certificateTortoiseShellBrackets:
            typed.number = "〔\(year)〕\(serial)"
            typed.year = keepsYearField ? year : nil
        case .certificateNoLeadingZeros where serial.hasPrefix("0"):
            typed.number = String(record.serial)
        case .certificateSpaces:
            typed.number =
                draws.chance(0.5) ? group(serial, [3, 4], separator: " ") : " \(serial) "
        case .certificateDiHao:
            typed.number = "第\(serial)号"
        case .certificateFullWidthDigits:
            typed.number = fullWidth(serial)
        case .certificateYearWord:
            typed.year = year + "年"
        default:
            return (canonical, nil)
        }
        return (typed, variant)
    }

    /// The address as typed for a case, with the variant applied if any.
    static func address(
        _ registered: RegisteredAddress,
        plan: FamilyPlan,
        draws: inout Draws
    ) -> (String, Variant?) {
        var parts = registered
        switch plan.property {
        case .roomDiffers:
            parts.room += parts.room % 100 == 4 ? -1 : 1
        case .buildingDiffers:
            parts.building += 1
        case .unitDiffers:
            parts.unit = parts.unit % 4 + 1
        default:
            break
        }
        let canonical = parts.text
        guard plan.property.typesRightAddress, let variant = plan.requested(.address) else {
            return (canonical, nil)
        }
        let town = parts.town < 0 ? Vocabulary.formerTown : Vocabulary.towns[parts.town].0
        let road = Vocabulary.roads[parts.road] + "\(parts.door)号"
        let estate = Vocabulary.estates[parts.estate]
        var building = "\(parts.building)"
        var buildingWord = "幢"
        var unit = parts.unit > 0 ? "\(parts.unit)" : ""
        var room = "\(parts.room)"
        var roomWord = "室"
        var separators = ["", "", "", ""]
        var townText = town
        var prefix = ""
        switch variant {
        case .addressPrefix:
            let prefixes = ["江苏省昆山市", "昆山市", "江苏省苏州市昆山市", "江苏昆山"]
            prefix = prefixes[draws.int(below: prefixes.count)]
        case .addressChineseNumerals:
            building = countingNumerals(parts.building)
            unit = parts.unit > 0 ? countingNumerals(parts.unit) : ""
            room = positionalNumerals(parts.room)
        case .addressBuildingWord:
            buildingWord = draws.chance(0.5) ? "栋" : "号楼"
        case .addressPunctuation:
            let marks = [" ", "，", "、", "\u{3000}"]
            separators = separators.map { _ in marks[draws.int(below: marks.count)] }
        case .addressTownShortForm:
            guard parts.town >= 0, let short = Vocabulary.townShortForms[parts.town] else {
                return (canonical, nil)
            }
            townText = short[draws.int(below: short.count)]
        case .addressNoRoomWord:
            roomWord = ""
        case .addressFullWidthDigits:
            return (fullWidth(canonical), variant)
        default:
            return (canonical, nil)
        }
        var text = prefix + townText + separators[0] + road + separators[1] + estate
        text += building + buildingWord + separators[2]
        if !unit.isEmpty {
            text += unit + "单元" + separators[3]
        }
        return (text + room + roomWord, variant)
    }
}
