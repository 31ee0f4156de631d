import MatcherStore

extension SyncError {
    /// Runs a store call, so that its failure reaches the command line as a store error
    /// with the store's own words.
    static func fromStore<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch {
            throw SyncError(.store, error.description)
        }
    }
}
