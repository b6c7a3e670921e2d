import Foundation
import PostgresClient

/// The admin operations on users: create one with a quota (and a new API key), show usage.
public struct UserAdmin: Sendable {
    public let pool: PostgresPool

    /// Admin operations over `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Errors meant for the operator.
    public struct AdminError: Error, CustomStringConvertible {
        public var description: String
    }

    /// A new random API key: 32 bytes from the system's secure generator, base64url without
    /// padding (43 characters), prefixed so that keys are easy to spot in a leak scan.
    public static func newAPIKey() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let b64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "sk-" + b64
    }

    /// Creates a user and returns its API key. Only the key's SHA-256 is stored (computed by
    /// PostgreSQL, hex, as the gateway's mapping computes it).
    /// - Throws: `AdminError` for a bad name or quota or a taken name; `PostgresError` otherwise.
    public func create(name: String, quota: Int64) async throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw AdminError(description: "the user name must have 1 to 200 characters")
        }
        guard quota >= 0 else { throw AdminError(description: "the quota must be zero or more tokens") }
        let key = Self.newAPIKey()
        do {
            _ = try await pool.query(
                """
                INSERT INTO users (name, api_key_hash, token_quota)
                VALUES ($1, encode(sha256(convert_to($2, 'UTF8')), 'hex'), $3::bigint)
                """,
                [.text(trimmed), .text(key), .text(String(quota))])
        } catch let error as PostgresError where error.sqlState == "23505" {
            throw AdminError(description: "a user named \(trimmed) already exists")
        }
        return key
    }

    /// A user's quota and usage.
    public struct Usage: Sendable, Codable, Equatable {
        public var name: String
        public var tokenQuota: Int64
        public var tokensUsed: Int64
        public var remainingTokens: Int64
        /// Requests by status (`queued`, `completed`, ...).
        public var requests: [String: Int64]

        enum CodingKeys: String, CodingKey {
            case name
            case tokenQuota = "token_quota"
            case tokensUsed = "tokens_used"
            case remainingTokens = "remaining_tokens"
            case requests
        }
    }

    /// The usage of the user called `name`.
    /// - Throws: `AdminError` when there is no such user.
    public func usage(name: String) async throws -> Usage {
        let result = try await pool.query(
            """
            SELECT u.token_quota, u.tokens_used, r.status, count(r.request_id)
            FROM users u LEFT JOIN requests r ON r.user_id = u.id
            WHERE u.name = $1
            GROUP BY u.id, r.status
            """,
            [.text(name)], idempotent: true)
        guard let first = result.rows.first else { throw AdminError(description: "no user named \(name)") }
        func int(_ v: PostgresValue) -> Int64 {
            switch v {
            case .int(let i): i
            case .numeric(let s), .text(let s): Int64(s) ?? 0
            case .double(let d): Int64(d)
            default: 0
            }
        }
        var byStatus: [String: Int64] = [:]
        for row in result.rows where row.count == 4 {
            if case .text(let status) = row[2] { byStatus[status] = int(row[3]) }
        }
        let quota = int(first[0])
        let used = int(first[1])
        return Usage(name: name, tokenQuota: quota, tokensUsed: used, remainingTokens: quota - used, requests: byStatus)
    }
}
