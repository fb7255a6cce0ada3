"use client";

import type { createUserAction } from "@/app/actions/users/create-user";
import type { updateUserAction } from "@/app/actions/users/update-user";
import { FieldError, FormFooter, useFormAction } from "@/components/use-form-action";
import { Role } from "@/lib/generated/prisma/enums";
import { PASSWORD_MIN, roleLabels } from "@/lib/zod/users";

export interface UnitOption {
  id: number;
  government: string;
  name: string;
}

/** A unit select's options, under each government's name (平湖市财政局 and 嘉兴市财政局 are both 财政局); "—" for none. */
export function UnitOptions({ units }: { units: UnitOption[] }) {
  const governments = [...new Set(units.map((unit) => unit.government))];
  return (
    <>
      <option value="">—</option>
      {governments.map((government) => (
        <optgroup key={government} label={government}>
          {units
            .filter((unit) => unit.government === government)
            .map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.name}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

interface UserValues {
  userId?: number;
  username?: string;
  displayName: string;
  role: string;
  unitId: number | null;
  leaderName: string | null;
  active?: boolean;
  email?: string | null;
  mobile?: string | null;
}

function Field({ id, label, messages, children }: { id: string; label: string; messages?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      {children}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}

function UserFields({ idPrefix, initial, values, errors, units, creating }: {
  idPrefix: string;
  initial: UserValues;
  values: Record<string, string>;
  errors: Record<string, string[]>;
  units: UnitOption[];
  creating: boolean;
}) {
  const value = (name: keyof UserValues) => values[name] ?? (initial[name] === null || initial[name] === undefined ? "" : String(initial[name]));
  const id = (name: string) => `${idPrefix}${name}`;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  return (
    <>
      {creating && (
        <Field id={id("username")} label="账号" messages={errors.username}>
          <input id={id("username")} name="username" defaultValue={value("username")} autoComplete="off" className="input mt-1" aria-invalid={invalid("username")} />
        </Field>
      )}
      <Field id={id("displayName")} label="姓名" messages={errors.displayName}>
        <input id={id("displayName")} name="displayName" defaultValue={value("displayName")} className="input mt-1" aria-invalid={invalid("displayName")} />
      </Field>
      <Field id={id("role")} label="角色" messages={errors.role}>
        <select id={id("role")} name="role" defaultValue={value("role")} className="input mt-1">
          {Object.values(Role).map((role) => (
            <option key={role} value={role}>
              {roleLabels[role]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id("unitId")} label="所属单位(单位填报员)" messages={errors.unitId}>
        <select id={id("unitId")} name="unitId" defaultValue={value("unitId")} className="input mt-1" aria-invalid={invalid("unitId")}>
          <UnitOptions units={units} />
        </select>
      </Field>
      <Field id={id("leaderName")} label="分管市领导姓名(市领导账号)" messages={errors.leaderName}>
        <input id={id("leaderName")} name="leaderName" defaultValue={value("leaderName")} className="input mt-1" aria-invalid={invalid("leaderName")} />
      </Field>
      <Field id={id("email")} label="邮箱(选填,接收催报)" messages={errors.email}>
        <input id={id("email")} name="email" type="email" autoComplete="off" defaultValue={value("email")} className="input mt-1" aria-invalid={invalid("email")} />
      </Field>
      <Field id={id("mobile")} label="手机号(选填)" messages={errors.mobile}>
        <input id={id("mobile")} name="mobile" type="tel" inputMode="tel" autoComplete="off" defaultValue={value("mobile")} className="input mt-1" aria-invalid={invalid("mobile")} />
      </Field>
      <Field id={id("password")} label={creating ? `初始密码(至少 ${PASSWORD_MIN} 位)` : "新密码(不改请留空)"} messages={errors.password}>
        <input id={id("password")} name="password" type="password" autoComplete="new-password" className="input mt-1" aria-invalid={invalid("password")} />
      </Field>
    </>
  );
}

export function CreateUserForm({ action, units }: { action: typeof createUserAction; units: UnitOption[] }) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  return (
    <form key={attempt} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="新建账号">
      <UserFields idPrefix="new-" initial={{ displayName: "", role: "unit_staff", unitId: null, leaderName: null, username: "" }} values={values} errors={errors} units={units} creating />
      <FormFooter result={result} pending={pending} label="创建账号" pendingLabel="正在创建…" />
    </form>
  );
}

export function EditUserForm({ action, units, user }: { action: typeof updateUserAction; units: UnitOption[]; user: UserValues & { userId: number } }) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  const active = values.active ?? String(user.active ?? true);
  return (
    <form key={attempt} action={formAction} className="mt-2 grid gap-3 sm:grid-cols-2" aria-label={`修改账号 ${user.username}`}>
      <input type="hidden" name="userId" value={user.userId} />
      <UserFields idPrefix={`u${user.userId}-`} initial={user} values={values} errors={errors} units={units} creating={false} />
      <Field id={`u${user.userId}-active`} label="状态">
        <select id={`u${user.userId}-active`} name="active" defaultValue={active} className="input mt-1">
          <option value="true">启用</option>
          <option value="false">停用</option>
        </select>
      </Field>
      <FormFooter result={result} pending={pending} label="保存" pendingLabel="正在保存…" />
    </form>
  );
}
