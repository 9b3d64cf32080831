import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The SPA is built into dist/client and served by the API process on one port.
export default defineConfig({
  root: "src/client",
  plugins: [react()],
  resolve: { conditions: ["@stalking-response/source", "module", "browser", "development|production"] },
  build: { outDir: "../../dist/client", emptyOutDir: true, sourcemap: true },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
