public enum MatcherStoreModule {}
