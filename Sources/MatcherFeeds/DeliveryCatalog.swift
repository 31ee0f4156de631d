import Foundation
import MatcherCore

/// One source's delivery for one day: a folder `<deliveries>/<source>/<YYYY-MM-DD>/`.
public struct DeliveryFolder: Hashable, Sendable, Codable {
    public var source: String
    public var date: CalendarDate
    public var path: String

    public init(source: String, date: CalendarDate, path: String) {
        self.source = source
        self.date = date
        self.path = path
    }

    public var label: String { "\(source)/\(date)" }
}

/// Finds the deliveries of each source in a deliveries directory.
public enum DeliveryCatalog {
    /// The source's delivery folders dated on or before `asOf`, newest first.
    ///
    /// Entries that are not folders named by a date are ignored: a delivery being copied in
    /// under a temporary name is not a delivery yet.
    public static func deliveries(
        of source: String,
        in directory: String,
        notLaterThan asOf: CalendarDate
    ) -> [DeliveryFolder] {
        let sourcePath = directory + "/" + source
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sourcePath)) ?? []
        var folders: [DeliveryFolder] = []
        for name in names {
            guard let date = CalendarDate(name), date <= asOf else { continue }
            var isDirectory: ObjCBool = false
            let path = sourcePath + "/" + name
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
                isDirectory.boolValue
            else { continue }
            folders.append(DeliveryFolder(source: source, date: date, path: path))
        }
        return folders.sorted { $0.date > $1.date }
    }
}
