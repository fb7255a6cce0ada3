/** Runs once when the server starts, before it answers any request. */
export async function register() {
  // The Node.js server only (the Edge build drops the branch and never sees process.exit).
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartWithoutSecret } = await import("@/lib/security/startup");
    refuseToStartWithoutSecret();
  }
}
