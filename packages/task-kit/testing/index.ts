export { type CapturedLogs, captureLogs } from "./capture-logs";
