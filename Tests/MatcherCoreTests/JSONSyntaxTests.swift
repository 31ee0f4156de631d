import Foundation
import Testing

@testable import MatcherCore

@Suite struct JSONSyntaxTests {
    @Test(arguments: [
        ("", "it is empty"),
        (" \n\t", "it is empty"),
        ("{\"a\": 1,\n  \"b\" 2}", "near line 2, column 7"),
        ("{\"名\": x}", "near line 1, column 7"),
        ("[1,", "Unexpected end of file during JSON parse"),
    ])
    func faultIsPlacedByLineAndColumn(text: String, expected: String) throws {
        let problem = try #require(JSONSyntax.problem(in: Data(text.utf8)))
        #expect(problem.hasSuffix(expected), "\(problem)")
    }

    @Test(arguments: ["{}", "[1, 2]", "{\"rows\": 100000000000000000000}", "\"text\""])
    func jsonHasNoProblem(text: String) {
        #expect(JSONSyntax.problem(in: Data(text.utf8)) == nil)
    }
}
