// @ts-check
import { defineProject } from "vitest/config";

/** The export condition that points workspace packages at their TypeScript source. */
export const sourceCondition = "@stalking-response/source";

/**
 * Vitest project settings shared by every package: workspace siblings resolve to `src/`
 * so a test never waits for a build.
 *
 * @param {{ name: string; environment?: "node" | "jsdom" | "happy-dom"; include?: string[]; setupFiles?: string[]; testTimeout?: number; fileParallelism?: boolean }} options
 */
export function defineVitestProject(options) {
  const conditions = [sourceCondition, "module", "browser", "development|production"];
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions: [sourceCondition, "module", "node", "development|production"] } },
    test: {
      name: options.name,
      environment: options.environment ?? "node",
      include: options.include ?? ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
      setupFiles: options.setupFiles ?? [],
      testTimeout: options.testTimeout ?? 10_000,
      ...(options.fileParallelism === undefined ? {} : { fileParallelism: options.fileParallelism }),
    },
  });
}
