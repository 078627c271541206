// The verdict page in a real browser: Debian's chromium driven by playwright-core. Starts
// `verdict serve` on a free loopback port, answers the three questions (with and without
// JavaScript), fills the profile form, checks the chart is drawn, prices the profile, browses the
// evidence, and keeps screenshots in build/artifacts/.
// Usage: VERDICT=build/verdict node --test tests/browser/
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const bin = process.env.VERDICT || "build/verdict";
const artifacts = process.env.ARTIFACTS || "build/artifacts";
let server, base, browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  server = spawn(bin, ["serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((resolve, reject) => {
    // a bound on a busy machine, not a guess at how long it takes: the URL is read as soon as
    // its line is complete (output arrives in chunks that may split it)
    const timer = setTimeout(() => reject(new Error("verdict serve did not start")), 60000);
    let out = "";
    server.stdout.on("data", (d) => {
      out += String(d);
      const m = /http:\/\/127\.0\.0\.1:(\d+)\/[^\n]*\n/.exec(out);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    server.on("exit", (code) => reject(new Error(`verdict serve exited (${code}) before serving`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill("SIGTERM");
});

test("three questions give a verdict", async () => {
  const page = await browser.newPage();
  await page.goto(base + "/");
  await page.selectOption("#q-building", "proxy");
  await page.selectOption("#q-team", "go");
  await page.selectOption("#q-constraint", "latency");
  await page.click("#q-submit");
  const verdict = page.locator("#quick-result #verdict");
  await verdict.waitFor({ timeout: 10000 });
  assert.equal(await verdict.textContent(), "Rust");
  assert.match(await page.locator("#quick-result").textContent(), /p99 target of 4 ms is below the 5 ms line/);
  await page.screenshot({ path: `${artifacts}/quick.png`, fullPage: false });
  await page.close();
});

test("the quick verdict works without JavaScript", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(base + "/");
  await page.selectOption("#q-building", "web-service");
  await page.selectOption("#q-team", "go");
  await page.selectOption("#q-constraint", "ship-fast");
  await Promise.all([page.waitForURL(/\/quick\?/), page.click("#q-submit")]);
  assert.equal(await page.locator("#verdict").textContent(), "Go");
  await context.close();
});

test("the profile form draws the report with charts", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(base + "/");
  await page.selectOption("#profile-form select[name=building]", "cache");
  await page.fill("#profile-form input[name=p99_ms]", "2");
  await page.selectOption("#profile-form select[name=gc]", "avoid");
  await page.fill("#profile-form input[name='team.size']", "6");
  await page.fill("#profile-form input[name='team.know_rust']", "3");
  await page.click("#decide");
  await page.locator("#profile-result svg.chart").first().waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#profile-result #verdict").textContent(), "Rust");
  const bars = await page.locator("#profile-result svg.chart rect.bar").count();
  assert.ok(bars >= 18, `expected the criteria chart's bars, got ${bars}`);
  const box = await page.locator("#profile-result svg.chart").first().boundingBox();
  assert.ok(box && box.width > 200 && box.height > 50, "the chart has a size on the page");
  await page.locator("#profile-result").screenshot({ path: `${artifacts}/profile-report.png` });

  // the cost calculator prices the same profile
  await page.fill("#profile-form input[name='costs.engineer_hour_usd']", "120");
  await page.click("#cost");
  await page.locator("#cost-result table.costs").waitFor({ timeout: 10000 });
  assert.match(await page.locator("#cost-result").textContent(), /hiring/);

  // a bad value is refused with the parser's message
  await page.fill("#profile-form input[name='team.know_rust']", "9");
  await page.click("#decide");
  // (a locator, not waitForFunction: the page's Content-Security-Policy forbids eval)
  await page.locator("#profile-error", { hasText: "cannot exceed" }).waitFor({ timeout: 10000 });
  assert.match(await page.locator("#profile-error").textContent(), /team.know_rust \(9\) cannot exceed team.size \(6\)/);
  await page.close();
});

test("the profile form sends where it runs and what it builds on", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
  await page.goto(base + "/");
  // a Go team building a log store on its own Go libraries: the code it reuses decides
  await page.selectOption("#profile-form select[name=building]", "database");
  await page.fill("#profile-form input[name='team.size']", "6");
  await page.fill("#profile-form input[name='team.know_go']", "6");
  await page.selectOption("#profile-form select[name='reuse.language']", "go");
  await page.fill("#profile-form input[name='reuse.what']", "Prometheus TSDB");
  await page.selectOption("#profile-form select[name='reuse.share']", "core");
  await page.click("#decide");
  await page.locator("#profile-result #verdict").waitFor({ timeout: 15000 });
  assert.equal(await page.locator("#profile-result #verdict").textContent(), "Go");
  assert.match(await page.locator("#profile-result").textContent(), /Prometheus TSDB/);
  // the same team, loaded into a Python process as an extension module: Go cannot live there
  await page.selectOption("#profile-form select[name=embedded_in]", "python");
  await page.click("#decide");
  await page.locator("#profile-result #verdict", { hasText: "Rust" }).waitFor({ timeout: 15000 });
  await page.close();
});

test("the evidence browser lists and filters claims", async () => {
  const page = await browser.newPage();
  await page.goto(base + "/");
  await page.locator("#claims table tr").nth(100).waitFor({ timeout: 10000 });
  const all = await page.locator("#claims table tr").count();
  await page.fill("#claim-filter", "operator");
  const some = await page.locator("#claims table tr").count();
  assert.ok(all > 150 && some > 1 && some < all, `filtering: ${all} rows, then ${some}`);
  assert.match(await page.locator("#conflicts").textContent(), /How admired Rust is/);
  await page.close();
});
