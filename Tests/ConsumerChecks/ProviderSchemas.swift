import Foundation
import TestSupport

/// The provider schemas emitted Terraform is judged against: Google from the committed extract
/// (Tests/Fixtures/provider-schemas/google.json, made by Tests/Tools/extract-google-schema.py),
/// AWS from the installed plugin itself.
public enum ProviderSchemas {
    public static let googleExtract = Repository.root.appendingPathComponent(
        "Tests/Fixtures/provider-schemas/google.json")

    public static let google: Result<ProviderSchema, Error> = Result {
        let schemas = try ProviderSchema.load(Data(contentsOf: googleExtract))
        guard let google = schemas.first(where: { $0.source == "registry.terraform.io/hashicorp/google" }) else {
            throw ProviderSchema.Malformed(message: "\(googleExtract.path) has no hashicorp/google schema")
        }
        return google
    }

    public static let aws: Result<ProviderSchema, Error> = Result {
        try TerraformCLI.shared.get().awsSchema()
    }

    /// The schemas a root needs: Google always, AWS when the root requires it.
    public static func forRoot(requiringAWS: Bool) throws -> [ProviderSchema] {
        try [google.get()] + (requiringAWS ? [aws.get()] : [])
    }
}
