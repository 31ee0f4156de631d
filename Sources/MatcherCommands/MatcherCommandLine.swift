import Foundation
import MatcherCore
import MatcherGenerator
import MatcherStore
import MatcherSync

/// The `matcher` executable: reads the arguments, runs one subcommand, and turns whatever
/// happened into text and an exit code. The only place that reads arguments or the
/// environment.
public enum MatcherCommandLine {
    /// Runs the command line and returns the process's exit code.
    public static func run(_ arguments: [String]) -> Int32 {
        do {
            guard var (command, rest) = try MatcherCommands.root.subcommand(for: arguments) else {
                print(MatcherCommands.root.helpText(), terminator: "")
                return ExitCode.success
            }
            // A command may have its own options and subcommands too (`matcher runs` and
            // `matcher runs show`): a first word that names a subcommand selects it.
            while let word = rest.first,
                let nested = command.subcommands.first(where: { $0.invocationWord == word })
            {
                command = nested
                rest.removeFirst()
            }
            let options = try command.parse(rest)
            if options.isHelpRequested {
                print(command.helpText(), terminator: "")
                return ExitCode.success
            }
            switch command.name {
            case MatcherCommands.sync.name:
                return try SyncCommand(options: options).run()
            case MatcherCommands.schedule.name:
                return try ScheduleCommand(options: options).run()
            case MatcherCommands.runs.name:
                return try RunsCommand(options: options).run()
            case MatcherCommands.runsShow.name:
                return try RunsShowCommand(options: options).run()
            case MatcherCommands.diagnose.name:
                return try DiagnoseCommand(options: options).run()
            case MatcherCommands.generate.name:
                return try GenerateCommand(options: options).run()
            default:
                print(MatcherCommands.root.helpText(), terminator: "")
                return ExitCode.usage
            }
        } catch {
            return report(error)
        }
    }

    /// The one place an error becomes the text a person reads and an exit code.
    static func report(_ error: any Error) -> Int32 {
        switch error {
        case let usage as UsageError:
            printError("matcher: \(usage)")
            return ExitCode.usage
        case let sync as SyncError where sync.code == .locked:
            printError("matcher: \(sync.message)")
            return ExitCode.locked
        case let sync as SyncError:
            printError("matcher: error: \(sync.message)")
            return ExitCode.failure
        case let generator as GeneratorError where generator.code == .configuration:
            // Options that each have a good value but together cannot make a night are a
            // command line to change, as a value out of range is.
            return report(
                UsageError(
                    code: .invalidValue,
                    message: generator.message,
                    command: MatcherCommands.generate.name
                )
            )
        case let generator as GeneratorError:
            printError("matcher: error: \(generator.message)")
            return ExitCode.failure
        default:
            printError("matcher: error: \(error)")
            return ExitCode.failure
        }
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// What the process's exit code says; documented in the README.
public enum ExitCode {
    /// Everything read, matched and stored.
    public static let success: Int32 = 0
    /// The run failed: the configuration, the store or an input could not be used, and
    /// nothing was stored; or the results were stored but the export could not be written
    /// (the message says which).
    public static let failure: Int32 = 1
    /// The run finished and stored its results, but refused some input or left some
    /// results pending; the report lists what.
    public static let partialSuccess: Int32 = 2
    /// Another sync holds the store's lock; this one did nothing.
    public static let locked: Int32 = 3
    /// The command line was wrong (EX_USAGE), or the values it gives `matcher generate`
    /// cannot make a night together.
    public static let usage: Int32 = UsageError.exitCode
}
