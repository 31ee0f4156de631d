import MatcherCore
import MatcherFeeds

/// The preset sizes of a night.
public enum GenerationScale: String, Sendable, CaseIterable {
    /// About 300 applications and a few thousand persons: small and fast, for tests.
    case sample
    /// Kunshan's size: 50,000 applications, 2,000,000 persons per department, 1,000,000
    /// certificates.
    case kunshan
    /// The province's size: 1,000,000 applications, 40,000,000 persons per department,
    /// 20,000,000 certificates.
    case jiangsu

    public var applications: Int {
        switch self {
        case .sample: 300
        case .kunshan: 50_000
        case .jiangsu: 1_000_000
        }
    }

    public var persons: Int {
        switch self {
        case .sample: 3_000
        case .kunshan: 2_000_000
        case .jiangsu: 40_000_000
        }
    }

    public var certificates: Int {
        switch self {
        case .sample: 1_500
        case .kunshan: 1_000_000
        case .jiangsu: 20_000_000
        }
    }
}

/// What to generate and where; defaults are written next to the fields.
public struct GeneratorConfiguration: Sendable {
    public var scale: GenerationScale = .sample
    public var seed: UInt64 = 1
    /// The folder the night is written into.
    public var outputDirectory: String
    /// The day of the deliveries and the night: the delivery folders are named by it.
    public var asOf = GeneratorConfiguration.defaultAsOf
    /// Counts; nil takes the scale's.
    public var applications: Int? = nil
    public var persons: Int? = nil
    public var certificates: Int? = nil
    public var rates = CaseRates()
    /// The encoding of each source's files, by source name.
    public var encodings: [String: OutputEncoding] = [
        "hrss": .gb18030, "medical": .utf8, "registry": .utf8,
    ]
    /// The folder of the points policies; the policy of the `asOf` year (or the newest
    /// before it) decides the window and the residential uses.
    public var mappingsDirectory = "mappings"
    /// Write into a folder that is not empty, replacing what the generator writes there.
    public var force = false
    /// Write the files on this many threads (1 or 2).
    public var threads = 2

    public init(outputDirectory: String) {
        self.outputDirectory = outputDirectory
    }

    public var applicationCount: Int { applications ?? scale.applications }
    public var personCount: Int { persons ?? scale.persons }
    public var certificateCount: Int { certificates ?? scale.certificates }

    /// 2023-05-10, the night the 2023 sample cases are for.
    public static let defaultAsOf: CalendarDate = {
        guard let date = CalendarDate(year: 2023, month: 5, day: 10) else {
            preconditionFailure("2023-05-10 is a day of the calendar")
        }
        return date
    }()

    /// The earliest night the generator makes: its families are those of the 2023 intake
    /// (children born up to December 2021), and its 不动产权证 run to 2023, each registered
    /// in a month before the night's, which needs a whole month of 2023 behind the night.
    public static let earliestAsOf: CalendarDate = {
        guard let date = CalendarDate(year: 2023, month: 2, day: 1) else {
            preconditionFailure("2023-02-01 is a day of the calendar")
        }
        return date
    }()

    /// The sources a delivery is written for.
    public static let sources = DeliveryCatalog.sources
}
