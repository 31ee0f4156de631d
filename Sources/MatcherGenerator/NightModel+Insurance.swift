import MatcherCore

/// How one department holds one person: how many person rows, under which name and form of
/// the ID number, the medical account's state, and whether a contributions row is broken.
struct DepartmentRecord {
    /// 0 when the department does not know the person, 2 for two personal numbers.
    var numbers: Int
    var name: GeneratedName
    var idForm: IDForm
    /// 0 正常; otherwise the index in ``Vocabulary/abnormalAccountStates`` plus one.
    var accountState: Int
    var hasBrokenRow: Bool
}

extension NightModel {
    /// How `department` holds the person of `context`: by the social-insurance case for a
    /// points subject, by chance for everyone else.
    func record(of context: PersonContext, at department: Department) -> DepartmentRecord {
        let adult = context.adult
        let isHRSS = department == .hrss
        var draws = mixer.draws(isHRSS ? .hrssFeatures : .medicalFeatures, adult.person)
        var record = DepartmentRecord(
            numbers: 1,
            name: adult.name,
            idForm: .canonical,
            accountState: 0,
            hasBrokenRow: false
        )
        guard context.isSubject, let plan = context.plan else {
            if draws.chance(0.01) {
                record.numbers = 0
            } else if draws.chance(isHRSS ? 0.004 : 0.003) {
                record.numbers = 2
            }
            if adult.passport == nil {
                if adult.id.hasFifteenDigitForm && draws.chance(0.03) {
                    record.idForm = .fifteenDigits
                } else if adult.id.endsWithX && draws.chance(0.3) {
                    record.idForm = .lowercaseX
                }
            }
            if !isHRSS && draws.chance(0.015) {
                record.accountState = draws.chance(0.7) ? 1 : 2
            }
            return record
        }
        record.idForm = departmentIDForm(of: adult, plan: plan, at: department) ?? .canonical
        switch plan.socialInsurance {
        case .noSocialSecurityId where isHRSS, .noMedicalCode where !isHRSS:
            record.numbers = 0
        case .multipleSocialSecurityIds where isHRSS, .multipleMedicalCodes where !isHRSS:
            record.numbers = 2
        case .nameOneCharacterOffHrss where isHRSS, .nameOneCharacterOffMedical where !isHRSS:
            record.name = adult.name.oneOff(by: &draws)
        case .medicalAccountAbnormal where !isHRSS:
            record.accountState = 1 + draws.int(below: Vocabulary.abnormalAccountStates.count)
        case .pendingHrss where isHRSS, .pendingMedical where !isHRSS:
            record.hasBrokenRow = true
        default:
            break
        }
        return record
    }

    /// The form a department variant gives the subject's number at `department`, or nil
    /// when the variant does not apply there.
    func departmentIDForm(
        of adult: Adult,
        plan: FamilyPlan,
        at department: Department
    ) -> IDForm? {
        guard adult.passport == nil, let variant = plan.requested(.department) else {
            return nil
        }
        let side = department == .hrss ? 0 : 1
        guard plan.departmentSide == 2 || plan.departmentSide == side else { return nil }
        switch variant {
        case .departmentFifteenDigits where adult.id.hasFifteenDigitForm:
            return .fifteenDigits
        case .departmentLowercaseX where adult.id.endsWithX:
            return .lowercaseX
        default:
            return nil
        }
    }

    /// A person's first or second personal number at a department: 10 digits at 人社, 16
    /// starting with Kunshan's code at 医保, spread over their whole range.
    @inline(__always)
    func personalNumber(of person: Int, second: Bool, at department: Department) -> Int {
        let index = second ? persons + person : person
        let isHRSS = department == .hrss
        let slot = isHRSS ? hrssNumbers.apply(index) : medicalNumbers.apply(index)
        let range = isHRSS ? 8_999_999_999 : 9_999_999_999
        let step = max(1, range / (2 * persons))
        let jitter = Int(Mixer.mix(UInt64(index) ^ mixer.seed) % UInt64(step))
        return (isHRSS ? 1_000_000_000 : 3_205_830_000_000_000) + slot * step + jitter
    }
}
