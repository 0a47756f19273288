#!/bin/sh
# Registers the `default` namespace once; Recert registers its own search attributes at boot.
set -eu
temporal operator namespace describe --namespace default >/dev/null 2>&1 ||
  temporal operator namespace create --namespace default --retention 30d
