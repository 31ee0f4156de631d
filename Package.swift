// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "enrollment-matcher",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "matcher", targets: ["matcher"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            path: "Sources/COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "MatcherCore"),
        .target(name: "MatcherFeeds", dependencies: ["MatcherCore", "COpenSSL"]),
        .target(name: "MatcherStore", dependencies: ["MatcherCore", "CSQLite"]),
        .target(
            name: "MatcherSync",
            dependencies: ["MatcherCore", "MatcherFeeds", "MatcherStore"]
        ),
        .target(name: "MatcherGenerator", dependencies: ["MatcherCore", "MatcherFeeds"]),
        .target(
            name: "MatcherCommands",
            dependencies: [
                "MatcherCore", "MatcherFeeds", "MatcherStore", "MatcherSync", "MatcherGenerator",
            ]
        ),
        .executableTarget(name: "matcher", dependencies: ["MatcherCommands"]),
        .testTarget(name: "MatcherCoreTests", dependencies: ["MatcherCore"]),
        .testTarget(name: "MatcherFeedsTests", dependencies: ["MatcherFeeds"]),
        .testTarget(name: "MatcherStoreTests", dependencies: ["MatcherStore"]),
        .testTarget(
            name: "MatcherSyncTests",
            dependencies: [
                "MatcherSync", "MatcherFeeds", "MatcherStore", "MatcherCore", "MatcherGenerator",
            ],
            resources: []
        ),
        .testTarget(name: "MatcherCommandsTests", dependencies: ["MatcherCommands"]),
        .testTarget(
            name: "MatcherGeneratorTests",
            dependencies: ["MatcherGenerator", "MatcherCore", "MatcherFeeds"]
        ),
    ]
)
