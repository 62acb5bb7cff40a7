# Settings of module 'builder' of deployment 'lab', resolved by hpcc.

project_id = "lab-hpc-demo"
zone = "us-central1-c"
region = "us-central1"
machine_type = "c2-standard-8"
disk_size = 50
disk_type = "pd-ssd"
on_host_maintenance = "MIGRATE"
source_image_family = "slurm-gcp-6-12-hpc-rocky-linux-9"
source_image_project_id = ["schedmd-slurm-public"]
image_family = "lab-compute"
labels = {"hpcc_blueprint" = "gcp-slurm-image", "hpcc_deployment" = "lab", "hpcc_module" = "builder"}
subnetwork_name = "lab-primary-subnet"
omit_external_ip = true
service_account_scopes = ["https://www.googleapis.com/auth/cloud-platform"]
communicator = "none"
ssh_username = "hpc-toolkit-packer"
wrap_startup_script = true
state_timeout = "20m"
metadata = {"enable-oslogin" = "TRUE"}
