import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { dingtalkSignature } from "@/lib/notify/dingtalk";

export interface ReceivedMail {
  messageId: string;
  to: string;
  subject: string;
  raw: string;
}

/**
 * A real SMTP server on a loopback port. A message counts as received once the server has
 * answered its DATA with 250, as a real mail server takes it over only then. `hold()` makes the
 * server keep the next message unanswered, to kill its sender mid-send.
 */
export async function startSmtpStandIn() {
  const received: ReceivedMail[] = [];
  let holdNext = false;
  let held: { arrived: Promise<void>; arrive: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        if (holdNext && held) {
          holdNext = false;
          // Never answered: the sender is killed while it waits for the 250.
          held.arrive();
          return;
        }
        received.push({
          raw,
          messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? "",
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(","),
          subject: /^Subject:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? "",
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    received,
    /** The next message is read but never answered; resolves when it has arrived. */
    hold(): Promise<void> {
      let arrive!: () => void;
      const arrived = new Promise<void>((resolve) => (arrive = resolve));
      held = { arrived, arrive };
      holdNext = true;
      return arrived;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedHook {
  path: string;
  body: { msgtype: string; markdown: { title?: string; text?: string; content?: string } };
}

/**
 * Stands in for DingTalk and WeCom: `/dingtalk/<secret>` checks the timestamp and HMAC-SHA256
 * signature as DingTalk does (errcode 310000 when wrong), `/wecom` accepts, `/fail` answers 500.
 */
export async function startRobotStandIn() {
  const received: ReceivedHook[] = [];
  const attempts: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      attempts.push(url.pathname);
      const reply = (status: number, body: object) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (url.pathname === "/fail") return reply(500, { errcode: -1, errmsg: "down" });
      if (url.pathname.startsWith("/dingtalk/")) {
        const secret = decodeURIComponent(url.pathname.slice("/dingtalk/".length));
        const timestamp = Number(url.searchParams.get("timestamp"));
        const sign = url.searchParams.get("sign");
        if (!sign || !timestamp || Math.abs(Date.now() - timestamp) > 3_600_000 || sign !== dingtalkSignature(secret, timestamp)) {
          return reply(200, { errcode: 310000, errmsg: "sign not match" });
        }
      }
      received.push({ path: url.pathname, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedHook["body"] });
      reply(200, { errcode: 0, errmsg: "ok" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, received, attempts, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
