import { h, json, money } from "./dom.js";

const COUNTRIES = ["DE", "AT", "NL", "FR", "US"];
const ADDRESS = { line1: "Main St 1", city: "Berlin", postalCode: "10115" };

function field(label, input) {
  return h("label", {}, h("span", {}, label), input);
}

function itemsTable(catalog) {
  return h(
    "table.items",
    {},
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, "Item"),
        h("th", {}, "Price"),
        h("th", {}, "In stock"),
        h("th", {}, "Quantity"),
      ),
    ),
    h(
      "tbody",
      {},
      catalog.map((item, index) =>
        h(
          "tr",
          {},
          h("td", {}, item.sku),
          h("td", {}, money(item.price)),
          h("td", {}, String(item.available)),
          h(
            "td",
            {},
            h("input", {
              type: "number",
              min: 0,
              max: 999,
              value: index === 0 ? 1 : 0,
              "data-sku": item.sku,
            }),
          ),
        ),
      ),
    ),
  );
}

function faultTable(overview) {
  const outcomes = overview.faultOutcomes.filter((o) => o !== "ok");
  const planned = overview.nextFaults ?? {};
  return h(
    "fieldset.faults",
    {},
    h("legend", {}, "Fault injection for this order (first invocation of each state)"),
    overview.faultableStates.map((state) =>
      field(
        state,
        h(
          "select",
          { "data-fault-state": state },
          h("option", { value: "" }, "—"),
          outcomes.map((o) => h("option", { value: o, selected: planned[state]?.[0] === o }, o)),
        ),
      ),
    ),
  );
}

function addressFields(name) {
  return h(
    "fieldset.grid",
    {},
    h("legend", {}, "Ship to"),
    field("Name", h("input#name", { value: name, required: true })),
    field("Street", h("input#line1", { value: ADDRESS.line1, required: true })),
    field("City", h("input#city", { value: ADDRESS.city, required: true })),
    field("Postal code", h("input#postalCode", { value: ADDRESS.postalCode, required: true })),
    field(
      "Country",
      h(
        "select#country",
        {},
        COUNTRIES.map((c) => h("option", { value: c }, c)),
      ),
    ),
  );
}

function readOrder(form, overview) {
  const customer = overview.customers.find((c) => c.id === form.querySelector("#customer").value);
  const value = (id) => form.querySelector(`#${id}`).value;
  const items = [...form.querySelectorAll("input[data-sku]")]
    .map((input) => ({ sku: input.dataset.sku, quantity: Number(input.value) }))
    .filter((item) => item.quantity > 0);
  const faults = Object.fromEntries(
    [...form.querySelectorAll("select[data-fault-state]")]
      .filter((s) => s.value !== "")
      .map((s) => [s.dataset.faultState, [s.value]]),
  );
  return {
    customer,
    faults,
    order: {
      customer: { id: customer.id, email: customer.email },
      currency: "EUR",
      items,
      shippingAddress: {
        name: value("name"),
        line1: value("line1"),
        city: value("city"),
        postalCode: value("postalCode"),
        country: value("country"),
      },
      payment: { token: value("card") },
    },
  };
}

/**
 * Places the order the way the shop's web application does: a token for the customer from the development
 * issuer, then `POST /orders` on the orders API. The fault plan goes first, to the console's endpoint.
 */
async function placeOrder(form, overview, status) {
  const { customer, faults, order } = readOrder(form, overview);
  status.textContent = "placing the order…";
  await json("/console/api/next-faults", { method: "PUT", body: JSON.stringify({ plan: faults }) });
  const { token } = await json("/console/api/token", {
    method: "POST",
    body: JSON.stringify({ sub: customer.id }),
  });
  const accepted = await json("/orders", {
    method: "POST",
    body: JSON.stringify(order),
    headers: { authorization: `Bearer ${token}` },
  });
  const executionArn = `${overview.orderMachineArn.replace(":stateMachine:", ":execution:")}:${accepted.orderId}`;
  location.hash = `#/executions/${encodeURIComponent(executionArn)}`;
}

export async function orderView(view) {
  const overview = await json("/console/api/overview");
  const status = h("p.status#order-status", { role: "status" });
  const first = overview.customers[0];
  const form = h(
    "form#order-form",
    {},
    h("h2", {}, "Place an order"),
    h(
      "div.grid",
      {},
      field(
        "Customer",
        h(
          "select#customer",
          {},
          overview.customers.map((c) => h("option", { value: c.id }, `${c.name} (${c.id})`)),
        ),
      ),
      field(
        "Card",
        h(
          "select#card",
          {},
          overview.cards.map((c) => h("option", { value: c.token }, `${c.label} · ${c.token}`)),
        ),
      ),
    ),
    itemsTable(overview.catalog),
    addressFields(first.name),
    faultTable(overview),
    h("button", { type: "submit" }, "Place order"),
    status,
  );
  form.querySelector("#customer").addEventListener("change", (event) => {
    form.querySelector("#name").value = overview.customers.find((c) => c.id === event.target.value).name;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    placeOrder(form, overview, status).catch((error) => {
      const problems = error.body?.errors?.map((e) => `${e.path}: ${e.message}`).join("; ");
      status.textContent = `The order was not accepted: ${error.message}${problems ? ` (${problems})` : ""}`;
    });
  });
  view.replaceChildren(form);
}
