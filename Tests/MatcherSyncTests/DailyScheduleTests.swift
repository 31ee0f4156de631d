import Foundation
import MatcherCore
import Testing

@testable import MatcherSync

/// The daily start time: parsing, the next and last starts, their days, and the catch-up rule.
@Suite struct DailyScheduleTests {
    let shanghai = TimeZone(identifier: "Asia/Shanghai")
    let newYork = TimeZone(identifier: "America/New_York")

    func schedule(_ time: String, in zone: TimeZone?) throws -> DailySchedule {
        try DailySchedule.parse(time: time, timeZone: try #require(zone))
    }

    /// An instant written in ISO 8601 with its offset, such as `2023-05-10T01:30:00+08:00`.
    func instant(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    func day(_ text: String) throws -> CalendarDate {
        try #require(CalendarDate(text))
    }

    /// The day after `day`, counted independently of the schedule: on a calendar in UTC.
    func dayAfter(_ day: CalendarDate) throws -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let noon = DateComponents(year: day.year, month: day.month, day: day.day + 1, hour: 12)
        let date = try #require(calendar.date(from: noon))
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = try #require(parts.year)
        let month = try #require(parts.month)
        let dayOfMonth = try #require(parts.day)
        return try #require(CalendarDate(year: year, month: month, day: dayOfMonth))
    }

    // MARK: Parsing

    @Test(arguments: [("00:00", 0, 0), ("01:30", 1, 30), ("09:05", 9, 5), ("23:59", 23, 59)])
    func wellFormedTimesAreRead(text: String, hour: Int, minute: Int) throws {
        let parsed = try DailySchedule.parse(time: text)
        #expect(parsed.hour == hour)
        #expect(parsed.minute == minute)
        #expect(parsed.timeZone.identifier == "Asia/Shanghai")
    }

    @Test(arguments: [
        "1:3", "1:30", "01:3", "0130", "01-30", " 01:30", "01:30 ", "01:30:00", "", "+1:30",
        "-1:30", "01:-1", "ab:cd", "０１:３０", "1h30",
    ])
    func malformedTimesAreRefused(text: String) {
        let error = #expect(throws: DailySchedule.TimeError.self) {
            try DailySchedule.parse(time: text)
        }
        #expect(error?.code == .malformed)
        #expect(error?.message == "must be a time written HH:MM, such as 01:30")
    }

