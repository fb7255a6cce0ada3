export * from "./parse";
export * from "./actuals";
