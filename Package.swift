// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the package default;
/// `ExistentialAny` keeps protocol existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Sluice",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Bloblang", targets: ["Bloblang"]),
        .library(name: "BloblangStdlib", targets: ["BloblangStdlib"]),
        .executable(name: "blobl", targets: ["blobl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // MARK: - C system libraries
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),

        // MARK: - Language
        .target(name: "Bloblang", swiftSettings: swiftSettings),
        .target(name: "PCRE2Regex", dependencies: ["CPCRE2"], swiftSettings: swiftSettings),
        .target(
            name: "BloblangStdlib",
            dependencies: ["Bloblang", "PCRE2Regex", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "BloblangTooling",
            dependencies: ["Bloblang", "BloblangStdlib"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "blobl",
            dependencies: [
                "BloblangTooling",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Stream runtime
        .target(
            name: "StreamRuntime",
            dependencies: [
                "Bloblang", "BloblangStdlib", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "StreamComponents", dependencies: ["StreamRuntime"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "StreamRuntime", "StreamComponents",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Benchmarks
        .executableTarget(
            name: "BloblangBenchmarks",
            dependencies: ["Bloblang", "BloblangStdlib"],
            path: "Benchmarks/BloblangBenchmarks",
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .target(
            name: "BloblangTestSupport",
            dependencies: ["Bloblang", "BloblangStdlib"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BloblangTests",
            dependencies: ["Bloblang", "BloblangStdlib", "BloblangTooling", "BloblangTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "bloblTests", dependencies: ["BloblangTestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "PCRE2RegexTests", dependencies: ["PCRE2Regex"], swiftSettings: swiftSettings),
        .testTarget(
            name: "BloblangStdlibTests",
            dependencies: ["Bloblang", "BloblangStdlib", "BloblangTooling"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "BloblangConformanceTests",
            dependencies: ["Bloblang", "BloblangStdlib", "BloblangTooling"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StreamRuntimeTests", dependencies: ["StreamRuntime", "StreamComponents"], swiftSettings: swiftSettings),
        .testTarget(name: "StreamComponentsTests", dependencies: ["StreamRuntime", "StreamComponents"], swiftSettings: swiftSettings),
    ]
)
