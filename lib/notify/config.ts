import type SMTPTransport from "nodemailer/lib/smtp-transport";

/** Outgoing mail, from the environment: SMTP_URL, or SMTP_HOST with SMTP_PORT, SMTP_SECURE, SMTP_USER and SMTP_PASS; SMTP_FROM is the sender. */
export interface SmtpConfig {
  transport: string | SMTPTransport.Options;
  from: string;
}

export function smtpConfig(env: Record<string, string | undefined> = process.env): SmtpConfig | null {
  const from = env.SMTP_FROM?.trim() || "落实 <noreply@localhost>";
  const url = env.SMTP_URL?.trim();
  if (url) return { transport: url, from };
  const host = env.SMTP_HOST?.trim();
  if (!host) return null;
  const port = Number(env.SMTP_PORT ?? 587);
  return {
    transport: {
      host,
      port,
      secure: env.SMTP_SECURE ? env.SMTP_SECURE === "true" : port === 465,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS ?? "" } : undefined,
    },
    from,
  };
}
