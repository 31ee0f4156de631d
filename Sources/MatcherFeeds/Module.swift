public enum MatcherFeedsModule {}
