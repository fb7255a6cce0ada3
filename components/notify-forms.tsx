"use client";

import type { addRobotAction } from "@/app/actions/notify/add-robot";
import type { markInboxReadAction } from "@/app/actions/notify/mark-inbox-read";
import type { removeRobotAction } from "@/app/actions/notify/remove-robot";
import type { retryMessageAction } from "@/app/actions/notify/retry-message";
import type { updateContactAction } from "@/app/actions/notify/update-contact";
import { FieldError, FormFooter, FormMessage, useFormAction } from "@/components/use-form-action";
import { UnitOptions, type UnitOption } from "@/components/user-forms";

function Field({ id, label, hint, messages, children }: { id: string; label: string; hint?: string; messages?: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm">
        {label}
      </label>
      {children}
      {hint && <p className="mt-1 text-xs text-stone-600">{hint}</p>}
      <FieldError id={`${id}-error`} messages={messages} />
    </div>
  );
}

/** The office adds a unit's group-chat robot; the secret is written once and never shown again. */
export function AddRobotForm({ action, units }: { action: typeof addRobotAction; units: UnitOption[] }) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  const invalid = (name: string) => (errors[name] ? true : undefined);
  return (
    <form key={attempt} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="添加群机器人">
      <Field id="robot-unit" label="单位" messages={errors.unitId}>
        <select id="robot-unit" name="unitId" defaultValue={values.unitId ?? ""} className="input mt-1" aria-invalid={invalid("unitId")} aria-describedby="robot-unit-error">
          <UnitOptions units={units} />
        </select>
      </Field>
      <Field id="robot-platform" label="平台" messages={errors.platform}>
        <select id="robot-platform" name="platform" defaultValue={values.platform ?? "dingtalk"} className="input mt-1">
          <option value="dingtalk">钉钉</option>
          <option value="wecom">企业微信</option>
        </select>
      </Field>
      <Field id="robot-name" label="名称" messages={errors.name}>
        <input id="robot-name" name="name" defaultValue={values.name ?? ""} placeholder="例如 发改局工作群" className="input mt-1" aria-invalid={invalid("name")} aria-describedby="robot-name-error" />
      </Field>
      <Field id="robot-url" label="Webhook 地址" messages={errors.webhookUrl} hint="在群设置 → 机器人中复制。保存后只显示前后几位。">
        <input id="robot-url" name="webhookUrl" type="url" inputMode="url" autoComplete="off" defaultValue={values.webhookUrl ?? ""} className="input mt-1" aria-invalid={invalid("webhookUrl")} aria-describedby="robot-url-error" />
      </Field>
      <Field id="robot-secret" label="加签密钥(钉钉,选填)" messages={errors.secret} hint="以 SEC 开头。保存后不再显示。">
        <input id="robot-secret" name="secret" type="password" autoComplete="off" className="input mt-1" aria-invalid={invalid("secret")} aria-describedby="robot-secret-error" />
      </Field>
      <FormFooter result={result} pending={pending} label="添加" pendingLabel="正在添加…" />
    </form>
  );
}

export function RemoveRobotButton({ action, robotId, name }: { action: typeof removeRobotAction; robotId: number; name: string }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="robotId" value={robotId} />
      <button type="submit" disabled={pending || result?.ok} className="btn-secondary px-3 py-1 text-sm" aria-label={`删除群机器人 ${name}`}>
        {pending ? "正在删除…" : "删除"}
      </button>
      <FormMessage result={result} />
    </form>
  );
}

export function RetryMessageButton({ action, messageId }: { action: typeof retryMessageAction; messageId: number }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="messageId" value={messageId} />
      <button type="submit" disabled={pending || result?.ok} className="btn-secondary px-3 py-1 text-sm" aria-label={`重发消息 ${messageId}`}>
        {pending ? "正在重发…" : "重发"}
      </button>
      <FormMessage result={result} />
    </form>
  );
}

/** Stays on the page once everything is read, so that its outcome stays readable. */
export function MarkReadButton({ action, unread, upTo }: { action: typeof markInboxReadAction; unread: number; upTo: number }) {
  const { result, formAction, pending } = useFormAction(action);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="upTo" value={upTo} />
      <button type="submit" disabled={pending || unread === 0} className="btn-secondary px-3 py-1 text-sm">
        {pending ? "正在标记…" : "全部标为已读"}
      </button>
      <FormMessage result={result} />
    </form>
  );
}

/** A user's own email address and mobile number: where reminders reach them. */
export function ContactForm({ action, email, mobile }: { action: typeof updateContactAction; email: string | null; mobile: string | null }) {
  const { result, formAction, pending, values, attempt, errors } = useFormAction(action);
  return (
    <form key={attempt} action={formAction} className="card grid gap-3 sm:grid-cols-2" aria-label="我的联系方式">
      <Field id="contact-email" label="邮箱(催报邮件发到这里)" messages={errors.email}>
        <input id="contact-email" name="email" type="email" autoComplete="email" defaultValue={values.email ?? email ?? ""} className="input mt-1" aria-invalid={errors.email ? true : undefined} aria-describedby="contact-email-error" />
      </Field>
      <Field id="contact-mobile" label="手机号" messages={errors.mobile}>
        <input id="contact-mobile" name="mobile" type="tel" inputMode="tel" autoComplete="tel" defaultValue={values.mobile ?? mobile ?? ""} className="input mt-1" aria-invalid={errors.mobile ? true : undefined} aria-describedby="contact-mobile-error" />
      </Field>
      <FormFooter result={result} pending={pending} label="保存联系方式" pendingLabel="正在保存…" />
    </form>
  );
}
