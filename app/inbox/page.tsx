import type { Metadata } from "next";
import { markInboxReadAction } from "@/app/actions/notify/mark-inbox-read";
import { updateContactAction } from "@/app/actions/notify/update-contact";
import { ContactForm, MarkReadButton } from "@/components/notify-forms";
import { Pager } from "@/components/pager";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { newestMessageId, readInbox, unreadCount } from "@/lib/notify/inbox";
import { pageParam } from "@/lib/pagination";
import { canReadInbox } from "@/lib/permissions";
import { formatDateTime } from "@/lib/reports/labels";
import { ownContact } from "@/lib/users/queries";
import { messageChannelLabels, messageStateLabels } from "@/lib/zod/notify";

export const metadata: Metadata = { title: "消息" };

type Search = { page?: string | string[] };
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function InboxPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor("/inbox", canReadInbox);
  const search = await searchParams;
  const [inbox, unread, contact] = await Promise.all([readInbox(db(), actor, pageParam.parse(first(search.page))), unreadCount(db(), actor), ownContact(db(), actor.id)]);
  const newest = await newestMessageId(db(), actor);
  return (
    <section aria-labelledby="inbox-heading" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 id="inbox-heading" className="text-2xl font-semibold">
          消息{unread > 0 && <span className="ml-2 text-base font-normal text-stone-600">(未读 {unread} 条)</span>}
        </h1>
        {newest !== null && <MarkReadButton action={markInboxReadAction} unread={unread} upTo={newest} />}
      </div>
      {inbox.total === 0 ? (
        <p className="card border-dashed text-stone-600">还没有发给你的消息。市府办催报时,消息会出现在这里,并按你留的邮箱发送邮件。</p>
      ) : (
        <ol className="space-y-3" aria-label="消息列表">
          {inbox.items.map((message) => (
            <li key={message.id} className={`card ${message.channel === "inapp" && !message.readAt ? "border-brand-700" : ""}`}>
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <h2 className="font-medium">
                  {message.channel === "inapp" && !message.readAt && <span className="mr-1 rounded bg-brand-700 px-1.5 py-0.5 text-xs text-white">未读</span>}
                  {message.subject}
                </h2>
                <span className="text-sm text-stone-600">
                  {messageChannelLabels[message.channel]}
                  {message.channel === "email" && message.address ? ` ${message.address}` : ""} · {messageStateLabels[message.state]} ·{" "}
                  <time dateTime={message.createdAt.toISOString()}>{formatDateTime(message.createdAt)}</time>
                </span>
              </div>
              <p className="mt-2 whitespace-pre-line text-sm">{message.body}</p>
            </li>
          ))}
        </ol>
      )}
      <Pager label="消息分页" page={inbox.page} pageCount={inbox.pageCount} total={inbox.total} from={inbox.from} to={inbox.to} href={(page) => `/inbox?page=${page}`} />
      <div>
        <h2 className="mb-2 text-lg font-medium">我的联系方式</h2>
        <ContactForm action={updateContactAction} email={contact?.email ?? null} mobile={contact?.mobile ?? null} />
      </div>
    </section>
  );
}
