// Runs in the browser before the app. Zod 4 probes `new Function("")` the first time it validates,
// to decide whether to compile its parsers. The Content-Security-Policy forbids eval
// (lib/security/headers.ts): the probe fails, which zod handles, but the browser reports it as a
// policy violation. Under `jitless` zod skips the probe and validates the same way, uncompiled.
// `z.config({ jitless: true })` would pull zod into every page; it writes this global, which zod
// reads (tests/unit/zod-jitless.test.ts checks that it still does).
const shared = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
(shared.__zod_globalConfig ??= {}).jitless = true;

export {};
