import type { Metadata } from "next";
import Link from "next/link";
import { retryMessageAction } from "@/app/actions/notify/retry-message";
import { RetryMessageButton } from "@/components/notify-forms";
import { Pager } from "@/components/pager";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { MessageChannel, MessageState } from "@/lib/generated/prisma/enums";
import { readOutbox } from "@/lib/notify/office";
import { canReadOutbox } from "@/lib/permissions";
import { formatDateTime } from "@/lib/reports/labels";
import { messageChannelLabels, messageStateLabels, outboxFiltersSchema } from "@/lib/zod/notify";

export const metadata: Metadata = { title: "消息投递" };

type Search = { state?: string | string[]; channel?: string | string[]; page?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("/outbox", canReadOutbox);
  const search = await searchParams;
  const filters = outboxFiltersSchema.parse({ state: first(search.state), channel: first(search.channel), page: first(search.page) });
  const outbox = await readOutbox(db(), actor, filters);
  if (!outbox) return null;
  const href = (change: { state?: MessageState | null; channel?: MessageChannel | null; page?: number }) => {
    const state = change.state === undefined ? filters.state : change.state;
    const channel = change.channel === undefined ? filters.channel : change.channel;
    const params = new URLSearchParams();
    if (state) params.set("state", state);
    if (channel) params.set("channel", channel);
    if (change.page && change.page > 1) params.set("page", String(change.page));
    const query = params.toString();
    return `/outbox${query ? `?${query}` : ""}`;
  };
  const chip = (active: boolean) => `rounded border px-2 py-0.5 ${active ? "border-brand-700 bg-brand-700 text-white" : "border-stone-300 bg-white hover:bg-stone-100"}`;
  return (
    <section aria-labelledby="outbox-heading" className="space-y-4">
      <h1 id="outbox-heading" className="text-2xl font-semibold">
        消息投递
      </h1>
      <nav aria-label="按状态筛选" className="flex flex-wrap gap-2 text-sm">
        <Link href={href({ state: null, page: 1 })} className={chip(!filters.state)} aria-current={!filters.state ? "page" : undefined}>
          全部
        </Link>
        {Object.values(MessageState).map((state) => (
          <Link key={state} href={href({ state, page: 1 })} className={chip(filters.state === state)} aria-current={filters.state === state ? "page" : undefined}>
            {messageStateLabels[state]} {outbox.counts[state] ?? 0}
          </Link>
        ))}
      </nav>
      <nav aria-label="按渠道筛选" className="flex flex-wrap gap-2 text-sm">
        <Link href={href({ channel: null, page: 1 })} className={chip(!filters.channel)} aria-current={!filters.channel ? "page" : undefined}>
          全部渠道
        </Link>
        {Object.values(MessageChannel).map((channel) => (
          <Link key={channel} href={href({ channel, page: 1 })} className={chip(filters.channel === channel)} aria-current={filters.channel === channel ? "page" : undefined}>
            {messageChannelLabels[channel]}
          </Link>
        ))}
      </nav>
      {outbox.total === 0 ? (
        <p className="card border-dashed text-stone-600">没有符合条件的消息。</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[48rem] border-collapse bg-white text-sm">
            <caption className="sr-only">消息列表</caption>
            <thead>
              <tr className="border-b border-stone-300 text-left">
                <th scope="col" className="p-2">时间</th>
                <th scope="col" className="p-2">收件人</th>
                <th scope="col" className="p-2">渠道</th>
                <th scope="col" className="p-2">标题</th>
                <th scope="col" className="p-2">状态</th>
                <th scope="col" className="p-2">尝试</th>
                <th scope="col" className="p-2">最近错误</th>
                <th scope="col" className="p-2"><span className="sr-only">操作</span></th>
              </tr>
            </thead>
            <tbody>
              {outbox.items.map((message) => (
                <tr key={message.id} className="border-b border-stone-100 align-top">
                  <td className="whitespace-nowrap p-2">
                    <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time>
                  </td>
                  <td className="p-2">
                    {message.user
                      ? `${message.user.displayName}${message.address ? ` <${message.address}>` : ""}`
                      : message.robot
                        ? `${message.robot.unit.name} · ${message.robot.name}`
                        : "群机器人已删除"}
                  </td>
                  <td className="p-2">{messageChannelLabels[message.channel]}</td>
                  <td className="p-2">{message.subject}</td>
                  <td className="whitespace-nowrap p-2">
                    {messageStateLabels[message.state]}
                    {message.state === "sent" && message.sentAt && <span className="block text-xs text-stone-600">{formatDateTime(message.sentAt)}</span>}
                    {message.state === "pending" && message.attempts > 0 && (
                      <span className="block text-xs text-stone-600">下次 {formatDateTime(message.nextAttemptAt)}</span>
                    )}
                  </td>
                  <td className="p-2">{message.attempts}</td>
                  <td className="break-all p-2 text-xs text-red-800">{message.lastError ?? ""}</td>
                  <td className="p-2">{message.state === "failed" && <RetryMessageButton action={retryMessageAction} messageId={message.id} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager label="消息分页" page={outbox.page} pageCount={outbox.pageCount} total={outbox.total} from={outbox.from} to={outbox.to} href={(page) => href({ page })} />
    </section>
  );
}
