import { badge, h, json, time } from "./dom.js";

export async function executionsView(view) {
  const executions = await json("/console/api/executions");
  const rows = executions.map((e) =>
    h(
      "tr",
      { "data-execution-arn": e.executionArn },
      h("td", {}, h("a", { href: `#/executions/${encodeURIComponent(e.executionArn)}` }, e.name)),
      h("td", {}, e.machine),
      h("td", {}, badge(e.status)),
      h("td", {}, e.orderStatus ? badge(e.orderStatus) : "—"),
      h("td", {}, time(e.startDate)),
    ),
  );
  view.replaceChildren(
    h("h2", {}, "Orders and executions"),
    rows.length === 0
      ? h("p.empty", {}, "No executions yet: place an order, or start one with the AWS CLI.")
      : h(
          "table#executions",
          {},
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, "Execution"),
              h("th", {}, "State machine"),
              h("th", {}, "Status"),
              h("th", {}, "Order"),
              h("th", {}, "Started"),
            ),
          ),
          h("tbody", {}, rows),
        ),
  );
}

function mailItem(mail) {
  const html = h("iframe", { sandbox: "", title: `HTML body of ${mail.subject}` });
  html.srcdoc = mail.html;
  return h(
    "li.mail",
    {},
    h(
      "details",
      {},
      h("summary", {}, h("strong", {}, mail.subject), ` → ${mail.to.join(", ")} · ${time(mail.receivedAt)}`),
      h("div.bodies", {}, h("pre", {}, mail.text), html),
    ),
  );
}

export async function mailView(view) {
  const { mails, undelivered } = await json("/console/api/mails");
  view.replaceChildren(
    h("h2", {}, "Mail sent to customers"),
    mails.length === 0 ? h("p.empty", {}, "No mail yet.") : h("ul#mail-list", {}, mails.map(mailItem)),
    undelivered.length === 0
      ? null
      : h(
          "div",
          {},
          h("h3", {}, "Dead letters"),
          h(
            "ul",
            {},
            undelivered.map((d) => h("li", {}, `${d.detailType} ${d.orderId ?? ""}: ${d.error}`)),
          ),
        ),
  );
}
