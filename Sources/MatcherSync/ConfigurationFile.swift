import MatcherCore

/// The files under `mappings/` as the sync reads them: a file that cannot be used stops the
/// run as a configuration error.
enum ConfigurationFile {
    /// Reads and decodes the file at `path`; an error names the file and what is wrong.
    static func decode<T: Decodable>(_ path: String) throws(SyncError) -> T {
        do {
            return try MappingFile.decode(path)
        } catch {
            throw SyncError(.configuration, error.message)
        }
    }
}
