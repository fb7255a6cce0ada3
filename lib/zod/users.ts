import { z } from "zod";
import { Role } from "@/lib/generated/prisma/enums";
import { MAX_ID, idField, textField } from "@/lib/zod/form";

export const roleLabels: Record<Role, string> = {
  unit_staff: "单位填报员",
  office: "市府办",
  leader: "分管市领导",
};

export const PASSWORD_MIN = 10;

const optionalId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : Number(value)))
  .refine((value) => value === null || (Number.isInteger(value) && value > 0 && value <= MAX_ID), "请选择单位");

/** Empty means none; an address is checked for its shape only (whether it receives mail shows in the outbox). */
export const emailField = z
  .string()
  .trim()
  .max(254, "邮箱最多 254 个字符")
  .transform((value) => (value === "" ? null : value.toLowerCase()))
  .refine((value) => value === null || z.email().safeParse(value).success, "邮箱格式不正确,例如 name@example.gov.cn");

/** A mainland mobile number: 11 digits from 13–19, written with or without +86, spaces or dashes; kept as the 11 digits. */
export const mobileField = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, ""))
  .transform((value) => (value === "" ? null : value))
  .refine((value) => value === null || /^1[3-9]\d{9}$/.test(value), "手机号应为 11 位数字,以 13–19 开头");

export const contactSchema = z.object({ email: emailField, mobile: mobileField });
export type ContactInput = z.output<typeof contactSchema>;

const userFields = {
  displayName: textField(40, { tooLong: "姓名最多 40 字", required: "请填写姓名" }),
  role: z.enum(Role, { error: "请选择角色" }),
  unitId: optionalId,
  leaderName: textField(20, { tooLong: "姓名最多 20 字" }).transform((value) => (value === "" ? null : value)),
  // Absent (a client from before accounts had contacts) leaves them as they are: nothing is lost.
  email: emailField.optional(),
  mobile: mobileField.optional(),
};

function requireRoleBinding(input: { role: string; unitId: number | null; leaderName: string | null }, ctx: z.RefinementCtx) {
  if (input.role === "unit_staff" && input.unitId === null) ctx.addIssue({ code: "custom", path: ["unitId"], message: "单位填报员必须属于一个单位" });
  if (input.role === "leader" && input.leaderName === null) ctx.addIssue({ code: "custom", path: ["leaderName"], message: "请填写分管市领导姓名" });
}

const password = z.string().min(PASSWORD_MIN, `密码至少 ${PASSWORD_MIN} 位`).max(200);

export const createUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .min(2, "账号至少 2 个字符")
      .max(32, "账号最多 32 个字符")
      .regex(/^[a-zA-Z0-9_.-]+$/, "账号只能用字母、数字、下划线、点和短横线"),
    ...userFields,
    password,
  })
  .superRefine(requireRoleBinding);

export const updateUserSchema = z
  .object({
    userId: idField("账号"),
    ...userFields,
    active: z.enum(["true", "false"]).transform((value) => value === "true"),
    /** Empty keeps the current password. */
    password: z.union([z.literal(""), password]).transform((value) => (value === "" ? null : value)),
  })
  .superRefine(requireRoleBinding);

/** Contact fields left out (callers other than the form) keep what the account has. */
type ContactOptional<T> = Omit<T, keyof ContactInput> & Partial<ContactInput>;
export type CreateUserInput = ContactOptional<z.output<typeof createUserSchema>>;
export type UpdateUserInput = ContactOptional<z.output<typeof updateUserSchema>>;

