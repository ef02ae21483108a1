"""What serving the API over HTTP needs beyond the pipeline: errors, request context and logs,
limits, metrics, health, offline docs and keys. `copilot.api` wires these modules together."""
