import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = [
  { find: /^~\//, replacement: `${path.resolve("app")}/` },
  { find: /^#db\//, replacement: `${path.resolve("db")}/` },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        // The calibration suite (tests/calibration, issue 14) runs with the unit tests, so `npm test` runs it.
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts", "tests/calibration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        // Real server processes from the production build (run after `remix build`, see package.json).
        // Without DATABASE_URL (a laptop without PostgreSQL) there is nothing to run; CI always has it.
        test: {
          name: "scale",
          include: ["tests/scale/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
