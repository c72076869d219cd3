export { setup } from "./vitest";
