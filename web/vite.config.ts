import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// The bundle goes straight into the Maven module's classes: the jar carries it to the server
// (docs/adr/0014-web-client.md). No inline script anywhere, so the server's CSP can forbid them.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: "target/classes/chapar-web",
    emptyOutDir: true,
    assetsDir: "assets",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    target: "es2022",
    sourcemap: false,
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