    @Test(arguments: ["24:00", "25:00", "99:00", "01:60", "00:99", "23:60"])
    func timesThatDoNotExistAreRefused(text: String) {
        let error = #expect(throws: DailySchedule.TimeError.self) {
            try DailySchedule.parse(time: text)
        }
        #expect(error?.code == .outOfRange)
    }

    @Test func midnightIsWrittenAsZeroHundred() {
        let error = #expect(throws: DailySchedule.TimeError.self) {
            try DailySchedule.parse(time: "24:00")
        }
        #expect(error?.message.contains("00:00") == true)
    }

    @Test func descriptionNamesTimeAndZone() throws {
        #expect(try schedule("01:30", in: shanghai).description == "01:30 Asia/Shanghai")
        #expect(try schedule("00:05", in: newYork).description == "00:05 America/New_York")
    }

    // MARK: Starts in a zone without daylight saving time

    @Test(arguments: [
        ("2023-05-10T00:00:00+08:00", "2023-05-10T01:30:00+08:00"),
        ("2023-05-10T01:29:59+08:00", "2023-05-10T01:30:00+08:00"),
        ("2023-05-10T01:30:00+08:00", "2023-05-11T01:30:00+08:00"),
        ("2023-05-10T23:59:59+08:00", "2023-05-11T01:30:00+08:00"),
        ("2023-05-31T02:00:00+08:00", "2023-06-01T01:30:00+08:00"),
        ("2023-12-31T12:00:00+08:00", "2024-01-01T01:30:00+08:00"),
        ("2024-02-28T12:00:00+08:00", "2024-02-29T01:30:00+08:00"),
        // 17:00 UTC is already 01:00 of the next day in Shanghai.
        ("2023-05-10T17:00:00Z", "2023-05-11T01:30:00+08:00"),
    ])
    func nextStartIsTheFirstStartStrictlyAfter(after: String, expected: String) throws {
        let schedule = try schedule("01:30", in: shanghai)
        #expect(schedule.nextStart(after: try instant(after)) == (try instant(expected)))
    }

    @Test(arguments: [
        ("2023-05-10T01:30:00+08:00", "2023-05-10T01:30:00+08:00"),
        ("2023-05-10T01:29:59+08:00", "2023-05-09T01:30:00+08:00"),
        ("2023-05-10T23:00:00+08:00", "2023-05-10T01:30:00+08:00"),
        ("2024-01-01T00:10:00+08:00", "2023-12-31T01:30:00+08:00"),
        ("2024-03-01T00:10:00+08:00", "2024-02-29T01:30:00+08:00"),
        ("2023-05-09T17:29:00Z", "2023-05-09T01:30:00+08:00"),
    ])
    func lastStartIsTheLatestStartAtOrBefore(notAfter: String, expected: String) throws {
        let schedule = try schedule("01:30", in: shanghai)
        #expect(schedule.lastStart(notAfter: try instant(notAfter)) == (try instant(expected)))
    }

    @Test func runDayIsTheDayInTheSchedulesZoneNotInUTC() throws {
        let schedule = try schedule("01:30", in: shanghai)
        // 2023-05-09T17:30Z is 01:30 on the 10th in Shanghai.
        let start = schedule.nextStart(after: try instant("2023-05-09T12:00:00Z"))
        #expect(start == (try instant("2023-05-09T17:30:00Z")))
        #expect(schedule.runDay(of: start) == (try day("2023-05-10")))
    }

    @Test func startsAtMidnightBelongToTheNewDay() throws {
        let schedule = try schedule("00:00", in: shanghai)
        let start = schedule.nextStart(after: try instant("2023-05-10T23:59:59+08:00"))
        #expect(start == (try instant("2023-05-11T00:00:00+08:00")))
        #expect(schedule.runDay(of: start) == (try day("2023-05-11")))
        #expect(schedule.lastStart(notAfter: start) == start)
    }

    @Test func startOnADayIsThatDaysWallTime() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let start = schedule.start(on: try day("2023-05-10"))
        #expect(start == (try instant("2023-05-10T01:30:00+08:00")))
    }

    // MARK: Starts in a zone with daylight saving time

    @Test func aStartInTheSpringGapHappensOnceTheClockHasJumped() throws {
        // On 2024-03-10 New York's clocks jump from 02:00 to 03:00: 02:30 never happens.
        let schedule = try schedule("02:30", in: newYork)
        let start = schedule.nextStart(after: try instant("2024-03-10T00:00:00-05:00"))
        #expect(start == (try instant("2024-03-10T03:30:00-04:00")))
        #expect(schedule.runDay(of: start) == (try day("2024-03-10")))
        let following = schedule.nextStart(after: start)
        #expect(following == (try instant("2024-03-11T02:30:00-04:00")))
    }

    @Test func aStartInTheRepeatedAutumnHourHappensOnlyTheFirstTime() throws {
        // On 2024-11-03 New York's clocks go back from 02:00 to 01:00: 01:30 happens twice.
        let schedule = try schedule("01:30", in: newYork)
        let first = try instant("2024-11-03T01:30:00-04:00")
        let second = try instant("2024-11-03T01:30:00-05:00")
        #expect(schedule.nextStart(after: try instant("2024-11-03T00:00:00-04:00")) == first)
        #expect(schedule.nextStart(after: first) == (try instant("2024-11-04T01:30:00-05:00")))
        #expect(schedule.lastStart(notAfter: second) == first)
        #expect(schedule.runDay(of: first) == (try day("2024-11-03")))
    }

    @Test(arguments: ["00:00", "00:30", "01:30", "02:30", "12:00", "23:59"])
    func everyDayOfAYearWithClockChangesHasExactlyOneStart(time: String) throws {
        let schedule = try schedule(time, in: newYork)
        var expected = try day("2024-01-01")
        var start = schedule.start(on: expected)
        for _ in 0..<366 {
            #expect(schedule.runDay(of: start) == expected)
            #expect(schedule.lastStart(notAfter: start) == start)
            #expect(schedule.lastStart(notAfter: start.addingTimeInterval(-1)) < start)
            let next = schedule.nextStart(after: start)
            #expect(next.timeIntervalSince(start) >= 23 * 3600)
            #expect(next.timeIntervalSince(start) <= 25 * 3600)
            start = next
            expected = try dayAfter(expected)
        }
        #expect(expected == (try day("2025-01-01")))
    }

    // MARK: Catching up

    @Test func nothingIsCaughtUpWhenTheLatestStartHasItsRun() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-05-10T09:00:00+08:00")
        #expect(schedule.catchUp(now: now, latestRunDay: try day("2023-05-10")) == nil)
    }

    @Test func nothingIsCaughtUpBeforeTodaysStart() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-05-11T00:45:00+08:00")
        #expect(schedule.catchUp(now: now, latestRunDay: try day("2023-05-10")) == nil)
    }

    @Test func aRunForALaterDayMeansNothingWasMissed() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-05-10T09:00:00+08:00")
        #expect(schedule.catchUp(now: now, latestRunDay: try day("2023-05-12")) == nil)
    }

    @Test func theMissedRunOfTodayIsCaughtUp() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-05-10T09:00:00+08:00")
        let catchUp = schedule.catchUp(now: now, latestRunDay: try day("2023-05-09"))
        #expect(catchUp == DailySchedule.CatchUp(day: try day("2023-05-10"), skippedDays: []))
    }

    @Test func severalMissedDaysAreCaughtUpOnceAndTheOthersReported() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-06-02T01:30:00+08:00")
        let catchUp = try #require(
            schedule.catchUp(now: now, latestRunDay: try day("2023-05-30"))
        )
        #expect(catchUp.day == (try day("2023-06-02")))
        #expect(catchUp.skippedDays == [try day("2023-05-31"), try day("2023-06-01")])
    }

    @Test func aStoreThatNeverRanCatchesUpTheLatestStart() throws {
        let schedule = try schedule("01:30", in: shanghai)
        let now = try instant("2023-05-10T00:10:00+08:00")
        let catchUp = schedule.catchUp(now: now, latestRunDay: nil)
        #expect(catchUp == DailySchedule.CatchUp(day: try day("2023-05-09"), skippedDays: []))
    }

    @Test func theDayToCatchUpIsTheSchedulesDayNotUTCs() throws {
        let schedule = try schedule("01:30", in: shanghai)
        // 2023-05-09T20:00Z is 04:00 on the 10th in Shanghai: the 10th's start has passed.
        let now = try instant("2023-05-09T20:00:00Z")
        let catchUp = schedule.catchUp(now: now, latestRunDay: try day("2023-05-09"))
        #expect(catchUp?.day == (try day("2023-05-10")))
    }
}
