/// Whether changing an attribute forces Terraform to replace the resource: the providers' facts
/// (`ReplacementFacts`, made from their sources), and Terraform's own `terraform_data`, whose
/// `triggers_replace` replaces it and whose `input` is updated in place.
enum ProviderReplacement {
    static func forcesReplacement(_ type: String, _ path: [String]) -> Bool? {
        if type == "terraform_data" {
            switch path.first {
            case "triggers_replace": return true
            case "input": return false
            default: return nil
            }
        }
        return ReplacementFacts.forcesReplacement(type: type, path: path)
    }
}
