/// A typed setting value after Resolve: literals, or references that only Lower (module outputs)
/// or Terraform (`((...))`) can settle.
public indirect enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case list([Value])
    /// A map or object. Rendered with sorted keys.
    case map([String: Value])
    /// `$(module.output...)`: settled by Lower, from the module's IR.
    case output(OutputReference)
    /// A string interpolating at least one module output or Terraform expression.
    case template([TemplatePart])
    /// `((...))`: raw Terraform expression text, passed through unchecked.
    case terraform(String)

    /// The string, when this is a literal string.
    public var string: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The whole number, when this is one (a float with no fraction counts).
    public var int: Int? {
        switch self {
        case let .int(number): return number
        case let .float(number) where number == number.rounded() && abs(number) < 1e15: return Int(number)
        default: return nil
        }
    }

    /// The number as a double.
    public var number: Double? {
        switch self {
        case let .int(number): Double(number)
        case let .float(number): number
        default: nil
        }
    }

    /// The boolean, when this is one.
    public var bool: Bool? {
        if case let .bool(flag) = self { return flag }
        return nil
    }

    /// The elements, when this is a list.
    public var list: [Value]? {
        if case let .list(elements) = self { return elements }
        return nil
    }

    /// The members, when this is a map or object.
    public var map: [String: Value]? {
        if case let .map(members) = self { return members }
        return nil
    }

    /// True for null.
    public var isNull: Bool { self == .null }

    /// True when nothing inside waits for Lower or Terraform.
    public var isLiteral: Bool {
        switch self {
        case .output, .template, .terraform: false
        case let .list(elements): elements.allSatisfy(\.isLiteral)
        case let .map(members): members.values.allSatisfy(\.isLiteral)
        default: true
        }
    }

    /// Module references anywhere inside.
    public var outputReferences: [OutputReference] {
        switch self {
        case let .output(reference): [reference]
        case let .template(parts): parts.compactMap { if case let .output(reference) = $0 { reference } else { nil } }
        case let .list(elements): elements.flatMap(\.outputReferences)
        case let .map(members): members.keys.sorted().flatMap { members[$0]!.outputReferences }
        default: []
        }
    }
}

/// `$(module.output[0].field)`.
public struct OutputReference: Hashable, Sendable {
    /// The referenced module.
    public var module: ModuleID
    /// Its output.
    public var output: String
    /// Indexing after the output.
    public var path: [Accessor]
    /// Where the reference was written.
    public var location: SourceLocation
    /// `merge(reference, {...})`: literal members that replace (or add to) those of the object the
    /// reference names. Resolve cannot know that object, so the merge waits for Lower (which
    /// merges the known value) or Terraform (which gets `merge(...)`). Empty for a plain reference.
    var merged: [String: Value] = [:]

    /// The reference in blueprint syntax, without `$( )`.
    public var text: String {
        let plain = "\(module).\(output)" + path.map(\.text).joined()
        return merged.isEmpty ? plain : "merge(\(plain), \(ValueText.hcl(.map(merged))))"
    }
}

/// One step into a list or object.
public enum Accessor: Hashable, Sendable {
    case index(Int)
    case key(String)

    /// `[0]` or `.name`.
    public var text: String {
        switch self {
        case let .index(index): "[\(index)]"
        case let .key(key): ".\(key)"
        }
    }
}

/// A piece of an interpolated string.
public enum TemplatePart: Hashable, Sendable {
    case literal(String)
    case output(OutputReference)
    case terraform(String)
}

extension Value {
    /// The value as JSON: `text` writes each string (escaping it for the format), `expression`
    /// writes an output reference, template or Terraform text as the string that stands for it.
    func json(text: (String) -> String, expression: (Value) -> String) -> JSON {
        switch self {
        case .null: .null
        case let .bool(flag): .bool(flag)
        case let .int(number): .int(number)
        case let .float(number): .double(number)
        case let .string(string): .string(text(string))
        case let .list(elements): .array(elements.map { $0.json(text: text, expression: expression) })
        case let .map(members): .object(members.mapValues { $0.json(text: text, expression: expression) })
        case .output, .template, .terraform: .string(expression(self))
        }
    }
}
