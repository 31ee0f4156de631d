import Foundation
import MatcherCore

/// A time of day at which the nightly sync starts, in one time zone: `01:30 Asia/Shanghai`.
///
/// Every calculation goes through a Gregorian `Calendar` in the schedule's zone, so day
/// boundaries are the zone's and a zone with daylight saving time works too:
///
/// - a start whose wall time does not exist that day (the clock jumps from 02:00 to 03:00)
///   happens when the clock has jumped, by as much as it jumped (02:30 becomes 03:30);
/// - a start whose wall time happens twice (the clock goes back from 02:00 to 01:00) happens
///   at the first of the two, and only then.
///
/// Either way each day has exactly one start.
public struct DailySchedule: Sendable, Hashable, CustomStringConvertible {
    /// The hour of the start, 0 to 23.
    public let hour: Int

    /// The minute of the start, 0 to 59.
    public let minute: Int

    /// The zone whose wall clock and calendar days the schedule follows.
    public let timeZone: TimeZone

    /// The zone the matcher's days belong to (Kunshan), and the schedule's default.
    public static let defaultTimeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt

    /// Creates a schedule; `hour` must be 0 to 23 and `minute` 0 to 59.
    ///
    /// Values from people go through ``parse(time:timeZone:)``, which says what is wrong.
    public init(hour: Int, minute: Int, timeZone: TimeZone) {
        precondition((0...23).contains(hour), "hour \(hour) is not 0 to 23")
        precondition((0...59).contains(minute), "minute \(minute) is not 0 to 59")
        self.hour = hour
        self.minute = minute
        self.timeZone = timeZone
    }

    /// Reads a time written exactly `HH:MM`, on the 24-hour clock: `01:30`, `00:00`, `23:59`.
    ///
    /// - Throws: ``DailySchedule/TimeError`` for any other form (`1:30`, `01:3`, `0130`,
    ///   ` 01:30`, `01:30:00`) and for a time that does not exist (`24:00`, `01:60`).
    public static func parse(
        time text: String,
        timeZone: TimeZone = defaultTimeZone
    ) throws(TimeError) -> DailySchedule {
        // Byte by byte, because Int() would accept `+1` and Foundation's date parsing is
        // lenient about widths; a schedule that runs at an unintended hour is worse than
        // one that refuses to start.
        let bytes = Array(text.utf8)
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
            [0, 1, 3, 4].allSatisfy({ digits.contains(bytes[$0]) })
        else {
            throw TimeError(.malformed, "must be a time written HH:MM, such as 01:30")
        }
        let hour = Int(bytes[0] - digits.lowerBound) * 10 + Int(bytes[1] - digits.lowerBound)
        let minute = Int(bytes[3] - digits.lowerBound) * 10 + Int(bytes[4] - digits.lowerBound)
        guard hour <= 23 else {
            throw TimeError(.outOfRange, "must have an hour from 00 to 23; midnight is 00:00")
        }
        guard minute <= 59 else {
            throw TimeError(.outOfRange, "must have a minute from 00 to 59")
        }
        return DailySchedule(hour: hour, minute: minute, timeZone: timeZone)
    }

    /// The first start strictly after `date`.
    public func nextStart(after date: Date) -> Date {
        // Starts grow with their day, so the first one after `date` is among the days around
        // it; a day on each side covers a start moved across midnight by a clock change.
        var day = self.day(of: date).previous
        while true {
            let start = start(on: day)
            if start > date {
                return start
            }
            day = day.next
        }
    }

    /// The latest start at or before `date`.
    public func lastStart(notAfter date: Date) -> Date {
        var day = self.day(of: date).next
        while true {
            let start = start(on: day)
            if start <= date {
                return start
            }
            day = day.previous
        }
    }

    /// The day a start belongs to: its calendar day in the schedule's zone, which is the
    /// `--as-of` of the run it starts.
    public func runDay(of start: Date) -> CalendarDate {
        day(of: start)
    }

