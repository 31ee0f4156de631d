/// Writes `truth.jsonl`: one line for each line of the export, in the same order.
extension NightModel {
    /// The truth of an application's line; `facts` are needed for a submitted one.
    func truthLine(_ plan: FamilyPlan, facts: ApplicationFacts?, periods: PeriodBuffer) -> [UInt8] {
        let index = plan.index
        var line = JSONObject(capacity: 1024)
        switch plan.line {
        case .withdrawn, .deleted:
            line.string("applicationId", applicationId(index))
            line.string("status", plan.line.rawValue)
            line.bool("expectResult", false)
        case .truncated, .missingField, .duplicateId:
            line.int("line", index + 1)
            line.bool("expectResult", false)
            line.string("broken", plan.line.rawValue)
        case .submitted:
            let facts = facts ?? self.facts(plan: plan)
            let truth = truth(of: facts, periods: periods)
            line.string("applicationId", applicationId(index))
            line.bool("expectResult", true)
            var caseObject = JSONObject()
            caseObject.string("socialInsurance", plan.socialInsurance.rawValue)
            caseObject.string("property", plan.property.rawValue)
            caseObject.strings("variants", facts.variants.map(\.rawValue))
            line.object("case", caseObject)
            line.object("socialInsurance", socialInsuranceObject(truth.socialInsurance))
            line.object("property", propertyObject(truth.property))
        }
        return line.closed
    }

    private func socialInsuranceObject(_ truth: ApplicationTruth.SocialInsurance) -> JSONObject {
        var object = JSONObject()
        object.string("outcome", truth.outcome)
        object.strings("problems", truth.problems)
        if let months = truth.months {
            var table = JSONObject()
            for (type, counts) in zip(policy.insurance.types, months) {
                var bands = JSONObject()
                for (band, count) in zip(policy.insurance.bands, counts) {
                    bands.int(band.key, count)
                }
                table.object(type.key, bands)
            }
            object.object("months", table)
        } else {
            object.raw("months", "null")
        }
        object.hundredths("points", truth.points)
        return object
    }

    private func propertyObject(_ truth: ApplicationTruth.Property) -> JSONObject {
        var object = JSONObject()
        object.string("outcome", truth.outcome)
        object.strings("problems", truth.problems)
        if truth.outcome == "PR_MATCHED" {
            object.string("registeredOn", truth.registeredOn?.text)
            object.int("monthsOwned", truth.monthsOwned)
            object.hundredths("points", truth.points)
        }
        return object
    }
}
