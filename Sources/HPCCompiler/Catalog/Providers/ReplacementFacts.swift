// PLACEHOLDER until the generated catalog lands (issue 24 work in progress): knows nothing.
enum ReplacementFacts {
    static func forcesReplacement(type: String, path: [String]) -> Bool? { nil }
}
