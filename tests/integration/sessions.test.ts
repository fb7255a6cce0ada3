import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { endSession, resumeSession, startSession } from "@/lib/auth/sessions";
import { createPrismaClient } from "@/lib/db/factory";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/permissions";
import { updateUser } from "@/lib/users/service";

/**
 * Sessions end on the server: 8 hours after sign-in, after two idle hours, at sign-out, and for
 * every device when the account is deactivated or its password changed. The cookie alone opens
 * nothing once its session has ended.
 */
let prisma: PrismaClient;
const tag = randomUUID().slice(0, 8);
let office: Actor;
let staffId: number;
let otherId: number;
const t0 = new Date("2026-03-02T09:00:00+08:00");
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

beforeAll(async () => {
  prisma = createPrismaClient();
  const unit = await prisma.unit.create({ data: { government: `会话测试${tag}`, name: "发改局" } });
  const [officeUser, staff, other] = await Promise.all([
    prisma.user.create({ data: { username: `s-office-${tag}`, displayName: "市府办", role: "office" } }),
    prisma.user.create({ data: { username: `s-staff-${tag}`, displayName: "填报员", role: "unit_staff", unitId: unit.id } }),
    prisma.user.create({ data: { username: `s-other-${tag}`, displayName: "另一人", role: "unit_staff", unitId: unit.id } }),
  ]);
  office = { id: officeUser.id, role: "office", unitId: null, leaderName: null, displayName: officeUser.displayName };
  staffId = staff.id;
  otherId = other.id;
});

afterAll(async () => {
  await prisma.$disconnect();
});

const staffInput = (changes: { active?: boolean; password?: string | null; displayName?: string }) => ({
  userId: staffId,
  displayName: changes.displayName ?? "填报员",
  role: "unit_staff" as const,
  unitId: null,
  leaderName: null,
  active: changes.active ?? true,
  password: changes.password ?? null,
});

describe("a session", () => {
  it("is the account as it is now, while it lives", async () => {
    const id = await startSession(prisma, staffId, t0);
    expect(await resumeSession(prisma, id, staffId, later(30))).toMatchObject({ id: staffId, role: "unit_staff", displayName: "填报员" });
    // A cookie naming another user's session opens nothing.
    expect(await resumeSession(prisma, id, otherId, later(31))).toBeNull();
    expect(await resumeSession(prisma, "no-such-session", staffId, later(31))).toBeNull();
  });

  it("ends 8 hours after sign-in, however busy", async () => {
    const id = await startSession(prisma, staffId, t0);
    for (let minutes = 60; minutes <= 480; minutes += 60) expect(await resumeSession(prisma, id, staffId, later(minutes)), `${minutes}`).not.toBeNull();
    expect(await resumeSession(prisma, id, staffId, later(481))).toBeNull();
  });

  it("ends after two hours without a request; each request keeps it alive", async () => {
    const id = await startSession(prisma, staffId, t0);
    expect(await resumeSession(prisma, id, staffId, later(110))).not.toBeNull();
    expect(await resumeSession(prisma, id, staffId, later(225))).not.toBeNull();
    expect(await resumeSession(prisma, id, staffId, later(346))).toBeNull();
    // Once ended, it stays ended.
    expect(await resumeSession(prisma, id, staffId, later(347))).toBeNull();
  });

  it("ends when its user signs out, and only that one", async () => {
    const [here, elsewhere] = [await startSession(prisma, staffId, t0), await startSession(prisma, staffId, t0)];
    await endSession(prisma, here, later(5));
    expect(await resumeSession(prisma, here, staffId, later(6))).toBeNull();
    expect(await resumeSession(prisma, elsewhere, staffId, later(6))).not.toBeNull();
  });
});

describe("changing the account", () => {
  it.each([
    ["a password change", { password: "a-new-password-2026" }],
    ["deactivation", { active: false }],
  ] as const)("by %s ends every session of the account, not another account's", async (_what, changes) => {
    const now = new Date();
    const sessions = [await startSession(prisma, staffId, now), await startSession(prisma, staffId, now)];
    const others = await startSession(prisma, otherId, now);
    const result = await updateUser(prisma, office, staffInput(changes));
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/已在 \d+ 处登录中退出/) });
    for (const id of sessions) expect(await resumeSession(prisma, id, staffId)).toBeNull();
    expect(await resumeSession(prisma, others, otherId)).not.toBeNull();
    await updateUser(prisma, office, staffInput({}));
  });

  it("by the office of its own password ends its own sessions too, and says so", async () => {
    const own = await startSession(prisma, office.id);
    const result = await updateUser(prisma, office, {
      userId: office.id,
      displayName: office.displayName,
      role: "office",
      unitId: null,
      leaderName: null,
      active: true,
      password: "a-new-office-password-2026",
    });
    expect(result).toEqual({ ok: true, message: "密码已修改,所有登录(包括当前这一处)已退出,请用新密码重新登录。" });
    expect(await resumeSession(prisma, own, office.id)).toBeNull();
  });

  it("by a new display name leaves the sessions alone", async () => {
    const id = await startSession(prisma, staffId);
    expect(await updateUser(prisma, office, staffInput({ displayName: "张填报" }))).toEqual({ ok: true, message: "账号已更新。" });
    expect(await resumeSession(prisma, id, staffId)).toMatchObject({ displayName: "张填报" });
  });
});

describe("next-auth's wiring", () => {
  it("signing in starts a session the cookie names; signing out ends it", async () => {
    const token = await authOptions.callbacks!.jwt!({
      token: {},
      user: { id: String(staffId) },
      account: { provider: "credentials", type: "credentials", providerAccountId: String(staffId) },
    });
    expect(token).toMatchObject({ uid: staffId, sid: expect.any(String) });
    expect(await resumeSession(prisma, token.sid as string, staffId)).not.toBeNull();
    await authOptions.events!.signOut!({ token, session: null as never });
    expect(await resumeSession(prisma, token.sid as string, staffId)).toBeNull();
  });
});
