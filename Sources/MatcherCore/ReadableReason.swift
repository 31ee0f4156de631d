import Foundation

/// What a file-system error says, for a person: Foundation's sentence with the system's
/// reason when it has one (`No such file or directory`), not its domain and dictionary.
public func readableReason(_ error: any Error) -> String {
    let bridged = error as NSError
    // The project's own errors describe themselves; only Foundation's need translating.
    guard bridged.domain == NSCocoaErrorDomain || bridged.domain == NSPOSIXErrorDomain else {
        return String(describing: error)
    }
    if bridged.domain == NSPOSIXErrorDomain, let reason = strerror(Int32(bridged.code)) {
        return String(cString: reason)
    }
    let error = bridged
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
        underlying.domain == NSPOSIXErrorDomain, let reason = strerror(Int32(underlying.code))
    {
        return String(cString: reason)
    }
    return error.localizedDescription
}
