#!/usr/bin/env bash
# Regenerates Plugins/NeuronaONNX/_Generated/onnx.pb.swift, the Swift types of ONNX's protobuf
# schema, which is committed (swift-protobuf's build plugin would rebuild protoc and protoc-gen-swift
# on every clean build: minutes). Not run by `make`; run it by hand after changing ONNX_VERSION or
# swift-protobuf's version in Package.swift, and commit the result.
#
# Needs: protoc (`apt-get install protobuf-compiler`), the pip package onnx at ONNX_VERSION (its
# wheel ships onnx.proto, the schema the ONNX project itself compiles), and a resolved package
# (`swift package resolve`), whose swift-protobuf checkout gives protoc-gen-swift, built here in a
# copy under /tmp so the package's own .build is left alone.
# The generated types have `package` visibility (Visibility=Package): seen by NeuronaONNX and its tests,
# never public, so the public API is Neurona's.
# Usage: Scripts/generate-onnx-proto.sh   (SWIFT overrides the swift binary; PROTOC_GEN_SWIFT names an
# already built protoc-gen-swift of the same swift-protobuf version, to skip its release build: minutes)
set -euo pipefail
ONNX_VERSION=1.23.2
root="$(cd "$(dirname "$0")/.." && pwd)"
swift="${SWIFT:-swift}"
out="$root/Plugins/NeuronaONNX/_Generated"

command -v protoc >/dev/null || { echo "generate-onnx-proto: protoc not found (apt-get install protobuf-compiler)"; exit 1; }
installed="$(python3 -c 'import onnx; print(onnx.__version__)' 2>/dev/null || true)"
[ "$installed" = "$ONNX_VERSION" ] || {
    echo "generate-onnx-proto: needs the pip package onnx==$ONNX_VERSION (found: ${installed:-none}); pip install onnx==$ONNX_VERSION"; exit 1; }
schema_dir="$(python3 -c 'import onnx, os; print(os.path.dirname(onnx.__file__))')"

work="$(mktemp -d /tmp/generate-onnx-proto.XXXXXX)"
trap 'rm -rf "$work"' EXIT
plugin="${PROTOC_GEN_SWIFT:-}"
if [ -z "$plugin" ]; then
    checkout="$root/.build/checkouts/swift-protobuf"
    [ -d "$checkout" ] || { echo "generate-onnx-proto: $checkout is missing (swift package resolve)"; exit 1; }
    cp -R "$checkout" "$work/swift-protobuf"
    "$swift" build -c release --package-path "$work/swift-protobuf" --product protoc-gen-swift
    plugin="$("$swift" build -c release --package-path "$work/swift-protobuf" --show-bin-path)/protoc-gen-swift"
fi
[ -x "$plugin" ] || { echo "generate-onnx-proto: $plugin is not an executable protoc-gen-swift"; exit 1; }

mkdir -p "$work/out"
protoc --plugin=protoc-gen-swift="$plugin" --proto_path="$schema_dir" \
       --swift_opt=Visibility=Package --swift_out="$work/out" onnx.proto
mkdir -p "$out"
mv "$work/out/onnx.pb.swift" "$out/onnx.pb.swift"
echo "generate-onnx-proto: wrote $out/onnx.pb.swift from onnx $ONNX_VERSION's onnx.proto"
