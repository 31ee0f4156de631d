/// Everything about one application that its line and its truth are written from.
struct ApplicationFacts {
    let plan: FamilyPlan
    let father: Adult?
    let mother: Adult?
    let subject: Adult
    let student: Child
    let siblings: [Child]
    /// The subject as typed: the form's guardian entry and `pointsSubject` both.
    let subjectName: String
    let subjectIDType: String
    let subjectIDNumber: String
    /// The declared home, when one is declared.
    let certificate: CertificateRecord?
    let typedCertificate: TypedCertificate?
    let typedAddress: String?
    /// The variants that apply, in family order.
    let variants: [Variant]
}

extension NightModel {
    /// The facts of an application, typed as its case and variants say.
    func facts(plan: FamilyPlan) -> ApplicationFacts {
        let index = plan.index
        var draws = mixer.draws(.application, index)
        let father = plan.hasFather ? parent(.father, of: plan) : nil
        let mother = plan.hasMother ? parent(.mother, of: plan) : nil
        let subject = (plan.subjectIsFather ? father : mother) ?? parent(plan.subjectRole, of: plan)
        let namesake = surnameParent(of: plan)
        let student = student(of: plan, surnameFrom: namesake)
        let siblings = plan.siblings.indices.map { sibling($0, of: plan, surnameFrom: namesake) }
        var variants: [Variant] = []
        let isSubmitted = plan.line == .submitted

        var subjectName = subject.name.text
        if isSubmitted, let variant = plan.subjectNameVariant,
            let typed = TypedForms.name(subject.name, variant: variant, draws: &draws)
        {
            subjectName = typed
            variants.append(variant)
        }
        var subjectID = subject.idText
        if subject.passport == nil, isSubmitted {
            if let wrong = TypedForms.wrongIDNumber(
                subject.id,
                case: plan.socialInsurance,
                draws: &draws
            ) {
                subjectID = wrong
            } else if let variant = plan.requested(.idNumber),
                let typed = TypedForms.idNumber(subject.id, variant: variant)
            {
                subjectID = typed
                variants.append(variant)
            }
            if let variant = plan.requested(.department),
                departmentIDForm(of: subject, plan: plan, at: .hrss) != nil
                    || departmentIDForm(of: subject, plan: plan, at: .medical) != nil,
                departmentShowsVariant(plan)
            {
                variants.append(variant)
            }
        }

        var certificate: CertificateRecord?
        var typedCertificate: TypedCertificate?
        var typedAddress: String?
        if plan.property != .notDeclared {
            let record = self.certificate(index, plan: plan)
            certificate = record
            let (typed, certificateVariant) = TypedForms.certificate(
                record,
                plan: plan,
                draws: &draws
            )
            typedCertificate = typed
            if isSubmitted, let variant = ownerFacts(of: plan).variant {
                variants.append(variant)
            }
            if let certificateVariant {
                variants.append(certificateVariant)
            }
            let (address, addressVariant) = TypedForms.address(
                record.address,
                plan: plan,
                draws: &draws
            )
            typedAddress = address
            if let addressVariant {
                variants.append(addressVariant)
            }
        }
        return ApplicationFacts(
            plan: plan,
            father: father,
            mother: mother,
            subject: subject,
            student: student,
            siblings: siblings,
            subjectName: subjectName,
            subjectIDType: subject.passport == nil ? "resident" : "passport",
            subjectIDNumber: subjectID,
            certificate: certificate,
            typedCertificate: typedCertificate,
            typedAddress: typedAddress,
            variants: variants
        )
    }

    /// Whether a department variant shows in a row the department holds: not when the case
    /// takes the subject out of the very department it would change.
    private func departmentShowsVariant(_ plan: FamilyPlan) -> Bool {
        switch (plan.socialInsurance, plan.departmentSide) {
        case (.noSocialSecurityId, 0), (.noMedicalCode, 1): false
        default: true
        }
    }
}
