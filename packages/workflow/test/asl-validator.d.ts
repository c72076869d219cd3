// asl-validator 4 ships JavaScript only; this is the part of its API the tests use.
declare module "asl-validator" {
  interface AslValidationResult {
    readonly isValid: boolean;
    readonly errors: readonly { readonly message?: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(
    definition: unknown,
    options?: { readonly checkArn?: boolean; readonly checkPaths?: boolean },
  ): AslValidationResult;
}
