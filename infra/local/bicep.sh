#!/usr/bin/env bash
# Builds and lints the Bicep templates offline.
#
#   infra/local/bicep.sh            install the Bicep CLI if missing, build infra/main.bicep to
#                                   artifacts/infra/main.json, lint with warnings treated as errors
#   infra/local/bicep.sh --path     print the path of the Bicep CLI (installing it if missing)
#
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored with a throwaway
# project under .local/bicep/, which git ignores), so it needs nothing but the .NET SDK and the NuGet feed.
# Idempotent and non-interactive; called by `infra/local/dev.sh bicep` and `dev.sh test`.
set -euo pipefail

BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"
BICEP_VERSION="${BICEP_VERSION:-0.49.2}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
NUGET_PACKAGES_DIR="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
PACKAGE_DIR="$NUGET_PACKAGES_DIR/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION"
BICEP="$PACKAGE_DIR/tools/bicep"
RESTORE_DIR="$ROOT/.local/bicep"
OUT_DIR="$ROOT/artifacts/infra"

log() { echo "bicep.sh: $*" >&2; }

install_bicep() {
  if [[ -f "$BICEP" ]]; then
    [[ -x "$BICEP" ]] || chmod +x "$BICEP"
    return 0
  fi
  command -v dotnet >/dev/null 2>&1 || { log "the .NET SDK (dotnet) is required to restore $BICEP_PACKAGE"; exit 1; }
  log "restoring $BICEP_PACKAGE $BICEP_VERSION from NuGet"
  mkdir -p "$RESTORE_DIR"
  # Empty props files stop MSBuild from importing the repository's build settings (central package
  # management would reject the versioned PackageDownload).
  printf '<Project />\n' > "$RESTORE_DIR/Directory.Build.props"
  printf '<Project />\n' > "$RESTORE_DIR/Directory.Build.targets"
  printf '<Project />\n' > "$RESTORE_DIR/Directory.Packages.props"
  cat > "$RESTORE_DIR/bicep-restore.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
XML
  (cd "$RESTORE_DIR" && dotnet restore bicep-restore.csproj --nologo -v quiet) >&2
  if [[ ! -f "$BICEP" ]]; then
    log "restore finished but $BICEP is missing"
    exit 1
  fi
  chmod +x "$BICEP"
}

install_bicep

if [[ "${1:-}" == "--path" ]]; then
  echo "$BICEP"
  exit 0
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export BICEP_TRACING_ENABLED=false

mkdir -p "$OUT_DIR"
log "$("$BICEP" --version 2>&1 | head -n 1)"

# `bicep build` prints diagnostics (warnings included) on stderr and still exits 0 for warnings,
# so any diagnostic output counts as a failure.
build_log="$(mktemp)"
lint_log="$(mktemp)"
trap 'rm -f "$build_log" "$lint_log"' EXIT

status=0
if ! "$BICEP" build "$ROOT/infra/main.bicep" --outfile "$OUT_DIR/main.json" >"$build_log" 2>&1; then
  status=1
fi
if [[ -s "$build_log" ]]; then
  cat "$build_log" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  log "build failed: infra/main.bicep"
  exit 1
fi
log "built artifacts/infra/main.json"

if ! "$BICEP" lint "$ROOT/infra/main.bicep" >"$lint_log" 2>&1; then
  status=1
fi
# `bicep lint` exits 0 when it only finds warnings: any diagnostic it prints fails the run.
if [[ -s "$lint_log" ]]; then
  cat "$lint_log" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  log "lint failed (warnings are errors)"
  exit 1
fi
log "lint passed: no warnings"
