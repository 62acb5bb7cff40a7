/// Terraform's own guard on a resource that holds data: `lifecycle.prevent_destroy` makes every plan
/// that would destroy or replace it fail, so `terraform destroy` stops before it removes anything
/// (a service's own deletion protection, such as RDS's, fails only when Terraform reaches the
/// resource, after others are gone). One rule for every module with `deletion_protection`.
enum AWSDeletionProtection {
    /// The resource's `lifecycle` block: `prevent_destroy` when protected, none otherwise.
    static func lifecycle(_ protected: Bool) -> JSON {
        .when(protected, .object(["prevent_destroy": true]))
    }
}
