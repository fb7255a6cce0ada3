// This machine's npm registry mirror serves only the Linux builds of native
// packages, so `npm install` leaves the other platforms' optional packages out
// of package-lock.json and `npm ci` then refuses the lock file. Record them as
// optional, platform-restricted entries (as npm would on a full registry) so
// `npm ci` skips them. Run after `npm install` changes the lock file.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

function platformOf(name) {
  const suffix = name.split("/").pop();
  const os = ["android", "darwin", "freebsd", "linux", "win32", "wasm32"].find((candidate) =>
    suffix.includes(`-${candidate}-`),
  );
  const cpu = ["arm64", "x64", "arm", "ia32", "wasi"].find((candidate) => suffix.includes(`-${candidate}`));
  if (os === "wasm32") return { cpu: ["wasm32"] };
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu] };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dependency, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const target = `node_modules/${dependency}`;
    if (packages[target] || packages[`${path}/${target}`]) continue;
    const platform = platformOf(dependency);
    if (!platform) continue;
    packages[target] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platform };
    added += 1;
  }
}

writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: ${added} platform-specific optional packages recorded`);
