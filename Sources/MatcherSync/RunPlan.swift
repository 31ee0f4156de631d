import Foundation
import MatcherCore
import MatcherStore

/// What a result was computed from: one fingerprint per source and one of the rules.
///
/// Stored with every result, so the next run can tell, for each application, whether
/// anything its result depends on changed, and match only those that did.
struct ResultInputs: Codable, Hashable {
    /// nil when the source could not be used for the application.
    var hrss: String?
    var medical: String?
    var registry: String?
    var rules: String

    init(evidence: ApplicationEvidence, rules: String) {
        hrss = evidence.hrss?.fingerprint
        medical = evidence.medical?.fingerprint
        registry = evidence.registry?.fingerprint
        self.rules = rules
    }

    /// The inputs as JSON with sorted keys, absent sources left out.
    var data: Data {
        // Written directly for the usual plain fingerprints: one per application, and the
        // generic encoder was a noticeable part of matching a province.
        let fields: [(name: StaticString, value: String?)] = [
            ("hrss", hrss), ("medical", medical), ("registry", registry), ("rules", rules),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        var isPlain = true
        for (name, value) in fields {
            guard let value else { continue }
            bytes.append(bytes.isEmpty ? 0x7B : 0x2C)
            bytes.append(0x22)
            let nameBytes = UnsafeBufferPointer(
                start: name.utf8Start,
                count: name.utf8CodeUnitCount
            )
            bytes.append(contentsOf: nameBytes)
            bytes.append(contentsOf: #"":""#.utf8)
            for byte in value.utf8 {
                isPlain = isPlain && Self.isPlain(byte)
                bytes.append(byte)
            }
            bytes.append(0x22)
        }
        bytes.append(0x7D)
        if isPlain {
            return Data(bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        // Four optional strings always encode.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// Letters, digits and the like, which no JSON writer escapes.
    private static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C && byte != 0x2F
    }

    static func decoded(from data: Data?) -> ResultInputs? {
        data.flatMap { try? JSONDecoder().decode(ResultInputs.self, from: $0) }
    }

    /// The sources whose fingerprint differs from `earlier`'s. A source that cannot be used
    /// tonight (stale, refused, unreliable for this application) has not changed: nothing
    /// could be computed from it, and the result keeps what it found before.
    func changedSources(since earlier: ResultInputs) -> [String] {
        var changed: [String] = []
        if let hrss, hrss != earlier.hrss { changed.append("hrss") }
        if let medical, medical != earlier.medical { changed.append("medical") }
        if let registry, registry != earlier.registry { changed.append("registry") }
        return changed
    }
}

/// Why a live application is matched in a run.
enum MatchReason: Hashable {
    case newOrChangedApplication
    case pendingBefore
    case sourceDataChanged([String])
    case rulesChanged
    case backfill

    /// Decides whether `application` must be matched again, and why; nil keeps its result.
    static func of(
        _ application: Application,
        previous: StoredResult?,
        inputs: ResultInputs,
        isBackfill: Bool
    ) -> MatchReason? {
        if isBackfill { return .backfill }
        guard let previous, previous.version == application.version else {
            return .newOrChangedApplication
        }
        let pending = [SocialInsuranceOutcome.pending.rawValue, PropertyOutcome.pending.rawValue]
        if pending.contains(previous.socialInsuranceOutcome)
            || pending.contains(previous.propertyOutcome)
        {
            return .pendingBefore
        }
        // A result stored before inputs were kept cannot be compared: match it once more.
        guard let earlier = ResultInputs.decoded(from: previous.inputs),
            earlier.rules == inputs.rules
        else { return .rulesChanged }
        let changed = inputs.changedSources(since: earlier)
        return changed.isEmpty ? nil : .sourceDataChanged(changed)
    }
}

extension RunReport.Plan {
    mutating func count(_ reason: MatchReason?) {
        switch reason {
        case nil: unchanged += 1
        case .newOrChangedApplication: newOrChangedApplication += 1
        case .pendingBefore: pendingBefore += 1
        case .rulesChanged: rulesChanged += 1
        case .backfill: backfill += 1
        case .sourceDataChanged(let sources):
            sourceDataChangedApplications += 1
            for source in sources {
                sourceDataChanged[source, default: 0] += 1
            }
        }
    }
}
