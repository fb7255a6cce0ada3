import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPEN_DATA_COLUMNS } from "@/lib/public/open-data";
import { OPENAPI, openDataFileParams } from "@/lib/public/openapi";

const API_DIR = path.join(process.cwd(), "app/api/v1");

/** Every route handler under app/api/v1, as its path with dynamic segments: "/plans/[planId]/quarters/[file]". */
function routeFiles(dir: string, prefix = ""): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return routeFiles(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return entry.name === "route.ts" ? [prefix] : [];
  });
}

/** Whether a path of the description is served by the route: each [segment] matches one path segment's text. */
function serves(route: string, described: string): boolean {
  const pattern = route
    .split("/")
    .map((segment) => (/^\[.+\]$/.test(segment) ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${pattern}$`).test(described);
}

describe("the OpenAPI description", () => {
  const routes = routeFiles(API_DIR);
  const described = Object.keys(OPENAPI.paths);

  it("is OpenAPI 3.1 served under /api/v1", () => {
    expect(OPENAPI.openapi).toBe("3.1.0");
    expect(OPENAPI.servers).toEqual([{ url: "/api/v1" }]);
  });

  it("describes every route handler under app/api/v1, and nothing that has none", () => {
    expect(routes.length).toBeGreaterThanOrEqual(3);
    for (const route of routes) expect(described.filter((p) => serves(route, p)), `route ${route}`).not.toEqual([]);
    for (const p of described) expect(routes.filter((route) => serves(route, p)), `path ${p}`).not.toEqual([]);
  });

  it("describes a row with exactly the open-data columns", () => {
    expect(Object.keys(OPENAPI.components.schemas.Row.properties)).toEqual([...OPEN_DATA_COLUMNS]);
  });

  it("resolves every $ref it makes", () => {
    const refs = [...JSON.stringify(OPENAPI).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(OPENAPI.components.schemas).toHaveProperty(ref);
  });
});

describe("the quarter file of the address", () => {
  it.each([
    [{ planId: "3", file: "2.json" }, { planId: 3, quarter: 2, format: "json" }],
    [{ planId: "3", file: "4.csv" }, { planId: 3, quarter: 4, format: "csv" }],
  ])("%o reads as %o", (params, parsed) => {
    expect(openDataFileParams.parse(params)).toEqual(parsed);
  });

  it.each([
    { planId: "3", file: "5.json" },
    { planId: "3", file: "2.xlsx" },
    { planId: "3", file: "2" },
    { planId: "0", file: "1.json" },
    { planId: "abc", file: "1.csv" },
  ])("refuses %o", (params) => {
    expect(openDataFileParams.safeParse(params).success).toBe(false);
  });
});
