public enum MatcherSyncModule {}
