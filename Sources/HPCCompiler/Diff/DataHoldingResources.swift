/// The Terraform resource types whose objects hold data that is gone when Terraform replaces or
/// destroys them: filesystems, buckets, databases and disks. A replaced instance or template is
/// not on the list: what it holds is rebuilt from its image and startup script, and hpcc keeps
/// state that must survive (a Slurm controller's state, accounting) on a resource that is.
enum DataHoldingResources {
    static let types: Set<String> = [
        // AWS
        "aws_db_instance", "aws_rds_cluster", "aws_dynamodb_table", "aws_ebs_volume", "aws_efs_file_system",
        "aws_fsx_lustre_file_system", "aws_fsx_ontap_file_system", "aws_fsx_openzfs_file_system",
        "aws_fsx_windows_file_system", "aws_s3_bucket", "aws_elasticache_replication_group",
        // Google Cloud
        "google_bigquery_dataset", "google_bigquery_table", "google_compute_disk", "google_compute_region_disk",
        "google_filestore_instance", "google_lustre_instance", "google_netapp_volume", "google_parallelstore_instance",
        "google_sql_database", "google_sql_database_instance", "google_storage_bucket",
    ]

    static func holdsData(_ type: String) -> Bool { types.contains(type) }
}