    /// The start of the run for `day`.
    public func start(on day: CalendarDate) -> Date {
        let wallTime = DateComponents(
            year: day.year,
            month: day.month,
            day: day.day,
            hour: hour,
            minute: minute
        )
        guard let start = calendar.date(from: wallTime) else {
            preconditionFailure("the calendar has no time for \(day) \(self)")
        }
        return start
    }

    /// `01:30 Asia/Shanghai`.
    public var description: String {
        "\(Self.twoDigits(hour)):\(Self.twoDigits(minute)) \(timeZone.identifier)"
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func day(of date: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else { preconditionFailure("the calendar gave no supported day for \(date)") }
        return date
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

extension DailySchedule {
    /// Why a time of day was refused.
    public struct TimeError: Error, Sendable, CustomStringConvertible {
        /// What kind of mistake the time holds.
        public enum Code: String, Sendable {
            /// Not written `HH:MM`.
            case malformed
            /// Written `HH:MM`, but no such time exists.
            case outOfRange
        }

        /// What kind of mistake the time holds.
        public var code: Code

        /// What is wrong, in words that fit after the option's name: "must be ...".
        public var message: String

        /// Creates an error.
        public init(_ code: Code, _ message: String) {
            self.code = code
            self.message = message
        }

        /// The message.
        public var description: String { message }
    }
}

extension DailySchedule {
    /// A start that passed without a run, to be run once now.
    public struct CatchUp: Sendable, Hashable {
        /// The day to run now: the day of the latest start that has passed.
        public var day: CalendarDate

        /// Older days whose starts also passed without a run, oldest first. They are only
        /// reported: the application export holds tonight's state, not an old night's, so a
        /// run for an old day could not give that night's results back, while the run for
        /// the latest day brings every result up to date.
        public var skippedDays: [CalendarDate]
    }

    /// Decides whether a run was missed and must be made now, when the schedule starts.
    ///
    /// A run is missed when the latest start at or before `now` has no run for its day:
    /// `latestRunDay`, the newest day the store holds a finished run for (any status but
    /// running), is older than that start's day, or there is none. Only that day is run,
    /// once, however many days were missed.
    ///
    /// - Returns: `nil` when nothing was missed.
    public func catchUp(now: Date, latestRunDay: CalendarDate?) -> CatchUp? {
        let due = runDay(of: lastStart(notAfter: now))
        guard let latestRunDay else {
            return CatchUp(day: due, skippedDays: [])
        }
        guard latestRunDay < due else {
            return nil
        }
        var skipped: [CalendarDate] = []
        var day = latestRunDay.next
        while day < due {
            skipped.append(day)
            day = day.next
        }
        return CatchUp(day: due, skippedDays: skipped)
    }
}

extension CalendarDate {
    /// The day after; the schedule's days never come near the end of the supported years.
    fileprivate var next: CalendarDate {
        if let tomorrow = CalendarDate(year: year, month: month, day: day + 1) {
            return tomorrow
        }
        if let firstOfMonth = CalendarDate(year: year, month: month + 1, day: 1) {
            return firstOfMonth
        }
        guard let newYear = CalendarDate(year: year + 1, month: 1, day: 1) else {
            preconditionFailure("no day after \(self) is supported")
        }
        return newYear
    }

    /// The day before.
    fileprivate var previous: CalendarDate {
        if let yesterday = CalendarDate(year: year, month: month, day: day - 1) {
            return yesterday
        }
        if month > 1 {
            let days = CalendarDate.daysIn(month: month - 1, year: year)
            if let lastOfMonth = CalendarDate(year: year, month: month - 1, day: days) {
                return lastOfMonth
            }
        }
        guard let newYearsEve = CalendarDate(year: year - 1, month: 12, day: 31) else {
            preconditionFailure("no day before \(self) is supported")
        }
        return newYearsEve
    }
}
