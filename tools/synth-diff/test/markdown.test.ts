import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  COMMENT_MARKER,
  diffStacks,
  MAX_COMMENT_CHARS,
  readSynthFolder,
  renderMarkdown,
  type StackDiff,
  type SynthFile,
} from "../src";

const fixtures = (side: string) => fileURLToPath(new URL(`./fixtures/${side}`, import.meta.url));

async function fixtureComment(): Promise<string> {
  const [base, head] = await Promise.all([
    readSynthFolder(fixtures("base")),
    readSynthFolder(fixtures("head")),
  ]);
  return renderMarkdown(diffStacks(base, head), { baseLabel: "main @ aaaaaaa", headLabel: "#7 @ bbbbbbb" });
}

function synthWith(resourceNames: readonly string[]): SynthFile {
  return { resources: resourceNames.map((name) => ({ type: "aws:iam/role:Role", name, inputs: {} })) };
}

describe("renderMarkdown on the fixture synths", () => {
  it("starts with the hidden marker the commenting job searches for", async () => {
    expect((await fixtureComment()).split("\n")[0]).toBe(COMMENT_MARKER);
  });

  it("summarizes every stack in one table row, unchanged stacks included", async () => {
    const lines = (await fixtureComment()).split("\n");
    expect(lines).toContain("| dev | +3 ~2 −0 | +1 ~1 −0 states |");
    expect(lines).toContain("| prod | +0 ~0 −1 | no change |");
    expect(lines).toContain("| staging | no change | no change |");
  });

  it("lists the added function, the changed memory size and the rewired state", async () => {
    const comment = await fixtureComment();
    expect(comment).toContain("- ➕ `aws:lambda/function:Function` `gift-wrap`");
    expect(comment).toContain("- ✏️ `aws:lambda/function:Function` `validate-order`: memorySize 256 → 512");
    expect(comment).toContain("- ➕ `GiftWrap` (Task)");
    expect(comment).toContain("- ✏️ `ChargePayment` (Task): Next CreateShipment → GiftWrap");
    expect(comment).toContain("- ➖ `aws:cloudwatch/metricAlarm:MetricAlarm` `orders-executions-timed-out`");
  });

  it("folds details only for stacks that changed", async () => {
    const comment = await fixtureComment();
    expect(comment).toContain("<summary><b>dev</b>: resources +3 ~2 −0 · states +1 ~1 −0</summary>");
    expect(comment).toContain("<summary><b>prod</b>:");
    expect(comment).not.toContain("<summary><b>staging</b>");
  });

  it("is byte-identical when rendered twice, so an unchanged PR edits the comment to the same text", async () => {
    expect(await fixtureComment()).toBe(await fixtureComment());
  });
});

describe("renderMarkdown edge cases", () => {
  it("says so in one line when no stack changed", () => {
    const stacks = diffStacks(new Map([["dev", synthWith(["a"])]]), new Map([["dev", synthWith(["a"])]]));
    expect(renderMarkdown(stacks)).toBe(
      `${COMMENT_MARKER}\n### Offline synth diff\n\nNo resource or state-machine changes in dev.\n`,
    );
  });

  it("marks a stack that only head has as new, and shows the notes as quotes", () => {
    const stacks = diffStacks(new Map(), new Map([["qa", synthWith(["a", "b"])]]));
    const comment = renderMarkdown(stacks, { notes: ["The base commit has no synth."] });
    expect(comment).toContain("> The base commit has no synth.");
    expect(comment).toContain("| qa | new stack: 2 resources | no change |");
  });

  it("keeps names from pull-request code inside code spans and stack names out of markup", () => {
    const stacks = diffStacks(
      new Map([["<b>x|y</b>", synthWith([])]]),
      new Map([["<b>x|y</b>", synthWith(["evil`</details>\nname"])]]),
    );
    const comment = renderMarkdown(stacks);
    expect(comment).toContain("- ➕ `aws:iam/role:Role` `evil'</details>'name`");
    expect(comment).toContain("| &#60;b&#62;x&#124;y&#60;/b&#62; |");
  });

  it("summarizes what is past the per-stack budget as a count", () => {
    const names = Array.from({ length: 12 }, (_, i) => `role-${String(i).padStart(2, "0")}`);
    const stacks = diffStacks(new Map([["dev", synthWith([])]]), new Map([["dev", synthWith(names)]]));
    const comment = renderMarkdown(stacks, { maxItemsPerStack: 5 });
    expect(comment).toContain("`role-04`");
    expect(comment).not.toContain("`role-05`");
    expect(comment).toContain("- … and 7 more");
  });

  it("stays under GitHub's comment limit however many resources changed", () => {
    const names = Array.from({ length: 5000 }, (_, i) => `a-rather-long-resource-name-number-${i}`);
    const stacks: StackDiff[] = diffStacks(
      new Map([["dev", synthWith([])]]),
      new Map([["dev", synthWith(names)]]),
    );
    const comment = renderMarkdown(stacks, { maxItemsPerStack: 100_000 });
    expect(comment.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(comment).toContain("| dev | +5000 ~0 −0 | no change |");
  });
});

describe("stack order", () => {
  it("lists stacks in promotion order dev, staging, prod, then the others by name", () => {
    const synth = { resources: [] };
    const names = ["prod", "alpha", "staging", "dev", "zeta"];
    const stacks = diffStacks(new Map(names.map((n) => [n, synth])), new Map(names.map((n) => [n, synth])));
    expect(stacks.map((s) => s.stack)).toEqual(["dev", "staging", "prod", "alpha", "zeta"]);
  });
});
