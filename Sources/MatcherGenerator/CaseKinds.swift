/// What one line of the application export is.
public enum LineKind: String, Sendable, CaseIterable {
    case submitted
    /// 撤销提交: no result is expected.
    case withdrawn
    /// 删除该子女: no result is expected.
    case deleted
    /// A line cut off in the middle: not valid JSON.
    case truncated
    /// A submitted line without its `pointsSubject`.
    case missingField
    /// A line that repeats the `applicationId` of an earlier line.
    case duplicateId
}

/// What the generator did to the points subject's records, and so which social-insurance
/// outcome the application must get.
public enum SocialInsuranceCase: String, Sendable, CaseIterable {
    case matched
    /// The subject's ID number typed with a wrong check character.
    case invalidIdCheckDigit
    /// The subject's ID number typed with a digit missing.
    case invalidIdLength
    /// The subject's ID number typed with a month 13 in its birth date.
    case invalidIdBirthDate
    /// A birth year after the reference date, with a matching check character.
    case invalidIdFutureBirth
    /// Near miss: a valid number one digit away from the subject's, held by nobody.
    case idOneDigitOff
    case noSocialSecurityId
    /// Near miss: 人社 holds the subject under a name one character off.
    case nameOneCharacterOffHrss
    /// Near miss: 医保 holds the subject under a name one character off.
    case nameOneCharacterOffMedical
    case multipleSocialSecurityIds
    case noMedicalCode
    case multipleMedicalCodes
    case medicalAccountAbnormal
    /// A contributions row of the subject's 人社 number is broken in the delivery.
    case pendingHrss
    /// A contributions row of the subject's 医保 code is broken in the delivery.
    case pendingMedical

    /// Whether the subject's typed ID number is not their own, so that no record can agree
    /// with it: the home must then belong to someone else on the form.
    var altersTypedIdentity: Bool {
        switch self {
        case .invalidIdCheckDigit, .invalidIdLength, .invalidIdBirthDate, .invalidIdFutureBirth,
            .idOneDigitOff:
            true
        default:
            false
        }
    }
}

/// What the generator did to the declared home, and so which property outcome the
/// application must get.
public enum PropertyCase: String, Sendable, CaseIterable {
    case matched
    case notDeclared
    /// A 不动产权证 serial with eight significant digits.
    case invalidSerialTooLong
    /// A serial with a letter in it.
    case invalidSerialLetters
    /// No year in the year field nor in the number.
    case invalidMissingYear
    /// Another city's certificate number.
    case invalidOtherCity
    /// The year field and the number's brackets disagree.
    case invalidConflictingYears
    /// Near miss: one digit of the serial changed.
    case serialDigitOff
    /// Near miss: two neighbouring digits of the serial swapped.
    case serialDigitsSwapped
    /// Near miss: the right serial under another year.
    case serialOtherYear
    /// Near miss: a 不动产权证 serial entered as a 房屋所有权证 number.
    case otherCertificateType
    /// The family's certificate exists, but only as cancelled rows.
    case cancelledOnly
    /// Near miss: the certificate is registered to another person.
    case ownerSomeoneElse
    /// Near miss: registered to someone of the same name with another ID number.
    case ownerNamesake
    /// Near miss: registered under the owner's ID number with a name one character off.
    case ownerOtherName
    /// The owner is a sibling aged 18 or more.
    case siblingAdult
    /// The owner is a minor sibling who owns the home jointly with a parent.
    case siblingCoOwned
    case notResidential
    /// Near miss: the typed room number differs.
    case roomDiffers
    /// Near miss: the typed building number differs.
    case buildingDiffers
    /// Near miss: the typed unit number differs.
    case unitDiffers
    /// A row of the certificate is broken in the registry delivery.
    case pending

