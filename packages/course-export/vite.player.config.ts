import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The in-package player: one classic script and one stylesheet, so a SCO opened from a zip, from file:// or
// inside an LMS frame runs with no module loader, no CDN and no network request.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@stalking-response/source", "module", "browser", "production"] },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist/player",
    emptyOutDir: true,
    target: "es2020",
    minify: true,
    sourcemap: false,
    cssCodeSplit: false,
    lib: {
      entry: "src/player/main.tsx",
      name: "StalkingResponsePlayer",
      formats: ["iife"],
      fileName: () => "player.js",
      cssFileName: "player",
    },
  },
});
