/** The Pulumi config namespace of this project (`orderflow:<key>` in the stack files). */
export const CONFIG_NAMESPACE = "orderflow";
