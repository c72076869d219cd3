import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COMMENT_MARKER, runCli } from "../src";

const fixtures = (side: string) => fileURLToPath(new URL(`./fixtures/${side}`, import.meta.url));

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) }, out, err };
}

describe("synth-diff CLI", () => {
  it("prints the comment for two folders and exits 0", async () => {
    // Prepare
    const { io, out } = captureIo();

    // Act
    const code = await runCli(["--base", fixtures("base"), "--head", fixtures("head")], io);

    // Assess
    expect(code).toBe(0);
    expect(out.join("")).toMatch(new RegExp(`^${COMMENT_MARKER}\n`));
    expect(out.join("")).toContain("| dev | +3 ~2 −0 |");
  });

  it("writes to --out with the labels and notes it was given", async () => {
    // Prepare
    const out = join(await mkdtemp(join(tmpdir(), "synth-diff-")), "comment.md");
    const { io } = captureIo();

    // Act
    const code = await runCli(
      [
        "--base",
        fixtures("base"),
        "--head",
        fixtures("head"),
        "--out",
        out,
        "--base-label",
        "main",
        "--head-label",
        "#7",
        "--note",
        "n1",
        "--note",
        "n2",
      ],
      io,
    );

    // Assess
    expect(code).toBe(0);
    const comment = await readFile(out, "utf8");
    expect(comment).toContain("main → #7");
    expect(comment).toContain("> n1\n\n> n2");
  });

  it("treats a missing base folder as no synth, so every head stack is new", async () => {
    const { io, out } = captureIo();
    const code = await runCli(["--base", "/nonexistent/synth", "--head", fixtures("head")], io);
    expect(code).toBe(0);
    expect(out.join("")).toContain("| prod | new stack: 21 resources |");
  });

  it("exits 2 with the usage when a folder is not given", async () => {
    const { io, err } = captureIo();
    expect(await runCli(["--head", fixtures("head")], io)).toBe(2);
    expect(err.join("")).toContain("--base and --head are required");
  });

  it("exits 2 on an unknown option", async () => {
    const { io, err } = captureIo();
    expect(await runCli(["--base", "a", "--head", "b", "--colour"], io)).toBe(2);
    expect(err.join("")).toContain("usage: synth-diff");
  });

  it("exits 1 naming the file when a synth file is broken", async () => {
    // Prepare
    const folder = await mkdtemp(join(tmpdir(), "synth-diff-"));
    await writeFile(join(folder, "dev.json"), '{"resources": 3}');
    const { io, err } = captureIo();

    // Act
    const code = await runCli(["--base", folder, "--head", fixtures("head")], io);

    // Assess
    expect(code).toBe(1);
    expect(err.join("")).toContain(`${join(folder, "dev.json")} is not a synth file: resources`);
  });
});
