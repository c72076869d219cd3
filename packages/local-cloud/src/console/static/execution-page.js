import { badge, h, json, money, time } from "./dom.js";

const OUTCOMES = ["running", "succeeded", "failed", "caught", "retried", "compensated"];

/** Colours the drawn graph: each state by its outcome, each transition the execution took. */
function colourGraph(container, path) {
  for (const node of container.querySelectorAll("g.state")) {
    const view = path.states[node.dataset.state];
    node.classList.remove(...OUTCOMES);
    if (view) node.classList.add(view.outcome);
    node.querySelector("title").textContent =
      `${node.dataset.state}: ${view ? view.outcome : "not run"}${view?.retries ? `, ${view.retries} retried` : ""}${view?.error ? `, ${view.error}` : ""}`;
  }
  for (const edge of container.querySelectorAll("path.edge.taken")) edge.classList.remove("taken");
  for (const { from, to, error } of path.taken) {
    const edges = [...container.querySelectorAll("path.edge[data-from]")].filter(
      (e) =>
        e.dataset.from === from &&
        e.dataset.to === to &&
        e.classList.contains("catch") === (error !== undefined),
    );
    // A Catch is taken by its first catcher that names the error (or States.ALL), as Step Functions picks it.
    const names = (e) => (e.dataset.errors ?? "").split(" ");
    const edge =
      error === undefined
        ? edges[0]
        : edges.find((e) => names(e).includes(error) || names(e).includes("States.ALL"));
    edge?.classList.add("taken");
  }
}

function detailOf(event) {
  const key = Object.keys(event).find((k) => k.endsWith("EventDetails"));
  const details = key ? event[key] : {};
  return [
    details.name,
    details.resourceType && `${details.resourceType}:${details.resource}`,
    details.error,
    details.cause,
  ]
    .filter(Boolean)
    .join(" · ");
}

function historyTable(history) {
  return h(
    "table.history#history",
    {},
    h(
      "thead",
      {},
      h("tr", {}, h("th", {}, "#"), h("th", {}, "Type"), h("th", {}, "Details"), h("th", {}, "Time")),
    ),
    h(
      "tbody",
      {},
      history.map((e) =>
        h(
          "tr",
          { "data-type": e.type },
          h("td", {}, String(e.id)),
          h("td", {}, e.type),
          h("td", {}, detailOf(e)),
          h("td", {}, time(e.timestamp * 1000)),
        ),
      ),
    ),
  );
}

function list(id, items, render) {
  return items.length === 0
    ? h("p.empty", {}, "none")
    : h(
        `ul#${id}`,
        {},
        items.map((item) => h("li", {}, render(item))),
      );
}

function ledgerView(ledger) {
  if (!ledger) return h("p.empty", {}, "This state machine is not the order workflow: no ledger.");
  return h(
    "div.ledger#ledger",
    {},
    h("h3", {}, "Order"),
    h("p", {}, badge(ledger.order?.status), ledger.order?.error ? ` ${ledger.order.error}` : ""),
    h("h3", {}, "Stock"),
    list(
      "ledger-stock",
      Object.entries(ledger.inventory),
      ([sku, s]) => `${sku}: ${s.available} available, ${s.reserved} reserved`,
    ),
    h("h3", {}, "Payments"),
    list("ledger-payments", ledger.payments, (p) => [badge(p.status), ` ${p.amount ? money(p.amount) : ""}`]),
    h("h3", {}, "Shipments"),
    list("ledger-shipments", ledger.shipments, (s) => [badge(s.status), ` ${s.trackingNumber ?? ""}`]),
    h("h3", {}, "Events"),
    list("ledger-events", ledger.events, (e) => e.detailType),
    h("h3", {}, "Mails"),
    list("ledger-mails", ledger.mails, (m) => `${m.subject} → ${m.to.join(", ")}`),
    ledger.undelivered.length > 0
      ? h("p.error", {}, `${ledger.undelivered.length} notification(s) in the dead-letter list`)
      : null,
  );
}

function legend() {
  return h(
    "p.legend",
    {},
    OUTCOMES.map((o) => h(`span.key.${o}`, {}, o)),
    h("span.key", {}, "not run"),
  );
}

/** The execution page: its graph coloured by what happened, the AWS history, the order's ledger. */
export async function executionView(view, executionArn) {
  const data = await json(`/console/api/execution?arn=${encodeURIComponent(executionArn)}`);
  const { execution } = data;
  const graph = h("div.graph#graph");
  graph.innerHTML = data.graph;
  colourGraph(graph, data.path);
  view.replaceChildren(
    h(
      "section.execution",
      { "data-execution-arn": execution.executionArn },
      h(
        "h2",
        {},
        `${execution.machine} · ${execution.name} `,
        h("span#execution-status", { class: `badge ${execution.status.toLowerCase()}` }, execution.status),
      ),
      h(
        "p.meta",
        {},
        `started ${time(execution.startDate)}${execution.stopDate ? `, ended ${time(execution.stopDate)}` : ""}`,
      ),
      h(
        "div.columns",
        {},
        h("div", {}, legend(), graph),
        h("div", {}, h("h2", {}, "Ledger"), ledgerView(data.ledger)),
      ),
      h("h2", {}, "Event history"),
      historyTable(data.history),
    ),
  );
}
