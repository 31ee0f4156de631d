import MatcherCommands
import Testing

private func sync(_ extra: [String]) throws -> ParsedOptions {
    try syncCommand.parse(requiredSyncArguments + extra)
}

@Test func absentOptionsReadAsNilOrEmpty() throws {
    let parsed = try sync([])
    #expect(parsed.string("--as-of") == nil)
    #expect(try parsed.date("--as-of") == nil)
    #expect(try parsed.int("--limit") == nil)
    #expect(parsed.strings("--tag").isEmpty)
    #expect(parsed.count("--dry-run") == 0)
}

@Test(arguments: [1, 500, 1_000])
func intWithinRangeIsAccepted(value: Int) throws {
    let parsed = try sync(["--limit", String(value)])
    #expect(try parsed.int("--limit", in: 1...1_000) == value)
}

@Test(arguments: [0, 1_001, -3])
func intOutsideRangeIsRefused(value: Int) throws {
    let parsed = try sync(["--limit", String(value)])
    let error = try #require(throws: UsageError.self) { try parsed.int("--limit", in: 1...1_000) }
    #expect(error.code == .invalidValue)
    #expect(error.message == "--limit must be between 1 and 1000")
}

@Test(arguments: ["ten", "1.5", "1e3", " 7", "99999999999999999999"])
func nonIntegerIsRefused(text: String) throws {
    let parsed = try sync(["--limit=\(text)"])
    let error = try #require(throws: UsageError.self) { try parsed.int("--limit") }
    #expect(error.message == "--limit must be a whole number")
}

@Test(arguments: ["2023-05-10", "2024-02-29", "2000-02-29", "2023-12-31"])
func realCalendarDateIsAccepted(text: String) throws {
    let parsed = try sync(["--as-of", text])
    let date = try #require(try parsed.date("--as-of"))
    #expect(date.description == text)
}

@Test func parsedDateCarriesItsFields() throws {
    let date = try #require(try sync(["--as-of=2023-05-10"]).date("--as-of"))
    #expect([date.year, date.month, date.day] == [2023, 5, 10])
}

@Test(arguments: [
    ("2023-02-29", "--as-of 2023-02-29 is no day of the calendar: month 2 of 2023 has 28 days"),
    ("1900-02-29", "--as-of 1900-02-29 is no day of the calendar: month 2 of 1900 has 28 days"),
    ("2023-04-31", "--as-of 2023-04-31 is no day of the calendar: month 4 of 2023 has 30 days"),
    ("2023-13-01", "--as-of 2023-13-01 is no day of the calendar: there is no month 13"),
    ("2023-00-10", "--as-of 2023-00-10 is no day of the calendar: there is no month 0"),
    ("0000-01-01", "--as-of must be a day in a year from 1800 to 2200"),
])
func nonexistentDayIsRefusedSayingWhy(text: String, message: String) throws {
    let parsed = try sync(["--as-of", text])
    let error = try #require(throws: UsageError.self) { try parsed.date("--as-of") }
    #expect(error.code == .invalidValue)
    #expect(error.message == message)
}

@Test(arguments: [
    "2023-5-10", "20230510", "2023/05/10", "2023-05-10T00:00", "10-05-2023", "today",
    "２０２３-05-10", "+023-05-10", " 2023-5-10",
])
func dateInAnotherFormIsRefused(text: String) throws {
    let parsed = try sync(["--as-of", text])
    let error = try #require(throws: UsageError.self) { try parsed.date("--as-of") }
    #expect(error.message == "--as-of must be a date written YYYY-MM-DD, such as 2023-05-10")
}

@Test(arguments: [" out.jsonl", "out.jsonl ", "out.jsonl\n"])
func pathWithSurroundingWhitespaceIsRefused(path: String) throws {
    let parsed = try syncCommand.parse(
        ["--applications", path] + requiredSyncArguments.dropFirst(2)
    )
    let error = try #require(throws: UsageError.self) { try parsed.path("--applications") }
    #expect(error.code == .invalidValue)
}

@Test func pathWithInnerSpacesAndChineseIsKept() throws {
    let parsed = try syncCommand.parse(
        ["--applications", "申请 2023/名单.jsonl"] + requiredSyncArguments.dropFirst(2)
    )
    #expect(try parsed.path("--applications") == "申请 2023/名单.jsonl")
}

@Test func requiredGettersRefuseAnAbsentOption() throws {
    let parsed = try sync([])
    #expect(try parsed.requiredPath("--store") == "matcher.sqlite")
    #expect(try parsed.requiredString("--results") == "out.jsonl")

    let error = try #require(throws: UsageError.self) { try parsed.requiredDate("--as-of") }
    #expect(error.code == .missingOption)
    #expect(error.message == "missing required option --as-of DATE")
    #expect(throws: UsageError.self) { try parsed.requiredInt("--limit") }
}

@Test func getterErrorsNameTheCommandForItsHelpHint() throws {
    let parsed = try sync(["--limit", "many"])
    let error = try #require(throws: UsageError.self) { try parsed.int("--limit") }
    #expect(error.command == "matcher sync")
    #expect(error.description.hasSuffix("Run 'matcher sync --help' for usage."))
}
