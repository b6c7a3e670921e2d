import CRabbitMQ

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// C memory for one library call: strings, entry arrays and tables that librabbitmq reads but
/// does not own. Everything is freed when the arena goes away, so an `amqp_bytes_t` built here
/// stays valid for exactly as long as the call that uses it (`amqp_cstring_bytes` on a Swift
/// string would point at a temporary).
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit { for b in blocks { free(b) } }

    private func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        guard let p = malloc(max(size, 1)) else { return nil }
        blocks.append(p)
        return p
    }

    /// The bytes of `text` (not NUL-terminated, as AMQP short strings are length-prefixed).
    func bytes(_ text: String) -> amqp_bytes_t { bytes(Array(text.utf8)) }

    func bytes(_ data: [UInt8]) -> amqp_bytes_t {
        if data.isEmpty { return amqp_empty_bytes }
        guard let p = allocate(data.count) else { return amqp_empty_bytes }
        data.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: data.count) }
        return amqp_bytes_t(len: data.count, bytes: p)
    }

    /// A NUL-terminated copy of `text` for C functions taking `const char *`.
    func cString(_ text: String) -> UnsafePointer<CChar>? {
        let utf8 = Array(text.utf8CString)
        guard let p = allocate(utf8.count) else { return nil }
        utf8.withUnsafeBytes { p.copyMemory(from: $0.baseAddress!, byteCount: utf8.count) }
        return UnsafePointer(p.assumingMemoryBound(to: CChar.self))
    }

    /// A field table; keys are sorted so the encoding is stable.
    func table(_ values: [String: AMQPFieldValue]) -> amqp_table_t {
        if values.isEmpty { return amqp_empty_table }
        let keys = values.keys.sorted()
        guard let raw = allocate(MemoryLayout<amqp_table_entry_t>.stride * keys.count) else { return amqp_empty_table }
        let entries = raw.bindMemory(to: amqp_table_entry_t.self, capacity: keys.count)
        for (i, key) in keys.enumerated() {
            entries[i] = amqp_table_entry_t(key: bytes(key), value: field(values[key] ?? .void))
        }
        return amqp_table_t(num_entries: Int32(keys.count), entries: entries)
    }

    func field(_ value: AMQPFieldValue) -> amqp_field_value_t {
        var f = amqp_field_value_t()
        switch value {
        case .bool(let b):
            f.kind = UInt8(AMQP_FIELD_KIND_BOOLEAN.rawValue)
            f.value.boolean = b ? 1 : 0
        case .int(let i):
            f.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
            f.value.i64 = i
        case .double(let d):
            f.kind = UInt8(AMQP_FIELD_KIND_F64.rawValue)
            f.value.f64 = d
        case .string(let s):
            f.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
            f.value.bytes = bytes(s)
        case .bytes(let b):
            f.kind = UInt8(AMQP_FIELD_KIND_BYTES.rawValue)
            f.value.bytes = bytes(b)
        case .timestamp(let t):
            f.kind = UInt8(AMQP_FIELD_KIND_TIMESTAMP.rawValue)
            f.value.u64 = t
        case .decimal(let scale, let v):
            f.kind = UInt8(AMQP_FIELD_KIND_DECIMAL.rawValue)
            f.value.decimal = amqp_decimal_t(decimals: scale, value: v)
        case .table(let t):
            f.kind = UInt8(AMQP_FIELD_KIND_TABLE.rawValue)
            f.value.table = table(t)
        case .array(let items):
            f.kind = UInt8(AMQP_FIELD_KIND_ARRAY.rawValue)
            if !items.isEmpty, let raw = allocate(MemoryLayout<amqp_field_value_t>.stride * items.count) {
                let entries = raw.bindMemory(to: amqp_field_value_t.self, capacity: items.count)
                for (i, item) in items.enumerated() { entries[i] = field(item) }
                f.value.array = amqp_array_t(num_entries: Int32(items.count), entries: entries)
            } else {
                f.value.array = amqp_array_t(num_entries: 0, entries: nil)
            }
        case .void:
            f.kind = UInt8(AMQP_FIELD_KIND_VOID.rawValue)
        }
        return f
    }
}

