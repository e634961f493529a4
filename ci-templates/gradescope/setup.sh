#!/usr/bin/env bash
# Gradescope autograder set-up (runs once, as root, on Gradescope's Ubuntu image).
# Installs Node.js 20 and Python 3, then the checker's dependencies from package-lock.json.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

apt-get update
apt-get install -y --no-install-recommends ca-certificates curl gnupg python3

if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  # NodeSource's Node.js 20 packages for Ubuntu.
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi

cd /autograder/source
npm ci   # runs `prepare`, which compiles the checker into dist/
node --version
python3 --version
