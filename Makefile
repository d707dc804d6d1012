# The two commands of the README, plus a static release build.
.PHONY: serve test dist offline tools fuzz soak bench wheel notebook-test
serve:  ## build, serve the page on http://127.0.0.1:8080, rebuild when a source changes
	@bash scripts/dev.sh serve
test:   ## fmt, clippy (native + wasm32), native tests, wasm tests, browser e2e
	@bash scripts/dev.sh test
dist:   ## static release build in dist/ for any web host
	@bash scripts/dev.sh dist
offline: ## dist/gradscape.html: the page as one file that works from file:// (USB stick, LMS upload)
	@bash scripts/dev.sh offline
tools:  ## install the pinned tools only
	@bash scripts/dev.sh tools
fuzz:   ## run each fuzz target for FUZZ_SECONDS (default 600; nightly + cargo-fuzz)
	@bash scripts/dev.sh fuzz
soak:   ## 30 minutes of animation in headless Chromium; memory must stay flat (SOAK_MINUTES)
	@bash scripts/dev.sh soak
bench:  ## native + browser benchmarks against the budgets; writes BENCHMARKS.md
	@bash scripts/dev.sh bench $(BENCH_ARGS)
wheel:  ## the Jupyter widget's wheel: python/dist/gradscape-VERSION-py3-none-any.whl
	@bash scripts/wheel.sh
notebook-test:  ## the widget in JupyterLab in headless Chromium (fresh venv; PyPI for jupyterlab)
	@bash scripts/wheel.sh && node --test tests/notebook/
