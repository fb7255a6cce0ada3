import { readFileSync } from "node:fs";
import path from "node:path";

/** The demo accounts' password (scripts/seed.ts). */
export const DEMO_PASSWORD = "luoshi-demo-2025";

/** Every request of the suite gives up after this long: a hang is a failure, never a stuck run. */
export const REQUEST_TIMEOUT_MS = 45_000;

type Manifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

let manifest: Manifest | undefined;

/**
 * The id of a server action in the production build, by its file under app/actions
 * ("reports/save-report"), from .next/server/server-reference-manifest.json.
 */
export function actionId(file: string): string {
  manifest ??= JSON.parse(readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const entry = Object.entries(manifest.node).find(([, action]) => action.filename === `app/actions/${file}.ts`);
  if (!entry) throw new Error(`no server action app/actions/${file}.ts in the build (run npm run build)`);
  return entry[0];
}

export type Fields = Record<string, string | Blob>;

/**
 * Decodes what a server action returned from its React Flight response: row 0 is
 * `{ a: <result or $@ref>, f: …, b: … }`; rows are `<hex id>:<json>` or `<hex id>:T<hex length>,<text>`.
 * Handles the values actions here return (objects, arrays, strings, numbers, booleans, null).
 */
export function actionResultOf(body: Buffer): unknown {
  const rows = new Map<number, unknown>();
  let at = 0;
  while (at < body.length) {
    const colon = body.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = Number.parseInt(body.subarray(at, colon).toString("latin1"), 16);
    if (body[colon + 1] === 0x54 /* T */) {
      const comma = body.indexOf(0x2c, colon);
      const length = Number.parseInt(body.subarray(colon + 2, comma).toString("latin1"), 16);
      rows.set(id, { text: body.subarray(comma + 1, comma + 1 + length).toString("utf8") });
      at = comma + 1 + length;
      continue;
    }
    const end = body.indexOf(0x0a, colon);
    const line = body.subarray(colon + 1, end < 0 ? body.length : end).toString("utf8");
    at = end < 0 ? body.length : end + 1;
    if (/^[[{"\dtfn-]/.test(line)) rows.set(id, { json: JSON.parse(line) as unknown });
    else rows.set(id, { other: line });
  }
  const resolve = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (!value.startsWith("$")) return value;
      if (value.startsWith("$$")) return value.slice(1);
      if (value === "$undefined") return undefined;
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref) return row(Number.parseInt(ref[1], 16));
      throw new Error(`unsupported flight value ${value}`);
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolve(item)]));
    return value;
  };
  const row = (id: number): unknown => {
    const found = rows.get(id) as { json?: unknown; text?: string; other?: string } | undefined;
    if (!found) throw new Error(`flight row ${id} missing in ${body.toString("utf8").slice(0, 2000)}`);
    if ("text" in found) return found.text;
    if ("other" in found) throw new Error(`flight row ${id} is not a value: ${found.other!.slice(0, 500)}`);
    return resolve(found.json);
  };
  const root = rows.get(0) as { json?: { a?: unknown } } | undefined;
  if (!root?.json || typeof root.json !== "object" || !("a" in root.json)) {
    throw new Error(`not an action response: ${body.toString("utf8").slice(0, 2000)}`);
  }
  return resolve(root.json.a);
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  text(): string;
}

/**
 * One browser: a cookie jar and the requests a page makes, against one app instance (which can be
 * switched: the cookies go along, as behind a load balancer).
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async request(pathname: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit } = {}): Promise<HttpResponse> {
    const response = await fetch(new URL(pathname, this.baseUrl), {
      method: init.method ?? "GET",
      headers: { ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}), ...init.headers },
      body: init.body,
      redirect: "manual",
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || value === "";
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, body, text: () => body.toString("utf8") };
  }

  /** next-auth's credentials sign-in, as its client does it. Null on success, else the error it reports. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<string | null> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.text()) as { csrfToken: string };
    const response = await this.request("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${this.baseUrl}/`, json: "true" }).toString(),
    });
    const location = response.headers.get("location") ?? (JSON.parse(response.text()) as { url?: string }).url ?? "";
    const error = new URL(location, this.baseUrl).searchParams.get("error");
    if (error) return error;
    if (!this.hasCookie("next-auth.session-token")) throw new Error(`sign-in gave no session cookie (${response.status}): ${response.text().slice(0, 500)}`);
    return null;
  }

  /** next-auth's sign-out, as its client does it (the session ends on the server too). */
  async signOut(): Promise<void> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.text()) as { csrfToken: string };
    const response = await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: this.baseUrl },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${this.baseUrl}/`, json: "true" }).toString(),
    });
    if (response.status >= 400) throw new Error(`sign-out answered ${response.status}`);
  }

  /**
   * Calls a server action as the page's JavaScript does (`Next-Action` header, the arguments
   * `(null, formData)` encoded as React encodes a reply) and returns what the action returned.
   * `page` is the path of a page that uses the action.
   */
  async action(file: string, page: string, fields: Fields): Promise<unknown> {
    const response = await this.actionResponse(file, page, fields);
    if (response.status !== 200) throw new Error(`action ${file} answered ${response.status}: ${response.text().slice(0, 1000)}`);
    return actionResultOf(response.body);
  }

  async actionResponse(file: string, page: string, fields: Fields): Promise<HttpResponse> {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
    body.append("0", JSON.stringify([null, "$K1"]));
    return this.request(page, {
      method: "POST",
      headers: { "next-action": actionId(file), accept: "text/x-component", origin: this.baseUrl },
      body,
    });
  }

  /**
   * Posts a form as a browser without JavaScript does: a multipart POST to the page with the field
   * `$ACTION_ID_<id>`; Next calls the action with the form data alone and answers with the page.
   */
  async postForm(file: string, page: string, fields: Fields): Promise<HttpResponse> {
    const body = new FormData();
    body.append(`$ACTION_ID_${actionId(file)}`, "");
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    return this.request(page, { method: "POST", headers: { accept: "text/html", origin: this.baseUrl }, body });
  }
}
