// Browser tests of the web client against a real server: `npm run e2e` with CHAPAR_JAR naming the
// built CLI jar (the Maven module web-e2e passes it), or CHAPAR_ORIGIN naming a running server.
// Prints one line per scenario and "N passed, N failed"; exits 1 if any failed.
import { existsSync, mkdirSync } from "node:fs";
import { CHROMIUM, startBrowser, startServer } from "./harness.mjs";
import { scenarios } from "./scenarios.mjs";

const jar = process.env.CHAPAR_JAR;
const only = process.env.E2E_ONLY;
if (!existsSync(CHROMIUM)) {
  console.error(`web e2e: ${CHROMIUM} is missing; as root: apt-get install chromium (scripts/services.sh does it for ./run-tests)`);
  process.exit(1);
}
if (!process.env.CHAPAR_ORIGIN && !(jar && existsSync(jar))) {
  console.error(`web e2e: CHAPAR_JAR (${jar}) is not a built jar; build with: mvn -pl cli -am package`);
  process.exit(1);
}
const shots = new URL("../../docs/screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

const server = process.env.CHAPAR_ORIGIN ? { origin: process.env.CHAPAR_ORIGIN, stop: async () => {} } : await startServer(jar);
const browser = await startBrowser();
let passed = 0;
let failed = 0;
const env = { origin: server.origin, browser, shots, requests: browser.requests };
try {
  for (const [name, run] of Object.entries(scenarios)) {
    if (only && !name.includes(only)) continue;
    const started = Date.now();
    try {
      await run(env);
      passed++;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack ?? e}`);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
