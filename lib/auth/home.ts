import type { Actor } from "@/lib/permissions";

/** Where each role starts after signing in. */
export function homeFor(actor: Actor): string {
  switch (actor.role) {
    case "unit_staff":
      return "/my";
    case "office":
      return "/review";
    case "leader":
      return "/";
  }
}
