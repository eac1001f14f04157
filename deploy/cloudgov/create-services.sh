#!/usr/bin/env bash
# Create the three services the manifest binds (once per space). Plans: `cf marketplace`.
set -euo pipefail
app="${1:-rescue-restore}"
cf create-service aws-rds micro-psql "$app-db"
cf create-service aws-elasticache-redis redis-dev "$app-redis"
cf create-service s3 basic "$app-media"
echo "Now set the secrets: cf set-env $app-web DJANGO_SECRET_KEY … (see docs/deploy.md), for each app."
