/** Progress against time (序时进度): plain functions, no database, safe in client and server code. */
export * from "./status";
export * from "./schedule";
export * from "./evaluate";
