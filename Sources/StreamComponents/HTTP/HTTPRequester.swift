import AsyncHTTPClient
import Bloblang
import Foundation
import NIOCore
import NIOHTTP1
import StreamRuntime

/// The request side shared by the `http` processor and the `http_client` output: builds a
/// request per message (URL and headers interpolated), sends it through AsyncHTTPClient's
/// pooled client, and retries the way Benthos does.
struct HTTPRequester: Sendable {
    /// A response, successful or not.
    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: [UInt8]
    }

    /// Why a request failed after its retries; `status` is set when a response arrived.
    struct Failure: Error, CustomStringConvertible, Sendable {
        var description: String
        var reply: Reply?
    }

    let url: InterpolatedString
    let verb: String
    let headers: [(String, InterpolatedString)]
    let metadataHeaders: MetadataFilter
    let timeout: Double
    let retries: Int
    let retryPeriod: Double
    let maxRetryBackoff: Double
    let backoffOn: Set<Int>
    let dropOn: Set<Int>
    let successfulOn: Set<Int>
    let basicAuth: (username: String, password: String)?
    let maxResponseBytes: Int
    let environment: Bloblang.Environment

    /// The config fields both components share, in Benthos's names.
    static let fields: [FieldSpec] = [
        FieldSpec("url", .interpolatedString, "The URL to call, interpolated per message.", examples: [.string("http://127.0.0.1:8081/inference")]),
        FieldSpec("verb", .string, "The HTTP verb.", default: .string("POST")),
        FieldSpec(
            "headers", .map(.interpolatedString), "Request headers, interpolated per message.", default: .object([:]),
            examples: [.object(["Content-Type": .string("application/json")])]),
        FieldSpec(
            "metadata",
            .object([
                FieldSpec("include_prefixes", .array(.string), "Metadata keys with these prefixes are sent as headers.", default: .array([])),
                FieldSpec("include_patterns", .array(.string), "Metadata keys matching these regular expressions are sent as headers.", default: .array([])),
            ]), "Which metadata to send as request headers.", default: .object([:]), advanced: true),
        FieldSpec("timeout", .string, "How long one attempt may take.", default: .string("5s")),
        FieldSpec("retry_period", .string, "The pause before retrying a failed attempt.", default: .string("1s"), advanced: true),
        FieldSpec(
            "max_retry_backoff", .string, "The longest pause between attempts when backing off (codes in `backoff_on`).",
            default: .string("300s"), advanced: true),
        FieldSpec("retries", .int, "How many times a failed request is retried.", default: .int(3), advanced: true),
        FieldSpec(
            "backoff_on", .array(.int), "Status codes that make the client back off, doubling the pause each time.",
            default: .array([.int(429)]), advanced: true),
        FieldSpec(
            "drop_on", .array(.int), "Status codes that fail the request at once, without retrying.", default: .array([]),
            advanced: true),
        FieldSpec(
            "successful_on", .array(.int), "Status codes outside 2xx that count as success.", default: .array([]),
            advanced: true),
        FieldSpec(
            "basic_auth",
            .object([
                FieldSpec("enabled", .bool, "Whether to send basic authentication.", default: .bool(false)),
                FieldSpec("username", .string, "The user name.", default: .string("")),
                FieldSpec("password", .string, "The password.", default: .string("")),
            ]), "HTTP basic authentication.", default: .object([:]), advanced: true),
        FieldSpec(
            "max_response_bytes", .int, "The largest response body read; larger ones fail the request.",
            default: .int(64 << 20), advanced: true),
    ]

    init(_ config: ComponentConfig, _ context: BuildContext) throws(ConfigError) {
        url = try context.interpolated(config, "url")
        verb = try config.string("verb").uppercased()
        var hs: [(String, InterpolatedString)] = []
        for (name, text) in try config.stringMap("headers").sorted(by: { $0.key < $1.key }) {
            hs.append((name, try context.interpolated(text, in: config, field: "headers")))
        }
        headers = hs
        metadataHeaders = try MetadataFilter(config.object("metadata"))
        timeout = try config.duration("timeout")
        retryPeriod = try config.duration("retry_period")
        maxRetryBackoff = try config.duration("max_retry_backoff")
        retries = max(0, try config.int("retries"))
        func codes(_ name: String) throws(ConfigError) -> Set<Int> {
            var out: Set<Int> = []
            for s in try config.stringList(name) {
                guard let c = Int(s) else { throw config.error("expected status codes, got '\(s)'", field: name) }
                out.insert(c)
            }
            return out
        }
        backoffOn = try codes("backoff_on")
        dropOn = try codes("drop_on")
        successfulOn = try codes("successful_on")
        let auth = config.object("basic_auth")
        basicAuth = try auth.bool("enabled") ? (try auth.string("username"), try auth.string("password")) : nil
        maxResponseBytes = try config.int("max_response_bytes")
        environment = context.environment
    }

    /// Sends message `index` of `batch`, retrying as configured.
    func send(_ batch: Batch, index: Int) async throws(Failure) -> Reply {
        let request: HTTPClientRequest
        do {
            request = try makeRequest(batch, index: index)
        } catch {
            throw Failure(description: "\(error)", reply: nil)
        }
        var attempt = 0
        var backoff = retryPeriod
        while true {
            var pause = retryPeriod
            var failure: Failure
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .nanoseconds(Int64(timeout * 1e9)))
                let body = try await response.body.collect(upTo: maxResponseBytes)
                let reply = Reply(
                    status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                    body: Array(buffer: body))
                if (200..<300).contains(reply.status) || successfulOn.contains(reply.status) { return reply }
                let text = String(decoding: reply.body.prefix(512), as: UTF8.self)
                failure = Failure(description: "HTTP request returned unexpected response code (\(reply.status)): \(text)", reply: reply)
                if dropOn.contains(reply.status) { throw failure }
                if backoffOn.contains(reply.status) {
                    pause = min(backoff, maxRetryBackoff)
                    backoff = min(backoff * 2, maxRetryBackoff)
                }
            } catch let f as Failure {
                throw f
            } catch {
                failure = Failure(description: Self.describe(error, url: request.url, timeout: timeout), reply: nil)
            }
            if attempt >= retries { throw failure }
            attempt += 1
            if pause > 0 {
                do { try await Task.sleep(for: .nanoseconds(Int64(pause * 1e9))) } catch { throw failure }
            }
        }
    }

    private func makeRequest(_ batch: Batch, index: Int) throws -> HTTPClientRequest {
        let target = try IOMessageContext.render(url, environment: environment, batch: batch, index: index)
        guard let parsed = URL(string: target), let scheme = parsed.scheme, ["http", "https"].contains(scheme.lowercased()),
            parsed.host != nil
        else {
            throw HTTPRequestError(description: "invalid URL '\(target)': expected http(s)://host[:port]/path")
        }
        var request = HTTPClientRequest(url: target)
        request.method = HTTPMethod(rawValue: verb)
        for (name, value) in headers {
            request.headers.replaceOrAdd(name: name, value: try IOMessageContext.render(value, environment: environment, batch: batch, index: index))
        }
        for (key, value) in metadataHeaders.select(batch[index].metadata) {
            request.headers.replaceOrAdd(name: key, value: value.plainString)
        }
        if let basicAuth {
            let token = Data("\(basicAuth.username):\(basicAuth.password)".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic \(token)")
        }
        let content = batch[index].content
        if !(verb == "GET" || verb == "HEAD") || !content.isEmpty {
            request.body = .bytes(ByteBuffer(bytes: content))
        }
        return request
    }

    /// A readable reason for a transport error.
    static func describe(_ error: any Error, url: String, timeout: Double) -> String {
        if let e = error as? HTTPClientError {
            switch e {
            case .deadlineExceeded, .readTimeout, .connectTimeout:
                return "request to \(url) timed out after \(DurationText.format(timeout))"
            default:
                return "request to \(url) failed: \(e)"
            }
        }
        if error is NIOTooManyBytesError { return "response from \(url) is too large" }
        return "request to \(url) failed: \(error)"
    }
}

/// A request that could not be built (bad URL, interpolation failure).
struct HTTPRequestError: Error, CustomStringConvertible {
    let description: String
}
