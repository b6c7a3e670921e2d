// swift-tools-version:6.0
import PackageDescription

/// Settings shared by every target: Swift 6 language mode is the package default;
/// `ExistentialAny` keeps protocol existentials explicit.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

/// The runtime's hot path is a chain of nonisolated async calls per message; with
/// `NonisolatedNonsendingByDefault` they run on the caller's executor instead of hopping to the
/// generic one (which, under a task executor preference, costs a lookup per call).
let runtimeSettings: [SwiftSetting] = swiftSettings + [.enableUpcomingFeature("NonisolatedNonsendingByDefault")]

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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // MARK: - C system libraries
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CRabbitMQ", pkgConfig: "librabbitmq", providers: [.apt(["librabbitmq-dev"])]),

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
            dependencies: ["Bloblang", "BloblangStdlib", "EmbeddedHTTP"],
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
        .target(name: "EmbeddedHTTP", swiftSettings: swiftSettings),
        .target(
            name: "StreamRuntime",
            dependencies: [
                "Bloblang", "EmbeddedHTTP", "BloblangStdlib", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: runtimeSettings
        ),
        .target(
            name: "StreamComponents",
            dependencies: [
                "StreamRuntime", "EmbeddedHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: runtimeSettings
        ),

        // MARK: - Connectors over C clients
        .target(name: "PostgresClient", dependencies: ["CLibPQ"], swiftSettings: swiftSettings),
        .target(name: "StreamPostgres", dependencies: ["StreamRuntime", "StreamComponents", "PostgresClient"], swiftSettings: swiftSettings),
        .target(name: "AMQPClient", dependencies: ["CRabbitMQ"], swiftSettings: swiftSettings),
        .target(name: "StreamAMQP", dependencies: ["StreamRuntime", "StreamComponents", "AMQPClient"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "StreamRuntime", "StreamComponents", "StreamPostgres", "StreamAMQP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - The inference platform
        .target(
            name: "ServiceSupport",
            dependencies: [
                "StreamRuntime", "StreamComponents", "StreamPostgres", "StreamAMQP", "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "MLService",
            dependencies: [
                "Bloblang", "StreamRuntime", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "api-gateway", dependencies: ["ServiceSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "ml-worker", dependencies: ["ServiceSupport"], swiftSettings: swiftSettings),
        .executableTarget(name: "results-collector", dependencies: ["ServiceSupport"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "ml-service",
            dependencies: ["MLService", .product(name: "ArgumentParser", package: "swift-argument-parser")],
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
        .testTarget(
            name: "BloblangToolingTests", dependencies: ["BloblangTooling", "Bloblang", "BloblangStdlib"], exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
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
        .testTarget(
            name: "StreamRuntimeTests",
            dependencies: ["StreamRuntime", "StreamComponents", "StreamPostgres", "StreamAMQP", "EmbeddedHTTP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "StreamComponentsTests", dependencies: ["StreamRuntime", "StreamComponents", "EmbeddedHTTP"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StreamPostgresTests",
            dependencies: ["StreamRuntime", "StreamComponents", "StreamPostgres", "PostgresClient"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ServiceSupportTests", dependencies: ["ServiceSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "MLServiceTests", dependencies: ["MLService", "Bloblang"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StreamAMQPTests",
            dependencies: ["StreamRuntime", "StreamComponents", "StreamAMQP", "AMQPClient"],
            swiftSettings: swiftSettings
        ),
    ]
)
