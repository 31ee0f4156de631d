import Foundation
import MatcherCommands

exit(MatcherCommandLine.run(Array(CommandLine.arguments.dropFirst())))
