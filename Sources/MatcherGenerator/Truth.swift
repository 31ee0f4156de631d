import MatcherCore

/// What the matcher must answer for one submitted application, worked out from what the
/// generator wrote (its own periods, rows and policy figures), never by the matcher's code.
struct ApplicationTruth {
    struct SocialInsurance {
        var outcome: String
        var problems: [String]
        /// Months by the policy's types and bands, in its order; nil while pending.
        var months: [[Int]]?
        /// Points in hundredths; nil unless matched.
        var points: Int?
    }

    struct Property {
        var outcome: String
        var problems: [String]
        var registeredOn: CivilDate?
        var monthsOwned: Int?
        var points: Int?
    }

    var socialInsurance: SocialInsurance
    var property: Property
}

extension NightModel {
    func truth(of facts: ApplicationFacts, periods: PeriodBuffer) -> ApplicationTruth {
        ApplicationTruth(
            socialInsurance: socialInsuranceTruth(of: facts, periods: periods),
            property: propertyTruth(of: facts)
        )
    }

    private func socialInsuranceTruth(
        of facts: ApplicationFacts,
        periods: PeriodBuffer
    ) -> ApplicationTruth.SocialInsurance {
        let kind = facts.plan.socialInsurance
        let bandCount = policy.insurance.bands.count
        let zero = [[Int]](repeating: [Int](repeating: 0, count: bandCount), count: typeCount)
        if kind.altersTypedIdentity {
            let problems =
                kind == .idOneDigitOff ? ["SI_NO_SS_ID", "SI_NO_MEDICAL_CODE"] : ["SI_INVALID_ID"]
            return .init(outcome: problems[0], problems: problems, months: zero, points: nil)
        }
        if kind == .pendingHrss || kind == .pendingMedical {
            return .init(outcome: "SI_PENDING", problems: [], months: nil, points: nil)
        }
        let context = PersonContext(
            adult: facts.subject,
            plan: facts.plan,
            role: facts.plan.subjectRole
        )
        var problems: [String] = []
        var months = zero
        for department in [Department.hrss, .medical] {
            let record = record(of: context, at: department)
            let isHRSS = department == .hrss
            var side: [String] = []
            if record.numbers == 0 {
                side = [isHRSS ? "SI_NO_SS_ID" : "SI_NO_MEDICAL_CODE"]
            } else if record.name != facts.subject.name {
                side = ["SI_NAME_MISMATCH"]
            } else {
                if record.numbers > 1 {
                    side.append(isHRSS ? "SI_MULTIPLE_SS_IDS" : "SI_MULTIPLE_MEDICAL_CODES")
                }
                if record.accountState != 0 {
                    side.append("SI_MEDICAL_ACCOUNT_ABNORMAL")
                }
            }
            problems += side
            // A side with a problem contributes no months; the other side's still show.
            guard side.isEmpty else { continue }
            self.periods(
                of: facts.subject.person,
                couple: facts.subject.couple,
                at: department,
                numbers: record.numbers,
                into: periods
            )
            let positions = isHRSS ? hrssTypePositions : medicalTypePositions
            for (position, type) in positions.enumerated() {
                months[type] = countedMonths(in: periods, typePosition: position)
            }
        }
        let order = [
            "SI_NO_SS_ID", "SI_NAME_MISMATCH", "SI_MULTIPLE_SS_IDS", "SI_NO_MEDICAL_CODE",
            "SI_MULTIPLE_MEDICAL_CODES", "SI_MEDICAL_ACCOUNT_ABNORMAL",
        ]
        problems = order.filter(problems.contains)
        guard let first = problems.first else {
            return .init(
                outcome: "SI_MATCHED",
                problems: [],
                months: months,
                points: points(of: months)
            )
        }
        return .init(outcome: first, problems: problems, months: months, points: nil)
    }

    /// Months of one type paid in a counted region, each once, per band of the window.
    private func countedMonths(in periods: PeriodBuffer, typePosition: Int) -> [Int] {
        let windowStart = policy.windowStart
        let windowEnd = policy.windowEnd
        let bands = policy.insurance.bands
        guard windowEnd >= windowStart else { return bands.map { _ in 0 } }
        let paid = periods.monthFlags(count: windowEnd - windowStart + 1)
        for index in 0..<periods.count {
            let period = periods[index]
            guard Int(period.typePosition) == typePosition,
                countedRegions[Int(period.region)]
            else { continue }
            let last = period.last < 0 ? snapshotMonth : Int(period.last)
            let from = max(Int(period.first), windowStart)
            let through = min(last, windowEnd)
            guard from <= through else { continue }
            for month in from...through {
                paid[month - windowStart] = true
            }
        }
        return bands.map { band in
            var months = 0
            for month in band.months where paid[month - windowStart] {
                months += 1
            }
            return months
        }
    }

    /// Points in hundredths: every month is a twelfth of a year's points, summed exactly
    /// and rounded once, half up.
    private func points(of months: [[Int]]) -> Int {
        var twelfths = 0
        for type in months {
            for (band, count) in zip(policy.insurance.bands, type) {
                twelfths += count * band.pointsPerYear
            }
        }
        return Self.hundredths(twelfths: twelfths)
    }

    static func hundredths(twelfths: Int) -> Int {
        (twelfths * 100 * 2 + 12) / 24
    }

    private func propertyTruth(of facts: ApplicationFacts) -> ApplicationTruth.Property {
        let plan = facts.plan
        guard let record = facts.certificate else {
            return .init(outcome: "PR_NOT_DECLARED", problems: [])
        }
        switch plan.property {
        case .invalidSerialTooLong, .invalidSerialLetters, .invalidMissingYear, .invalidOtherCity,
            .invalidConflictingYears:
            return .init(outcome: "PR_INVALID_NUMBER", problems: ["PR_INVALID_NUMBER"])
        case .pending:
            return .init(outcome: "PR_PENDING", problems: [])
        default:
            break
        }
        let live = record.rows.filter { $0.state == .live && !$0.isBroken }
        if live.isEmpty || !plan.property.typesRightNumber {
            return .init(outcome: "PR_NO_RECORD", problems: ["PR_NO_RECORD"])
        }
        var problems: [String] = []
        switch plan.property {
        case .ownerSomeoneElse, .ownerNamesake, .ownerOtherName:
            problems.append("PR_OWNER_MISMATCH")
        default:
            // A sibling's home counts only when the sibling is a minor who owns it alone.
            let isAdult = plan.siblings.first == .adult
            if plan.owner == .sibling && (isAdult || live.count > 1 || plan.coOwner != nil) {
                problems.append("PR_SIBLING_NOT_ELIGIBLE")
            }
        }
        if !record.isResidential {
            problems.append("PR_NOT_RESIDENTIAL")
        }
        if !plan.property.typesRightAddress {
            problems.append("PR_ADDRESS_MISMATCH")
        }
        if let first = problems.first {
            return .init(outcome: first, problems: problems)
        }
        // Whole months from the registration to the reference date: registration days are
        // the 28th at the latest, so a month is complete on its day of the month.
        let reference = policy.property.referenceDate
        var months = reference.year * 12 + reference.month - 1 - record.registered.monthOrdinal
        if reference.day < record.registered.day {
            months -= 1
        }
        months = max(0, months)
        let rules = policy.property
        let twelfths = min(
            rules.basePoints * 12 + months * rules.pointsPerYear,
            rules.maximumPoints * 12
        )
        return .init(
            outcome: "PR_MATCHED",
            problems: [],
            registeredOn: record.registered,
            monthsOwned: months,
            points: Self.hundredths(twelfths: twelfths)
        )
    }
}
