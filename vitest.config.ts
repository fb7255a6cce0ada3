import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("./", import.meta.url));
const shared = {
  resolve: {
    alias: [
      { find: /^@\//, replacement: root },
      // `server-only` throws outside Next's server bundle; in tests the whole process is the server.
      { find: /^server-only$/, replacement: `${root}tests/setup/server-only.ts` },
    ],
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/setup/database.ts"],
          setupFiles: ["tests/setup/database-env.ts"],
          // The files share one freshly migrated database, so they run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        ...shared,
        test: {
          // `npm run test:reliability`, not `npm test`: the production build served by `next start`
          // against a scratch database on the PostgreSQL server (tests/reliability/support).
          name: "reliability",
          include: ["tests/reliability/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/reliability/support/global-setup.ts"],
          // The files share one database and start app servers of their own: one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