/// Reading librabbitmq values into Swift ones (copies; the C memory may be reused afterwards).
enum CDecode {
    static func string(_ b: amqp_bytes_t) -> String {
        guard b.len > 0, let p = b.bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: b.len), as: UTF8.self)
    }

    static func bytes(_ b: amqp_bytes_t) -> [UInt8] {
        guard b.len > 0, let p = b.bytes else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: b.len))
    }

    static func table(_ t: amqp_table_t) -> [String: AMQPFieldValue] {
        var out: [String: AMQPFieldValue] = [:]
        guard t.num_entries > 0, let entries = t.entries else { return out }
        for i in 0..<Int(t.num_entries) {
            out[string(entries[i].key)] = field(entries[i].value)
        }
        return out
    }

    static func field(_ f: amqp_field_value_t) -> AMQPFieldValue {
        switch UInt32(f.kind) {
        case AMQP_FIELD_KIND_BOOLEAN.rawValue: return .bool(f.value.boolean != 0)
        case AMQP_FIELD_KIND_I8.rawValue: return .int(Int64(f.value.i8))
        case AMQP_FIELD_KIND_U8.rawValue: return .int(Int64(f.value.u8))
        case AMQP_FIELD_KIND_I16.rawValue: return .int(Int64(f.value.i16))
        case AMQP_FIELD_KIND_U16.rawValue: return .int(Int64(f.value.u16))
        case AMQP_FIELD_KIND_I32.rawValue: return .int(Int64(f.value.i32))
        case AMQP_FIELD_KIND_U32.rawValue: return .int(Int64(f.value.u32))
        case AMQP_FIELD_KIND_I64.rawValue: return .int(f.value.i64)
        case AMQP_FIELD_KIND_U64.rawValue: return .int(Int64(bitPattern: f.value.u64))
        case AMQP_FIELD_KIND_F32.rawValue: return .double(Double(f.value.f32))
        case AMQP_FIELD_KIND_F64.rawValue: return .double(f.value.f64)
        case AMQP_FIELD_KIND_UTF8.rawValue: return .string(string(f.value.bytes))
        case AMQP_FIELD_KIND_BYTES.rawValue: return .bytes(bytes(f.value.bytes))
        case AMQP_FIELD_KIND_TIMESTAMP.rawValue: return .timestamp(f.value.u64)
        case AMQP_FIELD_KIND_DECIMAL.rawValue: return .decimal(scale: f.value.decimal.decimals, value: f.value.decimal.value)
        case AMQP_FIELD_KIND_TABLE.rawValue: return .table(table(f.value.table))
        case AMQP_FIELD_KIND_ARRAY.rawValue:
            let a = f.value.array
            guard a.num_entries > 0, let entries = a.entries else { return .array([]) }
            return .array((0..<Int(a.num_entries)).map { field(entries[$0]) })
        default: return .void
        }
    }

    static func properties(_ p: amqp_basic_properties_t) -> AMQPProperties {
        var out = AMQPProperties()
        let flags = p._flags
        func has(_ flag: Int32) -> Bool { flags & amqp_flags_t(flag) != 0 }
        if has(AMQP_BASIC_CONTENT_TYPE_FLAG) { out.contentType = string(p.content_type) }
        if has(AMQP_BASIC_CONTENT_ENCODING_FLAG) { out.contentEncoding = string(p.content_encoding) }
        if has(AMQP_BASIC_HEADERS_FLAG) { out.headers = table(p.headers) }
        if has(AMQP_BASIC_DELIVERY_MODE_FLAG) { out.deliveryMode = p.delivery_mode }
        if has(AMQP_BASIC_PRIORITY_FLAG) { out.priority = p.priority }
        if has(AMQP_BASIC_CORRELATION_ID_FLAG) { out.correlationID = string(p.correlation_id) }
        if has(AMQP_BASIC_REPLY_TO_FLAG) { out.replyTo = string(p.reply_to) }
        if has(AMQP_BASIC_EXPIRATION_FLAG) { out.expiration = string(p.expiration) }
        if has(AMQP_BASIC_MESSAGE_ID_FLAG) { out.messageID = string(p.message_id) }
        if has(AMQP_BASIC_TIMESTAMP_FLAG) { out.timestamp = p.timestamp }
        if has(AMQP_BASIC_TYPE_FLAG) { out.type = string(p.type) }
        if has(AMQP_BASIC_USER_ID_FLAG) { out.userID = string(p.user_id) }
        if has(AMQP_BASIC_APP_ID_FLAG) { out.appID = string(p.app_id) }
        return out
    }
}

extension CArena {
    /// The C form of `properties`, valid while the arena lives.
    func properties(_ p: AMQPProperties) -> amqp_basic_properties_t {
        var out = amqp_basic_properties_t()
        var flags: Int32 = 0
        if let v = p.contentType { out.content_type = bytes(v); flags |= AMQP_BASIC_CONTENT_TYPE_FLAG }
        if let v = p.contentEncoding { out.content_encoding = bytes(v); flags |= AMQP_BASIC_CONTENT_ENCODING_FLAG }
        if !p.headers.isEmpty { out.headers = table(p.headers); flags |= AMQP_BASIC_HEADERS_FLAG }
        if let v = p.deliveryMode { out.delivery_mode = v; flags |= AMQP_BASIC_DELIVERY_MODE_FLAG }
        if let v = p.priority { out.priority = v; flags |= AMQP_BASIC_PRIORITY_FLAG }
        if let v = p.correlationID { out.correlation_id = bytes(v); flags |= AMQP_BASIC_CORRELATION_ID_FLAG }
        if let v = p.replyTo { out.reply_to = bytes(v); flags |= AMQP_BASIC_REPLY_TO_FLAG }
        if let v = p.expiration { out.expiration = bytes(v); flags |= AMQP_BASIC_EXPIRATION_FLAG }
        if let v = p.messageID { out.message_id = bytes(v); flags |= AMQP_BASIC_MESSAGE_ID_FLAG }
        if let v = p.timestamp { out.timestamp = v; flags |= AMQP_BASIC_TIMESTAMP_FLAG }
        if let v = p.type { out.type = bytes(v); flags |= AMQP_BASIC_TYPE_FLAG }
        if let v = p.userID { out.user_id = bytes(v); flags |= AMQP_BASIC_USER_ID_FLAG }
        if let v = p.appID { out.app_id = bytes(v); flags |= AMQP_BASIC_APP_ID_FLAG }
        out._flags = amqp_flags_t(flags)
        return out
    }
}