    /// Whether the certificate must be a 不动产权证 for the case to be what it says.
    var needsRealEstate: Bool {
        switch self {
        case .invalidSerialTooLong, .invalidSerialLetters, .invalidMissingYear, .invalidOtherCity,
            .invalidConflictingYears, .serialOtherYear, .otherCertificateType, .siblingAdult,
            .siblingCoOwned:
            true
        default:
            false
        }
    }

    /// Whether the registry's owner rows are the family's own.
    var isOwnedByFamily: Bool {
        switch self {
        case .notDeclared, .ownerSomeoneElse, .ownerNamesake, .ownerOtherName: false
        default: true
        }
    }

    /// Whether the typed certificate number is the right one (its form may vary).
    var typesRightNumber: Bool {
        switch self {
        case .invalidSerialTooLong, .invalidSerialLetters, .invalidMissingYear, .invalidOtherCity,
            .invalidConflictingYears, .serialDigitOff, .serialDigitsSwapped, .serialOtherYear,
            .otherCertificateType, .notDeclared:
            false
        default:
            true
        }
    }

    /// Whether the typed address is the registered one (its form may vary).
    var typesRightAddress: Bool {
        switch self {
        case .roomDiffers, .buildingDiffers, .unitDiffers, .notDeclared: false
        default: true
        }
    }
}

/// Ways of typing that must still match. Each family of variants applies at most one to an
/// application, and only where the field is not what the case is about.
public enum Variant: String, Sendable, CaseIterable {
    // The points subject's name.
    case nameSpace
    case nameIdeographicSpace
    case nameMiddleDot
    case passportFullWidthName
    // The points subject's ID number.
    case idSpaces
    case idHyphens
    case idLowercaseX
    case idFullWidthDigits
    case idFifteenDigits
    // How 人社 or 医保 holds the subject's ID number.
    case departmentFifteenDigits
    case departmentLowercaseX
    // How the registry holds the owner's ID number.
    case registryFifteenDigits
    case registryLowercaseX
    // The certificate number.
    case certificatePrinted
    case certificateFullWidthBrackets
    case certificateTortoiseShellBrackets
    case certificateNoLeadingZeros
    case certificateSpaces
    case certificateDiHao
    case certificateFullWidthDigits
    case certificateYearWord
    // The address.
    case addressPrefix
    case addressChineseNumerals
    case addressBuildingWord
    case addressPunctuation
    case addressTownShortForm
    case addressNoRoomWord
    case addressFullWidthDigits

    /// The families: one variant of each may apply to an application.
    enum Family: Int, CaseIterable, Sendable {
        case name, idNumber, department, registry, certificate, address

        /// Whether the family varies the points subject's records, rather than the home's.
        var isSubjects: Bool {
            self == .name || self == .idNumber || self == .department
        }
    }

    /// Whether the variant exists only for 不动产权证 numbers (their year and serial).
    var needsRealEstate: Bool {
        switch self {
        case .certificateFullWidthBrackets, .certificateTortoiseShellBrackets,
            .certificateNoLeadingZeros, .certificateYearWord:
            true
        default:
            false
        }
    }

    var family: Family {
        switch self {
        case .nameSpace, .nameIdeographicSpace, .nameMiddleDot, .passportFullWidthName: .name
        case .idSpaces, .idHyphens, .idLowercaseX, .idFullWidthDigits, .idFifteenDigits:
            .idNumber
        case .departmentFifteenDigits, .departmentLowercaseX: .department
        case .registryFifteenDigits, .registryLowercaseX: .registry
        case .certificatePrinted, .certificateFullWidthBrackets, .certificateTortoiseShellBrackets,
            .certificateNoLeadingZeros, .certificateSpaces, .certificateDiHao,
            .certificateFullWidthDigits, .certificateYearWord:
            .certificate
        case .addressPrefix, .addressChineseNumerals, .addressBuildingWord, .addressPunctuation,
            .addressTownShortForm, .addressNoRoomWord, .addressFullWidthDigits:
            .address
        }
    }
}
