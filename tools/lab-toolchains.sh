#!/bin/sh
# Says which toolchains `verdict lab` will find (go and cargo on the PATH; the official
# installers' /usr/local/go/bin and ~/.cargo/bin are added by the Makefile) and, for a missing
# one, how to install it. Never fails: the lab skips what it cannot build and says so.
for t in go cargo rustc; do
	if command -v $t >/dev/null 2>&1; then
		echo "lab toolchains: $t: $($t version 2>/dev/null || $t --version 2>/dev/null | head -n 1)"
		continue
	fi
	case $t in
	go) pkg=golang-go note="Debian 12's Go is 1.19, older than the Go 1.26 (Green Tea GC) the articles' GC claims are about; https://go.dev/dl has the current one" ;;
	*) pkg="cargo rustc" note="Debian 12's Rust is 1.63, too old for axum 0.8 (Rust 1.75 and later); rustup (https://rustup.rs) installs the current one" ;;
	esac
	echo "lab toolchains: $t not found: apt-get install $pkg ($note); the lab's $t workloads will be skipped"
done
