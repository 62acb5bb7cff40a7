/// The Language Server Protocol's base protocol: each message is a `Content-Length` header, a
/// blank line and that many bytes of JSON. Bytes come in as the transport delivers them; whole
/// messages come out.
struct MessageFraming: Sendable {
    private var buffer: [UInt8] = []
    /// The most a message may be: far above any request about a blueprint (4 MiB of text
    /// escaped in JSON), low enough that no client makes the server hold gigabytes.
    static let largestMessage = 64 * 1024 * 1024

    /// What one read of the stream gave.
    enum Message: Sendable, Equatable {
        /// A message's JSON, parsed.
        case json(JSON)
        /// A message whose body is not JSON (answered with a parse error).
        case unreadable
    }

    /// Appends `bytes` and returns the messages now complete. A header without a usable
    /// `Content-Length` is reported as unreadable, and what follows it is skipped up to the next
    /// `Content-Length` header (its body has no known length).
    mutating func receive<S: Sequence<UInt8>>(_ bytes: S) -> [Message] {
        buffer.append(contentsOf: bytes)
        var messages: [Message] = []
        while let headerEnd = Self.headerEnd(in: buffer) {
            let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
            guard let length = Self.contentLength(header), (0...Self.largestMessage).contains(length) else {
                buffer.removeSubrange(..<(headerEnd + 4))
                skipToNextHeader()
                messages.append(.unreadable)
                continue
            }
            guard buffer.count >= headerEnd + 4 + length else { break }
            let body = String(decoding: buffer[(headerEnd + 4)..<(headerEnd + 4 + length)], as: UTF8.self)
            buffer.removeSubrange(..<(headerEnd + 4 + length))
            messages.append(JSONText.parse(body, loneSurrogates: .replaced).map(Message.json) ?? .unreadable)
        }
        return messages
    }

    /// Drops the buffer up to the next `Content-Length` (any case), keeping a tail that may be the
    /// start of one.
    private mutating func skipToNextHeader() {
        let name = Array("content-length".utf8)
        var index = 0
        while index + name.count <= buffer.count {
            if zip(buffer[index..<(index + name.count)], name).allSatisfy({ Self.lowercased($0) == $1 }) {
                buffer.removeSubrange(..<index)
                return
            }
            index += 1
        }
        buffer.removeSubrange(..<max(0, buffer.count - name.count + 1))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// `message` framed for the stream.
    static func frame(_ message: JSON) -> [UInt8] {
        let body = Array(JSONWriter.compact(message).utf8)
        return Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body
    }

    private static func headerEnd(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index
        }
        return nil
    }

    private static func contentLength(_ header: String) -> Int? {
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { continue }
            return Int(parts[1].trimmingCharacters(in: " \t"))
        }
        return nil
    }
}

extension Substring {
    /// The text without `characters` at either end.
    func trimmingCharacters(in characters: String) -> Substring {
        var text = self
        while let first = text.first, characters.contains(first) { text.removeFirst() }
        while let last = text.last, characters.contains(last) { text.removeLast() }
        return text
    }
}
