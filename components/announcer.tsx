"use client";

import { createContext, useContext, useState, type ReactNode } from "react";

const AnnounceContext = createContext<((message: string) => void) | null>(null);

/**
 * A confirmation that outlives the form that earned it: after an approval or a publication the
 * report leaves the queue (or its panel is redrawn at the new version), taking any message of its
 * own with it. Forms inside call `useAnnounce()` and the message shows here, in a status region
 * that stays on the page so that screen readers read it out.
 */
export function Announcer({ children }: { children: ReactNode }) {
  const [message, setMessage] = useState("");
  return (
    <AnnounceContext value={setMessage}>
      <p role="status" className={message ? "rounded bg-emerald-50 p-3 text-sm text-emerald-900" : "sr-only"}>
        {message}
      </p>
      {children}
    </AnnounceContext>
  );
}

/** The enclosing Announcer's `announce(message)`; null outside one (the form shows its own message). */
export function useAnnounce(): ((message: string) => void) | null {
  return useContext(AnnounceContext);
}
