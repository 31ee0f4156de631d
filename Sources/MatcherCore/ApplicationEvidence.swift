/// What every source holds for one application; a nil part could not be had tonight.
public struct ApplicationEvidence: Hashable, Sendable {
    /// 人社's persons and contributions under the points subject's ID number.
    public var hrss: DepartmentEvidence?
    /// 医保's persons and contributions under the points subject's ID number.
    public var medical: DepartmentEvidence?
    /// The registry's rows of the declared certificate (empty when none is declared or
    /// the number cannot be read).
    public var registry: [RegisteredOwnership]?

    public init(
        hrss: DepartmentEvidence? = nil,
        medical: DepartmentEvidence? = nil,
        registry: [RegisteredOwnership]? = nil
    ) {
        self.hrss = hrss
        self.medical = medical
        self.registry = registry
    }
}

extension MatchRules {
    /// Matches one application against what the sources hold for it.
    public func match(_ application: Application, against evidence: ApplicationEvidence)
        -> MatchResult
    {
        let subject =
            application.pointsSubject ?? Person(name: "", idType: .resident, idNumber: "")
        return MatchResult(
            applicationId: application.applicationId,
            version: application.version,
            socialInsurance: socialInsurance(
                for: subject,
                hrss: evidence.hrss,
                medical: evidence.medical
            ),
            property: property(for: application.property, registry: evidence.registry)
        )
    }
}
