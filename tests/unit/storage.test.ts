import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeFromEnv } from "@/lib/storage";
import { LocalFolderStore } from "@/lib/storage/local";
import { S3Store, type S3Config } from "@/lib/storage/s3";
import type { BlobStore } from "@/lib/storage/store";

const bytes = new TextEncoder().encode("佐证材料的内容");

/** What every store must do, run against each. */
function behavesAsAStore(name: string, make: () => BlobStore) {
  describe(`${name}`, () => {
    it("gives back what was put, replaces it, and forgets it when deleted", async () => {
      const store = make();
      await store.put("reports/1/a", bytes, "application/pdf");
      expect(await store.get("reports/1/a")).toEqual(bytes);
      await store.put("reports/1/a", Uint8Array.of(1, 2, 3), "application/pdf");
      expect(await store.get("reports/1/a")).toEqual(Uint8Array.of(1, 2, 3));
      await store.delete("reports/1/a");
      expect(await store.get("reports/1/a")).toBeNull();
      // Deleting what is not there is not an error.
      await store.delete("reports/1/a");
    });

    it("answers null for a key never stored", async () => {
      expect(await make().get("reports/404/none")).toBeNull();
    });

    it.each(["../escape", "/absolute", "reports/../../x", "a//b", "with space", ""])("refuses the key %j", async (key) => {
      await expect(make().put(key, bytes, "text/plain")).rejects.toThrow("invalid storage key");
      await expect(make().get(key)).rejects.toThrow("invalid storage key");
    });
  });
}

let folder: string;
let s3dir: string;
let s3: S3rver;
let s3Config: S3Config;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "luoshi-store-test-"));
  s3dir = await mkdtemp(join(tmpdir(), "luoshi-s3rver-"));
  // s3rver: a local stand-in for an S3-compatible service, on a loopback port.
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3dir, configureBuckets: [{ name: "luoshi-test", configs: [] }] });
  const { port } = await s3.run();
  s3Config = { endpoint: `http://127.0.0.1:${port}`, bucket: "luoshi-test", region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", virtualHosted: false };
});

afterAll(async () => {
  await s3.close();
  await rm(folder, { recursive: true, force: true });
  await rm(s3dir, { recursive: true, force: true });
});

behavesAsAStore("a local folder", () => new LocalFolderStore(folder));
behavesAsAStore("an S3-compatible bucket (s3rver)", () => new S3Store(s3Config));

describe("the local folder", () => {
  it("keeps each key as a file under its folder, and no partial file behind", async () => {
    const store: BlobStore = new LocalFolderStore(folder);
    await store.put("reports/7/b", bytes, "application/pdf");
    expect(await readdir(join(folder, "reports", "7"))).toEqual(["b"]);
  });
});

describe("the S3 store", () => {
  it("signs each request with AWS Signature Version 4 over the body's SHA-256", async () => {
    const store = new S3Store({ ...s3Config, endpoint: "https://s3.cn-north-1.amazonaws.com.cn", region: "cn-north-1", accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
    const request = await store.sign("reports/1/abc", { method: "PUT", body: bytes, contentType: "application/pdf" });
    expect(request.url).toBe("https://s3.cn-north-1.amazonaws.com.cn/luoshi-test/reports/1/abc");
    expect(request.headers.get("x-amz-content-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(request.headers.get("authorization")).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/cn-north-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("addresses the bucket by path or by host name", () => {
    const config = { ...s3Config, endpoint: "https://oss.example.com/" };
    expect(new S3Store(config).urlOf("reports/2/x")).toBe("https://oss.example.com/luoshi-test/reports/2/x");
    expect(new S3Store({ ...config, virtualHosted: true }).urlOf("reports/2/x")).toBe("https://luoshi-test.oss.example.com/reports/2/x");
  });

  it("reports a refusal by the service as an error", async () => {
    const store = new S3Store({ ...s3Config, bucket: "no-such-bucket" });
    await expect(store.put("reports/1/a", bytes, "application/pdf")).rejects.toThrow(/S3 PUT reports\/1\/a: 404/);
  });
});

describe("the store the environment configures", () => {
  it("is a folder by default, the one named, or a fresh temporary one when the database keeps nothing", () => {
    expect(storeFromEnv({})).toEqual(new LocalFolderStore(join(process.cwd(), ".data/attachments")));
    expect(storeFromEnv({ LUOSHI_ATTACHMENTS_DIR: "/srv/luoshi/files" })).toEqual(new LocalFolderStore("/srv/luoshi/files"));
    const memory = storeFromEnv({ LUOSHI_DATA_DIR: "memory://" }) as LocalFolderStore;
    expect(memory.root.startsWith(join(tmpdir(), "luoshi-attachments-"))).toBe(true);
  });

  it("is a bucket when asked, and names the settings missing", () => {
    const env = { LUOSHI_ATTACHMENT_STORE: "s3", LUOSHI_S3_ENDPOINT: "https://minio.local:9000", LUOSHI_S3_BUCKET: "files", LUOSHI_S3_ACCESS_KEY_ID: "id", LUOSHI_S3_SECRET_ACCESS_KEY: "key" };
    expect((storeFromEnv(env) as S3Store).config).toEqual({ endpoint: "https://minio.local:9000", bucket: "files", region: "us-east-1", accessKeyId: "id", secretAccessKey: "key", virtualHosted: false });
    expect(() => storeFromEnv({ LUOSHI_ATTACHMENT_STORE: "s3", LUOSHI_S3_BUCKET: "files" })).toThrow(
      "LUOSHI_ATTACHMENT_STORE=s3 需要设置 LUOSHI_S3_ENDPOINT、LUOSHI_S3_ACCESS_KEY_ID、LUOSHI_S3_SECRET_ACCESS_KEY",
    );
    expect(() => storeFromEnv({ LUOSHI_ATTACHMENT_STORE: "ftp" })).toThrow("LUOSHI_ATTACHMENT_STORE 只能是 local 或 s3");
  });
});
