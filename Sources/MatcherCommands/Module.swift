public enum MatcherCommandsModule {}
