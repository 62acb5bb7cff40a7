# Packer template of module 'builder' (group 'image') of deployment
# 'lab', written by hpcc. Its settings are in hpcc.auto.pkrvars.hcl, which Packer reads
# by itself. Apply the groups it reads from, then run `packer build .` in this folder.

packer {
  required_version = ">= 1.6.6"
}

variable "project_id" {
  type = string
}

variable "zone" {
  type = string
}

variable "region" {
  type = string
}

variable "machine_type" {
  type = string
}

variable "disk_size" {
  type = number
}

variable "disk_type" {
  type = string
}

variable "on_host_maintenance" {
  type = string
}

variable "source_image_family" {
  type = string
}

variable "source_image_project_id" {
  type = list(string)
}

variable "image_family" {
  type = string
}

variable "labels" {
  type = map(string)
}

variable "subnetwork_name" {
  type = string
}

variable "omit_external_ip" {
  type = bool
}

variable "service_account_scopes" {
  type = list(string)
}

variable "communicator" {
  type = string
}

variable "ssh_username" {
  type = string
}

variable "wrap_startup_script" {
  type = bool
}

variable "state_timeout" {
  type = string
}

variable "metadata" {
  type = map(string)
}

source "googlecompute" "image" {
  project_id = var.project_id
  zone = var.zone
  region = var.region
  machine_type = var.machine_type
  disk_size = var.disk_size
  disk_type = var.disk_type
  on_host_maintenance = var.on_host_maintenance
  source_image_family = var.source_image_family
  source_image_project_id = var.source_image_project_id
  image_family = var.image_family
  image_name = "${var.image_family}-${formatdate("YYYYMMDD't'hhmmss'z'", timestamp())}"
  image_labels = var.labels
  labels = var.labels
  subnetwork = var.subnetwork_name
  omit_external_ip = var.omit_external_ip
  use_internal_ip = var.omit_external_ip
  scopes = var.service_account_scopes
  communicator = var.communicator
  ssh_username = var.ssh_username
  metadata = merge({
    block-project-ssh-keys = "TRUE"
    shutdown-script        = "#!/bin/bash\nuserdel -r hpc-toolkit-packer\nsed -i '/hpc-toolkit-packer/d' /var/lib/google/google_users\n"
  }, var.metadata, { startup-script = file("${path.root}/../../scripts/startup/software.sh") })
  wrap_startup_script = var.wrap_startup_script
  state_timeout = var.state_timeout
}

build {
  sources = ["source.googlecompute.image"]

  post-processor "manifest" {
    output     = "${path.root}/packer-manifest.json"
    strip_path = true
  }
}
