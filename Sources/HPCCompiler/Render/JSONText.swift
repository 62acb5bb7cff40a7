import Foundation

/// JSON text a blueprint holds (a dashboard widget), read into `JSON` so that hpcc writes it
/// back in its own canonical form inside the documents it emits.
enum JSONText {
    /// The value `text` spells, or nil when it is not JSON.
    static func parse(_ text: String) -> JSON? {
        try? JSONDecoder().decode(Node.self, from: Data(text.utf8)).value
    }

    /// One decoded value. Booleans are tried before numbers: the decoder reads `1` as no Bool,
    /// so a number never becomes one, and whole numbers stay whole.
    private struct Node: Decodable {
        let value: JSON

        init(from decoder: any Decoder) throws {
            if var list = try? decoder.unkeyedContainer() {
                var elements: [JSON] = []
                while !list.isAtEnd { elements.append(try list.decode(Node.self).value) }
                value = .array(elements)
                return
            }
            if let object = try? decoder.container(keyedBy: Name.self) {
                var members: [String: JSON] = [:]
                for key in object.allKeys { members[key.stringValue] = try object.decode(Node.self, forKey: key).value }
                value = .object(members)
                return
            }
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let flag = try? single.decode(Bool.self) {
                value = .bool(flag)
            } else if let whole = try? single.decode(Int.self) {
                value = .int(whole)
            } else if let number = try? single.decode(Double.self) {
                value = .double(number)
            } else {
                value = .string(try single.decode(String.self))
            }
        }
    }

    /// Any member name of an object.
    private struct Name: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
