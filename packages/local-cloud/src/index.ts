export { DEFAULT_SCOPES, loadDevIssuer, localIssuer } from "./api/dev-issuer";
export { DEFAULT_PORT, type LocalCloud, type LocalCloudOptions, startLocalCloud } from "./server";
export { defaultStateDir } from "./state-dir";
