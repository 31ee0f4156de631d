import Foundation

/// What a generated night holds, as `night.json` records it.
///
/// Unchecked: `json` holds only numbers, strings and collections of them, built once and
/// never changed, which no thread can race on.
public struct NightSummary: @unchecked Sendable {
    /// The JSON object written to `night.json`, as plain values.
    public let json: [String: Any]
    /// Data rows per file, keyed by the path under the output folder.
    public let rows: [String: Int]
    /// Bytes per file, keyed like ``rows``.
    public let bytes: [String: Int]
    /// Rates that asked for more pending cases than the sync takes before it refuses a file
    /// whole, by the rate's name: the cases asked for, and those made.
    public let heldAtCap: [String: (asked: Int, kept: Int)]

    init(
        configuration: GeneratorConfiguration,
        model: NightModel,
        encodings: [String: OutputEncoding],
        written: [String: [WrittenFile]]
    ) {
        let day = configuration.asOf.description
        var rows: [String: Int] = [:]
        var bytes: [String: Int] = [:]
        var broken: [String: Int] = [:]
        for (source, files) in written {
            for file in files {
                let path =
                    source == "applications"
                    ? file.name : "deliveries/\(source)/\(day)/\(file.name)"
                rows[path] = file.rows
                bytes[path] = file.bytes
                if file.brokenRows > 0 {
                    broken[path] = file.brokenRows
                }
            }
        }
        let lineCounts = written["applications"]?.first { !$0.lineKinds.isEmpty }?.lineKinds ?? [:]
        var variantCounts: [String: Int] = [:]
        for allocation in model.variants {
            for (variant, count) in allocation.counts {
                if let variant {
                    variantCounts[variant.rawValue] = count
                }
            }
        }
        let counts: [String: Any] = [
            "applications": model.applications,
            "lines": lineCounts,
            "persons": [
                "universe": model.persons,
                "hrss": rows["deliveries/hrss/\(day)/persons.csv"] ?? 0,
                "medical": rows["deliveries/medical/\(day)/persons.csv"] ?? 0,
            ],
            "certificates": model.certificates,
            "rows": rows,
            "bytes": bytes,
            "brokenRows": broken,
            "socialInsuranceCases": Self.counts(model.socialInsurance) { $0.rawValue },
            "propertyCases": Self.counts(model.property) { $0.rawValue },
            "variantsTried": variantCounts,
        ]
        var heldAtCap: [String: (asked: Int, kept: Int)] = [:]
        for held in model.socialInsurance.heldAtCap {
            heldAtCap["si.\(held.kind.rawValue)"] = (held.asked, held.kept)
        }
        for held in model.property.heldAtCap {
            heldAtCap["pr.\(held.kind.rawValue)"] = (held.asked, held.kept)
        }
        json = [
            "scale": configuration.scale.rawValue,
            "seed": Int(truncatingIfNeeded: configuration.seed),
            "asOf": day,
            "counts": counts,
            "encodings": encodings.mapValues(\.rawValue),
            "rates": configuration.rates.values,
            "ratesHeldAtCap": heldAtCap.mapValues { ["asked": $0.asked, "made": $0.kept] },
        ]
        self.rows = rows
        self.bytes = bytes
        self.heldAtCap = heldAtCap
    }

    /// How many submitted applications have each kind.
    private static func counts<Kind>(
        _ allocation: Allocation<Kind>,
        _ name: (Kind) -> String
    ) -> [String: Int] {
        Dictionary(allocation.counts.map { (name($0.0), $0.1) }, uniquingKeysWith: +)
    }

    func write(to path: String) throws(GeneratorError) {
        try ManifestFile.writeJSON(json, to: path)
    }
}
