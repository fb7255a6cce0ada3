import { expect, it } from "vitest";

it("the browser's zod skips its eval probe: instrumentation-client.ts sets the global zod reads its settings from", async () => {
  await import("@/instrumentation-client");
  const { z } = await import("zod");
  expect(z.config().jitless).toBe(true);
});
