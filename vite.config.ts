import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// One file configures both the workbench build (Vite) and the test runner (Vitest).
export default defineConfig({
  plugins: [react()],
  base: "./",
  build: { outDir: "dist", emptyOutDir: true },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    reporters: ["default", "./test/support/plainSummaryReporter.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
