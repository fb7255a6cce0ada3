import { describe, expect, it } from "vitest";
import { authSecret, authSecretProblem } from "@/lib/security/secret";

const good = "Qm9vdHN0cmFwLXNlY3JldC1mb3ItdGVzdHMtb25seQ";

describe("session secret", () => {
  it("is AUTH_SECRET when set, else NEXTAUTH_SECRET; an empty variable counts as unset", () => {
    expect(authSecret({ AUTH_SECRET: "a", NEXTAUTH_SECRET: "b" })).toBe("a");
    expect(authSecret({ NEXTAUTH_SECRET: "b" })).toBe("b");
    expect(authSecret({ AUTH_SECRET: "", NEXTAUTH_SECRET: "b" })).toBe("b");
    expect(authSecret({})).toBeUndefined();
  });

  it("must be set, with a Chinese message naming the variables and how to make one", () => {
    expect(authSecretProblem({})).toBe(
      "未设置登录会话的签名密钥 NEXTAUTH_SECRET(或 AUTH_SECRET)。请设置为至少 32 个字符的随机字符串,例如用 `openssl rand -base64 32` 生成。",
    );
    expect(authSecretProblem({ NEXTAUTH_SECRET: "", AUTH_SECRET: "" })).toMatch(/^未设置登录会话的签名密钥/);
  });

  it("must be at least 32 characters, blanks around it not counted; the message names the variable used", () => {
    expect(authSecretProblem({ NEXTAUTH_SECRET: "x".repeat(31) })).toBe(
      "登录会话的签名密钥 NEXTAUTH_SECRET 太短:31 个字符,至少需要 32 个。请设置为至少 32 个字符的随机字符串,例如用 `openssl rand -base64 32` 生成。",
    );
    expect(authSecretProblem({ AUTH_SECRET: "changeme", NEXTAUTH_SECRET: good })).toMatch(/^登录会话的签名密钥 AUTH_SECRET 太短:8 个字符/);
    expect(authSecretProblem({ NEXTAUTH_SECRET: ` ${"x".repeat(31)}  ` })).toMatch(/太短:31 个字符/);
    expect(authSecretProblem({ NEXTAUTH_SECRET: "x".repeat(32) })).toBeNull();
    expect(authSecretProblem({ AUTH_SECRET: good })).toBeNull();
  });
});
